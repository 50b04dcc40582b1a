"""Celery tasks for notifications: thin wrappers over the services."""

from __future__ import annotations

from celery import shared_task

from saleor_returns_app.core.outbox import MAX_RETRIES, retry_countdown
from saleor_returns_app.notifications.services import RetryLater, deliver, due_for_redelivery


@shared_task(bind=True, max_retries=MAX_RETRIES)
def send_notification(self, notification_id: int) -> None:  # noqa: ANN001
    try:
        deliver(notification_id)
    except RetryLater as exc:
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc


@shared_task
def requeue_stale_notifications() -> int:
    """Beat: enqueue again the notifications whose enqueue or retries were lost."""
    notification_ids = due_for_redelivery()
    for notification_id in notification_ids:
        send_notification.delay(notification_id)
    return len(notification_ids)
