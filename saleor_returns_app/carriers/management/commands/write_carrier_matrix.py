"""`python -m saleor_returns_app write_carrier_matrix [--check]`: write `docs/carriers.md`."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from saleor_returns_app.carriers.matrix import render_matrix


def matrix_path() -> Path:
    return settings.REPO_ROOT / "docs" / "carriers.md"


class Command(BaseCommand):
    help = "Write the carrier capability matrix to docs/carriers.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Fail if the file is stale.")

    def handle(self, *args: object, **options: object) -> None:
        path = matrix_path()
        rendered = render_matrix()
        if options["check"]:
            if not path.exists() or path.read_text() != rendered:
                self.stderr.write(f"{path} is stale: run write_carrier_matrix.")
                raise SystemExit(1)
            return
        path.write_text(rendered)
        self.stdout.write(f"wrote {path}")
