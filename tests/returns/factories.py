"""Small builders of policy facts: sensible defaults, override only what a test is about.

The default story: one line of two shirts at 100.00 PLN, shipped on 2 October 2026 and
delivered on 3 October 2026 (11:00 in Bucharest); a 30-day window from delivery in
Europe/Bucharest, so the last day is 2 November 2026.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from saleor_returns_app.returns.policy import (
    Method,
    OrderFacts,
    OrderLineFacts,
    Policy,
    RequestedLine,
    Resolution,
    ReturnRequestFacts,
    WindowStart,
)

FULFILLED_AT = datetime(2026, 10, 2, 8, 0, tzinfo=UTC)
DELIVERED_AT = datetime(2026, 10, 3, 8, 0, tzinfo=UTC)
# Noon in Bucharest, well inside the default window.
IN_WINDOW = datetime(2026, 10, 20, 9, 0, tzinfo=UTC)


def make_line(**overrides: Any) -> OrderLineFacts:
    fields: dict[str, Any] = {
        "line_id": "line-1",
        "sku": "SHIRT-M",
        "variant_id": "variant-1",
        "product_type": "Shirt",
        "category": "Shirts",
        "collections": frozenset({"Autumn"}),
        "metadata": {},
        "quantity": 2,
        "quantity_fulfilled": 2,
        "quantity_returned": 0,
        "unit_price": Decimal("100.00"),
        "undiscounted_unit_price": Decimal("100.00"),
        "fulfilled_at": FULFILLED_AT,
        "delivered_at": DELIVERED_AT,
    }
    fields.update(overrides)
    return OrderLineFacts(**fields)


def make_order(*lines: OrderLineFacts, **overrides: Any) -> OrderFacts:
    fields: dict[str, Any] = {
        "order_id": "T3JkZXI6MQ==",
        "number": "1001",
        "channel_slug": "default-channel",
        "country_code": "PL",
        "currency": "PLN",
        "total": Decimal("200.00"),
        "customer_email": "ana@shop.example",
        "customer_id": None,
        "lines": lines or (make_line(),),
    }
    fields.update(overrides)
    return OrderFacts(**fields)


def make_policy(**overrides: Any) -> Policy:
    fields: dict[str, Any] = {
        "version": 7,
        "window_days": 30,
        "window_starts": WindowStart.DELIVERY,
        "time_zone": "Europe/Bucharest",
    }
    fields.update(overrides)
    return Policy(**fields)


def ask(**overrides: Any) -> RequestedLine:
    fields: dict[str, Any] = {
        "line_id": "line-1",
        "quantity": 1,
        "reason_code": "TOO_SMALL",
        "comment": "",
        "photo_count": 0,
    }
    fields.update(overrides)
    return RequestedLine(**fields)


def make_request(
    *lines: RequestedLine,
    method: Method = Method.DROP_OFF,
    resolution: Resolution = Resolution.REFUND,
) -> ReturnRequestFacts:
    return ReturnRequestFacts(lines=lines, method=method, resolution=resolution)
