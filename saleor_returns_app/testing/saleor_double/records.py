"""Builders for the small value records (money, addresses, metadata) the store is made of.

Records are plain dicts keyed by GraphQL field names, so graphql-core's default field
resolution reads them directly; ``__typename`` names the concrete type for interfaces.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

Amount = Decimal | int | float | str


def camel_case(name: str) -> str:
    """``user_email`` -> ``userEmail``; names without underscores are kept."""
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


class Record(dict[str, Any]):
    """A store record: a dict keyed by GraphQL field names, also readable as attributes.

    ``order.id``, ``product.variants`` and ``order.user_email`` (snake_case is mapped to
    the camelCase key) read the same values as ``order["id"]``; writes go through keys.
    """

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        for key in (name, camel_case(name)):
            if key in self:
                return self[key]
        raise AttributeError(name)


# Enough of ISO 4217 for test shops; everything else has two decimal places.
_ZERO_DECIMAL_CURRENCIES = frozenset({"JPY", "KRW", "CLP", "ISK", "HUF"})
_COUNTRY_NAMES = {
    "PL": "Poland",
    "DE": "Germany",
    "GB": "United Kingdom",
    "US": "United States of America",
    "FR": "France",
    "CZ": "Czechia",
    "NL": "Netherlands",
}


def now_iso() -> str:
    """Current time as Saleor serialises ``DateTime``: ISO 8601 with UTC offset."""
    return datetime.datetime.now(tz=datetime.UTC).isoformat()


def to_decimal(value: Amount) -> Decimal:
    """Exact decimal for prices given as str/int/float/Decimal."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def fraction_digits(currency: str) -> int:
    return 0 if currency.upper() in _ZERO_DECIMAL_CURRENCIES else 2


def money(amount: Amount, currency: str) -> Record:
    """A ``Money`` record, rounded to the currency's precision like Saleor's prices."""
    digits = fraction_digits(currency)
    quantum = Decimal(1).scaleb(-digits)
    exact = to_decimal(amount).quantize(quantum, rounding=ROUND_HALF_UP)
    return Record(
        {
            "__typename": "Money",
            "currency": currency,
            "amount": float(exact),
            "fractionalAmount": int(exact.scaleb(digits)),
            "fractionDigits": digits,
        }
    )


def taxed_money(gross: Amount, currency: str, *, tax: Amount = 0) -> Record:
    """A ``TaxedMoney`` record; net is gross minus tax."""
    gross_value = to_decimal(gross)
    tax_value = to_decimal(tax)
    return Record(
        {
            "__typename": "TaxedMoney",
            "currency": currency,
            "gross": money(gross_value, currency),
            "net": money(gross_value - tax_value, currency),
            "tax": money(tax_value, currency),
        }
    )


def amount_of(money_record: Mapping[str, Any]) -> Decimal:
    """Decimal amount of a ``Money`` or ``TaxedMoney`` (gross) record."""
    if "gross" in money_record:
        return to_decimal(money_record["gross"]["amount"])
    return to_decimal(money_record["amount"])


def country(code: str) -> Record:
    """A ``CountryDisplay`` record."""
    upper = code.upper()
    return Record(
        {
            "__typename": "CountryDisplay",
            "code": upper,
            "country": _COUNTRY_NAMES.get(upper, upper),
            "vat": None,
        }
    )


def metadata_items(values: Mapping[str, str] | None) -> list[Record]:
    """``[MetadataItem]`` from a mapping, in the mapping's order."""
    return [
        Record(__typename="MetadataItem", key=key, value=value)
        for key, value in (values or {}).items()
    ]


def set_metadata(items: list[Record], updates: Iterable[tuple[str, str]]) -> None:
    """Upsert keys in a ``[MetadataItem]`` list in place (Saleor keeps one value per key)."""
    by_key = {item["key"]: item for item in items}
    for key, value in updates:
        if key in by_key:
            by_key[key]["value"] = value
        else:
            item = Record(__typename="MetadataItem", key=key, value=value)
            items.append(item)
            by_key[key] = item


def address(
    *,
    first_name: str = "",
    last_name: str = "",
    street_address_1: str = "",
    street_address_2: str = "",
    city: str = "",
    postal_code: str = "",
    country_code: str = "PL",
    country_area: str = "",
    company_name: str = "",
    phone: str | None = None,
    address_id: str | None = None,
) -> Record:
    """An ``Address`` record (order addresses are snapshots, as in Saleor)."""
    return Record(
        {
            "__typename": "Address",
            "id": address_id or "",
            "firstName": first_name,
            "lastName": last_name,
            "companyName": company_name,
            "streetAddress1": street_address_1,
            "streetAddress2": street_address_2,
            "city": city.upper(),
            "cityArea": "",
            "postalCode": postal_code,
            "country": country(country_code),
            "countryArea": country_area,
            "phone": phone,
            "isDefaultShippingAddress": None,
            "isDefaultBillingAddress": None,
            "metadata": [],
            "privateMetadata": [],
        }
    )
