"""Notification rows (one per timeline event and recipient), their send log, overrides."""

from __future__ import annotations

from django.db import models

from saleor_returns_app.installations.models import TenantModel
from saleor_returns_app.returns.models import Market, ReturnEvent, ReturnRequest


class Kind(models.TextChoices):
    """Which email: one built-in template (subject, text, HTML) per kind."""

    REQUESTED = "REQUESTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    PICKUP_BOOKED = "PICKUP_BOOKED"
    RECEIVED = "RECEIVED"
    REFUNDED = "REFUNDED"
    EXCHANGED = "EXCHANGED"
    STORE_CREDIT = "STORE_CREDIT"
    STAFF_NEEDS_REVIEW = "STAFF_NEEDS_REVIEW"


class Notification(TenantModel):
    """One email to one recipient about one timeline event, sent at most once.

    PENDING rows are enqueued after commit; a worker claims one (PENDING → SENDING by a
    conditional update, so two workers never both send it), sends it and marks it SENT or,
    after the retry bound or on a permanent error, FAILED. WAITING: an approval that waits for
    its label. A row left SENDING by a worker that died is marked FAILED, never sent again:
    the email may have left.
    """

    class Audience(models.TextChoices):
        SHOPPER = "SHOPPER"
        STAFF = "STAFF"

    class Status(models.TextChoices):
        PENDING = "PENDING"
        WAITING = "WAITING"
        SENDING = "SENDING"
        SENT = "SENT"
        FAILED = "FAILED"
        # The return moved on (cancelled before its approval email left).
        SKIPPED = "SKIPPED"

    return_request = models.ForeignKey(
        ReturnRequest, on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.ForeignKey(ReturnEvent, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    audience = models.CharField(max_length=8, choices=Audience.choices)
    to_email = models.EmailField()
    language = models.CharField(max_length=10)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    subject = models.CharField(max_length=255, blank=True, help_text="As sent.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "audience"], name="notification_once")
        ]
        indexes = [
            # The sweeper: rows not yet done, by how long they have been left alone.
            models.Index(
                fields=["status", "updated_at"],
                name="notification_open",
                condition=models.Q(status__in=["PENDING", "WAITING", "SENDING"]),
            )
        ]
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} to {self.audience} #{self.pk}"


class DeliveryAttempt(models.Model):
    """One try at sending a notification, with its outcome: the send log."""

    class Outcome(models.TextChoices):
        SENT = "SENT"
        RETRY = "RETRY"  # a transient fault: tried again later
        FAILED = "FAILED"

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="delivery_attempts"
    )
    outcome = models.CharField(max_length=8, choices=Outcome.choices)
    error = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.outcome} at {self.at:%Y-%m-%d %H:%M:%S}"


class NotificationTemplate(TenantModel):
    """A store's own wording of one email in one language, optionally for one market only.

    Beats the built-in template; one for the return's market beats one for the whole store.
    `subject`, `text` and `html` are Django templates rendered without tags that load,
    include or reach outside the email (see `notifications.rendering`); an empty `html`
    sends the text alone.
    """

    kind = models.CharField(max_length=24, choices=Kind.choices)
    language = models.CharField(max_length=10)
    market = models.ForeignKey(
        Market,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Empty: every market of the store.",
    )
    subject = models.CharField(max_length=255)
    text = models.TextField()
    html = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "kind", "language", "market"],
                name="notification_template_market_once",
                condition=models.Q(market__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["installation", "kind", "language"],
                name="notification_template_store_once",
                condition=models.Q(market__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.language})"
