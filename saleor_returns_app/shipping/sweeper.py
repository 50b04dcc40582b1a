"""Bookings whose enqueue (or retry) was lost: planned or mid-booking for too long."""

from __future__ import annotations

from django.conf import settings

from saleor_returns_app.core.outbox import stale_ids
from saleor_returns_app.shipping.models import Shipment


def stale_booking_ids() -> list[int]:
    return stale_ids(
        Shipment.objects.filter(status__in=[Shipment.Status.PLANNED, Shipment.Status.BOOKING]),
        since_field="updated_at",
        older_than=settings.SHIPMENT_REDELIVERY_AFTER,
    )
