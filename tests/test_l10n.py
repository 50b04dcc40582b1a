"""Shoppers read money and dates as their language writes them, in the market's time zone, and
are served the first shipped language among the order's, the market's and the browser's."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from saleor_returns_app.core.l10n import (
    choose_language,
    format_datetime,
    format_money,
    languages_of,
    shipped_languages,
)

NBSP = "\u00a0"


def test_english_romanian_polish_and_czech_are_shipped():
    # given / when
    shipped = shipped_languages()
    # then
    assert {"en", "ro", "pl", "cs"} <= set(shipped)


@pytest.mark.parametrize(
    ("language", "currency", "expected"),
    [
        # CLDR groups Polish and Czech thousands with a no-break space (the example
        # `1.234,50 zł` uses a dot; we follow CLDR) and puts the symbol after a no-break space.
        ("pl", "PLN", f"1{NBSP}234,50{NBSP}zł"),
        ("cs", "CZK", f"1{NBSP}234,50{NBSP}Kč"),
        ("ro", "RON", f"1.234,50{NBSP}lei"),
        ("en", "EUR", "€1,234.50"),
    ],
)
def test_money_is_written_as_the_shoppers_language_writes_it(language, currency, expected):
    # given / when
    written = format_money(Decimal("1234.50"), currency, language)
    # then
    assert written == expected


@pytest.mark.parametrize(
    ("language", "currency", "expected"),
    [
        ("pl", "PLN", f"1{NBSP}234{NBSP}567,89{NBSP}zł"),
        ("ro", "RON", f"-1.234.567,89{NBSP}lei"),
        ("cs", "EUR", f"0,50{NBSP}€"),
    ],
)
def test_money_keeps_grouping_sign_and_two_decimals(language, currency, expected):
    # given
    amount = {"pl": "1234567.891", "ro": "-1234567.89", "cs": "0.5"}[language]
    # when
    written = format_money(Decimal(amount), currency, language)
    # then
    assert written == expected


@pytest.mark.parametrize("language", ["pl-PL", "pl_PL", "PL"])
def test_money_accepts_regional_and_saleor_style_codes(language):
    # given / when
    written = format_money(Decimal("1234.50"), "PLN", language)
    # then
    assert written == f"1{NBSP}234,50{NBSP}zł"


@pytest.mark.parametrize("language", ["xx", "", "klingon"])
def test_money_in_an_unknown_language_is_written_in_english(language):
    # given / when
    written = format_money(Decimal("1234.50"), "EUR", language)
    # then
    assert written == "€1,234.50"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "3 Nov 2026, 00:30:00"),
        ("ro", "3 nov. 2026, 00:30:00"),
        ("pl", "3 lis 2026, 00:30:00"),
        ("cs", "3. 11. 2026 0:30:00"),
    ],
)
def test_dates_are_written_in_the_language_and_the_markets_time_zone(language, expected):
    # given: late on 2 November in UTC is already 3 November in Bucharest (UTC+2 in winter)
    moment = datetime(2026, 11, 2, 22, 30, tzinfo=UTC)
    # when
    written = format_datetime(moment, language, "Europe/Bucharest")
    # then
    assert written == expected


def test_dates_follow_the_markets_summer_time():
    # given: Prague is UTC+2 in July
    moment = datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    # when
    written = format_datetime(moment, "cs", "Europe/Prague")
    # then
    assert written == "1. 7. 2026 12:00:00"


def test_dates_default_to_utc():
    # given / when
    written = format_datetime(datetime(2026, 11, 2, 22, 30, tzinfo=UTC), "pl")
    # then
    assert written == "2 lis 2026, 22:30:00"


def test_the_orders_language_comes_first():
    # given / when
    chosen = choose_language("ro", "pl", accept_language="cs")
    # then
    assert chosen == "ro"


@pytest.mark.parametrize("order_language", [None, "", "de", "pt-BR"])
def test_the_markets_language_comes_when_the_order_has_no_shipped_one(order_language):
    # given / when
    chosen = choose_language(order_language, "pl", accept_language="cs")
    # then
    assert chosen == "pl"


def test_the_browsers_language_comes_when_neither_order_nor_market_has_one():
    # given / when
    chosen = choose_language(None, "fr", accept_language="cs")
    # then
    assert chosen == "cs"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("de-DE,de;q=0.9,cs;q=0.5,pl;q=0.7", "pl"),
        ("cs;q=0.4, ro;q=0.8", "ro"),
        ("cs, pl", "cs"),
        ("pl;q=0.5, cs;q=0.5", "pl"),
        ("pl;q=0, cs;q=0.1", "cs"),
        ("pl;Q=0.2, ro; q=0.3", "ro"),
        ("pl-PL;q=1.0, en;q=0.9", "pl"),
        ("pl;q=2, ro;q=abc, cs;q=0.001", "cs"),
    ],
)
def test_the_browsers_languages_are_taken_by_weight(header, expected):
    # given / when
    chosen = choose_language(accept_language=header)
    # then
    assert chosen == expected


@pytest.mark.parametrize(
    ("candidates", "header"),
    [
        ((), ""),
        ((None, None), ""),
        (("de", "fr-FR"), "es, it;q=0.8"),
        ((), "*"),
        ((), "pl;q=0"),
        (("xx-YY",), ",,;q=,"),
    ],
)
def test_unknown_or_missing_languages_fall_back_to_english(candidates, header):
    # given / when
    chosen = choose_language(*candidates, accept_language=header)
    # then
    assert chosen == "en"


@pytest.mark.parametrize(("code", "expected"), [("PL_PL", "pl"), ("cs-CZ", "cs"), ("RO", "ro")])
def test_saleor_and_regional_codes_choose_their_language(code, expected):
    # given / when
    chosen = choose_language(code)
    # then
    assert chosen == expected


def test_languages_of_keeps_the_shipped_ones_once_in_order():
    # given / when
    found = languages_of(["pl-PL", "de", "PL", "ro_RO", "en"])
    # then
    assert found == ["pl", "ro", "en"]
