"""What the staff services answer: the changed return, or the reasons nothing changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from saleor_returns_app.returns.models import ReturnRequest


@dataclass(frozen=True)
class FieldError:
    """`field` is a path into the input (`lines.0.quantity`), or None for the whole return."""

    field: str | None
    code: str
    message: str


@dataclass(frozen=True)
class ServiceResult:
    return_request: ReturnRequest | None
    errors: Sequence[FieldError] = field(default_factory=tuple)
