"""What the two stored-and-enqueued flows share (webhook events in, Saleor operations out).

Rows are stored first and enqueued after commit; a worker runs each to completion once;
transient faults leave the row pending for a retry with backoff; a beat sweeper enqueues
again whatever stayed pending too long (a lost enqueue, a killed worker).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import OperationalError
from django.db.models import QuerySet
from django.utils import timezone

from saleor_returns_app.saleor.client import SaleorUnavailable

# Faults that may pass: the row stays pending and is tried again.
TRANSIENT_ERRORS = (SaleorUnavailable, OperationalError)

MAX_RETRIES = 8


def retry_countdown(retries: int) -> int:
    """Seconds before retry number `retries + 1`: 5, 10, 20 … capped at ten minutes."""
    return min(600, 5 * 2**retries)


def stale_ids(pending: QuerySet, *, since_field: str, older_than: float, limit: int = 500) -> list:
    """Ids of `pending` rows last touched (`since_field`) over `older_than` seconds ago."""
    cutoff = timezone.now() - timedelta(seconds=older_than)
    return list(
        pending.filter(**{f"{since_field}__lt": cutoff})
        .order_by(since_field)
        .values_list("pk", flat=True)[:limit]
    )
