"""Saleor schema versions as comparable tuples."""

from __future__ import annotations

import re

Version = tuple[int, int]

_VERSION = re.compile(r"^\s*(\d+)\.(\d+)")


def parse_schema_version(value: str | None) -> Version | None:
    """`"3.24"` → `(3, 24)`; a missing or unreadable header means "the newest Saleor"."""
    if not value:
        return None
    match = _VERSION.match(value)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2))


def supports(schema_version: Version | None, minimum: Version | None) -> bool:
    if minimum is None or schema_version is None:
        return True
    return schema_version >= minimum
