"""What a return costs: shipping by method, restocking, who pays, rounding per currency."""

from __future__ import annotations

from decimal import Decimal

from saleor_returns_app.returns.policy import Method, ReasonFamily, evaluate_request

from .factories import IN_WINDOW, ask, make_line, make_order, make_policy, make_request

FEES = {Method.LOCKER: Decimal("12.00"), Method.PICKUP: Decimal("25.00")}


def _decide(*lines, order=None, method=Method.LOCKER, **policy):
    decision = evaluate_request(
        order=order or make_order(),
        request=make_request(*(lines or (ask(),)), method=method),
        policy=make_policy(**policy),
        now=IN_WINDOW,
    )
    assert decision.valid, decision.errors
    return decision


def test_customer_return_pays_the_shipping_fee_of_its_method():
    # given: 25.00 for a pickup, 12.00 for a locker
    # when
    pickup = _decide(method=Method.PICKUP, method_fees=FEES)
    locker = _decide(method=Method.LOCKER, method_fees=FEES)
    # then
    assert (pickup.shipping_fee, pickup.refund_amount) == (Decimal("25.00"), Decimal("75.00"))
    assert (locker.shipping_fee, locker.refund_amount) == (Decimal("12.00"), Decimal("88.00"))


def test_method_without_a_fee_is_free():
    # given / when
    decision = _decide(method=Method.DROP_OFF, method_fees=FEES)
    # then
    assert decision.shipping_fee == 0
    assert decision.refund_amount == Decimal("100.00")


def test_shipping_is_free_when_the_order_total_reaches_the_threshold():
    # given
    order = make_order(total=Decimal("200.00"))
    # when
    decision = _decide(order=order, method_fees=FEES, free_returns_over=Decimal("200.00"))
    # then
    assert decision.shipping_fee == 0


def test_shipping_is_charged_below_the_threshold():
    # given
    order = make_order(total=Decimal("199.99"))
    # when
    decision = _decide(order=order, method_fees=FEES, free_returns_over=Decimal("200.00"))
    # then
    assert decision.shipping_fee == Decimal("12.00")


def test_controllable_reason_pays_no_shipping_and_no_restocking_fee():
    # given
    policy = {
        "method_fees": FEES,
        "restocking_fee_percent": Decimal("10"),
        "restocking_fee_fixed": Decimal("5"),
    }
    # when
    decision = _decide(ask(reason_code="WRONG_ITEM"), **policy)
    # then
    assert decision.family is ReasonFamily.CONTROLLABLE
    assert (decision.shipping_fee, decision.restocking_fee) == (0, 0)
    assert decision.refund_amount == Decimal("100.00")


def test_controllable_reason_pays_the_fees_when_the_policy_charges_them():
    # given
    policy = {
        "method_fees": FEES,
        "restocking_fee_percent": Decimal("10"),
        "controllable_is_free": False,
    }
    # when
    decision = _decide(ask(reason_code="WRONG_ITEM"), **policy)
    # then
    assert (decision.shipping_fee, decision.restocking_fee) == (Decimal("12.00"), Decimal("10.00"))


def test_restocking_fee_is_a_percentage_plus_a_fixed_amount_per_return():
    # given: two lines worth 100.00 and 50.00, 10 % + 5.00
    order = make_order(make_line(line_id="a"), make_line(line_id="b", unit_price=Decimal("50.00")))
    policy = {"restocking_fee_percent": Decimal("10"), "restocking_fee_fixed": Decimal("5")}
    # when
    decision = _decide(ask(line_id="a"), ask(line_id="b"), order=order, **policy)
    # then
    assert decision.items_value == Decimal("150.00")
    assert decision.restocking_fee == Decimal("20.00")
    assert decision.refund_amount == Decimal("130.00")


def test_mixed_request_ships_free_and_pays_restocking_only_on_customer_lines():
    # given: a damaged line (100.00, with a photo) and a changed-mind line (50.00)
    order = make_order(make_line(line_id="a"), make_line(line_id="b", unit_price=Decimal("50.00")))
    policy = {
        "method_fees": FEES,
        "restocking_fee_percent": Decimal("10"),
        "restocking_fee_fixed": Decimal("5"),
    }
    lines = (
        ask(line_id="a", reason_code="DAMAGED", photo_count=1),
        ask(line_id="b", reason_code="CHANGED_MIND"),
    )
    # when
    decision = _decide(*lines, order=order, **policy)
    # then
    assert decision.family is ReasonFamily.CONTROLLABLE
    assert decision.shipping_fee == 0
    assert decision.restocking_fee == Decimal("10.00")
    assert decision.refund_amount == Decimal("140.00")


def test_refund_is_never_negative():
    # given: a 3.00 item, 12.00 shipping
    order = make_order(make_line(unit_price=Decimal("3.00"), undiscounted_unit_price=Decimal("3")))
    # when
    decision = _decide(order=order, method_fees=FEES, restocking_fee_fixed=Decimal("5"))
    # then
    assert decision.refund_amount == Decimal("0.00")
    assert (decision.shipping_fee, decision.restocking_fee) == (Decimal("12.00"), Decimal("5.00"))


def test_amounts_in_a_zero_decimal_currency_are_whole_forints():
    # given: 1,990 HUF, 12.5 % restocking = 248.75
    order = make_order(
        make_line(unit_price=Decimal("1990"), undiscounted_unit_price=Decimal("1990")),
        currency="HUF",
        total=Decimal("3980"),
    )
    # when
    decision = _decide(order=order, restocking_fee_percent=Decimal("12.5"))
    # then
    assert str(decision.restocking_fee) == "249"
    assert str(decision.refund_amount) == "1741"
    assert decision.currency == "HUF"


def test_amounts_in_zloty_are_rounded_to_the_grosz():
    # given: 19.90 PLN, 12.5 % restocking = 2.4875
    order = make_order(
        make_line(unit_price=Decimal("19.90"), undiscounted_unit_price=Decimal("19.90"))
    )
    # when
    decision = _decide(order=order, restocking_fee_percent=Decimal("12.5"))
    # then
    assert str(decision.restocking_fee) == "2.49"
    assert str(decision.refund_amount) == "17.41"


def test_items_value_counts_the_requested_quantity_at_the_price_paid():
    # given: 3 shipped at 33.33 (undiscounted 40.00), returning 2
    order = make_order(
        make_line(
            quantity=3,
            quantity_fulfilled=3,
            unit_price=Decimal("33.33"),
            undiscounted_unit_price=Decimal("40.00"),
        )
    )
    # when
    decision = _decide(ask(quantity=2), order=order)
    # then
    assert decision.items_value == Decimal("66.66")
    assert decision.lines[0].value == Decimal("66.66")
