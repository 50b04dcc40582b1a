"""One order's whole story, through a real worker: Saleor and our timeline agree at the end."""

from __future__ import annotations

from decimal import Decimal

import pytest

from saleor_returns_app.returns.models import Market, ReturnLine
from saleor_returns_app.returns.policies import publish_policy
from saleor_returns_app.returns.receiving import ReceivedLine
from saleor_returns_app.returns.refunds import close_return

from .conftest import INITIAL_STOCK
from .scenario import (
    STAFF,
    Kind,
    Status,
    create_return,
    line_of,
    receive,
    timeline,
    wait_until_synced,
)


@pytest.mark.worker
def test_create_approve_receive_refund_close(installation, shop, celery_worker):
    # given a Romanian market charging a 10 % restocking fee, refunding on receipt (the default)
    market = Market.objects.create(
        installation=installation, name="Romania", countries=["RO"], currency="RON"
    )
    publish_policy(market=market, rules={"restocking_fee_percent": "10"})

    # when the shopper asks to return everything: the policy approves at once
    return_request = create_return(installation, shop.order, {0: 2, 1: 1})
    assert return_request.status == "APPROVED"
    assert return_request.restocking_fee == Decimal("55.00")

    # and staff receive it: the M shirts go back on sale, the L shirt arrived damaged
    received = receive(
        installation,
        return_request,
        [
            ReceivedLine(
                line_of(return_request, "CAM-M").pk,
                2,
                ReturnLine.Condition.AS_NEW,
                True,
                shop.warehouse["id"],
            ),
            ReceivedLine(
                line_of(return_request, "CAM-L").pk, 1, ReturnLine.Condition.DAMAGED, False
            ),
        ],
    )
    assert received.errors == ()

    # then receiving refunded it: what arrived (550) less the restocking fee (55) and shipping fee
    assert received.return_request.status == "REFUNDED"
    expected = Decimal("550.00") - Decimal("55.00") - return_request.shipping_fee
    assert received.return_request.refund_amount == expected
    assert return_request.events.get(type="REFUND").actor == "SYSTEM"

    # and close it once resolved
    closed = close_return(
        installation=installation, return_request_id=return_request.pk, actor=STAFF
    )
    assert closed.status == "CLOSED"
    ops = wait_until_synced(return_request, Kind.RESTOCK, Kind.REQUEST_REFUND)

    # then every Saleor write went through, once
    assert {op.status for op in ops} == {Status.DONE}
    assert [f["status"] for f in shop.fulfilments] == ["RETURNED"]
    assert return_request.rma in shop.fulfilments[0]["reason"]
    assert (shop.stock(0), shop.stock(1)) == (INITIAL_STOCK, INITIAL_STOCK - 1)
    (granted,) = shop.saleor.store.granted_refunds(shop.order)
    assert Decimal(str(granted["amount"]["amount"])) == expected
    assert len(shop.saleor.store.refund_requests) == 1
    # and staff see the story on the Saleor order
    notes = [n for n in shop.notes() if return_request.rma in n]
    for word in ("requested", "received", "refunded", "closed"):
        assert any(word in note for note in notes), word
    assert shop.metadata()["returns.status"] == "CLOSED"
    assert shop.metadata()["returns.open_count"] == "0"

    # and our timeline tells the whole story, staff steps in order
    events = timeline(return_request)
    steps = [e for e in events if e in {"CREATED", "APPROVE", "RECEIVE", "REFUND", "CLOSE"}]
    assert steps == ["CREATED", "APPROVE", "RECEIVE", "REFUND", "CLOSE"]
    assert {
        "SALEOR_RETURNED",
        "SALEOR_RESTOCKED",
        "SALEOR_REFUND_GRANTED",
        "SALEOR_REFUND_REQUESTED",
    } <= set(events)
    assert "SALEOR_SYNC_FAILED" not in events
    refund_event = return_request.events.get(type="REFUND")
    assert refund_event.data["restocking_fee"] == "55.00"
    receive_event = return_request.events.get(type="RECEIVE")
    assert [line["condition"] for line in receive_event.data["lines"]] == ["AS_NEW", "DAMAGED"]
