"""A request is checked whole: every problem is reported at once, on the field it concerns."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from saleor_returns_app.returns.policy import (
    Exclusions,
    IneligibilityCode,
    Method,
    RequestErrorCode,
    Resolution,
    evaluate_request,
)

from .factories import IN_WINDOW, ask, make_line, make_order, make_policy, make_request


def _errors(request, order=None, policy=None, now=IN_WINDOW):
    decision = evaluate_request(
        order=order or make_order(), request=request, policy=policy or make_policy(), now=now
    )
    return [(error.field, error.code) for error in decision.errors]


def test_every_problem_is_reported_at_once_with_its_field():
    # given: a request wrong in every way
    order = make_order(make_line(line_id="a"), make_line(line_id="b", quantity_returned=2))
    policy = make_policy(allowed_methods={Method.DROP_OFF}, allowed_resolutions={Resolution.REFUND})
    request = make_request(
        ask(line_id="a", quantity=3),
        ask(line_id="a", quantity=0, reason_code="OTHER", comment="  "),
        ask(line_id="zzz", reason_code="NO_SUCH_REASON"),
        ask(line_id="b"),
        method=Method.PICKUP,
        resolution=Resolution.STORE_CREDIT,
    )
    # when
    errors = _errors(request, order, policy)
    # then
    assert errors == [
        ("lines.0.quantity", RequestErrorCode.QUANTITY_TOO_HIGH),
        ("lines.1.line_id", RequestErrorCode.DUPLICATE_LINE),
        ("lines.1.quantity", RequestErrorCode.QUANTITY_NOT_POSITIVE),
        ("lines.1.comment", RequestErrorCode.COMMENT_REQUIRED),
        ("lines.2.line_id", RequestErrorCode.UNKNOWN_LINE),
        ("lines.2.reason_code", RequestErrorCode.UNKNOWN_REASON),
        ("lines.3.line_id", IneligibilityCode.ALREADY_RETURNED),
        ("method", RequestErrorCode.METHOD_NOT_ALLOWED),
        ("resolution", RequestErrorCode.RESOLUTION_NOT_ALLOWED),
    ]


def test_request_without_lines_is_refused():
    # given
    request = make_request()
    # when / then
    assert _errors(request) == [("lines", RequestErrorCode.NO_LINES)]


def test_quantity_above_what_is_returnable_names_the_maximum():
    # given: 2 shipped, 1 already returned
    order = make_order(make_line(quantity_returned=1))
    # when
    decision = evaluate_request(
        order=order, request=make_request(ask(quantity=2)), policy=make_policy(), now=IN_WINDOW
    )
    # then
    [error] = decision.errors
    assert (error.field, error.code) == ("lines.0.quantity", RequestErrorCode.QUANTITY_TOO_HIGH)
    assert error.params == {"max_quantity": 1}
    assert error.message == "The quantity cannot be more than 1"


def test_ineligible_line_is_reported_with_its_own_code_and_message():
    # given
    policy = make_policy(exclusions=Exclusions(final_sale_metadata_key="final_sale"))
    order = make_order(make_line(metadata={"final_sale": "yes"}))
    # when
    decision = evaluate_request(
        order=order, request=make_request(ask()), policy=policy, now=IN_WINDOW
    )
    # then
    [error] = decision.errors
    assert (error.field, error.code) == ("lines.0.line_id", IneligibilityCode.FINAL_SALE)
    assert error.message == "Final sale items cannot be returned"


def test_closed_window_is_reported_on_the_line():
    # given / when
    errors = _errors(make_request(ask()), now=datetime(2026, 12, 1, tzinfo=UTC))
    # then
    assert errors == [("lines.0.line_id", IneligibilityCode.WINDOW_CLOSED)]


def test_order_below_the_minimum_is_reported_once_for_the_whole_order():
    # given
    order = make_order(make_line(line_id="a"), make_line(line_id="b"), total=Decimal("50"))
    request = make_request(ask(line_id="a"), ask(line_id="b"))
    # when
    errors = _errors(request, order, make_policy(min_order_total=Decimal("100")))
    # then
    assert errors == [(None, IneligibilityCode.ORDER_TOTAL_TOO_LOW)]


def test_reason_requiring_a_comment_accepts_one():
    # given
    request = make_request(ask(reason_code="OTHER", comment="The colour is not the one shown"))
    # when / then
    assert _errors(request) == []


def test_missing_photo_is_an_error_when_the_policy_does_not_review_it():
    # given
    request = make_request(ask(reason_code="DAMAGED", photo_count=0))
    policy = make_policy(review_when_photo_missing=False)
    # when
    decision = evaluate_request(order=make_order(), request=request, policy=policy, now=IN_WINDOW)
    # then
    [error] = decision.errors
    assert (error.field, error.code) == ("lines.0.photo_count", RequestErrorCode.PHOTO_REQUIRED)
    assert error.message == "Please add a photo of the item"


def test_invalid_request_has_no_outcome_and_no_money():
    # given
    request = make_request(ask(quantity=5))
    # when
    decision = evaluate_request(
        order=make_order(), request=request, policy=make_policy(), now=IN_WINDOW
    )
    # then
    assert not decision.valid
    assert decision.outcome is None
    assert decision.family is None
    assert decision.lines == ()
    assert decision.refund_amount == decision.items_value == Decimal("0.00")
