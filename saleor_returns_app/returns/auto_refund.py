"""Resolving a return without staff: each market chooses the moment (on receipt by default).

`ON_DELIVERY_SCAN` needs carrier tracking (the carrier layer); until then such markets are
resolved by staff.
"""

from __future__ import annotations

from datetime import datetime

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.lifecycle import SYSTEM, record_event
from saleor_returns_app.returns.models import RefundTrigger, ReturnRequest
from saleor_returns_app.returns.outcomes import ServiceResult
from saleor_returns_app.returns.refunds import refund_return


def refund_trigger_of(return_request: ReturnRequest) -> RefundTrigger:
    market = return_request.market
    return RefundTrigger(market.refund_trigger) if market else RefundTrigger.ON_RECEIPT


def resolve_if_due(
    *, installation: Installation, return_request_id: int, moment: RefundTrigger, now: datetime
) -> ServiceResult | None:
    """At `moment`, refund (or exchange, or credit) the return if its market says so.

    The amount is the policy's: received items minus its fees. When the refund cannot be
    made (nothing to refund, say), the return stays for staff and the timeline says why.
    """
    return_request = (
        ReturnRequest.objects.for_installation(installation)
        .select_related("market")
        .get(pk=return_request_id)
    )
    if refund_trigger_of(return_request) != moment:
        return None
    result = refund_return(
        installation=installation,
        return_request_id=return_request_id,
        actor=SYSTEM,
        amount=None,
        include_shipping=False,
        now=now,
    )
    if result.errors:
        record_event(
            return_request,
            type="AUTO_REFUND_SKIPPED",
            actor=SYSTEM,
            data={"moment": moment, "errors": [e.code for e in result.errors]},
        )
    return result
