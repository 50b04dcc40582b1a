"""A valid request is approved, or waits for staff with every reason why; never rejected."""

from __future__ import annotations

from decimal import Decimal

from saleor_returns_app.returns.policy import Outcome, ReviewReason, evaluate_request

from .factories import IN_WINDOW, ask, make_order, make_policy, make_request


def _decide(*lines, **policy):
    return evaluate_request(
        order=make_order(),
        request=make_request(*(lines or (ask(),))),
        policy=make_policy(**policy),
        now=IN_WINDOW,
    )


def test_valid_request_is_approved_by_default():
    # given / when
    decision = _decide()
    # then
    assert decision.valid
    assert decision.outcome is Outcome.APPROVE
    assert decision.review_reasons == ()
    assert decision.policy_version == 7


def test_missing_photo_sends_the_request_to_review():
    # given / when
    decision = _decide(ask(reason_code="DAMAGED", photo_count=0))
    # then
    assert decision.outcome is Outcome.REVIEW
    assert [flag.code for flag in decision.review_reasons] == [ReviewReason.PHOTO_MISSING]
    assert decision.review_reasons[0].message == (
        "No photo was given for a reason that requires one"
    )


def test_request_with_the_photo_is_approved():
    # given / when
    decision = _decide(ask(reason_code="DAMAGED", photo_count=2))
    # then
    assert decision.outcome is Outcome.APPROVE


def test_value_above_the_limit_sends_the_request_to_review():
    # given: returning 200.00 with a 150 limit
    # when
    decision = _decide(ask(quantity=2), review_above_value=Decimal("150"))
    # then
    assert decision.outcome is Outcome.REVIEW
    [flag] = decision.review_reasons
    assert flag.code is ReviewReason.VALUE_ABOVE_LIMIT
    assert flag.params == {"value": "200.00", "limit": "150.00", "currency": "PLN"}
    assert flag.message == ("The items are worth 200.00 PLN, above the review limit of 150.00 PLN")


def test_value_at_the_limit_is_approved():
    # given / when
    decision = _decide(ask(quantity=2), review_above_value=Decimal("200.00"))
    # then
    assert decision.outcome is Outcome.APPROVE


def test_auto_approve_off_sends_every_request_to_review():
    # given / when
    decision = _decide(auto_approve=False)
    # then
    assert decision.outcome is Outcome.REVIEW
    assert [flag.code for flag in decision.review_reasons] == [ReviewReason.AUTO_APPROVE_OFF]


def test_every_review_reason_that_holds_is_reported():
    # given / when
    decision = _decide(
        ask(reason_code="DEFECTIVE", quantity=2),
        review_above_value=Decimal("10"),
        auto_approve=False,
    )
    # then
    assert [flag.code for flag in decision.review_reasons] == [
        ReviewReason.PHOTO_MISSING,
        ReviewReason.VALUE_ABOVE_LIMIT,
        ReviewReason.AUTO_APPROVE_OFF,
    ]
