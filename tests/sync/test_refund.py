"""Resolving a received return: a refund granted and requested once, or store credit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from saleor_returns_app.returns.models import Market, RefundTrigger, ReturnLine
from saleor_returns_app.returns.policies import publish_policy
from saleor_returns_app.returns.policy import Resolution
from saleor_returns_app.returns.receiving import ReceivedLine
from saleor_returns_app.saleor.manifest import PERMISSIONS

from .scenario import (
    Kind,
    Status,
    create_return,
    line_of,
    operations,
    receive,
    refund,
    run_pending_here,
    timeline,
    wait_until_synced,
)

AS_NEW = ReturnLine.Condition.AS_NEW
WITHOUT_HANDLE_PAYMENTS = [p for p in PERMISSIONS if p != "HANDLE_PAYMENTS"]


def _received(installation, shop, quantities, *, arrived=None, **kwargs):
    """A return of `quantities` of which `arrived` (default: all) reached the warehouse."""
    return_request = create_return(installation, shop.order, quantities, **kwargs)
    skus = {0: "CAM-M", 1: "CAM-L"}
    result = receive(
        installation,
        return_request,
        [
            ReceivedLine(line_of(return_request, skus[index]).pk, quantity, AS_NEW, False)
            for index, quantity in (arrived or quantities).items()
        ],
    )
    assert result.errors == ()
    return return_request


@pytest.mark.worker
def test_a_refund_is_granted_and_requested_from_the_payment_app_once(
    installation, shop, celery_worker
):
    # given a received return of one M shirt (200 RON)
    return_request = _received(installation, shop, {0: 1})
    # when staff refund the default amount
    result = refund(installation, return_request)
    assert result.errors == ()
    assert result.return_request.status == "REFUNDED"
    ops = wait_until_synced(return_request, Kind.REQUEST_REFUND)
    # then Saleor holds one granted refund for the line, with the RMA as reason
    assert {op.status for op in ops} == {Status.DONE}
    (granted,) = shop.saleor.store.granted_refunds(shop.order)
    assert return_request.rma in granted["reason"]
    assert Decimal(str(granted["amount"]["amount"])) == Decimal("200.00")
    assert [(ln["orderLine"]["id"], ln["quantity"]) for ln in granted["lines"]] == [
        (shop.order["lines"][0]["id"], 1)
    ]
    # and the payment app was asked to refund it exactly once
    assert len(shop.saleor.store.refund_requests) == 1
    assert granted["status"] == "PENDING"
    assert granted["transaction"]["id"] == shop.transaction["id"]
    assert {"REFUND", "SALEOR_REFUND_GRANTED", "SALEOR_REFUND_REQUESTED"} <= set(
        timeline(return_request)
    )
    assert shop.metadata()["returns.status"] == "REFUNDED"


@pytest.mark.worker
@pytest.mark.parametrize("granted_permissions", [WITHOUT_HANDLE_PAYMENTS])
def test_without_handle_payments_the_refund_stops_at_the_grant_and_staff_are_told(
    installation, shop, celery_worker
):
    # given an installer who did not grant HANDLE_PAYMENTS
    return_request = _received(installation, shop, {1: 1})
    # when staff refund
    refund(installation, return_request)
    ops = wait_until_synced(return_request, Kind.REQUEST_REFUND)
    # then the refund is granted, not sent, and both timelines say staff must send it
    (granted,) = shop.saleor.store.granted_refunds(shop.order)
    assert granted["status"] == "NONE"
    assert shop.saleor.store.refund_requests == []
    (request,) = [op for op in ops if op.kind == Kind.REQUEST_REFUND]
    assert request.status == Status.SKIPPED
    assert request.result["not_sent"] == "NO_HANDLE_PAYMENTS"
    event = return_request.events.get(type="REFUND_NOT_SENT")
    assert "send it from the Saleor order page" in event.data["message"]
    assert any("send it from the Saleor order page" in note for note in shop.notes())


@pytest.mark.worker
def test_store_credit_is_one_gift_card_to_the_shopper(installation, shop, celery_worker):
    return_request = _received(installation, shop, {1: 1}, resolution=Resolution.STORE_CREDIT)
    result = refund(installation, return_request)
    assert result.return_request.status == "STORE_CREDIT"
    wait_until_synced(return_request, Kind.GIFT_CARD)
    (card,) = shop.saleor.store.gift_cards_for("stefan@example.ro")
    assert Decimal(str(card["initialBalance"]["amount"])) == Decimal("150.00")
    assert card["_channel"] == "ro"
    assert shop.saleor.store.granted_refunds(shop.order) == []
    assert "SALEOR_GIFT_CARD_ISSUED" in timeline(return_request)


def test_an_exchange_returns_with_replace_and_pays_nothing_back(installation, shop, no_enqueue):
    return_request = _received(installation, shop, {0: 1}, resolution=Resolution.EXCHANGE)
    result = refund(installation, return_request)
    assert result.return_request.status == "EXCHANGED"
    ops = run_pending_here(return_request)
    assert {op.kind for op in ops} == {Kind.NOTE, Kind.METADATA, Kind.RETURN_PRODUCTS}
    (returned,) = [op for op in ops if op.kind == Kind.RETURN_PRODUCTS]
    assert returned.result["replace_order_id"]
    assert "REPLACED" in [f["status"] for f in shop.fulfilments]
    assert shop.saleor.store.granted_refunds(shop.order) == []


def test_refunding_before_the_items_arrived_is_refused(installation, shop):
    return_request = create_return(installation, shop.order, {0: 1})
    result = refund(installation, return_request)
    assert [(e.field, e.code) for e in result.errors] == [(None, "NOT_RECEIVED")]
    return_request.refresh_from_db()
    assert return_request.status == "APPROVED"


def test_refunding_twice_is_refused(installation, shop, no_enqueue):
    return_request = _received(installation, shop, {0: 1})
    assert refund(installation, return_request).errors == ()
    again = refund(installation, return_request, Decimal("10"))
    assert [(e.field, e.code) for e in again.errors] == [(None, "ALREADY_REFUNDED")]
    assert [op.kind for op in operations(return_request)].count(Kind.GRANT_REFUND) == 1


def test_more_than_the_received_items_are_worth_is_refused(installation, shop, no_enqueue):
    return_request = _received(installation, shop, {0: 1})
    result = refund(installation, return_request, Decimal("200.01"))
    assert [(e.field, e.code) for e in result.errors] == [("amount", "AMOUNT_TOO_HIGH")]
    return_request.refresh_from_db()
    assert return_request.status == "RECEIVED"


def test_shipping_can_be_included_up_to_the_order_shipping_price(installation, shop, no_enqueue):
    return_request = _received(installation, shop, {0: 1})
    result = refund(installation, return_request, include_shipping=True)
    assert result.return_request.refund_amount == Decimal("220.00")
    run_pending_here(return_request)
    (granted,) = shop.saleor.store.granted_refunds(shop.order)
    assert granted["shippingCostsIncluded"] is True
    assert Decimal(str(granted["amount"]["amount"])) == Decimal("220.00")


def test_the_restocking_fee_is_charged_on_received_customer_driven_items_only(
    installation, shop, no_enqueue
):
    # given a 10 % restocking fee, and a return of two M shirts that were too small (400)
    # and an L shirt sent by mistake (150, the store's fault: no fee, free return shipping)
    market = Market.objects.create(
        installation=installation,
        name="Romania",
        countries=["RO"],
        currency="RON",
        refund_trigger=RefundTrigger.MANUAL,
    )
    publish_policy(market=market, rules={"restocking_fee_percent": "10"})
    return_request = _received(
        installation,
        shop,
        {0: 2, 1: 1},
        reasons={0: "TOO_SMALL", 1: "WRONG_ITEM"},
        # when only one M shirt arrives, with the L shirt
        arrived={0: 1, 1: 1},
    )
    assert (return_request.restocking_fee, return_request.shipping_fee) == (
        Decimal("40.00"),
        Decimal("0.00"),
    )
    result = refund(installation, return_request)
    # then the fee is 10 % of the one M shirt that arrived, and the L shirt is refunded whole
    assert result.return_request.restocking_fee == Decimal("20.00")
    assert result.return_request.refund_amount == Decimal("330.00")
