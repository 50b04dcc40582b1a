"""Which market's policy applies to an order, and publishing versions of it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from saleor_returns_app.returns.models import Market
from saleor_returns_app.returns.policies import (
    InvalidRules,
    applied_policy,
    market_for,
    publish_policy,
)
from saleor_returns_app.returns.policy import Method, WindowStart
from saleor_returns_app.testing.factories import make_installation

pytestmark = pytest.mark.django_db


@pytest.fixture
def store():
    installation = make_installation()
    Market.objects.create(
        installation=installation,
        name="Romania",
        countries=["RO"],
        currency="RON",
        language="ro",
        time_zone="Europe/Bucharest",
    )
    Market.objects.create(
        installation=installation,
        name="Poland B2C",
        channels=["pl-b2c"],
        countries=["PL"],
        currency="PLN",
        language="pl",
        time_zone="Europe/Warsaw",
    )
    Market.objects.create(
        installation=installation, name="Everywhere else", currency="EUR", is_default=True
    )
    return installation


def test_market_is_chosen_by_channel_then_country_then_default(store):
    assert market_for(installation=store, channel_slug="pl-b2c", country_code="DE").name == (
        "Poland B2C"
    )
    assert market_for(installation=store, channel_slug="eu", country_code="ro").name == "Romania"
    assert market_for(installation=store, channel_slug="eu", country_code="FR").name == (
        "Everywhere else"
    )


def test_without_a_published_policy_the_defaults_apply_in_the_market_time_zone(store):
    applied = applied_policy(installation=store, channel_slug="ro", country_code="RO")
    assert applied.version is None
    assert (applied.policy.version, applied.policy.time_zone) == (0, "Europe/Bucharest")
    assert applied.policy.window_days == 30


def test_publishing_creates_the_next_version_and_it_applies(store):
    romania = Market.objects.get(name="Romania")
    publish_policy(market=romania, rules={"window_days": 14})
    second = publish_policy(
        market=romania,
        rules={
            "window_days": 30,
            "window_starts": "FULFILLMENT",
            "method_fees": {"PICKUP": "15.00"},
            "exclusions": {"skus": ["GIFT-CARD"], "final_sale_metadata_key": "final_sale"},
        },
        created_by="olga@shop.example",
    )
    applied = applied_policy(installation=store, channel_slug="ro", country_code="RO")
    assert second.version == 2
    assert applied.version == second
    assert applied.policy.window_starts is WindowStart.FULFILLMENT
    assert applied.policy.method_fee(Method.PICKUP) == Decimal("15.00")
    assert "GIFT-CARD" in applied.policy.exclusions.skus


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({"window_dayz": 30}, "Unknown rules: window_dayz"),
        ({"restocking_fee_percent": "150"}, "between 0 and 100"),
        ({"window_starts": "WHENEVER"}, "WHENEVER"),
        ({"method_fees": {"TELEPORT": "1"}}, "TELEPORT"),
    ],
)
def test_invalid_rules_are_refused_and_nothing_is_published(store, rules, message):
    romania = Market.objects.get(name="Romania")
    with pytest.raises(InvalidRules, match=message):
        publish_policy(market=romania, rules=rules)
    assert not romania.policies.exists()
