"""Returns for the inbox's browser tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from saleor_returns_app.api.ids import global_id
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.models import ReturnLine, ReturnRequest
from saleor_returns_app.testing.factories import make_return_request


def make_return(
    installation: Installation,
    *,
    created_at: datetime | None = None,
    reason: str | None = None,
    **overrides: Any,
) -> ReturnRequest:
    """A stored return; ``created_at`` and the line's ``reason`` code set after creation."""
    return_request = make_return_request(installation, **overrides)
    if created_at is not None:
        ReturnRequest.objects.filter(pk=return_request.pk).update(created_at=created_at)
    if reason is not None:
        ReturnLine.objects.filter(return_request=return_request).update(reason_code=reason)
    return_request.refresh_from_db()
    return return_request


def gid(return_request: ReturnRequest) -> str:
    return global_id("ReturnRequest", return_request.pk)


def status_of(return_request: ReturnRequest) -> str:
    return ReturnRequest.objects.get(pk=return_request.pk).status
