"""A shopper asks to return items of a shipped Saleor order; the store's policy decides."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from saleor_returns_app.returns.lifecycle import Actor
from saleor_returns_app.returns.models import Market, ReturnEvent, ReturnRequest
from saleor_returns_app.returns.policies import publish_policy
from saleor_returns_app.returns.policy import Method, RequestedLine, Resolution
from saleor_returns_app.returns.services import (
    CustomerProof,
    OrderNotFound,
    ProofKind,
    cancel_return,
    create_return_request,
    order_returnability,
)

SHOPPER = Actor(ReturnEvent.Actor.SHOPPER, email="stefan@example.ro")
GUEST = CustomerProof(ProofKind.GUEST, email="Stefan@Example.ro ")


@pytest.fixture
def order(saleor, installed):
    channel = saleor.store.add_channel(slug="ro", currency="RON", country="RO")
    shirt = saleor.store.add_product(
        "Cămașă de in",
        variants=[
            {"sku": "CAM-M", "name": "M", "price": "200.00"},
            {"sku": "CAM-L", "name": "L", "price": "200.00"},
        ],
    )
    order = saleor.store.add_order(
        channel=channel,
        lines=[(shirt.variants[0], 2), (shirt.variants[1], 1)],
        user_email="stefan@example.ro",
    )
    saleor.fulfill(order, deliver=False)
    return order


def _line(order, index=0, quantity=1, reason="TOO_SMALL", photos=0):
    return RequestedLine(
        line_id=order["lines"][index]["id"],
        quantity=quantity,
        reason_code=reason,
        comment="",
        photo_count=photos,
    )


def _create(installation, order, lines, *, customer=GUEST, key="", now=None):
    return create_return_request(
        installation=installation,
        order_id=order["id"],
        lines=lines,
        method=Method.SELF_SHIP,
        resolution=Resolution.REFUND,
        customer=customer,
        actor=SHOPPER,
        now=now or datetime.now(UTC),
        idempotency_key=key,
    )


def test_a_return_within_the_window_is_stored_and_approved_by_policy(installation, order):
    # when the guest asks to return one shirt that was too small
    result = _create(installation, order, [_line(order)])
    # then the return is stored, numbered, approved by the policy, and explains itself
    assert result.errors == ()
    stored = ReturnRequest.objects.get()
    assert stored.rma.startswith(f"R-{datetime.now(UTC).year}-")
    assert (stored.status, stored.order_number, stored.currency) == (
        "APPROVED",
        order["number"],
        "RON",
    )
    assert [(line.sku, line.quantity, line.reason_code) for line in stored.lines.all()] == [
        ("CAM-M", 1, "TOO_SMALL")
    ]
    assert stored.decision["outcome"] == "APPROVE"
    assert [e.type for e in stored.events.all()] == ["CREATED", "APPROVE"]


def test_the_order_of_someone_else_is_not_found(installation, order):
    with pytest.raises(OrderNotFound):
        _create(
            installation,
            order,
            [_line(order)],
            customer=CustomerProof(ProofKind.GUEST, email="eve@example.com"),
        )
    assert not ReturnRequest.objects.exists()


def test_the_same_idempotency_key_gives_back_the_first_return(installation, order):
    first = _create(installation, order, [_line(order)], key="order-1-attempt")
    again = _create(installation, order, [_line(order)], key="order-1-attempt")
    assert again.replayed
    assert again.return_request.pk == first.return_request.pk
    assert ReturnRequest.objects.count() == 1


def test_more_than_was_shipped_is_refused_and_nothing_stored(installation, order):
    result = _create(installation, order, [_line(order, quantity=3)])
    assert result.return_request is None
    assert [(e.field, e.code) for e in result.errors] == [("lines.0.quantity", "QUANTITY_TOO_HIGH")]
    assert not ReturnRequest.objects.exists()


def test_items_already_on_their_way_back_cannot_be_returned_twice(installation, order):
    _create(installation, order, [_line(order, quantity=2)])
    second = _create(installation, order, [_line(order, quantity=1)])
    assert second.return_request is None
    assert second.errors[0].code in {"QUANTITY_TOO_HIGH", "ALREADY_RETURNED"}


def test_a_cancelled_return_gives_its_items_back(installation, order):
    first = _create(installation, order, [_line(order, quantity=2)])
    cancel_return(
        installation=installation, return_request_id=first.return_request.pk, actor=SHOPPER
    )
    second = _create(installation, order, [_line(order, quantity=2)])
    assert second.errors == ()


def test_damage_without_a_photo_goes_to_review(installation, order):
    result = _create(installation, order, [_line(order, reason="DAMAGED")])
    assert result.return_request.status == "NEEDS_REVIEW"
    assert [r["code"] for r in result.return_request.decision["review_reasons"]] == [
        "PHOTO_MISSING"
    ]


def test_the_market_policy_version_that_decided_is_recorded(installation, order):
    market = Market.objects.create(
        installation=installation,
        name="Romania",
        countries=["RO"],
        currency="RON",
        time_zone="Europe/Bucharest",
    )
    version = publish_policy(market=market, rules={"window_days": 14})
    result = _create(installation, order, [_line(order)])
    assert result.return_request.policy == version
    assert result.return_request.decision["policy_version"] == 1


def test_after_the_window_the_line_says_why(installation, order):
    later = datetime.now(UTC) + timedelta(days=45)
    answer = order_returnability(
        installation=installation, order_id=order["id"], customer=GUEST, now=later
    )
    line = answer.returnability.line(order["lines"][0]["id"])
    assert (line.eligible, line.code) == (False, "WINDOW_CLOSED")
    assert "return window ended" in line.message
