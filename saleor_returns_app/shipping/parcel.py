"""What a return shipment carries and who sends it, from the Saleor order (``OrderForShipment``).

Pure functions over the order dict and our return lines; nothing is fetched here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from saleor_returns_app.carriers.base import Address

# Saleor's WeightUnitsEnum, in grams.
_GRAMS = {"G": 1.0, "KG": 1000.0, "LB": 453.59237, "OZ": 28.349523125, "TONNE": 1_000_000.0}

# A parcel whose items have no weight in Saleor is booked as this; carriers need a weight.
DEFAULT_ITEM_GRAMS = 500
PACKAGING_GRAMS = 200


@dataclass(frozen=True)
class ReturnedItem:
    order_line_id: str
    quantity: int


@dataclass(frozen=True)
class ParcelFacts:
    sender: Address
    weight_grams: int
    categories: frozenset[str]


def _grams(weight: Mapping[str, Any] | None) -> float | None:
    if not weight or not weight.get("value"):
        return None
    return float(weight["value"]) * _GRAMS.get(str(weight.get("unit", "KG")).upper(), 1000.0)


def sender_address(order: Mapping[str, Any], override: Mapping[str, Any] | None) -> Address:
    """The shopper as sender: the address they gave for the pickup, else the order's."""
    if override:
        return Address.from_dict(override)
    address = order.get("shippingAddress") or {}
    name = " ".join(part for part in (address.get("firstName"), address.get("lastName")) if part)
    return Address(
        name=name or str(order.get("userEmail") or ""),
        company=str(address.get("companyName") or ""),
        street_lines=tuple(
            line for line in (address.get("streetAddress1"), address.get("streetAddress2")) if line
        ),
        postal_code=str(address.get("postalCode") or ""),
        city=str(address.get("city") or ""),
        county=str(address.get("countryArea") or ""),
        country_code=str((address.get("country") or {}).get("code") or ""),
        phone=str(address.get("phone") or ""),
        email=str(order.get("userEmail") or ""),
    )


def parcel_facts(
    order: Mapping[str, Any],
    items: Iterable[ReturnedItem],
    *,
    pickup_address: Mapping[str, Any] | None = None,
) -> ParcelFacts:
    """Sender, gross weight (variant, else product, else a default per unit, plus packaging)
    and the product categories of the returned items."""
    lines = {line["id"]: line for line in order.get("lines") or []}
    grams = float(PACKAGING_GRAMS)
    categories: set[str] = set()
    for item in items:
        variant = (lines.get(item.order_line_id) or {}).get("variant") or {}
        product = variant.get("product") or {}
        unit = _grams(variant.get("weight")) or _grams(product.get("weight")) or DEFAULT_ITEM_GRAMS
        grams += unit * item.quantity
        slug = (product.get("category") or {}).get("slug")
        if slug:
            categories.add(slug)
    return ParcelFacts(
        sender=sender_address(order, pickup_address),
        weight_grams=round(grams),
        categories=frozenset(categories),
    )
