"""`python -m saleor_returns_app write_manifest`: regenerate the reviewed `manifest.json`."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from saleor_returns_app.saleor.manifest import build_manifest

SNAPSHOT_BASE_URL = "http://localhost:8100"


def render_snapshot() -> str:
    """The manifest as `make run` serves it to the newest Saleor, as committed JSON."""
    manifest = build_manifest(base_url=SNAPSHOT_BASE_URL, schema_version=None)
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Write manifest.json at the repository root from the code that serves the manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Fail if the file is stale.")

    def handle(self, *args: object, **options: object) -> None:
        path = settings.REPO_ROOT / "manifest.json"
        rendered = render_snapshot()
        if options["check"]:
            if not path.exists() or path.read_text() != rendered:
                self.stderr.write("manifest.json is stale: run `make manifest`.")
                raise SystemExit(1)
            return
        path.write_text(rendered)
        self.stdout.write(f"wrote {path}")
