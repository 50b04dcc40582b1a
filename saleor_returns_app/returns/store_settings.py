"""A store's settings for the return experience: branding, notification switches, stage SLAs.

`settings_of` never writes: a store that never saved settings reads the defaults.
"""

from __future__ import annotations

from enum import StrEnum

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.models import StoreSettings
from saleor_returns_app.returns.status import Status


class NotificationEvent(StrEnum):
    """Emails the app sends; every one is on until the store switches it off."""

    REQUESTED = "REQUESTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    PICKUP_BOOKED = "PICKUP_BOOKED"
    RECEIVED = "RECEIVED"
    REFUNDED = "REFUNDED"
    STAFF_NEEDS_REVIEW = "STAFF_NEEDS_REVIEW"


# How long a return may wait in a stage before the inbox marks it overdue (0: never).
# Decisions within two days, shoppers a week to hand the parcel over, carriers ten days,
# the warehouse three days to check and refund.
DEFAULT_SLA_HOURS: dict[Status, int] = {
    Status.REQUESTED: 48,
    Status.NEEDS_REVIEW: 24,
    Status.APPROVED: 168,
    Status.LABEL_ISSUED: 168,
    Status.IN_TRANSIT: 240,
    Status.RECEIVED: 72,
    Status.INSPECTED: 48,
}
SLA_STAGES = tuple(DEFAULT_SLA_HOURS)


def settings_of(installation: Installation) -> StoreSettings:
    """The store's saved settings, or an unsaved row holding the defaults."""
    found = StoreSettings.objects.for_installation(installation).first()
    return found or StoreSettings(installation=installation)


def sla_hours(settings: StoreSettings) -> dict[Status, int]:
    """Every SLA stage with its limit in hours: the saved value, else the default."""
    saved = settings.sla_hours or {}
    return {stage: int(saved.get(stage, DEFAULT_SLA_HOURS[stage])) for stage in SLA_STAGES}


def notification_enabled(settings: StoreSettings, event: NotificationEvent) -> bool:
    return bool((settings.notifications or {}).get(event, True))
