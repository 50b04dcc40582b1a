"""The policy as data: validated when built, immutable, with a default reason catalogue."""

from __future__ import annotations

from decimal import Decimal

import pytest

from saleor_returns_app.returns.policy import (
    Method,
    Reason,
    ReasonFamily,
    default_reasons,
    reason_label,
)

from .factories import make_policy


def test_default_reasons_split_into_the_two_families():
    # given / when
    reasons = default_reasons()
    # then
    families = {code: reason.family for code, reason in reasons.items()}
    assert {c for c, f in families.items() if f is ReasonFamily.CONTROLLABLE} == {
        "DAMAGED",
        "DEFECTIVE",
        "WRONG_ITEM",
        "NOT_AS_DESCRIBED",
        "ARRIVED_LATE",
    }
    assert {c for c, f in families.items() if f is ReasonFamily.CUSTOMER} == {
        "TOO_SMALL",
        "TOO_LARGE",
        "CHANGED_MIND",
        "BETTER_PRICE",
        "OTHER",
    }


def test_default_reasons_ask_for_photos_of_damage_and_a_comment_for_other():
    # given / when
    reasons = default_reasons()
    # then
    assert {c for c, r in reasons.items() if r.requires_photo} == {"DAMAGED", "DEFECTIVE"}
    assert {c for c, r in reasons.items() if r.requires_comment} == {"OTHER"}
    assert reason_label(reasons["DAMAGED"]) == "Arrived damaged"


def test_a_custom_reason_without_label_is_shown_by_its_code():
    # given
    reason = Reason(code="GIFT", family=ReasonFamily.CUSTOMER)
    # when / then
    assert reason_label(reason) == "GIFT"


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"time_zone": "Europe/Atlantis"}, "time zone"),
        ({"window_days": -1}, "window_days"),
        ({"restocking_fee_percent": Decimal("120")}, "restocking_fee_percent"),
        ({"method_fees": {Method.PICKUP: Decimal("-1")}}, "negative"),
        ({"customer_exceptions": {"a@b.example": -3}}, "shorten"),
        (
            {"reasons": {"X": Reason(code="Y", family=ReasonFamily.CUSTOMER)}},
            "filed under",
        ),
    ],
    ids=["time-zone", "window", "percent", "fee", "exception", "reason-key"],
)
def test_an_impossible_policy_is_refused_when_built(overrides, error):
    # given / when / then
    with pytest.raises(ValueError, match=error):
        make_policy(**overrides)


def test_policy_does_not_change_when_its_source_data_does():
    # given
    fees = {Method.PICKUP: Decimal("10")}
    policy = make_policy(method_fees=fees)
    # when
    fees[Method.PICKUP] = Decimal("99")
    # then
    assert policy.method_fee(Method.PICKUP) == Decimal("10")
    with pytest.raises(TypeError):
        policy.method_fees[Method.PICKUP] = Decimal("1")


def test_policy_reads_amounts_stored_as_strings():
    # given: policy data as it comes back from JSON
    # when
    policy = make_policy(method_fees={"LOCKER": "9.90"}, free_returns_over="250")
    # then
    assert policy.method_fee(Method.LOCKER) == Decimal("9.90")
    assert policy.free_returns_over == Decimal("250")


def test_policy_refuses_float_amounts():
    # given / when / then
    with pytest.raises(TypeError, match="float"):
        make_policy(restocking_fee_fixed=4.99)
