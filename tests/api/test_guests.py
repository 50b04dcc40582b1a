"""Guests return items with the order's email instead of an account, and cannot guess."""

from __future__ import annotations

import pytest

from saleor_returns_app.api.proofs import GUEST_LIMIT_PER_ORDER
from saleor_returns_app.returns.models import ReturnRequest

from .helpers import error_codes
from .test_returnability_and_create import CREATE, EMAIL, _input

GUEST_RETURNABILITY = """
query R($orderId: ID!, $email: String) {
  orderReturnability(orderId: $orderId, email: $email) { returnable lines { eligible } }
}
"""


@pytest.fixture
def order(saleor, installed):
    channel = saleor.store.add_channel(slug="ro", currency="RON", country="RO")
    mug = saleor.store.add_product(
        "Cană", variants=[{"sku": "CANA", "name": "Cană", "price": "45"}]
    )
    order = saleor.store.add_order(channel=channel, lines=[(mug.variants[0], 2)], user_email=EMAIL)
    saleor.fulfill(order, deliver=False)
    return order


def test_a_guest_with_the_orders_email_sees_what_can_be_returned(api, order):
    body = api.call(GUEST_RETURNABILITY, {"orderId": order["id"], "email": "STEFAN@example.ro"})
    assert body["data"]["orderReturnability"]["returnable"] is True


def test_a_guest_creates_a_return_and_sees_only_it(api, order):
    body = api.call(CREATE, {"input": _input(order, email=EMAIL)})
    created = body["data"]["returnRequestCreate"]
    assert created["errors"] == []
    assert created["returnRequest"]["customerEmail"] == EMAIL
    assert ReturnRequest.objects.get().status == "APPROVED"


@pytest.mark.parametrize("case", ["wrong email", "unknown order"])
def test_a_wrong_email_and_an_unknown_order_look_the_same(api, order, case):
    order_id = order["id"] if case == "wrong email" else "T3JkZXI6MDAwMDAwMDAtMDAwMC0wMDAw"
    email = "eve@example.com" if case == "wrong email" else EMAIL
    body = api.call(GUEST_RETURNABILITY, {"orderId": order_id, "email": email})
    assert body == {"data": {"orderReturnability": None}}
    created = api.call(CREATE, {"input": _input(order, orderId=order_id, email=email)})
    assert created["data"]["returnRequestCreate"]["errors"] == [
        {"field": "orderId", "code": "NOT_FOUND", "message": "No such order."}
    ]


def test_guessing_emails_for_one_order_is_cut_off(api, order):
    for attempt in range(GUEST_LIMIT_PER_ORDER.count):
        body = api.call(
            GUEST_RETURNABILITY, {"orderId": order["id"], "email": f"guess{attempt}@example.com"}
        )
        assert body == {"data": {"orderReturnability": None}}
    # even the right email is refused once the budget is spent, so guessing cannot confirm it
    body = api.call(GUEST_RETURNABILITY, {"orderId": order["id"], "email": EMAIL})
    assert error_codes(body) == ["RATE_LIMITED"]
