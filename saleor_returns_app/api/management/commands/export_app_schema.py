"""`python -m saleor_returns_app export_app_schema`: write `graphql/app-schema.graphql`."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from saleor_returns_app.api.schema import schema_sdl


def schema_path() -> Path:
    return settings.REPO_ROOT / "graphql" / "app-schema.graphql"


class Command(BaseCommand):
    help = "Write the SDL of the app's own GraphQL API to graphql/app-schema.graphql."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Fail if the file is stale.")

    def handle(self, *args: object, **options: object) -> None:
        path = schema_path()
        rendered = schema_sdl()
        if options["check"]:
            if not path.exists() or path.read_text() != rendered:
                self.stderr.write(f"{path} is stale: run export_app_schema.")
                raise SystemExit(1)
            return
        path.write_text(rendered)
        self.stdout.write(f"wrote {path}")
