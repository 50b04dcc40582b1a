"""Staff create, edit and delete a store's markets; every mistake is named by its field."""

from __future__ import annotations

from dataclasses import replace

import pytest

from saleor_returns_app.returns.markets import (
    MarketInput,
    MarketInUse,
    delete_market,
    return_count,
    save_market,
)
from saleor_returns_app.returns.models import Market, PolicyVersion, RefundTrigger
from saleor_returns_app.returns.policies import market_for, publish_policy
from saleor_returns_app.shipping.models import SelectionRule
from saleor_returns_app.testing.factories import make_installation, make_return_request

pytestmark = pytest.mark.django_db

ROMANIA = MarketInput(
    name="Romania",
    countries=["ro", "md", "RO"],
    channels=["ro-web"],
    currency="ron",
    language="ro",
    time_zone="Europe/Bucharest",
    refund_trigger=RefundTrigger.ON_INSPECTION,
    receive_on_delivery=True,
)
POLAND = MarketInput(
    name="Poland", countries=["PL"], currency="PLN", language="pl", time_zone="Europe/Warsaw"
)


@pytest.fixture
def store():
    return make_installation()


def _saved(store, data: MarketInput, market: Market | None = None) -> Market:
    saved, errors = save_market(store, data, market)
    assert errors == [], errors
    assert saved is not None
    return saved


def _errors(store, data: MarketInput, market: Market | None = None) -> dict[str, str]:
    saved, errors = save_market(store, data, market)
    assert saved is None
    return {error.field: error.code for error in errors}


def test_a_new_market_is_stored_with_clean_codes(store):
    market = _saved(store, ROMANIA)
    market.refresh_from_db()
    assert market.name == "Romania"
    assert market.countries == ["RO", "MD"]
    assert market.channels == ["ro-web"]
    assert market.currency == "RON"
    assert market.language == "ro"
    assert market.time_zone == "Europe/Bucharest"
    assert market.refund_trigger == RefundTrigger.ON_INSPECTION
    assert market.receive_on_delivery is True
    assert market_for(installation=store, channel_slug="other", country_code="md") == market


def test_every_invalid_field_is_reported_at_once_and_nothing_is_saved(store):
    data = MarketInput(
        name="  ",
        countries=["RO", "XX", "Romania"],
        channels=["ok", " "],
        currency="LEI",
        language="klingon",
        time_zone="Mars/Olympus",
        refund_trigger="SOMETIMES",
    )
    assert _errors(store, data) == {
        "name": "REQUIRED",
        "countries": "INVALID",
        "channels": "INVALID",
        "currency": "INVALID",
        "language": "INVALID",
        "timeZone": "INVALID",
        "refundTrigger": "INVALID",
    }
    assert not Market.objects.exists()


def test_the_invalid_countries_are_named(store):
    _, errors = save_market(store, replace(POLAND, countries=["PL", "XX", "POL"]))
    assert [e.message for e in errors] == ["Not ISO 3166 two-letter country codes: XX, POL."]


def test_a_market_needs_a_country_or_channel_unless_it_is_the_default(store):
    everywhere = MarketInput(name="Everywhere else", currency="EUR")
    assert _errors(store, everywhere) == {"countries": "REQUIRED"}
    market = _saved(store, replace(everywhere, is_default=True))
    assert market.countries == []
    assert market.is_default


def test_names_are_unique_per_store_whatever_their_case(store):
    _saved(store, ROMANIA)
    assert _errors(store, replace(POLAND, name="ROMANIA")) == {"name": "CONFLICT"}
    _saved(make_installation(), ROMANIA)  # another store may use the name


def test_a_country_or_channel_of_another_market_is_a_conflict_naming_it(store):
    _saved(store, ROMANIA)
    data = replace(POLAND, countries=["PL", "md"], channels=["ro-web"])
    saved, errors = save_market(store, data)
    assert saved is None
    assert [(e.field, e.code, e.message) for e in errors] == [
        ("countries", "CONFLICT", "MD already belong to the market “Romania”."),
        ("channels", "CONFLICT", "ro-web already belong to the market “Romania”."),
    ]


def test_a_market_keeps_its_own_countries_when_edited(store):
    market = _saved(store, ROMANIA)
    edited = _saved(store, replace(ROMANIA, name="România", countries=["RO"]), market)
    assert edited.pk == market.pk
    market.refresh_from_db()
    assert (market.name, market.countries) == ("România", ["RO"])


def test_making_a_market_the_default_moves_the_default_from_the_previous_one(store):
    romania = _saved(store, replace(ROMANIA, is_default=True))
    poland = _saved(store, replace(POLAND, is_default=True))
    romania.refresh_from_db()
    assert not romania.is_default
    assert poland.is_default
    _saved(store, replace(ROMANIA, is_default=True), romania)
    assert list(Market.objects.filter(is_default=True).values_list("name", flat=True)) == [
        "Romania"
    ]


def test_the_default_of_another_store_stays(store):
    other = _saved(make_installation(), replace(ROMANIA, is_default=True))
    _saved(store, replace(POLAND, is_default=True))
    other.refresh_from_db()
    assert other.is_default


def test_deleting_an_unused_market_deletes_its_policies_and_carrier_rules(store):
    market = _saved(store, ROMANIA)
    publish_policy(market=market, rules={"window_days": 14})
    SelectionRule.objects.create(installation=store, market=market, strategy="CHEAPEST")
    delete_market(store, market)
    assert not Market.objects.exists()
    assert not PolicyVersion.objects.exists()
    assert not SelectionRule.objects.exists()


def test_a_market_with_returns_cannot_be_deleted(store):
    market = _saved(store, ROMANIA)
    make_return_request(store, market=market)
    assert return_count(market) == 1
    with pytest.raises(MarketInUse) as refused:
        delete_market(store, market)
    assert refused.value.code == "IN_USE"
    assert "Romania" in refused.value.message
    assert Market.objects.filter(pk=market.pk).exists()


def test_a_market_whose_policy_decided_a_return_cannot_be_deleted(store):
    market = _saved(store, ROMANIA)
    version = publish_policy(market=market, rules={})
    make_return_request(store, market=None, policy=version)
    with pytest.raises(MarketInUse):
        delete_market(store, market)
    assert PolicyVersion.objects.filter(pk=version.pk).exists()


def test_another_store_cannot_delete_the_market(store):
    market = _saved(store, ROMANIA)
    with pytest.raises(Market.DoesNotExist):
        delete_market(make_installation(), market)
    assert Market.objects.filter(pk=market.pk).exists()
