"""`{% field form "line" line.index "quantity" %}`: a form value or error by its parts' name."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

register = template.Library()


@register.simple_tag
def field(values: Mapping[str, str] | None, *parts: object) -> str:
    """The entry of `values` named by `parts` joined with "-" (`line-3-quantity`), else ""."""
    if not values:
        return ""
    return values.get("-".join(str(part) for part in parts)) or ""
