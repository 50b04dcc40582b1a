"""Carrier accounts, carrier selection rules, return shipments and their tracking events."""

from __future__ import annotations

import secrets

from django.db import models

from saleor_returns_app.carriers.base import LabelFormat, PointKind, ReturnMode, TrackingStatus
from saleor_returns_app.core.fields import EncryptedTextField
from saleor_returns_app.installations.models import TenantModel, TenantQuerySet
from saleor_returns_app.returns.models import MONEY, Market, ReturnRequest


def new_webhook_token() -> str:
    return secrets.token_urlsafe(32)


def _choices(enum: type) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum]


class CarrierAccount(TenantModel):
    """One merchant's account at a carrier (or the `self` carrier, which only needs the
    address labels are printed with). Credentials are stored encrypted."""

    carrier = models.CharField(max_length=32)
    name = models.CharField(max_length=120)
    market = models.ForeignKey(
        Market,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="carrier_accounts",
        help_text="Empty: usable in every market of the store.",
    )
    credentials = EncryptedTextField(blank=True, help_text="JSON object, encrypted at rest.")
    test_mode = models.BooleanField(default=False)
    base_url = models.URLField(blank=True, help_text="Overrides the carrier's host.")
    enabled_modes = models.JSONField(default=list, help_text="Return modes offered.")
    return_address = models.JSONField(default=dict, help_text="The warehouse parcels go to.")
    label_format = models.CharField(
        max_length=8, choices=_choices(LabelFormat), default=LabelFormat.PDF_A6
    )
    rate_table = models.JSONField(
        default=list,
        blank=True,
        help_text="[{max_weight_grams, price}] in the market's currency, for carriers "
        "without live rates.",
    )
    is_active = models.BooleanField(default=True)
    # The secret in the URL carriers push tracking to (most carriers sign nothing).
    webhook_token = EncryptedTextField(default=new_webhook_token)
    checked_at = models.DateTimeField(null=True, blank=True)
    check_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["installation", "name"], name="carrier_account_name")
        ]
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.carrier})"


class SelectionRule(TenantModel):
    """One line of a market's carrier choice: the first rule that matches a return wins.

    Empty conditions match everything. `CHEAPEST` compares every matching account's price
    (live quote or rate table); `FIXED` takes this rule's account. A fallback rule is used
    when no other rule matches or the chosen carrier cannot serve the return.
    """

    class Strategy(models.TextChoices):
        FIXED = "FIXED"
        CHEAPEST = "CHEAPEST"

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="carrier_rules")
    position = models.PositiveIntegerField(default=0)
    account = models.ForeignKey(
        CarrierAccount, null=True, blank=True, on_delete=models.CASCADE, related_name="rules"
    )
    strategy = models.CharField(max_length=8, choices=Strategy.choices, default=Strategy.FIXED)
    countries = models.JSONField(default=list, blank=True)
    categories = models.JSONField(default=list, blank=True, help_text="Saleor category slugs.")
    modes = models.JSONField(default=list, blank=True)
    min_weight_grams = models.PositiveIntegerField(null=True, blank=True)
    max_weight_grams = models.PositiveIntegerField(null=True, blank=True)
    is_fallback = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.market} #{self.position}"


class ShipmentQuerySet(TenantQuerySet):
    def next_attempt(self, return_request: ReturnRequest) -> Shipment:
        """An unsaved shipment for the return's next attempt, with its own idempotency key
        (`<RMA>/<attempt>`: a new attempt must never be mistaken for an earlier booking)."""
        attempt = self.filter(return_request=return_request).count() + 1
        return Shipment(
            installation_id=return_request.installation_id,
            return_request=return_request,
            attempt=attempt,
            mode=return_request.method,
            idempotency_key=f"{return_request.rma}/{attempt}",
        )

    def locked(self, pk: int) -> Shipment | None:
        """The shipment's row (only that row) locked for this transaction, with its return and
        store at hand; None if there is no such shipment."""
        return (
            self.select_for_update(of=("self",))
            .select_related("return_request", "installation", "account")
            .filter(pk=pk)
            .first()
        )


