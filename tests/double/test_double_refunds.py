"""Granted refunds, refund requests and gift cards, as Saleor 3.24 runs them."""

from __future__ import annotations

from typing import Any

import pytest

from saleor_returns_app.testing.saleor_double import SaleorDouble

GRANT = """
mutation Grant($id: ID!, $input: OrderGrantRefundCreateInput!) {
  orderGrantRefundCreate(id: $id, input: $input) {
    grantedRefund { id status reason shippingCostsIncluded amount { amount currency }
                    lines { quantity orderLine { id } } transaction { id } }
    errors { field code message lines { lineId field code message } }
  }
}
"""
REQUEST = """
mutation Request($grantedRefundId: ID!) {
  transactionRequestRefundForGrantedRefund(grantedRefundId: $grantedRefundId) {
    transaction { id refundPendingAmount { amount } }
    errors { field code message }
  }
}
"""
GIFT_CARD = """
mutation GiftCard($input: GiftCardCreateInput!) {
  giftCardCreate(input: $input) {
    giftCard { id code currentBalance { amount currency } isActive }
    errors { field code message }
  }
}
"""


@pytest.fixture
def paid(double: SaleorDouble, shop: dict[str, Any]) -> dict[str, Any]:
    """The shop's order, fulfilled, paid through a transaction of a payment app."""
    store = double.store
    order = shop["order"]
    order["transactions"].clear()
    payment_app = store.add_payment_app()
    transaction = store.add_transaction(order, "360.00", app=payment_app)
    store.fulfill(order)
    return {**shop, "transaction": transaction, "payment_app": payment_app}


def _grant(double: SaleorDouble, token: str, order: dict, **input_: Any) -> dict[str, Any]:
    body = double.post_graphql(GRANT, {"id": order["id"], "input": input_}, token=token).json()
    return body["data"]["orderGrantRefundCreate"]


def _request(double: SaleorDouble, token: str, granted_refund_id: str) -> dict[str, Any]:
    body = double.post_graphql(REQUEST, {"grantedRefundId": granted_refund_id}, token=token)
    return body.json()


def test_grant_refund_amount_is_lines_times_unit_price_plus_shipping(double, paid) -> None:
    # given
    order = paid["order"]
    order["shippingPrice"] = {"gross": {"amount": 15.0}}
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    small = order["lines"][0]

    # when
    payload = _grant(
        double,
        app.token,
        order,
        lines=[{"id": small["id"], "quantity": 1, "reason": "Too small"}],
        grantRefundForShipping=True,
        reason="R-1",
        transactionId=paid["transaction"]["id"],
    )

    # then
    assert payload["errors"] == []
    granted = payload["grantedRefund"]
    assert granted["amount"] == {"amount": 135.0, "currency": "PLN"}
    assert granted["status"] == "NONE"
    assert granted["reason"] == "R-1"
    assert granted["shippingCostsIncluded"] is True
    assert granted["lines"] == [{"quantity": 1, "orderLine": {"id": small["id"]}}]
    assert [g["id"] for g in double.store.granted_refunds(order)] == [granted["id"]]


def test_grant_refund_needs_lines_amount_or_shipping(double, paid) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])

    # when
    payload = _grant(double, app.token, paid["order"], transactionId=paid["transaction"]["id"])

    # then
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("amount", "REQUIRED"),
        ("lines", "REQUIRED"),
        ("grantRefundForShipping", "REQUIRED"),
    ]
    assert double.store.granted_refunds(paid["order"]) == []


def test_grant_refund_refuses_more_than_the_line_quantity(double, paid) -> None:
    # given
    order = paid["order"]
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    small = order["lines"][0]
    first = {"id": small["id"], "quantity": 2}
    _grant(double, app.token, order, lines=[first], transactionId=paid["transaction"]["id"])

    # when
    payload = _grant(
        double,
        app.token,
        order,
        lines=[{"id": small["id"], "quantity": 1}],
        transactionId=paid["transaction"]["id"],
    )

    # then
    [error] = payload["errors"]
    assert (error["field"], error["code"]) == ("lines", "INVALID")
    assert error["lines"] == [
        {
            "lineId": small["id"],
            "field": "quantity",
            "code": "QUANTITY_GREATER_THAN_AVAILABLE",
            "message": "Cannot grant refund for more than the available quantity of the line (0).",
        }
    ]


def test_grant_refund_refuses_an_amount_above_the_charged_amount(double, paid) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])

    # when
    payload = _grant(
        double, app.token, paid["order"], amount="360.01", transactionId=paid["transaction"]["id"]
    )

    # then
    assert payload["errors"][0]["field"] == "amount"
    assert payload["errors"][0]["code"] == "AMOUNT_GREATER_THAN_AVAILABLE"


def test_grant_refund_needs_a_transaction_of_the_order(double, paid, shop) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    other_order = double.store.add_order(
        lines=[(shop["product"]["variants"][0], 1)], user_email="x@example.com"
    )
    other_transaction = double.store.add_transaction(other_order, "120.00")

    # when
    payload = _grant(
        double, app.token, paid["order"], amount="10", transactionId=other_transaction["id"]
    )

    # then
    assert (payload["errors"][0]["field"], payload["errors"][0]["code"]) == (
        "transactionId",
        "NOT_FOUND",
    )


def test_shipping_can_be_granted_only_once(double, paid) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    transaction_id = paid["transaction"]["id"]
    _grant(
        double, app.token, paid["order"], grantRefundForShipping=True, transactionId=transaction_id
    )

    # when
    payload = _grant(
        double, app.token, paid["order"], grantRefundForShipping=True, transactionId=transaction_id
    )

    # then
    assert payload["errors"][0]["code"] == "SHIPPING_COSTS_ALREADY_GRANTED"


