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


def first_fulfilled_at(*, installation: Installation, order_id: str) -> datetime | None:
    """When the order first shipped: where a return window counted from fulfilment starts."""
    return (
        OrderFulfilment.objects.for_installation(installation)
        .filter(order_id=order_id, status="FULFILLED")
        .order_by("fulfilled_at")
        .values_list("fulfilled_at", flat=True)
        .first()
    )
