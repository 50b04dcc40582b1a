"""What the app must still tell Saleor about a return: one row per Saleor write (an outbox).

A row is planned in the same transaction as the change it announces, and a worker carries it
out exactly once (see ADR 0008). `key` makes planning idempotent: the same change planned
twice is one operation.
"""

from __future__ import annotations

from django.db import models

from saleor_returns_app.installations.models import TenantModel
from saleor_returns_app.returns.models import ReturnRequest


class SaleorOperation(TenantModel):
    class Kind(models.TextChoices):
        NOTE = "NOTE"
        METADATA = "METADATA"
        RETURN_PRODUCTS = "RETURN_PRODUCTS"
        RESTOCK = "RESTOCK"
        GRANT_REFUND = "GRANT_REFUND"
        REQUEST_REFUND = "REQUEST_REFUND"
        GIFT_CARD = "GIFT_CARD"

    class Status(models.TextChoices):
        PENDING = "PENDING"
        DONE = "DONE"
        FAILED = "FAILED"
        # Deliberately not sent (e.g. no HANDLE_PAYMENTS): staff finish it in Saleor.
        SKIPPED = "SKIPPED"

    return_request = models.ForeignKey(
        ReturnRequest, on_delete=models.CASCADE, related_name="saleor_operations"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    key = models.CharField(max_length=128)
    payload = models.JSONField(default=dict)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    result = models.JSONField(default=dict, help_text="What Saleor answered: its ids.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["return_request", "kind", "key"], name="saleor_operation_once"
            )
        ]
        indexes = [
            # The sweeper: pending operations, oldest first.
            models.Index(
                fields=["updated_at"],
                name="saleor_operation_pending",
                condition=models.Q(status="PENDING"),
            )
        ]
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} #{self.pk}"

    @property
    def reference(self) -> str:
        """Written into what Saleor stores (reasons, notes, metadata), so a retried worker
        can find what an earlier attempt already did."""
        return f"{self.return_request.rma}/op-{self.pk}"