class Shipment(TenantModel):
    """One attempt to send a return back: booked once, labelled, tracked until delivered."""

    objects = ShipmentQuerySet.as_manager()

    class Status(models.TextChoices):
        PLANNED = "PLANNED"  # stored with the approval, waiting for a worker
        BOOKING = "BOOKING"  # a worker may have called the carrier: look up before re-create
        PENDING = "PENDING"  # async carrier: accepted, the AWB comes later
        BOOKED = "BOOKED"
        CANCELLING = "CANCELLING"
        CANCELLED = "CANCELLED"
        FAILED = "FAILED"

    ACTIVE = (Status.PLANNED, Status.BOOKING, Status.PENDING, Status.BOOKED, Status.CANCELLING)

    return_request = models.ForeignKey(
        ReturnRequest, on_delete=models.CASCADE, related_name="shipments"
    )
    attempt = models.PositiveIntegerField(default=1)
    account = models.ForeignKey(
        CarrierAccount, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    carrier = models.CharField(max_length=32, blank=True)
    mode = models.CharField(max_length=16, choices=_choices(ReturnMode))
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    idempotency_key = models.CharField(max_length=128)
    service_point_id = models.CharField(max_length=255, blank=True)
    pickup_start = models.DateTimeField(null=True, blank=True)
    pickup_end = models.DateTimeField(null=True, blank=True)
    pickup_id = models.CharField(max_length=255, blank=True)
    carrier_shipment_id = models.CharField(max_length=255, blank=True)
    tracking_number = models.CharField(max_length=255, blank=True)
    tracking_url = models.URLField(max_length=1024, blank=True)
    drop_off_code = models.CharField(max_length=255, blank=True)
    service = models.CharField(max_length=255, blank=True)
    price = models.DecimalField(**MONEY, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    has_label = models.BooleanField(default=True)
    label_format = models.CharField(max_length=8, choices=_choices(LabelFormat), blank=True)
    label_file = models.CharField(max_length=512, blank=True, help_text="Storage path.")
    documents = models.JSONField(default=list, blank=True, help_text="[{kind, path, type}]")
    tracking_status = models.CharField(max_length=20, choices=_choices(TrackingStatus), blank=True)
    needs_attention = models.BooleanField(default=False)
    tracked_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    error_code = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["return_request", "attempt"], name="shipment_attempt_once"
            ),
            # At most one shipment of a return is on its way at a time.
            models.UniqueConstraint(
                fields=["return_request"],
                condition=models.Q(
                    status__in=["PLANNED", "BOOKING", "PENDING", "BOOKED", "CANCELLING"]
                ),
                name="one_active_shipment",
            ),
        ]
        indexes = [
            # The tracking beat: booked, not final, least recently tracked first.
            models.Index(
                fields=["account", "tracked_at"],
                name="shipment_to_track",
                condition=models.Q(status="BOOKED", delivered_at__isnull=True),
            ),
            models.Index(fields=["status", "updated_at"], name="shipment_by_status"),
            # Staff search the inbox by tracking number; carriers push events by it.
            models.Index(fields=["installation", "tracking_number"], name="shipment_by_tracking"),
        ]
        ordering = ["-attempt"]

    def __str__(self) -> str:
        return f"{self.return_request_id}/{self.attempt} {self.carrier} {self.status}"


def current_shipment(return_request: ReturnRequest) -> Shipment | None:
    """The shipment on its way, else the latest attempt; reads the return's (prefetched)
    shipments, which come newest attempt first."""
    shipments = list(return_request.shipments.all())
    active = [s for s in shipments if s.status in Shipment.ACTIVE]
    return (active or shipments or [None])[0]


class TrackingEvent(models.Model):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=20, choices=_choices(TrackingStatus))
    occurred_at = models.DateTimeField()
    description = models.CharField(max_length=512, blank=True)
    location = models.CharField(max_length=255, blank=True)
    carrier_code = models.CharField(max_length=64, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # Carriers send the whole history on every poll: each event is stored once.
            models.UniqueConstraint(
                fields=["shipment", "occurred_at", "status", "carrier_code"],
                name="tracking_event_once",
            )
        ]
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.status} at {self.occurred_at:%Y-%m-%d %H:%M}"


class ServicePoint(models.Model):
    """A carrier's locker or drop-off point, cached daily (public data, not per store)."""

    carrier = models.CharField(max_length=32)
    external_id = models.CharField(max_length=255)
    kind = models.CharField(max_length=8, choices=_choices(PointKind))
    name = models.CharField(max_length=255)
    street = models.CharField(max_length=255, blank=True)
    postal_code = models.CharField(max_length=32, blank=True)
    city = models.CharField(max_length=255, blank=True)
    country_code = models.CharField(max_length=2)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    opening_hours = models.TextField(blank=True)
    accepts_returns = models.BooleanField(default=True)
    synced_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["carrier", "external_id"], name="service_point_once")
        ]
        indexes = [
            models.Index(fields=["carrier", "country_code", "postal_code"], name="point_by_postal"),
            models.Index(fields=["country_code", "city"], name="point_by_city"),
        ]

    def __str__(self) -> str:
        return f"{self.carrier}:{self.external_id}"
