"""Amounts in a currency's minor unit (2 for PLN, 0 for HUF and JPY, 3 for BHD), from Babel."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import get_currency_precision


def quantise(amount: Decimal, currency: str) -> Decimal:
    """Round half up to the currency's minor unit, as Saleor rounds prices."""
    exponent = Decimal(1).scaleb(-get_currency_precision(currency.upper()))
    return amount.quantize(exponent, rounding=ROUND_HALF_UP)


def as_param(amount: Decimal) -> str:
    """An amount for a message: plain digits, no exponent (Babel formats it later)."""
    return f"{amount:f}"
