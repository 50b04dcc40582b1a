"""Reads of our copy of order fulfilments, always within one installation."""

from __future__ import annotations

from datetime import datetime

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.orders.models import OrderFulfilment


def fulfilments_for_order(*, installation: Installation, order_id: str) -> list[OrderFulfilment]:
    return list(
        OrderFulfilment.objects.for_installation(installation)
        .filter(order_id=order_id)
        .order_by("fulfilled_at", "pk")
    )


def shipped_at_by_line(*, installation: Installation, order_id: str) -> dict[str, datetime]:
    """When each order line last shipped (order line id → time), from our own copy.

    This is where a return window counted from fulfilment starts, and it outlives the
    fulfilments Saleor deletes once their items are returned.
    """
    shipped: dict[str, datetime] = {}
    for fulfilment in fulfilments_for_order(installation=installation, order_id=order_id):
        if fulfilment.status != "FULFILLED":
            continue
        for line in fulfilment.lines:
            line_id = line.get("order_line_id")
            if line_id:
                # Ordered by date: the last assignment is the latest shipment.
                shipped[line_id] = fulfilment.fulfilled_at
    return shipped
