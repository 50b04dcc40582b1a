"""Celery tasks of the carrier layer: thin wrappers over the services.

Transient faults (carrier or Saleor unreachable, database busy) retry with backoff up to
`MAX_RETRIES`; then the booking is given up and staff told. Beat runs the tracking round,
the daily service-point copy and the sweeper for bookings whose enqueue was lost.
"""

from __future__ import annotations

from celery import shared_task
from celery.exceptions import MaxRetriesExceededError
from django.utils import timezone

from saleor_returns_app.carriers.base import CarrierError, CarrierUnavailable
from saleor_returns_app.core.outbox import MAX_RETRIES, TRANSIENT_ERRORS, retry_countdown
from saleor_returns_app.shipping import booking, cancelling, followups, points, tracking
from saleor_returns_app.shipping.sweeper import stale_booking_ids

SHIPPING_TRANSIENT = (*TRANSIENT_ERRORS, CarrierUnavailable)


def _retry_or_give_up(task, exc: Exception, shipment_id: int) -> None:  # noqa: ANN001
    # Counted here: past its bound, `retry(exc=...)` re-raises `exc` itself, not
    # MaxRetriesExceededError, and the booking would never be handed to staff.
    if task.request.retries >= task.max_retries:
        booking.fail(
            shipment_id,
            f"The carrier could not be reached after {task.max_retries + 1} tries: {exc}",
            "CARRIER_UNAVAILABLE",
        )
        return
    raise task.retry(exc=exc, countdown=retry_countdown(task.request.retries))


@shared_task(bind=True, max_retries=MAX_RETRIES)
def book_shipment(self, shipment_id: int) -> None:  # noqa: ANN001
    try:
        booking.book(shipment_id)
    except SHIPPING_TRANSIENT as exc:
        _retry_or_give_up(self, exc, shipment_id)


@shared_task(bind=True, max_retries=MAX_RETRIES)
def poll_booking(self, shipment_id: int) -> None:  # noqa: ANN001
    """Async carriers: ask again until the booking is confirmed or refused."""
    try:
        confirmed = booking.poll(shipment_id)
    except SHIPPING_TRANSIENT as exc:
        _retry_or_give_up(self, exc, shipment_id)
        return
    if not confirmed:
        try:
            raise self.retry(countdown=retry_countdown(self.request.retries))
        except MaxRetriesExceededError:
            booking.fail(shipment_id, "The carrier never confirmed the booking.", "NOT_CONFIRMED")


@shared_task(bind=True, max_retries=MAX_RETRIES)
def fetch_label(self, shipment_id: int) -> None:  # noqa: ANN001
    try:
        followups.fetch_label(shipment_id)
    except SHIPPING_TRANSIENT as exc:
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc


@shared_task(bind=True, max_retries=MAX_RETRIES)
def schedule_pickup(self, shipment_id: int) -> None:  # noqa: ANN001
    try:
        followups.schedule_pickup(shipment_id)
    except SHIPPING_TRANSIENT as exc:
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc


@shared_task(bind=True, max_retries=MAX_RETRIES)
def cancel_at_carrier(self, shipment_id: int) -> None:  # noqa: ANN001
    try:
        cancelling.cancel_at_carrier(shipment_id)
    except SHIPPING_TRANSIENT as exc:
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc


@shared_task
def track_shipments() -> int:
    """Beat: enqueue one tracking call per carrier-sized batch of due shipments."""
    batches = tracking.due_batches()
    for account_id, shipment_ids in batches:
        track_batch.delay(account_id, shipment_ids)
    return len(batches)


@shared_task(bind=True, max_retries=3)
def track_batch(self, account_id: int, shipment_ids: list[int]) -> None:  # noqa: ANN001
    try:
        tracking.track_batch(account_id, shipment_ids, now=timezone.now())
    except SHIPPING_TRANSIENT as exc:
        # The next round tracks these again anyway; a few quick retries bridge a blip.
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc


@shared_task
def sync_service_points() -> int:
    """Daily: copy each carrier's points for the countries our merchants use it in."""
    synced = 0
    for carrier, country in points.carriers_to_sync():
        try:
            synced += points.sync_points(carrier, country)
        except CarrierError:
            # One carrier's outage must not stop the others; tomorrow's run tries again.
            continue
    return synced


@shared_task
def requeue_stale_bookings() -> int:
    """Beat: enqueue again the bookings whose enqueue or retries were lost."""
    shipment_ids = stale_booking_ids()
    for shipment_id in shipment_ids:
        book_shipment.delay(shipment_id)
    return len(shipment_ids)
