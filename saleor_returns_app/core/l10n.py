"""Shopper-facing formatting and language choice, with Babel's locale data.

Money and dates follow the shopper's language as CLDR writes it (`1 234,50 zł`, `1 234,50 Kč`,
`1.234,50 lei`, `€1,234.50`; the spaces are no-break spaces, so an amount never wraps). Issue 6
shows Polish as `1.234,50 zł`; we follow CLDR instead (docs/conventions.md, "Translations").
The language itself comes from the first of the order's, the market's and the browser's that
the app ships (`settings.LANGUAGES`), else English.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_date
from babel.dates import format_datetime as babel_datetime
from babel.numbers import format_currency, format_decimal
from django.conf import settings

# The territory whose conventions a bare language code formats with.
_TERRITORY = {"en": "en_GB", "ro": "ro_RO", "pl": "pl_PL", "cs": "cs_CZ"}
# Where shoppers write a currency otherwise than CLDR's symbol: Romanians write "lei", not "RON".
_LOCAL_SYMBOLS = {("ro", "RON"): "lei"}
# An Accept-Language weight (RFC 9110, 12.4.2): 0 to 1, at most three decimals.
_QVALUE = re.compile(r"0(?:\.\d{0,3})?|1(?:\.0{0,3})?")


def shipped_languages() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)


def _base(code: str) -> str:
    return code.replace("_", "-").split("-")[0].strip().lower()


def choose_language(*candidates: str | None, accept_language: str = "") -> str:
    """The first shipped language among `candidates` (e.g. the order's, then the market's),
    then the browser's `Accept-Language` in its order of preference, else English."""
    shipped = shipped_languages()
    browser = _accepted(accept_language)
    for candidate in (*candidates, *browser):
        if candidate and _base(candidate) in shipped:
            return _base(candidate)
    return "en"


def _accepted(header: str) -> list[str]:
    """The header's language ranges, most wanted first (ties in the header's order). `q=0`
    means "not this one"; a malformed weight is not trusted to mean anything else."""
    weighted = []
    for position, part in enumerate(header.split(",")):
        code, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                value = value.strip()
                quality = float(value) if _QVALUE.fullmatch(value) else 0.0
        if code and code != "*" and quality > 0:
            weighted.append((-quality, position, code))
    return [code for _q, _p, code in sorted(weighted)]


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(_TERRITORY.get(_base(language), language.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_GB")


def format_money(amount: Decimal, currency: str, language: str) -> str:
    """`amount` in `currency` as a shopper reading `language` writes it."""
    locale = _locale(language)
    symbol = _LOCAL_SYMBOLS.get((_base(language), currency.upper()))
    if symbol:
        return f"{format_decimal(amount, format='#,##0.00', locale=locale)}\u00a0{symbol}"
    return format_currency(amount, currency, locale=locale)


def format_datetime(value: datetime, language: str, time_zone: str = "UTC") -> str:
    """A date and time in the shopper's language and the market's time zone."""
    return babel_datetime(
        value, format="medium", tzinfo=ZoneInfo(time_zone), locale=_locale(language)
    )


def format_day(value: date, language: str, style: str = "long") -> str:
    """A calendar day (`style`: short, medium, long or full) in the shopper's language; give a
    datetime already in the market's time zone."""
    return babel_date(value, format=style, locale=_locale(language))


def languages_of(codes: Iterable[str]) -> list[str]:
    """The shipped languages among `codes`, in their order, each once."""
    shipped = shipped_languages()
    return list(dict.fromkeys(_base(code) for code in codes if _base(code) in shipped))
