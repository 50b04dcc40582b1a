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


class Refused(Exception):
    """A service refuses what was asked, for a reason staff can read: `code` for the API,
    `message` (the `str()`) for people. Subclasses set `code`, or pass it with the message."""

    code = "REFUSED"

    def __init__(self, message: str = "", code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self)
