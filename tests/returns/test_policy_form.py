"""The policy editor: structured input becomes the next version's rules, or errors by field."""

from __future__ import annotations

from decimal import Decimal

import pytest

from saleor_returns_app.returns.models import Market, PolicyVersion
from saleor_returns_app.returns.policies import RULE_KEYS, applied_policy
from saleor_returns_app.returns.policy import Method, Resolution, WindowStart
from saleor_returns_app.returns.policy_form import (
    default_rules,
    effective_rules,
    publish_from_form,
    rules_from_form,
)
from saleor_returns_app.testing.factories import make_installation

pytestmark = pytest.mark.django_db

FULL = {
    "window_days": 14,
    "window_starts": "FULFILLMENT",
    "exclusions": {
        "product_types": ["Gift card", " Gift card "],
        "categories": ["Underwear"],
        "collections": [],
        "skus": ["SALE-1", ""],
        "final_sale_metadata_key": " final_sale ",
    },
    "discounted_lines_returnable": False,
    "min_order_total": "50",
    "customer_exceptions": [{"email": "VIP@Example.com", "extra_days": 30}],
    "allowed_methods": ["LOCKER", "PICKUP"],
    "method_fees": [{"method": "PICKUP", "amount": Decimal("15.50")}],
    "restocking_fee_percent": "10",
    "restocking_fee_fixed": "2.5",
    "free_returns_over": "500.00",
    "controllable_is_free": False,
    "auto_approve": False,
    "review_above_value": "1000",
    "review_when_photo_missing": False,
    "allowed_resolutions": ["REFUND"],
}


@pytest.fixture
def market():
    return Market.objects.create(
        installation=make_installation(),
        name="Poland",
        countries=["PL"],
        currency="PLN",
        time_zone="Europe/Warsaw",
    )


def _errors(data: dict) -> list[tuple[str, str]]:
    _, errors = rules_from_form(data)
    return [(error.field, error.code) for error in errors]


def test_every_rule_of_the_editor_is_stored_amounts_as_strings():
    rules, errors = rules_from_form(FULL)
    assert errors == []
    assert rules == {
        "window_days": 14,
        "window_starts": "FULFILLMENT",
        "exclusions": {
            "product_types": ["Gift card"],
            "categories": ["Underwear"],
            "collections": [],
            "skus": ["SALE-1"],
            "final_sale_metadata_key": "final_sale",
        },
        "discounted_lines_returnable": False,
        "min_order_total": "50",
        "customer_exceptions": {"vip@example.com": 30},
        "allowed_methods": ["PICKUP", "LOCKER"],
        "method_fees": {"PICKUP": "15.50"},
        "restocking_fee_percent": "10",
        "restocking_fee_fixed": "2.5",
        "free_returns_over": "500.00",
        "controllable_is_free": False,
        "auto_approve": False,
        "review_above_value": "1000",
        "review_when_photo_missing": False,
        "allowed_resolutions": ["REFUND"],
    }


def test_the_defaults_cover_every_rule_of_the_engine():
    assert set(default_rules()) == RULE_KEYS
    rules, errors = rules_from_form({})
    assert errors == []
    assert rules == default_rules()


def test_every_invalid_field_is_named_at_once():
    data = {
        **FULL,
        "window_days": -1,
        "restocking_fee_percent": "150",
        "restocking_fee_fixed": "-1",
        "min_order_total": "NaN",
        "free_returns_over": 12.5,
        "review_above_value": "0.00001",
        "customer_exceptions": [
            {"email": "not-an-email", "extra_days": 5},
            {"email": "ok@example.com", "extra_days": -3},
            {"email": "OK@example.com", "extra_days": 1},
        ],
        "method_fees": [
            {"method": "PICKUP", "amount": "1"},
            {"method": "LOCKER", "amount": "lots"},
            {"method": "PICKUP", "amount": "2"},
        ],
        "allowed_methods": [],
        "allowed_resolutions": ["REFUND", "CASH"],
        "window_starts": "ORDER",
    }
    assert sorted(_errors(data)) == sorted(
        [
            ("input.restockingFeePercent", "INVALID"),
            ("input.windowStarts", "INVALID"),
            ("input.windowDays", "INVALID"),
            ("input.minOrderTotal", "INVALID"),
            ("input.customerExceptions.0.email", "INVALID"),
            ("input.customerExceptions.1.extraDays", "INVALID"),
            ("input.customerExceptions.2.email", "INVALID"),
            ("input.allowedMethods", "REQUIRED"),
            ("input.methodFees.1.amount", "INVALID"),
            ("input.methodFees.2.method", "INVALID"),
            ("input.restockingFeeFixed", "INVALID"),
            ("input.freeReturnsOver", "INVALID"),
            ("input.reviewAboveValue", "INVALID"),
            ("input.allowedResolutions", "INVALID"),
        ]
    )


def test_an_empty_optional_amount_means_none():
    rules, errors = rules_from_form({**FULL, "min_order_total": " ", "free_returns_over": None})
    assert errors == []
    assert rules["min_order_total"] is None
    assert rules["free_returns_over"] is None


def test_publishing_creates_the_next_version_and_never_edits_a_published_one(market):
    first, errors = publish_from_form(market, FULL, created_by="olga@shop.example")
    assert errors == []
    assert (first.version, first.created_by) == (1, "olga@shop.example")
    second, errors = publish_from_form(market, {**FULL, "window_days": 60})
    assert errors == []
    assert second.version == 2
    first.refresh_from_db()
    assert first.rules["window_days"] == 14
    assert second.rules["window_days"] == 60
    assert PolicyVersion.objects.filter(market=market).count() == 2


def test_an_invalid_input_publishes_nothing(market):
    version, errors = publish_from_form(market, {**FULL, "restocking_fee_percent": "101"})
    assert version is None
    assert [(e.field, e.code) for e in errors] == [("input.restockingFeePercent", "INVALID")]
    assert not PolicyVersion.objects.exists()


def test_the_published_rules_are_what_the_engine_applies(market):
    publish_from_form(market, FULL)
    policy = applied_policy(
        installation=market.installation, channel_slug="pl", country_code="PL"
    ).policy
    assert policy.version == 1
    assert policy.window_days == 14
    assert policy.window_starts is WindowStart.FULFILLMENT
    assert policy.allowed_methods == {Method.PICKUP, Method.LOCKER}
    assert policy.method_fee(Method.PICKUP) == Decimal("15.50")
    assert policy.restocking_fee_percent == Decimal(10)
    assert policy.extra_days_for("vip@example.com") == 30
    assert policy.exclusions.is_final_sale({"final_sale": "yes"})
    assert policy.allowed_resolutions == {Resolution.REFUND}


def test_a_market_without_a_version_shows_the_defaults(market):
    assert effective_rules(market) == default_rules()


def test_the_effective_rules_are_the_latest_version_over_the_defaults(market):
    PolicyVersion.objects.create(
        installation=market.installation,
        market=market,
        version=1,
        rules={"window_days": 21, "exclusions": {"skus": ["X"]}},
    )
    rules = effective_rules(market)
    assert rules["window_days"] == 21
    assert rules["exclusions"]["skus"] == ["X"]
    assert rules["exclusions"]["categories"] == []
    assert rules["auto_approve"] is True
