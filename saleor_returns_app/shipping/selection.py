"""Which carrier account books a return: a market's rules, read top to bottom.

Pure: the caller passes the rules, the return's facts and a way to price an account, so the
choice can be tested without carriers and explained to staff.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from saleor_returns_app.carriers.base import ReturnMode


class Strategy(StrEnum):
    FIXED = "FIXED"
    CHEAPEST = "CHEAPEST"


@dataclass(frozen=True)
class AccountOption:
    """An account as the rules see it: which modes it offers where."""

    id: int
    carrier: str
    modes: frozenset[ReturnMode]
    countries: frozenset[str]  # empty: anywhere
    international: bool = False
    warehouse_country: str = ""  # where this account's returns go; empty: `to_country`

    def serves(self, mode: ReturnMode, *, from_country: str, to_country: str) -> bool:
        if mode not in self.modes:
            return False
        destination = self.warehouse_country or to_country
        if from_country.upper() != destination.upper() and not self.international:
            return False
        return not self.countries or from_country.upper() in self.countries


@dataclass(frozen=True)
class Rule:
    account_id: int | None  # None on a CHEAPEST rule: every account of the market competes
    strategy: Strategy = Strategy.FIXED
    countries: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    modes: frozenset[ReturnMode] = frozenset()
    min_weight_grams: int | None = None
    max_weight_grams: int | None = None
    is_fallback: bool = False

    def matches(self, facts: ShipmentFacts) -> bool:
        if self.countries and facts.from_country.upper() not in self.countries:
            return False
        if self.categories and not (self.categories & facts.categories):
            return False
        if self.modes and facts.mode not in self.modes:
            return False
        if self.min_weight_grams is not None and facts.weight_grams < self.min_weight_grams:
            return False
        return self.max_weight_grams is None or facts.weight_grams <= self.max_weight_grams


@dataclass(frozen=True)
class ShipmentFacts:
    mode: ReturnMode
    from_country: str
    to_country: str
    weight_grams: int
    categories: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Choice:
    account_id: int
    why: str
    price: Decimal | None = None


PriceOf = Callable[[int], Decimal | None]


def choose_account(
    *,
    rules: Sequence[Rule],
    accounts: Sequence[AccountOption],
    facts: ShipmentFacts,
    price_of: PriceOf,
) -> Choice | None:
    """The account that books this return, or None when no configured carrier can.

    Rules are tried in order, fallbacks last; a rule whose account cannot serve the return
    (mode, country) is skipped rather than failing, so the next rule or the fallback gets it.
    `price_of(account_id)` is asked only for CHEAPEST rules; an account it cannot price
    (None) does not compete.
    """
    by_id = {account.id: account for account in accounts}

    def serving(account_id: int | None) -> AccountOption | None:
        account = by_id.get(account_id) if account_id is not None else None
        if account and account.serves(
            facts.mode, from_country=facts.from_country, to_country=facts.to_country
        ):
            return account
        return None

    ordered = [r for r in rules if not r.is_fallback] + [r for r in rules if r.is_fallback]
    for position, rule in enumerate(ordered, start=1):
        if not rule.is_fallback and not rule.matches(facts):
            continue
        label = "fallback rule" if rule.is_fallback else f"rule {position}"
        if rule.strategy is Strategy.CHEAPEST:
            # A rule naming an account prices only that one; if it is gone (switched off),
            # the rule chooses nothing rather than letting every account compete.
            if rule.account_id is None:
                pool = list(accounts)
            else:
                pool = [by_id[rule.account_id]] if rule.account_id in by_id else []
            priced = [
                (price, account.id)
                for account in pool
                if serving(account.id) and (price := price_of(account.id)) is not None
            ]
            if priced:
                price, account_id = min(priced)
                return Choice(account_id, f"{label}: cheapest quote", price)
            continue
        account = serving(rule.account_id)
        if account is not None:
            return Choice(account.id, f"{label}: {account.carrier}")
    return None


def offered_modes(
    accounts: Sequence[AccountOption], *, from_country: str, to_country: str
) -> set[ReturnMode]:
    """What the shopper may choose: modes some account can serve from their country."""
    return {
        mode
        for account in accounts
        for mode in account.modes
        if account.serves(mode, from_country=from_country, to_country=to_country)
    }


def table_price(rate_table: Sequence[dict], weight_grams: int) -> Decimal | None:
    """The price of the first row of a rate table whose weight limit the parcel fits."""
    rows = sorted(rate_table, key=lambda row: int(row["max_weight_grams"]))
    for row in rows:
        if weight_grams <= int(row["max_weight_grams"]):
            return Decimal(str(row["price"]))
    return None
