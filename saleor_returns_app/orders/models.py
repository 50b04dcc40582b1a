"""Our own copy of what Saleor knows about shipped orders.

Return windows start at the fulfilment date, and Saleor deletes an emptied fulfilment (with its
tracking number) when items are returned, so the app keeps what it needs as it learns it.
"""

from __future__ import annotations

from django.db import models

from saleor_returns_app.installations.models import TenantModel


class OrderFulfilment(TenantModel):
    order_id = models.CharField(max_length=255)
    order_number = models.CharField(max_length=64)
    customer_email = models.EmailField(blank=True)
    channel_slug = models.CharField(max_length=255, blank=True)
    fulfilment_id = models.CharField(max_length=255)
    status = models.CharField(max_length=32)
    tracking_number = models.CharField(max_length=255, blank=True)
    warehouse_id = models.CharField(max_length=255, blank=True)
    lines = models.JSONField(default=list)
    fulfilled_at = models.DateTimeField()
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "fulfilment_id"], name="order_fulfilment_once"
            )
        ]
        indexes = [models.Index(fields=["installation", "order_id"], name="fulfilment_by_order")]

    def __str__(self) -> str:
        return f"order {self.order_number} fulfilment {self.fulfilment_id}"
