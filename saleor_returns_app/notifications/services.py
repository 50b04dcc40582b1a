"""Sending a stored notification at most once: claim the row, render, send, record.

The flow of `core/outbox.py`: rows are stored with their event and enqueued after commit; a
worker claims a PENDING row by a conditional update (PENDING → SENDING), so of two workers
(a retried task, a sweeper's duplicate) only one sends. A transient fault puts the row back
to PENDING for a retry with backoff, up to `MAX_ATTEMPTS`; a permanent one fails it. Every
try is logged as a `DeliveryAttempt`. An approval waits (WAITING) while the carrier books the
label, up to `NOTIFICATION_LABEL_WAIT` seconds, so the shopper gets the label in the email.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from saleor_returns_app.core.outbox import MAX_RETRIES, stale_ids
from saleor_returns_app.notifications.models import DeliveryAttempt, Kind, Notification
from saleor_returns_app.notifications.rendering import RenderedEmail, render_notification
from saleor_returns_app.returns.status import Status
from saleor_returns_app.returns.store_settings import settings_of
from saleor_returns_app.shipping.models import Shipment

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = MAX_RETRIES + 1


class RetryLater(Exception):
    """The send failed for a reason that may pass; the row is pending again."""


def deliver(notification_id: int) -> None:
    """Send the notification if it is still due; raise `RetryLater` to be tried again."""
    if not _claim(notification_id, Notification.Status.PENDING):
        return
    notification = Notification.objects.select_related(
        "event", "installation", "return_request__installation", "return_request__market"
    ).get(pk=notification_id)
    if notification.kind == Kind.APPROVED and not _approval_due(notification):
        return
    try:
        rendered = render_notification(notification)
        _message(notification, rendered).send()
    except Exception as exc:
        transient = is_transient(exc)
        final = not transient or notification.attempts + 1 >= MAX_ATTEMPTS
        error = f"{type(exc).__name__}: {exc}"
        if final:
            logger.exception("Notification %s failed", notification_id)
            _finish(notification, DeliveryAttempt.Outcome.FAILED, error=error)
            return
        _finish(notification, DeliveryAttempt.Outcome.RETRY, error=error)
        raise RetryLater(error) from exc
    _finish(notification, DeliveryAttempt.Outcome.SENT, subject=rendered.subject)


def is_transient(exc: Exception) -> bool:
    """Faults worth another try: the mail server unreachable or answering 4xx, a busy
    database. 5xx answers (unknown mailbox, refused sender) and template errors are final."""
    if isinstance(exc, OperationalError):
        return True
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _message in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
        return True
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    # smtplib's own errors are OSErrors too; what is left is the network (refused, timeout).
    return isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException)


def _claim(notification_id: int, from_status: Notification.Status) -> bool:
    return bool(
        Notification.objects.filter(pk=notification_id, status=from_status).update(
            status=Notification.Status.SENDING, updated_at=timezone.now()
        )
    )


def _approval_due(notification: Notification) -> bool:
    """Whether the approval goes now; otherwise the row is left WAITING or SKIPPED."""
    return_request = notification.return_request
    if Status(return_request.status) == Status.CANCELLED:
        _set(notification, Notification.Status.SKIPPED)
        return False
    if not _label_coming(notification):
        return True
    _set(notification, Notification.Status.WAITING)
    # Looked at again after the row is WAITING: a label issued in between released no row,
    # but its commit is visible now.
    if _label_coming(notification):
        return False
    return _claim(notification.pk, Notification.Status.WAITING)


def _label_coming(notification: Notification) -> bool:
    """A carrier is booking the return and its label (or drop-off code) is not there yet,
    and the approval has not waited too long for it."""
    waited = timezone.now() - notification.created_at
    if waited > timedelta(seconds=settings.NOTIFICATION_LABEL_WAIT):
        return False
    shipment = (
        Shipment.objects.filter(
            return_request_id=notification.return_request_id, status__in=Shipment.ACTIVE
        )
        .order_by("-attempt")
        .first()
    )
    if shipment is None or shipment.status == Shipment.Status.CANCELLING:
        return False
    if shipment.status != Shipment.Status.BOOKED:
        return True
    return shipment.has_label and not shipment.label_file and not shipment.needs_attention


def _set(notification: Notification, status: Notification.Status) -> None:
    Notification.objects.filter(pk=notification.pk, status=Notification.Status.SENDING).update(
        status=status, updated_at=timezone.now()
    )


def _message(notification: Notification, rendered: RenderedEmail) -> EmailMultiAlternatives:
    store = settings_of(notification.return_request.installation)
    sender_name, sender = parseaddr(settings.DEFAULT_FROM_EMAIL)
    shopper = notification.audience == Notification.Audience.SHOPPER
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=formataddr((store.brand_name or sender_name, sender)),
        to=[notification.to_email],
        reply_to=[store.support_email] if shopper and store.support_email else None,
        # One id per notification: mail systems that see a copy twice can drop it.
        headers={"Message-ID": f"<notification-{notification.pk}@{sender.rpartition('@')[2]}>"},
    )
    if rendered.html:
        message.attach_alternative(rendered.html, "text/html")
    return message


def _finish(
    notification: Notification,
    outcome: DeliveryAttempt.Outcome,
    *,
    error: str = "",
    subject: str = "",
) -> None:
    now = timezone.now()
    status = {
        DeliveryAttempt.Outcome.SENT: Notification.Status.SENT,
        DeliveryAttempt.Outcome.RETRY: Notification.Status.PENDING,
        DeliveryAttempt.Outcome.FAILED: Notification.Status.FAILED,
    }[outcome]
    with transaction.atomic():
        Notification.objects.filter(pk=notification.pk, status=Notification.Status.SENDING).update(
            status=status,
            attempts=F("attempts") + 1,
            last_error=error,
            subject=subject or F("subject"),
            sent_at=now if status == Notification.Status.SENT else None,
            updated_at=now,
        )
        DeliveryAttempt.objects.create(notification=notification, outcome=outcome, error=error)


def due_for_redelivery() -> list[int]:
    """The beat sweeper: ids of rows to enqueue again (a lost enqueue or retry, an approval
    that waited long enough for its label). A row a dead worker left SENDING is failed
    instead: the email may have left, and it is never sent twice."""
    older_than = settings.NOTIFICATION_REDELIVERY_AFTER
    for notification_id in stale_ids(
        Notification.objects.filter(status=Notification.Status.SENDING),
        since_field="updated_at",
        older_than=older_than,
    ):
        notification = Notification(pk=notification_id)
        _finish(
            notification,
            DeliveryAttempt.Outcome.FAILED,
            error="Interrupted while sending; not sent again.",
        )
    waited = stale_ids(
        Notification.objects.filter(status=Notification.Status.WAITING),
        since_field="created_at",
        older_than=settings.NOTIFICATION_LABEL_WAIT,
    )
    Notification.objects.filter(pk__in=waited, status=Notification.Status.WAITING).update(
        status=Notification.Status.PENDING, updated_at=timezone.now()
    )
    stalled = stale_ids(
        Notification.objects.filter(status=Notification.Status.PENDING),
        since_field="updated_at",
        older_than=older_than,
    )
    return list(dict.fromkeys([*waited, *stalled]))
