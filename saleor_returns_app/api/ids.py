"""Global ids (`base64("ReturnRequest:12")`), as Saleor and Relay use them."""

from __future__ import annotations

import binascii
import re

from graphql_relay import from_global_id, to_global_id


def global_id(type_name: str, pk: int) -> str:
    return to_global_id(type_name, str(pk))


def pk_from_global_id(value: str, type_name: str) -> int | None:
    """The primary key a global id names, or None if it is malformed or of another type."""
    try:
        resolved = from_global_id(value)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        return None
    if resolved.type != type_name or not re.fullmatch(r"[1-9][0-9]{0,17}", resolved.id):
        return None
    return int(resolved.id)
