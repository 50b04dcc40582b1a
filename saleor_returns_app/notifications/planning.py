"""Which timeline events email whom: rows stored with the event, enqueued after its commit.

Called by `returns.lifecycle.record_event` for every event, inside the event's transaction, so
an email exists exactly when its event does. A switch the store turned off stores no row: the
email was never due, and turning the switch back on must not send old news.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from saleor_returns_app.core.l10n import choose_language
from saleor_returns_app.notifications.models import Kind, Notification
from saleor_returns_app.returns.models import ReturnEvent, ReturnRequest
from saleor_returns_app.returns.status import Status
from saleor_returns_app.returns.store_settings import (
    NotificationEvent,
    notification_enabled,
    settings_of,
)

SHOPPER_KINDS: dict[str, Kind] = {
    "CREATED": Kind.REQUESTED,
    "APPROVE": Kind.APPROVED,
    "REJECT": Kind.REJECTED,
    "PICKUP_SCHEDULED": Kind.PICKUP_BOOKED,
    "RECEIVE": Kind.RECEIVED,
    "REFUND": Kind.REFUNDED,
    "EXCHANGE": Kind.EXCHANGED,
    "ISSUE_STORE_CREDIT": Kind.STORE_CREDIT,
}
# The store's switch for each kind: the three resolutions share the Dashboard's "refunded".
SWITCHES: dict[Kind, NotificationEvent] = {
    Kind.REQUESTED: NotificationEvent.REQUESTED,
    Kind.APPROVED: NotificationEvent.APPROVED,
    Kind.REJECTED: NotificationEvent.REJECTED,
    Kind.PICKUP_BOOKED: NotificationEvent.PICKUP_BOOKED,
    Kind.RECEIVED: NotificationEvent.RECEIVED,
    Kind.REFUNDED: NotificationEvent.REFUNDED,
    Kind.EXCHANGED: NotificationEvent.REFUNDED,
    Kind.STORE_CREDIT: NotificationEvent.REFUNDED,
    Kind.STAFF_NEEDS_REVIEW: NotificationEvent.STAFF_NEEDS_REVIEW,
}
# Events after which an approval email waiting for its label may go (with it, or without
# one when the booking failed or the return was cancelled).
LABEL_OUTCOMES = frozenset(
    {"ISSUE_LABEL", "LABEL_READY", "LABEL_FAILED", "BOOKING_FAILED", "CANCEL"}
)


def notify(event: ReturnEvent) -> list[Notification]:
    """Store the emails `event` calls for (each once) and enqueue them after commit."""
    return_request = event.return_request
    if event.type in LABEL_OUTCOMES:
        transaction.on_commit(lambda: release_waiting(return_request.pk), robust=True)
    wanted: list[tuple[Kind, Notification.Audience, str]] = []
    if event.type in SHOPPER_KINDS and return_request.customer_email:
        wanted.append(
            (
                SHOPPER_KINDS[event.type],
                Notification.Audience.SHOPPER,
                return_request.customer_email,
            )
        )
    if event.data.get("to") == Status.NEEDS_REVIEW:
        wanted.append((Kind.STAFF_NEEDS_REVIEW, Notification.Audience.STAFF, ""))
    if not wanted:
        return []
    store = settings_of(return_request.installation)
    created = []
    for kind, audience, to_email in wanted:
        if audience == Notification.Audience.STAFF:
            to_email = store.staff_notification_email
        if not to_email or not notification_enabled(store, SWITCHES[kind]):
            continue
        notification, is_new = Notification.objects.get_or_create(
            event=event,
            audience=audience,
            defaults={
                "installation_id": return_request.installation_id,
                "return_request": return_request,
                "kind": kind,
                "to_email": to_email,
                "language": language_of(return_request),
            },
        )
        if is_new:
            transaction.on_commit(lambda pk=notification.pk: enqueue(pk), robust=True)
            created.append(notification)
    return created


def language_of(return_request: ReturnRequest) -> str:
    """The shopper's language: the return's, else its market's, else English. Staff of the
    market read its language too."""
    market = return_request.market
    return choose_language(return_request.locale, market.language if market else None)


def release_waiting(return_request_id: int) -> None:
    """Approval emails held for the label are looked at again (after the commit that
    changed the shipment, so the worker sees the change)."""
    waiting = list(
        Notification.objects.filter(
            return_request_id=return_request_id, status=Notification.Status.WAITING
        ).values_list("pk", flat=True)
    )
    for notification_id in waiting:
        released = Notification.objects.filter(
            pk=notification_id, status=Notification.Status.WAITING
        ).update(status=Notification.Status.PENDING, updated_at=timezone.now())
        if released:
            enqueue(notification_id)


def enqueue(notification_id: int) -> None:
    # Imported here: the tasks module imports the services, which import this one.
    from saleor_returns_app.notifications.tasks import send_notification

    send_notification.delay(notification_id)
