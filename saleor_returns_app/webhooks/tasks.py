"""Celery tasks for stored webhook events: thin wrappers over the services."""

from __future__ import annotations

from celery import shared_task

from saleor_returns_app.core.outbox import MAX_RETRIES, TRANSIENT_ERRORS, retry_countdown
from saleor_returns_app.webhooks.services import (
    process_event,
    stale_pending_event_ids,
)


@shared_task(bind=True, max_retries=MAX_RETRIES)
def process_webhook_event(self: object, event_id: int) -> None:
    try:
        process_event(event_id)
    except TRANSIENT_ERRORS as exc:
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc


@shared_task
def requeue_stale_events() -> int:
    """Enqueue again the events whose first enqueue was lost (broker down, worker killed)."""
    event_ids = stale_pending_event_ids()
    for event_id in event_ids:
        process_webhook_event.delay(event_id)
    return len(event_ids)
