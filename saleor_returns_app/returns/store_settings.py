"""A store's settings for the return experience: branding, notification switches, stage SLAs.

`settings_of` never writes: a store that never saved settings reads the defaults.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.models import StoreSettings
from saleor_returns_app.returns.outcomes import FieldError
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


COLOR_PATTERN = re.compile(r"#[0-9A-Fa-f]{6}")
MAX_BRAND_NAME = 120
MAX_LOGO_URL = 512
MAX_SLA_HOURS = 8760  # a year
MAX_STOREFRONT_ORIGINS = 20
# Browsers treat these as secure contexts over plain http: a storefront in development.
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class StoreSettingsInput:
    """What staff change; None keeps the saved value. `notifications` and `sla_hours` change
    only the keys they name; `storefront_origins` replaces the list."""

    storefront_origins: Sequence[str] | None = None
    brand_name: str | None = None
    brand_logo_url: str | None = None
    brand_color: str | None = None
    support_email: str | None = None
    staff_notification_email: str | None = None
    notifications: Mapping[str, bool] | None = None
    sla_hours: Mapping[str, int] | None = None


def normalised_origin(value: str) -> str | None:
    """`scheme://host[:port]` as a browser sends it in `Origin`, or None if `value` is not one
    a storefront may use (https, or http on this machine)."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    scheme = parts.scheme.lower()
    if (
        not host
        or parts.username is not None
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or "?" in value
        or "#" in value
    ):
        return None
    if not (scheme == "https" or (scheme == "http" and host in LOCAL_HOSTS)):
        return None
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    if ":" in host:
        host = f"[{host}]"
    shown_port = f":{port}" if port is not None and port != _DEFAULT_PORTS[scheme] else ""
    return f"{scheme}://{host}{shown_port}"


def _origins(values: Sequence[str], errors: list[FieldError]) -> list[str]:
    origins: list[str] = []
    for index, value in enumerate(values):
        origin = normalised_origin(value)
        if origin is None:
            errors.append(
                FieldError(
                    f"storefrontOrigins.{index}",
                    "INVALID",
                    "Give an origin such as https://shop.example.com, without a path "
                    "(http only for localhost).",
                )
            )
        elif origin not in origins:
            origins.append(origin)
    if len(origins) > MAX_STOREFRONT_ORIGINS:
        errors.append(
            FieldError(
                "storefrontOrigins",
                "INVALID",
                f"List at most {MAX_STOREFRONT_ORIGINS} storefront origins.",
            )
        )
    return origins


def _email(value: str, field: str, errors: list[FieldError]) -> str:
    email = value.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(FieldError(field, "INVALID", "Give a valid e-mail address."))
    return email


def _logo_url(value: str, errors: list[FieldError]) -> str:
    url = value.strip()
    if not url:
        return url
    parts = urlsplit(url)
    if len(url) > MAX_LOGO_URL or any(c.isspace() for c in url):
        errors.append(
            FieldError("brandLogoUrl", "INVALID", f"Up to {MAX_LOGO_URL} characters, no spaces.")
        )
    elif parts.scheme.lower() != "https" or not parts.hostname:
        errors.append(
            FieldError(
                "brandLogoUrl", "INSECURE_URL", "Give the full https:// address of the logo."
            )
        )
    return url


def _notifications(values: Mapping[str, bool], errors: list[FieldError]) -> dict[str, bool]:
    known = {event.value for event in NotificationEvent}
    for event in values:
        if event not in known:
            errors.append(
                FieldError(f"notifications.{event}", "INVALID", f"“{event}” is not a notification.")
            )
    return {event: bool(enabled) for event, enabled in values.items() if event in known}


def _sla_hours(values: Mapping[str, int], errors: list[FieldError]) -> dict[str, int]:
    hours: dict[str, int] = {}
    for stage, value in values.items():
        path = f"slaHours.{stage}"
        if stage not in SLA_STAGES:
            errors.append(FieldError(path, "INVALID", f"{stage} has no time limit."))
        elif isinstance(value, bool) or not isinstance(value, int):
            errors.append(FieldError(path, "INVALID", "Give whole hours."))
        elif not 0 <= value <= MAX_SLA_HOURS:
            errors.append(
                FieldError(path, "INVALID", f"From 0 (no limit) to {MAX_SLA_HOURS} hours.")
            )
        else:
            hours[stage] = value
    return hours


def save_store_settings(
    installation: Installation, data: StoreSettingsInput
) -> tuple[StoreSettings | None, list[FieldError]]:
    """Change what `data` gives (all or nothing); the row is made on the store's first save."""
    errors: list[FieldError] = []
    changes: dict[str, object] = {}
    if data.brand_name is not None:
        changes["brand_name"] = data.brand_name.strip()
        if len(changes["brand_name"]) > MAX_BRAND_NAME:
            errors.append(FieldError("brandName", "INVALID", f"Up to {MAX_BRAND_NAME} characters."))
    if data.brand_logo_url is not None:
        changes["brand_logo_url"] = _logo_url(data.brand_logo_url, errors)
    if data.brand_color is not None:
        color = data.brand_color.strip()
        if not COLOR_PATTERN.fullmatch(color):
            errors.append(
                FieldError("brandColor", "INVALID", "Give the colour as #RRGGBB, e.g. #2563EB.")
            )
        changes["brand_color"] = color.upper()
    if data.support_email is not None:
        changes["support_email"] = _email(data.support_email, "supportEmail", errors)
    if data.staff_notification_email is not None:
        changes["staff_notification_email"] = _email(
            data.staff_notification_email, "staffNotificationEmail", errors
        )
    notifications = _notifications(data.notifications or {}, errors)
    hours = _sla_hours(data.sla_hours or {}, errors)
    origins = (
        _origins(data.storefront_origins, errors) if data.storefront_origins is not None else None
    )
    if errors:
        return None, errors

    with transaction.atomic():
        # Merging into the saved switches and hours reads before it writes: one save at a time.
        store = Installation.objects.select_for_update().get(pk=installation.pk)
        settings, _ = StoreSettings.objects.get_or_create(installation=store)
        for name, value in changes.items():
            setattr(settings, name, value)
        settings.notifications = {**(settings.notifications or {}), **notifications}
        settings.sla_hours = {**(settings.sla_hours or {}), **hours}
        settings.save()
        if origins is not None:
            store.storefront_origins = origins
            store.save(update_fields=["storefront_origins", "updated_at"])
            installation.storefront_origins = origins
    return settings, []
