"""Return requests, their lines and timeline, and the per-store data the policy engine reads.

Every row belongs to one installation (`TenantModel`). Money is stored as Decimal in the
order's currency; the policy decision that was applied is kept as data so it can be explained
later.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import F
from django.db.models.functions import Upper
from django.utils import timezone

from saleor_returns_app.installations.models import TenantModel
from saleor_returns_app.returns.policy import Method, ReasonFamily, Resolution
from saleor_returns_app.returns.status import Status

MONEY = {"max_digits": 14, "decimal_places": 4}


def new_public_token() -> str:
    return secrets.token_urlsafe(24)


class RefundTrigger(models.TextChoices):
    """When a return is refunded (or resolved) without staff pressing the button."""

    ON_RECEIPT = "ON_RECEIPT"
    ON_INSPECTION = "ON_INSPECTION"
    ON_DELIVERY_SCAN = "ON_DELIVERY_SCAN"
    MANUAL = "MANUAL"


class Market(TenantModel):
    """A named group of countries and/or Saleor channels sharing currency, language and policy."""

    name = models.CharField(max_length=120)
    countries = models.JSONField(default=list, help_text="ISO 3166 alpha-2 codes.")
    channels = models.JSONField(default=list, help_text="Saleor channel slugs.")
    currency = models.CharField(max_length=3)
    language = models.CharField(max_length=10, default="en")
    time_zone = models.CharField(max_length=64, default="UTC")
    is_default = models.BooleanField(default=False)
    refund_trigger = models.CharField(
        max_length=20, choices=RefundTrigger.choices, default=RefundTrigger.ON_RECEIPT
    )
    receive_on_delivery = models.BooleanField(
        default=False,
        help_text="When the carrier reports the parcel delivered to the warehouse, receive "
        "the return as requested (else it waits in transit for staff to receive it).",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["installation", "name"], name="market_name_once"),
            models.UniqueConstraint(
                fields=["installation"],
                condition=models.Q(is_default=True),
                name="one_default_market",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PolicyVersion(TenantModel):
    """One immutable version of a market's return policy; editing creates the next version."""

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="policies")
    version = models.PositiveIntegerField()
    rules = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.EmailField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["market", "version"], name="policy_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.market} v{self.version}"


class ReturnReason(TenantModel):
    """A reason in the store's catalogue, with its labels per language."""

    code = models.CharField(max_length=64)
    family = models.CharField(max_length=16, choices=[(f, f) for f in ReasonFamily])
    requires_photo = models.BooleanField(default=False)
    requires_comment = models.BooleanField(default=False)
    labels = models.JSONField(default=dict, help_text="Language code → label.")
    position = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["installation", "code"], name="reason_code_once")
        ]
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.code


class RmaSequence(TenantModel):
    """The last RMA number issued per store and year (`R-2026-000123`)."""

    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["installation", "year"], name="rma_sequence_once")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class ReturnRequest(TenantModel):
    rma = models.CharField(max_length=32)
    order_id = models.CharField(max_length=255)
    order_number = models.CharField(max_length=64)
    customer_user_id = models.CharField(max_length=255, blank=True)
    customer_email = models.EmailField()
    channel_slug = models.CharField(max_length=255)
    country_code = models.CharField(max_length=2, blank=True)
    currency = models.CharField(max_length=3)
    locale = models.CharField(max_length=10, default="en")
    market = models.ForeignKey(Market, null=True, on_delete=models.SET_NULL, related_name="+")
    method = models.CharField(max_length=16, choices=[(m, m) for m in Method])
    service_point_id = models.CharField(max_length=255, blank=True)
    pickup_address = models.JSONField(null=True, blank=True)
    resolution = models.CharField(max_length=16, choices=[(r, r) for r in Resolution])
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.REQUESTED)
    # When the return entered its current status: the start of that stage's SLA clock.
    status_changed_at = models.DateTimeField(default=timezone.now)
    items_value = models.DecimalField(**MONEY, default=0)
    shipping_fee = models.DecimalField(**MONEY, default=0)
    restocking_fee = models.DecimalField(**MONEY, default=0)
    refund_amount = models.DecimalField(**MONEY, default=0)
    policy = models.ForeignKey(PolicyVersion, null=True, on_delete=models.PROTECT, related_name="+")
    decision = models.JSONField(default=dict, help_text="The policy decision, as applied.")
    rejection_reason = models.TextField(blank=True)
    idempotency_key = models.CharField(max_length=128, blank=True)
    # The shopper's link to the return (tracking page, emails): unguessable, never an id.
    public_token = models.CharField(max_length=64, unique=True, default=new_public_token)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["installation", "rma"], name="rma_once"),
            models.UniqueConstraint(
                fields=["installation", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="return_request_idempotent",
            ),
        ]
        indexes = [
            # The staff inbox: one store, newest first, by status; keyset on (created_at, id).
            models.Index(
                fields=["installation", "status", "-created_at", "-id"], name="return_inbox"
            ),
            models.Index(fields=["installation", "-created_at", "-id"], name="return_newest"),
            # Overdue returns: per status, those that entered it before the stage's cut-off.
            models.Index(
                fields=["installation", "status", "status_changed_at"], name="return_stage_age"
            ),
            # The market filter, and its tab counts (one index range per status).
            models.Index(fields=["installation", "market", "status"], name="return_by_market"),
            models.Index(fields=["installation", "order_id"], name="return_by_order"),
            models.Index(fields=["installation", "order_number"], name="return_by_number"),
            # Emails are matched case-insensitively (UPPER(...) = UPPER(...)), so the index is
            # on the same expression or the search by email scans the whole store.
            models.Index(F("installation"), Upper("customer_email"), name="return_by_email_ci"),
        ]

    def __str__(self) -> str:
        return self.rma


