"""Telling staff on the Saleor order what happened to a return: a note and a metadata summary.

Called by every service that moves a return (create, approve, reject, receive, inspect,
refund, cancel, close), inside its transaction, so the announcement is stored with the change.
"""

from __future__ import annotations

from saleor_returns_app.returns.models import ReturnRequest
from saleor_returns_app.saleor_sync.models import SaleorOperation
from saleor_returns_app.saleor_sync.services import Planned, plan

_HEADLINES = {
    "CREATED": "requested",
    "APPROVE": "approved",
    "REJECT": "rejected",
    "SHIP": "on its way back",
    "RECEIVE": "received",
    "INSPECT": "inspected",
    "REFUND": "refunded",
    "EXCHANGE": "exchanged",
    "ISSUE_STORE_CREDIT": "resolved with store credit",
    "CLOSE": "closed",
    "CANCEL": "cancelled",
}


def note_text(return_request: ReturnRequest, event: str, detail: str = "") -> str:
    headline = _HEADLINES.get(event, event.lower().replace("_", " "))
    text = f"Return {return_request.rma} {headline} (status {return_request.status})."
    return f"{text} {detail}".strip()


def announce(return_request: ReturnRequest, *, event: str, detail: str = "") -> None:
    """Plan an order note and a metadata refresh for `event` (once per return and event)."""
    plan(
        return_request=return_request,
        operations=[
            Planned(
                SaleorOperation.Kind.NOTE,
                event,
                {"message": note_text(return_request, event, detail)},
            ),
            # The summary is computed when sent, so the payload stays empty.
            Planned(SaleorOperation.Kind.METADATA, event),
        ],
    )
