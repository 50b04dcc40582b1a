"""A store's markets: created and edited by staff, validated field by field.

A market claims countries and Saleor channels; `policies.market_for` takes the first market
that matches an order, so two markets claiming the same country or channel would be decided
by row order alone. Saving refuses such overlaps instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import babel
import babel.localedata
import babel.numbers
from django.db import transaction
from django.db.models import ProtectedError, Q

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.models import Market, RefundTrigger, ReturnRequest
from saleor_returns_app.returns.outcomes import FieldError, Refused

NAME_MAX = 120


@dataclass(frozen=True)
class MarketInput:
    name: str
    countries: Sequence[str] = ()
    channels: Sequence[str] = ()
    currency: str = ""
    language: str = "en"
    time_zone: str = "UTC"
    is_default: bool = False
    refund_trigger: str = RefundTrigger.ON_RECEIPT
    receive_on_delivery: bool = False


class MarketInUse(Refused):
    """Returns were decided under the market: deleting it would lose their explanation."""

    code = "IN_USE"


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166 alpha-2 codes babel names ("ZZ" is its unknown region, not a country)."""
    territories = babel.Locale("en").territories
    return frozenset(code for code in territories if len(code) == 2 and code.isalpha()) - {"ZZ"}


@cache
def currency_codes() -> frozenset[str]:
    return frozenset(babel.numbers.list_currencies())


def _unique(values: Sequence[str], *, upper: bool) -> list[str]:
    cleaned = (value.strip().upper() if upper else value.strip() for value in values)
    return list(dict.fromkeys(cleaned))


def _valid_time_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _valid_language(code: str) -> bool:
    return bool(code) and babel.localedata.exists(code.replace("-", "_"))


def _claims(
    installation: Installation, market: Market | None, countries: list[str], channels: list[str]
) -> list[FieldError]:
    """Countries and channels another market of the store already claims."""
    others = Market.objects.for_installation(installation).order_by("pk")
    if market is not None:
        others = others.exclude(pk=market.pk)
    errors = []
    for field, wanted, attribute in (
        ("countries", countries, "countries"),
        ("channels", channels, "channels"),
    ):
        for other in others:
            taken = [value for value in wanted if value in getattr(other, attribute)]
            if taken:
                errors.append(
                    FieldError(
                        field,
                        "CONFLICT",
                        f"{', '.join(taken)} already belong to the market “{other.name}”.",
                    )
                )
    return errors


def _validate(
    installation: Installation,
    data: MarketInput,
    market: Market | None,
    countries: list[str],
    channels: list[str],
) -> list[FieldError]:
    errors: list[FieldError] = []
    name = data.name.strip()
    if not name:
        errors.append(FieldError("name", "REQUIRED", "Give the market a name."))
    elif len(name) > NAME_MAX:
        errors.append(FieldError("name", "INVALID", f"Up to {NAME_MAX} characters."))
    else:
        same_name = Market.objects.for_installation(installation).filter(name__iexact=name)
        if market is not None:
            same_name = same_name.exclude(pk=market.pk)
        if same_name.exists():
            errors.append(FieldError("name", "CONFLICT", f"Another market is called “{name}”."))

    unknown = [code or "(empty)" for code in countries if code not in country_codes()]
    if unknown:
        errors.append(
            FieldError(
                "countries",
                "INVALID",
                f"Not ISO 3166 two-letter country codes: {', '.join(unknown)}.",
            )
        )
    if any(not slug for slug in channels):
        errors.append(FieldError("channels", "INVALID", "A channel slug cannot be empty."))
    if not countries and not channels and not data.is_default:
        errors.append(
            FieldError(
                "countries",
                "REQUIRED",
                "Give at least one country or channel, or make this the default market.",
            )
        )
    if data.currency.strip().upper() not in currency_codes():
        errors.append(FieldError("currency", "INVALID", "Not an ISO 4217 currency code."))
    if not _valid_language(data.language.strip()):
        errors.append(FieldError("language", "INVALID", "Not a language code (e.g. ro, pl)."))
    if not _valid_time_zone(data.time_zone.strip()):
        errors.append(FieldError("timeZone", "INVALID", "Not a time zone (e.g. Europe/Bucharest)."))
    if data.refund_trigger not in RefundTrigger.values:
        errors.append(
            FieldError(
                "refundTrigger",
                "INVALID",
                f"One of {', '.join(RefundTrigger.values)}.",
            )
        )
    if not unknown and all(channels):
        errors.extend(_claims(installation, market, countries, channels))
    return errors


def save_market(
    installation: Installation, data: MarketInput, market: Market | None = None
) -> tuple[Market | None, list[FieldError]]:
    """Create a market (or replace `market`'s settings with `data`); the saved market, or
    every field error and nothing saved."""
    countries = _unique(data.countries, upper=True)
    channels = _unique(data.channels, upper=False)
    with transaction.atomic():
        # One save per store at a time, so that names, countries and channels checked free
        # are still free when saved, and two new defaults do not both clear the old one.
        Installation.objects.select_for_update().filter(pk=installation.pk).first()
        errors = _validate(installation, data, market, countries, channels)
        if errors:
            return None, errors
        target = market or Market(installation=installation)
        target.name = data.name.strip()
        target.countries = countries
        target.channels = channels
        target.currency = data.currency.strip().upper()
        target.language = data.language.strip()
        target.time_zone = data.time_zone.strip()
        target.is_default = data.is_default
        target.refund_trigger = data.refund_trigger
        target.receive_on_delivery = data.receive_on_delivery
        if data.is_default:
            # Before saving: `one_default_market` allows one default at any moment.
            previous = Market.objects.for_installation(installation).filter(is_default=True)
            if target.pk is not None:
                previous = previous.exclude(pk=target.pk)
            previous.update(is_default=False)
        target.save()
    return target, []


def return_count(market: Market) -> int:
    """Returns decided under the market: by its market, or by one of its policy versions."""
    return (
        ReturnRequest.objects.filter(installation_id=market.installation_id)
        .filter(Q(market=market) | Q(policy__market=market))
        .count()
    )


def delete_market(installation: Installation, market: Market) -> None:
    """Delete the market with its policy versions and carrier rules; refused (`MarketInUse`)
    while any return refers to it, as returns keep the market and policy that decided them."""
    if market.installation_id != installation.pk:
        raise Market.DoesNotExist
    if return_count(market):
        raise MarketInUse(f"Returns were filed in “{market.name}”; it cannot be deleted.")
    try:
        with transaction.atomic():
            market.delete()
    except ProtectedError as error:
        raise MarketInUse(f"“{market.name}” is still in use; it cannot be deleted.") from error
