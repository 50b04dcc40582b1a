"""Every code is explained, and a stored code with its params renders the same message."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from saleor_returns_app.returns.policy import (
    IneligibilityCode,
    RequestErrorCode,
    ReviewReason,
    evaluate_returnability,
    render_message,
)

from .factories import make_order, make_policy

ALL_CODES = [*IneligibilityCode, *RequestErrorCode, *ReviewReason]


@pytest.mark.parametrize("code", ALL_CODES, ids=str)
def test_every_code_has_a_message(code):
    # given / when
    message = render_message(code)
    # then
    assert message
    assert message != str(code)


def test_codes_are_unique_across_kinds():
    # given / when
    values = [str(code) for code in ALL_CODES]
    # then
    assert len(values) == len(set(values))


def test_stored_code_and_params_render_the_same_message_again():
    # given: a decision explained in the active language
    line = evaluate_returnability(
        order=make_order(), policy=make_policy(), now=datetime(2026, 12, 1, tzinfo=UTC)
    ).lines[0]
    # when: the API renders it again from what was stored
    message = render_message(IneligibilityCode(str(line.code)), dict(line.params))
    # then
    assert message == line.message == "The 30-day return window ended on 2026-11-02"
