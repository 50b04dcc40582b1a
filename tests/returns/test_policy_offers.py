"""What the shopper is offered along with the lines: methods with fees, reasons, resolutions."""

from __future__ import annotations

from decimal import Decimal

from saleor_returns_app.returns.policy import (
    Method,
    MethodOffer,
    Resolution,
    evaluate_returnability,
)

from .factories import IN_WINDOW, make_order, make_policy


def test_allowed_methods_are_offered_with_their_fee_and_currency():
    # given
    policy = make_policy(
        allowed_methods={Method.LOCKER, Method.DROP_OFF},
        method_fees={Method.LOCKER: Decimal("9.9"), Method.PICKUP: Decimal("25")},
    )
    # when
    returnability = evaluate_returnability(order=make_order(), policy=policy, now=IN_WINDOW)
    # then
    assert returnability.methods == (
        MethodOffer(
            method=Method.DROP_OFF, fee=Decimal("0"), currency="PLN", free_for_controllable=True
        ),
        MethodOffer(
            method=Method.LOCKER, fee=Decimal("9.90"), currency="PLN", free_for_controllable=True
        ),
    )
    assert str(returnability.methods[1].fee) == "9.90"


def test_methods_are_free_for_orders_at_the_free_returns_threshold():
    # given
    policy = make_policy(
        method_fees={Method.LOCKER: Decimal("9.90")}, free_returns_over=Decimal("200.00")
    )
    # when
    returnability = evaluate_returnability(
        order=make_order(total=Decimal("200.00")), policy=policy, now=IN_WINDOW
    )
    # then
    assert {offer.method: offer.fee for offer in returnability.methods}[Method.LOCKER] == 0


def test_reasons_and_resolutions_of_the_policy_are_offered():
    # given
    policy = make_policy(allowed_resolutions={Resolution.EXCHANGE, Resolution.REFUND})
    # when
    returnability = evaluate_returnability(order=make_order(), policy=policy, now=IN_WINDOW)
    # then
    assert [reason.code for reason in returnability.reasons][:2] == ["DAMAGED", "DEFECTIVE"]
    assert returnability.resolutions == (Resolution.REFUND, Resolution.EXCHANGE)
    assert returnability.policy_version == 7
