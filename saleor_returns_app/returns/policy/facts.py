"""What the engine is told: an order as Saleor knows it and what the shopper asks to return.

Facts are plain, immutable values built by the caller (from Saleor's order, our fulfilment
records and the open returns); the engine never fetches anything itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType


class Method(StrEnum):
    """How the parcel travels back to the store."""

    PICKUP = "PICKUP"
    DROP_OFF = "DROP_OFF"
    LOCKER = "LOCKER"
    SELF_SHIP = "SELF_SHIP"


class Resolution(StrEnum):
    """What the shopper gets for the returned items."""

    REFUND = "REFUND"
    EXCHANGE = "EXCHANGE"
    STORE_CREDIT = "STORE_CREDIT"


def require_aware(value: datetime | None, name: str) -> None:
    """Refuse naive datetimes: a deadline is only meaningful for a point in time."""
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"{name} must be a timezone-aware datetime, got {value!r}")


@dataclass(frozen=True, kw_only=True)
class OrderLineFacts:
    """One line of a Saleor order, with what has happened to it so far.

    `quantity_returned` counts the units already in other open or accepted returns.
    `fulfilled_at` is when the line's units were shipped (for a line shipped in several
    fulfilments, pass the latest: the window then covers the last units that left).
    `metadata` is the product's metadata merged with the variant's (variant wins).
    """

    line_id: str
    sku: str | None
    variant_id: str | None
    product_type: str | None
    category: str | None
    collections: frozenset[str] = frozenset()
    metadata: Mapping[str, str] = field(default_factory=dict)
    quantity: int
    quantity_fulfilled: int
    quantity_returned: int = 0
    unit_price: Decimal
    undiscounted_unit_price: Decimal
    fulfilled_at: datetime | None = None
    delivered_at: datetime | None = None

    def __post_init__(self) -> None:
        require_aware(self.fulfilled_at, "fulfilled_at")
        require_aware(self.delivered_at, "delivered_at")
        object.__setattr__(self, "collections", frozenset(self.collections))
        object.__setattr__(self, "metadata", MappingProxyType(dict(self.metadata)))


@dataclass(frozen=True, kw_only=True)
class OrderFacts:
    """A Saleor order as far as returns care. `total` is the gross total the shopper paid."""

    order_id: str
    number: str
    channel_slug: str
    country_code: str
    currency: str
    total: Decimal
    customer_email: str
    customer_id: str | None = None
    lines: tuple[OrderLineFacts, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", tuple(self.lines))

    def line(self, line_id: str) -> OrderLineFacts | None:
        return next((line for line in self.lines if line.line_id == line_id), None)


@dataclass(frozen=True, kw_only=True)
class RequestedLine:
    """One order line the shopper wants to return, as submitted (not yet validated)."""

    line_id: str
    quantity: int
    reason_code: str
    comment: str = ""
    photo_count: int = 0


@dataclass(frozen=True, kw_only=True)
class ReturnRequestFacts:
    """A return request as submitted by a shopper or by staff on their behalf."""

    lines: tuple[RequestedLine, ...]
    method: Method
    resolution: Resolution

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", tuple(self.lines))
