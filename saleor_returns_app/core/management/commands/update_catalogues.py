"""`python -m saleor_returns_app update_catalogues` (`make messages`): refresh every catalogue.

Each app with a `locale/` directory gets its .po files re-extracted from its code by Django's
makemessages (GNU xgettext) and its .mo files compiled from them by Babel.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from saleor_returns_app.core.catalogues import PACKAGE, locale_dir, project_apps, update


class Command(BaseCommand):
    help = "Extract each app's messages into its locale/ catalogues and compile them."

    def handle(self, *args: object, **options: object) -> None:
        for app in project_apps():
            if not locale_dir(app).is_dir():
                continue
            for mo in update(app):
                self.stdout.write(f"compiled {mo.relative_to(PACKAGE.parent)}")
