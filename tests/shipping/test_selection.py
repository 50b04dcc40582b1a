"""A market's carrier rules, read top to bottom: which account books a return, and which
return modes the shopper is offered. Pure rules, no database, no carriers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from saleor_returns_app.carriers.base import ReturnMode
from saleor_returns_app.shipping.selection import (
    AccountOption,
    Rule,
    ShipmentFacts,
    Strategy,
    choose_account,
    offered_modes,
    table_price,
)

LOCKER, PICKUP, DROP_OFF, SELF_SHIP = (
    ReturnMode.LOCKER,
    ReturnMode.PICKUP,
    ReturnMode.DROP_OFF,
    ReturnMode.SELF_SHIP,
)

SAMEDAY = AccountOption(1, "sameday", frozenset({PICKUP, LOCKER}), frozenset({"RO", "HU", "BG"}))
INNOSHIP = AccountOption(2, "innoship", frozenset({PICKUP, LOCKER}), frozenset({"RO", "BG", "HU"}))
PACKETA = AccountOption(3, "packeta", frozenset({LOCKER, DROP_OFF}), frozenset({"CZ", "RO"}))
SELF = AccountOption(4, "self", frozenset({SELF_SHIP}), frozenset(), international=True)
ACCOUNTS = (SAMEDAY, INNOSHIP, PACKETA, SELF)


def facts(
    mode: ReturnMode = LOCKER,
    *,
    from_country: str = "RO",
    to_country: str = "RO",
    weight_grams: int = 1500,
    categories: tuple[str, ...] = ("camasi",),
) -> ShipmentFacts:
    return ShipmentFacts(mode, from_country, to_country, weight_grams, frozenset(categories))


def no_price(account_id: int) -> Decimal | None:
    raise AssertionError(f"a FIXED rule must not price account {account_id}")


def chosen(rules, shipment=None, *, accounts=ACCOUNTS, price_of=no_price) -> int | None:
    choice = choose_account(
        rules=rules, accounts=accounts, facts=shipment or facts(), price_of=price_of
    )
    return choice.account_id if choice else None


# --- FIXED rules, first match wins ---------------------------------------------------------


def test_the_first_matching_rule_wins_even_when_a_later_one_also_matches():
    rules = [Rule(account_id=SAMEDAY.id), Rule(account_id=INNOSHIP.id)]

    assert chosen(rules) == SAMEDAY.id
    assert chosen(list(reversed(rules))) == INNOSHIP.id


def test_the_choice_says_which_rule_chose_the_account():
    rules = [Rule(account_id=INNOSHIP.id, countries=frozenset({"BG"})), Rule(SAMEDAY.id)]

    choice = choose_account(rules=rules, accounts=ACCOUNTS, facts=facts(), price_of=no_price)

    assert choice is not None
    assert choice.account_id == SAMEDAY.id
    assert choice.why == "rule 2: sameday"
    assert choice.price is None


def test_a_rule_for_another_shopper_country_does_not_match():
    rules = [
        Rule(account_id=INNOSHIP.id, countries=frozenset({"BG"})),
        Rule(account_id=SAMEDAY.id, countries=frozenset({"RO"})),
    ]

    assert chosen(rules, facts(from_country="RO")) == SAMEDAY.id
    # the shopper's country is compared case-insensitively
    assert chosen(rules, facts(from_country="ro")) == SAMEDAY.id


def test_a_return_from_abroad_takes_the_rule_for_that_country():
    rules = [
        Rule(account_id=SAMEDAY.id, countries=frozenset({"RO"})),
        Rule(account_id=INNOSHIP.id, countries=frozenset({"BG"})),
    ]

    # Bulgaria to a Romanian warehouse: innoship is not international, so nobody serves it…
    assert chosen(rules, facts(from_country="BG", to_country="RO")) is None
    # …but a Bulgarian store's returns from Bulgaria go by the BG rule
    assert chosen(rules, facts(from_country="BG", to_country="BG")) == INNOSHIP.id


def test_a_rule_by_product_category_matches_when_any_returned_category_is_listed():
    rules = [
        Rule(account_id=INNOSHIP.id, categories=frozenset({"mobila"})),
        Rule(account_id=SAMEDAY.id),
    ]

    assert chosen(rules, facts(categories=("camasi",))) == SAMEDAY.id
    assert chosen(rules, facts(categories=("camasi", "mobila"))) == INNOSHIP.id
    # a return whose products have no category does not match a category rule
    assert chosen(rules, facts(categories=())) == SAMEDAY.id


@pytest.mark.parametrize(
    ("weight", "expected"),
    [
        (999, SAMEDAY.id),
        (1000, INNOSHIP.id),  # the minimum is inclusive
        (5000, INNOSHIP.id),  # so is the maximum
        (5001, SAMEDAY.id),
    ],
)
def test_a_rule_by_weight_range_includes_both_limits(weight, expected):
    rules = [
        Rule(account_id=INNOSHIP.id, min_weight_grams=1000, max_weight_grams=5000),
        Rule(account_id=SAMEDAY.id),
    ]

    assert chosen(rules, facts(weight_grams=weight)) == expected


def test_a_rule_by_mode_matches_only_returns_in_that_mode():
    rules = [
        Rule(account_id=INNOSHIP.id, modes=frozenset({PICKUP})),
        Rule(account_id=SAMEDAY.id),
    ]

    assert chosen(rules, facts(PICKUP)) == INNOSHIP.id
    assert chosen(rules, facts(LOCKER)) == SAMEDAY.id


def test_every_condition_of_a_rule_must_hold():
    rule = Rule(
        account_id=INNOSHIP.id,
        countries=frozenset({"RO"}),
        categories=frozenset({"camasi"}),
        modes=frozenset({PICKUP}),
        max_weight_grams=2000,
    )
    rules = [rule, Rule(account_id=SAMEDAY.id)]

    assert chosen(rules, facts(PICKUP)) == INNOSHIP.id
    assert chosen(rules, facts(PICKUP, weight_grams=2500)) == SAMEDAY.id
    assert chosen(rules, facts(PICKUP, categories=("pantofi",))) == SAMEDAY.id
    assert chosen(rules, facts(LOCKER)) == SAMEDAY.id


# --- accounts that cannot serve, fallbacks, nothing --------------------------------------


def test_an_account_that_cannot_serve_the_mode_is_skipped_for_the_next_rule():
    # Packeta takes no courier pickups
    rules = [Rule(account_id=PACKETA.id), Rule(account_id=SAMEDAY.id)]

    assert chosen(rules, facts(PICKUP)) == SAMEDAY.id
    assert chosen(rules, facts(LOCKER)) == PACKETA.id


def test_an_account_that_cannot_serve_the_country_leaves_the_return_to_the_fallback():
    rules = [
        Rule(account_id=SAMEDAY.id),
        Rule(account_id=PACKETA.id, is_fallback=True),
    ]

    # Sameday does not serve Czechia; Packeta does
    assert chosen(rules, facts(from_country="CZ", to_country="CZ")) == PACKETA.id


def test_the_fallback_is_tried_last_wherever_it_is_listed():
    rules = [
        Rule(account_id=INNOSHIP.id, is_fallback=True),
        Rule(account_id=SAMEDAY.id, modes=frozenset({PICKUP})),
    ]

    choice = choose_account(rules=rules, accounts=ACCOUNTS, facts=facts(PICKUP), price_of=no_price)
    assert choice is not None
    assert choice.account_id == SAMEDAY.id
    fallback = choose_account(rules=rules, accounts=ACCOUNTS, facts=facts(), price_of=no_price)
    assert fallback is not None
    assert fallback.account_id == INNOSHIP.id
    assert fallback.why.startswith("fallback rule")


def test_no_rule_matching_and_no_fallback_means_no_carrier():
    rules = [Rule(account_id=SAMEDAY.id, countries=frozenset({"HU"}))]

    assert chosen(rules) is None
    assert chosen([]) is None


def test_a_rule_naming_an_account_the_market_no_longer_has_is_skipped():
    # e.g. the account was switched off: it is not among the market's active accounts
    rules = [Rule(account_id=99), Rule(account_id=SAMEDAY.id)]

    assert chosen(rules) == SAMEDAY.id


def test_a_self_ship_return_goes_to_the_only_account_that_takes_self_ship():
    rules = [Rule(account_id=SAMEDAY.id), Rule(account_id=SELF.id, is_fallback=True)]

    assert chosen(rules, facts(SELF_SHIP, from_country="DE", to_country="RO")) == SELF.id


# --- CHEAPEST --------------------------------------------------------------------------------


def prices(table: dict[int, str | None]):
    asked: list[int] = []

    def price_of(account_id: int) -> Decimal | None:
        asked.append(account_id)
        value = table.get(account_id)
        return Decimal(value) if value is not None else None

    price_of.asked = asked  # type: ignore[attr-defined]
    return price_of


def test_cheapest_picks_the_lowest_price_among_the_accounts_that_serve_the_return():
    price_of = prices({SAMEDAY.id: "17.50", INNOSHIP.id: "17.85", PACKETA.id: "9.00"})
    rules = [Rule(account_id=None, strategy=Strategy.CHEAPEST)]

    choice = choose_account(rules=rules, accounts=ACCOUNTS, facts=facts(PICKUP), price_of=price_of)

    # Packeta is cheapest but takes no pickups, and is not even asked for a price
    assert choice is not None
    assert choice.account_id == SAMEDAY.id
    assert choice.price == Decimal("17.50")
    assert choice.why == "rule 1: cheapest quote"
    assert PACKETA.id not in price_of.asked
    assert SELF.id not in price_of.asked


def test_cheapest_skips_accounts_it_cannot_price():
    price_of = prices({SAMEDAY.id: None, INNOSHIP.id: "21.42"})
    rules = [Rule(account_id=None, strategy=Strategy.CHEAPEST)]

    assert chosen(rules, facts(PICKUP), price_of=price_of) == INNOSHIP.id


def test_cheapest_with_nothing_priced_moves_on_to_the_next_rule():
    price_of = prices({})
    rules = [
        Rule(account_id=None, strategy=Strategy.CHEAPEST),
        Rule(account_id=SAMEDAY.id, is_fallback=True),
    ]

    assert chosen(rules, facts(PICKUP), price_of=price_of) == SAMEDAY.id


def test_a_cheapest_rule_naming_an_account_prices_only_that_account():
    price_of = prices({SAMEDAY.id: "30.00", INNOSHIP.id: "10.00"})
    rules = [Rule(account_id=SAMEDAY.id, strategy=Strategy.CHEAPEST)]

    assert chosen(rules, facts(PICKUP), price_of=price_of) == SAMEDAY.id
    assert price_of.asked == [SAMEDAY.id]


def test_a_cheapest_rule_naming_a_missing_account_does_not_open_to_every_account():
    # The rule's account was switched off: the rule cannot choose, so the next one does,
    # rather than any other account of the market (which the rule never named).
    price_of = prices({SAMEDAY.id: "30.00", INNOSHIP.id: "10.00"})
    rules = [
        Rule(account_id=99, strategy=Strategy.CHEAPEST),
        Rule(account_id=SAMEDAY.id, is_fallback=True),
    ]

    assert chosen(rules, facts(PICKUP), price_of=price_of) == SAMEDAY.id
    assert price_of.asked == []


def test_cheapest_on_equal_prices_is_stable():
    price_of = prices({SAMEDAY.id: "17.50", INNOSHIP.id: "17.50"})
    rules = [Rule(account_id=None, strategy=Strategy.CHEAPEST)]

    assert chosen(rules, facts(PICKUP), price_of=price_of) == SAMEDAY.id


# --- offered modes and rate tables ----------------------------------------------------------


def test_the_shopper_is_offered_only_modes_a_configured_account_serves_from_their_country():
    assert offered_modes(ACCOUNTS, from_country="RO", to_country="RO") == {
        PICKUP,
        LOCKER,
        DROP_OFF,
        SELF_SHIP,
    }
    assert offered_modes([SAMEDAY, INNOSHIP], from_country="RO", to_country="RO") == {
        PICKUP,
        LOCKER,
    }
    # from Czechia only Packeta (and our own label) can take it back to Czechia
    assert offered_modes(ACCOUNTS, from_country="CZ", to_country="CZ") == {
        LOCKER,
        DROP_OFF,
        SELF_SHIP,
    }
    # from Germany to Romania: no domestic carrier crosses the border; self-ship does
    assert offered_modes(ACCOUNTS, from_country="DE", to_country="RO") == {SELF_SHIP}
    assert offered_modes([], from_country="RO", to_country="RO") == set()


def test_a_rate_table_prices_by_the_first_weight_limit_the_parcel_fits():
    table = [
        {"max_weight_grams": 5000, "price": "24.00"},
        {"max_weight_grams": 1000, "price": "12.50"},
        {"max_weight_grams": 2000, "price": 15},
    ]

    assert table_price(table, 800) == Decimal("12.50")
    assert table_price(table, 1000) == Decimal("12.50")
    assert table_price(table, 1001) == Decimal("15")
    assert table_price(table, 4999) == Decimal("24.00")
    assert table_price(table, 5001) is None
    assert table_price([], 100) is None
