"""Every webhook Saleor delivered, stored before it is acknowledged (the inbox).

A delivery is recorded once per webhook, keyed by the SHA-256 of its signed body: Saleor
redelivers the very same bytes, and `issuedAt` inside them makes distinct events distinct.
"""

from __future__ import annotations

from django.db import models

from saleor_returns_app.installations.models import TenantModel


class WebhookEvent(TenantModel):
    class Status(models.TextChoices):
        PENDING = "pending"
        DONE = "done"
        FAILED = "failed"

    webhook_name = models.CharField(max_length=64)
    event_type = models.CharField(max_length=64)
    body_sha256 = models.CharField(max_length=64)
    payload = models.JSONField()
    issued_at = models.DateTimeField(null=True, blank=True)
    saleor_version = models.CharField(max_length=32, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "webhook_name", "body_sha256"], name="webhook_event_once"
            )
        ]
        indexes = [
            models.Index(
                fields=["received_at"],
                name="webhook_event_pending",
                condition=models.Q(status="pending"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_type} #{self.pk}"