def test_request_refund_marks_the_granted_refund_pending(double, paid) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS", "HANDLE_PAYMENTS"])
    granted = _grant(
        double, app.token, paid["order"], amount="50", transactionId=paid["transaction"]["id"]
    )

    # when
    body = _request(double, app.token, granted["grantedRefund"]["id"])

    # then
    payload = body["data"]["transactionRequestRefundForGrantedRefund"]
    assert payload["errors"] == []
    assert payload["transaction"]["refundPendingAmount"] == {"amount": 50.0}
    [record] = double.store.granted_refunds(paid["order"])
    assert record["status"] == "PENDING"
    assert [event["type"] for event in record["transactionEvents"]] == ["REFUND_REQUEST"]
    assert [request["amount"] for request in double.store.refund_requests] == [50]
    assert paid["order"]["events"][-1]["type"] == "TRANSACTION_REFUND_REQUESTED"


def test_a_pending_refund_cannot_be_requested_again(double, paid) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS", "HANDLE_PAYMENTS"])
    granted = _grant(
        double, app.token, paid["order"], amount="50", transactionId=paid["transaction"]["id"]
    )
    _request(double, app.token, granted["grantedRefund"]["id"])

    # when
    body = _request(double, app.token, granted["grantedRefund"]["id"])

    # then
    assert body["data"]["transactionRequestRefundForGrantedRefund"]["errors"] == [
        {
            "field": "grantedRefundId",
            "code": "REFUND_IS_PENDING",
            "message": "The refund request is already in progress.",
        }
    ]
    assert len(double.store.refund_requests) == 1


def test_a_processed_refund_cannot_be_requested_again(double, paid) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS", "HANDLE_PAYMENTS"])
    granted = _grant(
        double, app.token, paid["order"], amount="50", transactionId=paid["transaction"]["id"]
    )
    _request(double, app.token, granted["grantedRefund"]["id"])
    [record] = double.store.granted_refunds(paid["order"])
    double.store.complete_refund(record)

    # when
    body = _request(double, app.token, granted["grantedRefund"]["id"])

    # then
    [error] = body["data"]["transactionRequestRefundForGrantedRefund"]["errors"]
    assert error["code"] == "REFUND_ALREADY_PROCESSED"
    assert paid["order"]["totalRefunded"]["amount"] == 50.0


def test_request_refund_without_handle_payments_is_denied(double, paid) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    granted = _grant(
        double, app.token, paid["order"], amount="50", transactionId=paid["transaction"]["id"]
    )

    # when
    body = _request(double, app.token, granted["grantedRefund"]["id"])

    # then
    assert body["data"]["transactionRequestRefundForGrantedRefund"] is None
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert double.store.granted_refunds(paid["order"])[0]["status"] == "NONE"


def test_request_refund_fails_when_no_payment_app_handles_refunds(double, shop) -> None:
    # given
    order = shop["order"]  # its transaction has no payment app
    app = double.create_app("Returns", ["MANAGE_ORDERS", "HANDLE_PAYMENTS"])
    granted = _grant(
        double, app.token, order, amount="50", transactionId=order["transactions"][0]["id"]
    )

    # when
    body = _request(double, app.token, granted["grantedRefund"]["id"])

    # then
    [error] = body["data"]["transactionRequestRefundForGrantedRefund"]["errors"]
    assert error["code"] == "MISSING_TRANSACTION_ACTION_REQUEST_WEBHOOK"
    assert double.store.granted_refunds(order)[0]["status"] == "FAILURE"
    assert double.store.refund_requests == []


def test_gift_card_create_issues_store_credit_to_an_email(double) -> None:
    # given
    double.store.add_channel()
    app = double.create_app("Returns", ["MANAGE_GIFT_CARD"])
    card_input = {
        "balance": {"amount": "49.99", "currency": "PLN"},
        "userEmail": "jane@example.com",
        "channel": "default-channel",
        "note": "R-1",
        "isActive": True,
    }

    # when
    body = double.post_graphql(GIFT_CARD, {"input": card_input}, token=app.token).json()

    # then
    payload = body["data"]["giftCardCreate"]
    assert payload["errors"] == []
    assert payload["giftCard"]["currentBalance"] == {"amount": 49.99, "currency": "PLN"}
    [card] = double.store.gift_cards_for("jane@example.com")
    assert card["code"] == payload["giftCard"]["code"]
    assert [event.event_type for event in double.pending_events] == ["GIFT_CARD_CREATED"]


def test_gift_card_create_needs_a_channel_with_an_email(double) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_GIFT_CARD"])
    card_input = {
        "balance": {"amount": "10", "currency": "PLN"},
        "userEmail": "jane@example.com",
        "isActive": True,
    }

    # when
    body = double.post_graphql(GIFT_CARD, {"input": card_input}, token=app.token).json()

    # then
    assert body["data"]["giftCardCreate"]["errors"] == [
        {
            "field": "channel",
            "code": "REQUIRED",
            "message": "Channel slug must be specified when user_email is provided.",
        }
    ]
    assert double.store.gift_cards == {}


def test_gift_card_create_refuses_a_zero_balance(double) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_GIFT_CARD"])
    card_input = {"balance": {"amount": "0", "currency": "PLN"}, "isActive": True}

    # when
    body = double.post_graphql(GIFT_CARD, {"input": card_input}, token=app.token).json()

    # then
    assert body["data"]["giftCardCreate"]["errors"][0]["code"] == "INVALID"


def test_gift_card_create_needs_manage_gift_card(double) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    card_input = {"balance": {"amount": "10", "currency": "PLN"}, "isActive": True}

    # when
    body = double.post_graphql(GIFT_CARD, {"input": card_input}, token=app.token).json()

    # then
    assert body["data"]["giftCardCreate"] is None
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
