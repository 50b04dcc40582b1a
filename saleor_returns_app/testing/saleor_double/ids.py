"""Global object ids in Saleor's (graphene's) format: base64 of ``"Type:pk"``."""

from __future__ import annotations

import base64
import binascii


def to_global_id(type_name: str, pk: object) -> str:
    """Encode ``pk`` of ``type_name`` the way Saleor exposes ids in its API."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def from_global_id(global_id: str) -> tuple[str, str]:
    """Split a global id into ``(type_name, pk)``; ``ValueError`` if it is not one."""
    try:
        decoded = base64.b64decode(global_id, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"Couldn't resolve id: {global_id}.") from exc
    type_name, sep, pk = decoded.partition(":")
    if not sep or not type_name or not pk:
        raise ValueError(f"Couldn't resolve id: {global_id}.")
    return type_name, pk


def pk_for_type(global_id: str, expected_type: str) -> str:
    """Return the pk of ``global_id`` or raise ``ValueError`` with Saleor's wording."""
    type_name, pk = from_global_id(global_id)
    if type_name != expected_type:
        raise ValueError(
            f"Invalid ID: {global_id}. Expected: {expected_type}, received: {type_name}."
        )
    return pk
