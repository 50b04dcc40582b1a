"""`python -m saleor_returns_app sync_webhooks`: update every installation's webhooks in Saleor."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.saleor.client import SaleorError
from saleor_returns_app.webhooks.sync import sync_webhooks


class Command(BaseCommand):
    help = "Create, update and delete the app's webhooks in Saleor to match this version."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--saleor-api-url", help="Only this installation (default: all).")
        parser.add_argument(
            "--app-url", default=settings.APP_URL, help="Public base URL (default: APP_URL)."
        )

    def handle(self, *args: object, **options: object) -> None:
        app_url = str(options["app_url"] or "").rstrip("/")
        if not app_url:
            raise CommandError("Set APP_URL or pass --app-url: webhook targets need it.")
        installations = Installation.objects.filter(is_active=True)
        if options["saleor_api_url"]:
            installations = installations.filter(saleor_api_url=options["saleor_api_url"])
            if not installations.exists():
                raise CommandError(f"No active installation for {options['saleor_api_url']}.")
        failed = 0
        for installation in installations:
            try:
                report = sync_webhooks(installation, base_url=app_url)
            except SaleorError as exc:
                failed += 1
                self.stderr.write(f"{installation.saleor_api_url}: failed: {exc}")
                continue
            self.stdout.write(
                f"{installation.saleor_api_url}: created {len(report.created)}, "
                f"updated {len(report.updated)}, deleted {len(report.deleted)}, "
                f"unchanged {len(report.unchanged)}"
            )
        if failed:
            raise CommandError(f"{failed} installation(s) could not be synced.")
