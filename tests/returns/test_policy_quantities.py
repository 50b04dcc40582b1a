"""How many units can still be returned: fulfilled minus those already in returns."""

from __future__ import annotations

from datetime import UTC, datetime

from saleor_returns_app.returns.policy import IneligibilityCode, evaluate_returnability

from .factories import IN_WINDOW, make_line, make_order, make_policy


def _line(line, now=IN_WINDOW):
    return evaluate_returnability(order=make_order(line), policy=make_policy(), now=now).lines[0]


def test_returnable_quantity_is_what_was_fulfilled():
    # given: 3 ordered, 2 shipped so far
    line = make_line(quantity=3, quantity_fulfilled=2)
    # when
    eligibility = _line(line)
    # then
    assert eligibility.returnable_quantity == 2


def test_units_in_other_returns_are_not_returnable_again():
    # given: 3 shipped, 1 already in another return
    line = make_line(quantity=3, quantity_fulfilled=3, quantity_returned=1)
    # when
    eligibility = _line(line)
    # then
    assert eligibility.eligible
    assert eligibility.returnable_quantity == 2


def test_line_with_every_shipped_unit_returned_is_not_eligible():
    # given: 3 ordered, 2 shipped, both already returned
    line = make_line(quantity=3, quantity_fulfilled=2, quantity_returned=2)
    # when
    eligibility = _line(line)
    # then
    assert eligibility.code is IneligibilityCode.ALREADY_RETURNED
    assert eligibility.returnable_quantity == 0
    assert eligibility.params == {"quantity_returned": 2}
    assert eligibility.message == "All shipped units of this item are already being returned"


def test_already_returned_line_keeps_its_deadline():
    # given: a cancelled return would make the units returnable again until the deadline
    line = make_line(quantity_returned=2)
    # when
    eligibility = _line(line)
    # then
    assert eligibility.deadline is not None


def test_already_returned_is_explained_before_a_closed_window():
    # given
    line = make_line(quantity_returned=2)
    # when
    eligibility = _line(line, now=datetime(2026, 12, 1, tzinfo=UTC))
    # then
    assert eligibility.code is IneligibilityCode.ALREADY_RETURNED


def test_unfulfilled_line_is_not_eligible():
    # given
    line = make_line(quantity_fulfilled=0, fulfilled_at=None, delivered_at=None)
    # when
    eligibility = _line(line)
    # then
    assert eligibility.code is IneligibilityCode.NOT_FULFILLED
    assert eligibility.message == "This item has not been shipped yet"
    assert eligibility.deadline is None


def test_unfulfilled_line_does_not_hide_the_other_lines():
    # given
    order = make_order(
        make_line(line_id="shipped"),
        make_line(line_id="waiting", quantity_fulfilled=0, fulfilled_at=None, delivered_at=None),
    )
    # when
    returnability = evaluate_returnability(order=order, policy=make_policy(), now=IN_WINDOW)
    # then
    assert returnability.returnable
    assert returnability.line("shipped").eligible
    assert not returnability.line("waiting").eligible
