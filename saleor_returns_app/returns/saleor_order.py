"""Saleor's order (the ``OrderForReturn`` payload) as the policy engine's ``OrderFacts``.

Pure functions over the ``order`` dict the client returns; nothing is fetched here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from saleor_returns_app.returns.policy.facts import OrderFacts, OrderLineFacts

# Fulfilment statuses whose lines hold units that came back (Saleor's RETURNED family).
RETURNED_FULFILLMENT_STATUSES = frozenset({"RETURNED", "REFUNDED_AND_RETURNED", "REPLACED"})


@dataclass(frozen=True)
class LineShown:
    """What staff and shoppers see of an order line (the engine needs none of it)."""

    product_name: str
    variant_id: str
    variant_name: str
    sku: str
    thumbnail_url: str
    quantity: int
    unit_price: Decimal


def lines_shown(order: Mapping[str, Any]) -> dict[str, LineShown]:
    """Each line of an ``OrderForReturn`` order by id, as the order page shows it."""
    shown = {}
    for line in order.get("lines") or ():
        variant = line.get("variant") or {}
        shown[line["id"]] = LineShown(
            product_name=line.get("productName") or "",
            variant_id=variant.get("id") or "",
            variant_name=line.get("variantName") or "",
            sku=line.get("productSku") or variant.get("sku") or "",
            thumbnail_url=(line.get("thumbnail") or {}).get("url") or "",
            quantity=int(line["quantity"]),
            unit_price=_decimal(line["unitPrice"]["gross"]["amount"]),
        )
    return shown


def order_facts(
    *,
    order: Mapping[str, Any],
    returned_quantities: Mapping[str, int],
    fulfilled_at_fallback: Mapping[str, datetime] | None = None,
) -> OrderFacts:
    """``OrderFacts`` for one ``OrderForReturn`` order.

    ``returned_quantities`` (order line id -> units) are the units already in our open or
    accepted returns. ``fulfilled_at`` of a line is the creation time of the latest
    FULFILLED fulfilment holding it (the engine's contract: units shipped last get their
    full window); Saleor deletes a fulfilment once all its units were returned, so
    ``fulfilled_at_fallback`` (order line id -> time, from our own copy of the fulfilments)
    also counts, and the later of the two dates wins.
    """
    fulfilled_at = _last_fulfilled_at(order.get("fulfillments") or ())
    fallback = fulfilled_at_fallback or {}
    user = order.get("user") or {}
    return OrderFacts(
        order_id=order["id"],
        number=str(order["number"]),
        channel_slug=order["channel"]["slug"],
        country_code=order_country(order),
        currency=order["total"]["gross"]["currency"] or order["channel"]["currencyCode"],
        total=_decimal(order["total"]["gross"]["amount"]),
        customer_email=order.get("userEmail") or user.get("email") or "",
        customer_id=user.get("id"),
        lines=tuple(
            _line_facts(
                line,
                returned=int(returned_quantities.get(line["id"], 0)),
                fulfilled_at=_latest(fulfilled_at.get(line["id"]), fallback.get(line["id"])),
            )
            for line in order.get("lines") or ()
        ),
    )


def saleor_returned_quantities(order: Mapping[str, Any]) -> dict[str, int]:
    """Units per order line that Saleor already shows as returned or replaced.

    Useful to reconcile returns made from the Saleor dashboard with ours.
    """
    totals: dict[str, int] = {}
    for fulfillment in order.get("fulfillments") or ():
        if fulfillment.get("status") not in RETURNED_FULFILLMENT_STATUSES:
            continue
        for line in fulfillment.get("lines") or ():
            line_id = line["orderLine"]["id"]
            totals[line_id] = totals.get(line_id, 0) + int(line["quantity"])
    return totals


def parse_datetime(value: str) -> datetime:
    """Saleor's ``DateTime`` (ISO 8601 with offset, maybe ``Z``) as an aware datetime."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError(f"Saleor sent a naive DateTime: {value!r}")
    return parsed


def _latest(*candidates: datetime | None) -> datetime | None:
    known = [value for value in candidates if value is not None]
    return max(known) if known else None


def _last_fulfilled_at(fulfillments: Iterable[Mapping[str, Any]]) -> dict[str, datetime]:
    """When each line last shipped: units shipped later get their full window (see facts)."""
    latest: dict[str, datetime] = {}
    for fulfillment in fulfillments:
        if fulfillment.get("status") != "FULFILLED":
            continue
        created = parse_datetime(fulfillment["created"])
        for line in fulfillment.get("lines") or ():
            order_line = line.get("orderLine")
            if not order_line:
                continue
            line_id = order_line["id"]
            if line_id not in latest or created > latest[line_id]:
                latest[line_id] = created
    return latest


def _line_facts(
    line: Mapping[str, Any], *, returned: int, fulfilled_at: datetime | None
) -> OrderLineFacts:
    variant = line.get("variant") or {}
    product = variant.get("product") or {}
    return OrderLineFacts(
        line_id=line["id"],
        sku=line.get("productSku") or variant.get("sku"),
        variant_id=variant.get("id"),
        product_type=(product.get("productType") or {}).get("slug"),
        category=(product.get("category") or {}).get("slug"),
        collections=frozenset(c["slug"] for c in product.get("collections") or ()),
        # Variant metadata wins over the product's.
        metadata={**_metadata(product.get("metadata")), **_metadata(variant.get("metadata"))},
        quantity=int(line["quantity"]),
        quantity_fulfilled=int(line["quantityFulfilled"]),
        quantity_returned=returned,
        unit_price=_decimal(line["unitPrice"]["gross"]["amount"]),
        undiscounted_unit_price=_decimal(line["undiscountedUnitPrice"]["gross"]["amount"]),
        fulfilled_at=fulfilled_at,
        delivered_at=None,
    )


def _metadata(items: Iterable[Mapping[str, str]] | None) -> dict[str, str]:
    return {item["key"]: item["value"] for item in items or ()}


def order_country(order: Mapping[str, Any]) -> str:
    # Saleor's get_order_country: shipping address, billing address, channel default.
    for holder, key in (
        (order.get("shippingAddress"), "country"),
        (order.get("billingAddress"), "country"),
        (order.get("channel"), "defaultCountry"),
    ):
        code = ((holder or {}).get(key) or {}).get("code")
        if code:
            return str(code).upper()
    return ""


def _decimal(value: Any) -> Decimal:
    # JSON floats: go through str so 19.99 stays 19.99, not its binary approximation.
    return Decimal(str(value))
