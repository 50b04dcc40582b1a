"""Writes to our copy of order fulfilments."""

from __future__ import annotations

from django.utils.dateparse import parse_datetime

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.orders.models import OrderFulfilment


def record_fulfilments(*, installation: Installation, order: dict) -> list[OrderFulfilment]:
    """Upsert every fulfilment of an order as the webhook payload describes it.

    Fulfilments that Saleor no longer lists are kept: they are the only record of what was
    shipped once a return has emptied them.
    """
    recorded = []
    for fulfilment in order.get("fulfillments") or []:
        lines = [
            {
                "fulfillment_line_id": line["id"],
                "order_line_id": (line.get("orderLine") or {}).get("id"),
                "quantity": line["quantity"],
            }
            for line in fulfilment.get("lines") or []
        ]
        row, _ = OrderFulfilment.objects.update_or_create(
            installation=installation,
            fulfilment_id=fulfilment["id"],
            defaults={
                "order_id": order["id"],
                "order_number": str(order.get("number") or ""),
                "customer_email": order.get("userEmail") or "",
                "channel_slug": (order.get("channel") or {}).get("slug") or "",
                "status": fulfilment["status"],
                "tracking_number": fulfilment.get("trackingNumber") or "",
                "warehouse_id": (fulfilment.get("warehouse") or {}).get("id") or "",
                "lines": lines,
                "fulfilled_at": parse_datetime(fulfilment["created"]),
            },
        )
        recorded.append(row)
    return recorded
