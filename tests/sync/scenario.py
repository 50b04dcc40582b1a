"""Steps of a return's story, shared by the sync tests."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.lifecycle import Actor
from saleor_returns_app.returns.models import (
    Market,
    RefundTrigger,
    ReturnEvent,
    ReturnLine,
    ReturnRequest,
)
from saleor_returns_app.returns.outcomes import ServiceResult
from saleor_returns_app.returns.policy import Method, RequestedLine, Resolution
from saleor_returns_app.returns.receiving import ReceivedLine, receive_return
from saleor_returns_app.returns.refunds import refund_return
from saleor_returns_app.returns.services import CustomerProof, ProofKind, create_return_request
from saleor_returns_app.saleor_sync.models import SaleorOperation
from saleor_returns_app.saleor_sync.services import run_operation
from saleor_returns_app.testing.waiting import wait_for

SHOPPER = Actor(ReturnEvent.Actor.SHOPPER, email="stefan@example.ro")
STAFF = Actor(ReturnEvent.Actor.STAFF, id="VXNlcjox", email="ana@shop.ro")
GUEST = CustomerProof(ProofKind.GUEST, email="stefan@example.ro")

Status = SaleorOperation.Status
Kind = SaleorOperation.Kind


def create_return(
    installation: Installation,
    order,
    quantities: dict[int, int],
    *,
    resolution: Resolution = Resolution.REFUND,
    reason: str = "TOO_SMALL",
    reasons: dict[int, str] | None = None,
) -> ReturnRequest:
    """The shopper asks to return `quantities` (order line index -> units), for `reason`
    or per line for `reasons` (order line index -> reason code).

    The store's default market leaves refunds to staff, so each step of the story is
    driven by the test (markets refund on receipt unless they say otherwise).
    """
    Market.objects.get_or_create(
        installation=installation,
        name="Staff refunds",
        defaults={"currency": "RON", "is_default": True, "refund_trigger": RefundTrigger.MANUAL},
    )
    result = create_return_request(
        installation=installation,
        order_id=order["id"],
        lines=[
            RequestedLine(
                line_id=order["lines"][index]["id"],
                quantity=quantity,
                reason_code=(reasons or {}).get(index, reason),
                comment="",
                photo_count=0,
            )
            for index, quantity in quantities.items()
        ],
        method=Method.SELF_SHIP,
        resolution=resolution,
        customer=GUEST,
        actor=SHOPPER,
        now=datetime.now(UTC),
    )
    assert result.errors == (), result.errors
    return result.return_request


def line_of(return_request: ReturnRequest, sku: str) -> ReturnLine:
    return return_request.lines.get(sku=sku)


def receive(
    installation: Installation, return_request: ReturnRequest, lines: list[ReceivedLine]
) -> ServiceResult:
    return receive_return(
        installation=installation,
        return_request_id=return_request.pk,
        actor=STAFF,
        lines=lines,
        now=datetime.now(UTC),
    )


def refund(
    installation: Installation,
    return_request: ReturnRequest,
    amount: Decimal | None = None,
    *,
    include_shipping: bool = False,
) -> ServiceResult:
    return refund_return(
        installation=installation,
        return_request_id=return_request.pk,
        actor=STAFF,
        amount=amount,
        include_shipping=include_shipping,
        now=datetime.now(UTC),
    )


def operations(return_request: ReturnRequest) -> list[SaleorOperation]:
    return list(SaleorOperation.objects.filter(return_request=return_request).order_by("pk"))


def run_pending_here(return_request: ReturnRequest) -> list[SaleorOperation]:
    """Run the return's pending operations in this process, follow-ups included."""
    while True:
        pending = [op for op in operations(return_request) if op.status == Status.PENDING]
        if not pending:
            return operations(return_request)
        for operation in pending:
            run_operation(operation.pk)


def wait_until_synced(return_request: ReturnRequest, *kinds: Kind) -> list[SaleorOperation]:
    """Wait for the worker: nothing pending, and every kind in `kinds` planned and finished.

    Follow-ups are planned in the commit that finishes their parent, so "nothing pending"
    cannot be seen between a parent and its follow-up.
    """

    def synced() -> list[SaleorOperation] | None:
        ops = operations(return_request)
        finished = ops and all(op.status != Status.PENDING for op in ops)
        planned = {op.kind for op in ops}
        return ops if finished and set(kinds) <= planned else None

    return wait_for(synced)


def timeline(return_request: ReturnRequest) -> list[str]:
    return list(return_request.events.order_by("created_at", "pk").values_list("type", flat=True))
