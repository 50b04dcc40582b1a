"""Each market chooses when a received return is resolved without staff."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from saleor_returns_app.returns.lifecycle import Actor
from saleor_returns_app.returns.models import Market, RefundTrigger, ReturnEvent, ReturnLine
from saleor_returns_app.returns.policies import publish_policy
from saleor_returns_app.returns.policy import Method, Resolution
from saleor_returns_app.returns.receiving import ReceivedLine, inspect_return, receive_return
from saleor_returns_app.returns.services import create_return_request

from .test_create_return import GUEST, SHOPPER, _line

STAFF = Actor(ReturnEvent.Actor.STAFF, id="VXNlcjox", email="ana@shop.ro")


@pytest.fixture
def order(saleor, installed):
    channel = saleor.store.add_channel(slug="ro", currency="RON", country="RO")
    shirt = saleor.store.add_product(
        "Cămașă", variants=[{"sku": "C-M", "name": "M", "price": "200"}]
    )
    order = saleor.store.add_order(
        channel=channel, lines=[(shirt.variants[0], 1)], user_email="stefan@example.ro"
    )
    saleor.fulfill(order, deliver=False)
    return order


def _returned_and_received(installation, order, *, trigger=None, rules=None):
    if trigger or rules:
        market = Market.objects.create(
            installation=installation,
            name="Romania",
            countries=["RO"],
            currency="RON",
            refund_trigger=trigger or RefundTrigger.ON_RECEIPT,
        )
        if rules:
            publish_policy(market=market, rules=rules)
    created = create_return_request(
        installation=installation,
        order_id=order["id"],
        lines=[_line(order)],
        method=Method.SELF_SHIP,
        resolution=Resolution.REFUND,
        customer=GUEST,
        actor=SHOPPER,
        now=datetime.now(UTC),
    ).return_request
    line = created.lines.get()
    received = receive_return(
        installation=installation,
        return_request_id=created.pk,
        actor=STAFF,
        lines=[ReceivedLine(line.pk, 1, ReturnLine.Condition.AS_NEW, False)],
        now=datetime.now(UTC),
    )
    assert received.errors == ()
    return received.return_request


def test_by_default_a_received_return_is_refunded_at_once(installation, order):
    return_request = _returned_and_received(installation, order)
    assert return_request.status == "REFUNDED"
    assert return_request.refund_amount == Decimal("200.00")


def test_a_market_can_leave_refunds_to_staff(installation, order):
    return_request = _returned_and_received(installation, order, trigger=RefundTrigger.MANUAL)
    assert return_request.status == "RECEIVED"


def test_a_market_can_refund_after_inspection(installation, order):
    return_request = _returned_and_received(
        installation, order, trigger=RefundTrigger.ON_INSPECTION
    )
    assert return_request.status == "RECEIVED"
    inspected = inspect_return(
        installation=installation,
        return_request_id=return_request.pk,
        actor=STAFF,
        now=datetime.now(UTC),
    )
    assert inspected.status == "REFUNDED"
    assert [e.type for e in inspected.events.all()][-2:] == ["INSPECT", "REFUND"]


def test_a_return_with_nothing_to_refund_waits_for_staff_and_says_why(installation, order):
    # given a market whose restocking fee takes the whole value
    return_request = _returned_and_received(
        installation, order, rules={"restocking_fee_percent": "100"}
    )
    assert return_request.status == "RECEIVED"
    skipped = return_request.events.get(type="AUTO_REFUND_SKIPPED")
    assert skipped.data == {"moment": "ON_RECEIPT", "errors": ["NOTHING_TO_REFUND"]}