class ReturnLine(models.Model):
    class Condition(models.TextChoices):
        AS_NEW = "AS_NEW"
        OPENED = "OPENED"
        DAMAGED = "DAMAGED"
        MISSING = "MISSING"

    return_request = models.ForeignKey(
        ReturnRequest, on_delete=models.CASCADE, related_name="lines"
    )
    order_line_id = models.CharField(max_length=255)
    variant_id = models.CharField(max_length=255, blank=True)
    sku = models.CharField(max_length=255, blank=True)
    product_name = models.CharField(max_length=255, blank=True)
    variant_name = models.CharField(max_length=255, blank=True)
    thumbnail_url = models.URLField(max_length=1024, blank=True)
    quantity = models.PositiveIntegerField()
    unit_price = models.DecimalField(**MONEY)
    reason_code = models.CharField(max_length=64)
    comment = models.TextField(blank=True)
    photos = models.JSONField(default=list, help_text="Private storage paths.")
    exchange_variant_id = models.CharField(max_length=255, blank=True)
    received_quantity = models.PositiveIntegerField(null=True, blank=True)
    condition = models.CharField(max_length=16, choices=Condition.choices, blank=True)
    restock = models.BooleanField(null=True, blank=True)
    restock_warehouse_id = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["return_request", "order_line_id"], name="return_line_once"
            )
        ]
        # The order the shopper listed them in, whichever index a query happens to use.
        ordering = ["id"]
        indexes = [
            # The reason and reason-family filters probe each return's lines by reason code:
            # from this index alone, without reading the lines.
            models.Index(fields=["return_request", "reason_code"], name="return_line_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.sku or self.order_line_id}"


class ReturnEvent(models.Model):
    """The timeline: who did what to a return, when, why, with which data."""

    class Actor(models.TextChoices):
        SHOPPER = "SHOPPER"
        STAFF = "STAFF"
        SYSTEM = "SYSTEM"
        CARRIER = "CARRIER"

    return_request = models.ForeignKey(
        ReturnRequest, on_delete=models.CASCADE, related_name="events"
    )
    type = models.CharField(max_length=32)
    actor = models.CharField(max_length=16, choices=Actor.choices)
    actor_id = models.CharField(max_length=255, blank=True)
    actor_email = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    data = models.JSONField(default=dict)

    class Meta:
        indexes = [models.Index(fields=["return_request", "created_at"], name="timeline")]
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.type} by {self.actor}"


class StoreSettings(TenantModel):
    """A store's settings for the return experience (one row per store, made on first save).

    Read through `returns.store_settings.settings_of`, which answers the defaults for a
    store that never saved any. Storefront origins (CORS) stay on the installation.
    """

    brand_name = models.CharField(max_length=120, blank=True)
    brand_logo_url = models.URLField(max_length=512, blank=True)
    brand_color = models.CharField(max_length=7, default="#2563EB", help_text="#RRGGBB")
    support_email = models.EmailField(blank=True)
    notifications = models.JSONField(
        default=dict, help_text="Notification event → enabled; missing events are enabled."
    )
    staff_notification_email = models.EmailField(blank=True)
    sla_hours = models.JSONField(
        default=dict, help_text="Status → hours a return may stay in it; 0 means no limit."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["installation"], name="store_settings_once")]
        verbose_name_plural = "store settings"

    def __str__(self) -> str:
        return f"Settings of {self.installation_id}"
