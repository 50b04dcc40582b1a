"""Celery tasks for planned Saleor operations: thin wrappers over the services."""

from __future__ import annotations

from celery import shared_task

from saleor_returns_app.core.outbox import MAX_RETRIES, TRANSIENT_ERRORS, retry_countdown
from saleor_returns_app.saleor_sync.services import (
    run_operation,
    stale_pending_operation_ids,
)


@shared_task(bind=True, max_retries=MAX_RETRIES)
def run_saleor_operation(self: object, operation_id: int) -> None:
    try:
        run_operation(operation_id)
    except TRANSIENT_ERRORS as exc:
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc


@shared_task
def requeue_stale_operations() -> int:
    """Enqueue again the operations whose enqueue or retries were lost (broker down, crash)."""
    operation_ids = stale_pending_operation_ids()
    for operation_id in operation_ids:
        run_saleor_operation.delay(operation_id)
    return len(operation_ids)
