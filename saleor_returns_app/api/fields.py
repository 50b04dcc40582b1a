"""Small resolver helpers shared by the API's object types."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def blank_as_null(attribute: str) -> Callable[[Any, Any], Any]:
    """A resolver for a text column stored as "" when unknown, which the API shows as null."""

    def resolve(source: Any, _info: Any) -> Any:
        return getattr(source, attribute) or None

    return resolve


def enum_value(value: Any) -> str:
    """The plain value of a graphene enum argument (graphene passes members or strings)."""
    return str(getattr(value, "value", value))
