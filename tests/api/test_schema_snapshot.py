"""The committed SDL of the app's API (`graphql/app-schema.graphql`) matches the code."""

from __future__ import annotations

import subprocess
import sys

from django.conf import settings

from saleor_returns_app.api.schema import schema_sdl


def test_committed_app_schema_matches_the_code():
    # after changing the API, run `python -m saleor_returns_app export_app_schema`
    committed = (settings.REPO_ROOT / "graphql" / "app-schema.graphql").read_text()
    assert committed == schema_sdl()


def test_export_command_checks_the_committed_file():
    command = [sys.executable, "-m", "saleor_returns_app", "export_app_schema", "--check"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=settings.REPO_ROOT)
    assert result.returncode == 0, result.stderr
