"""What the shopper's tracking page says about a return: read-only, in the shopper's words.

Everything here is computed for one language (`translation.override` is the caller's) and
the market's time zone. The page and its JSON twin show the same `TrackingState`, so what
the browser re-renders after a poll is exactly what a reload would show.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

import segno
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from saleor_returns_app.carriers.base import ReturnMode, TrackingStatus
from saleor_returns_app.core.l10n import format_datetime, format_money
from saleor_returns_app.returns.models import RefundTrigger, ReturnEvent, ReturnRequest
from saleor_returns_app.returns.policy import Resolution
from saleor_returns_app.returns.status import Action, Status
from saleor_returns_app.returns.store_settings import COLOR_PATTERN, settings_of
from saleor_returns_app.shipping.files import signed_label_token
from saleor_returns_app.shipping.models import (
    ServicePoint,
    Shipment,
    TrackingEvent,
    current_shipment,
)

DEFAULT_COLOR = "2563EB"
# Tokens are `secrets.token_urlsafe(24)`: anything else is not looked up at all.
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
_MAX_TOKEN = 64
# The parcel is still with the shopper: the page shows how to hand it over.
_BEFORE_HANDOVER = (Status.APPROVED, Status.LABEL_ISSUED)
_NO_REFUND = (Status.REJECTED, Status.CANCELLED)


def find_return(token: str) -> ReturnRequest | None:
    """The return a public token names, or None (also for anything not shaped like a token)."""
    if not token or len(token) > _MAX_TOKEN or not set(token) <= _TOKEN_CHARS:
        return None
    return (
        ReturnRequest.objects.select_related("market", "installation")
        .prefetch_related("shipments")
        .filter(public_token=token, installation__is_active=True)
        .first()
    )


def state_version(return_request: ReturnRequest, language: str) -> str:
    """A fingerprint of everything the page shows, from a few indexed reads: a poll that
    finds it unchanged is answered 304 without building the state."""
    shipment = current_shipment(return_request)
    events = ReturnEvent.objects.filter(return_request=return_request).aggregate(last=Max("pk"))
    tracking = (
        TrackingEvent.objects.filter(shipment=shipment).aggregate(last=Max("pk"))
        if shipment
        else {"last": None}
    )
    parts = [
        language,
        return_request.updated_at.isoformat(),
        str(events["last"]),
        shipment.updated_at.isoformat() if shipment else "",
        str(tracking["last"]),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Brand:
    name: str
    logo_url: str
    color: str  # six hex digits, without "#"
    support_email: str


@dataclass(frozen=True)
class Moment:
    title: str
    at: str
    iso: str
    detail: str = ""


@dataclass(frozen=True)
class Handover:
    """How the parcel leaves the shopper's hands."""

    mode: str
    label_url: str = ""
    drop_off_code: str = ""
    qr_data_uri: str = ""
    point: str = ""
    pickup_window: str = ""
    preparing: bool = False


@dataclass(frozen=True)
class Refund:
    title: str
    amount: str
    when: str
    fees: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class TrackingState:
    rma: str
    order_number: str
    status: str
    headline: str
    next_steps: list[str]
    timeline: list[Moment]
    tracking: list[Moment]
    tracking_number: str
    carrier_tracking_url: str
    handover: Handover | None
    refund: Refund | None
    rejection_reason: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def brand_of(return_request: ReturnRequest) -> Brand:
    """The store's branding; a colour that is not #RRGGBB falls back to the default."""
    saved = settings_of(return_request.installation)
    color = saved.brand_color if COLOR_PATTERN.fullmatch(saved.brand_color or "") else ""
    logo = saved.brand_logo_url if saved.brand_logo_url.startswith("https://") else ""
    return Brand(
        name=saved.brand_name or return_request.installation.domain,
        logo_url=logo,
        color=(color[1:] if color else DEFAULT_COLOR).upper(),
        support_email=saved.support_email,
    )


def _time_zone(return_request: ReturnRequest) -> str:
    return return_request.market.time_zone if return_request.market else "UTC"


def _moment(title: str, at: datetime, language: str, time_zone: str, detail: str = "") -> Moment:
    return Moment(title, format_datetime(at, language, time_zone), at.isoformat(), detail)


def _event_titles() -> dict[str, str]:
    """The timeline's shopper-relevant events; anything else (staff notes, carrier refusals,
    Saleor sync records) is never shown, however it was recorded."""
    return {
        "CREATED": _("You asked to return items"),
        Action.FLAG_FOR_REVIEW: _("The store is taking a closer look at your request"),
        Action.APPROVE: _("Your return was approved"),
        Action.REJECT: _("Your return was not accepted"),
        Action.ISSUE_LABEL: _("Your return label is ready"),
        Action.SHIP: _("Your parcel is on its way to the store"),
        "PARCEL_DELIVERED": _("The carrier delivered your parcel to the store"),
        Action.RECEIVE: _("The store received your parcel"),
        Action.INSPECT: _("The store checked your items"),
        Action.REFUND: _("Your money was refunded"),
        Action.EXCHANGE: _("Your exchange is on its way"),
        Action.ISSUE_STORE_CREDIT: _("Your store credit was issued"),
        Action.CLOSE: _("Your return is complete"),
        Action.CANCEL: _("Your return was cancelled"),
    }


def _headlines() -> dict[str, str]:
    return {
        Status.REQUESTED: _("We have your return request"),
        Status.NEEDS_REVIEW: _("The store is looking at your request"),
        Status.APPROVED: _("Your return is approved"),
        Status.LABEL_ISSUED: _("Your return label is ready"),
        Status.IN_TRANSIT: _("Your parcel is on its way to the store"),
        Status.RECEIVED: _("The store received your parcel"),
        Status.INSPECTED: _("The store checked your items"),
        Status.REFUNDED: _("Your money is on its way back to you"),
        Status.EXCHANGED: _("Your exchange is on its way"),
        Status.STORE_CREDIT: _("Your store credit is ready"),
        Status.CLOSED: _("Your return is complete"),
        Status.REJECTED: _("Your return was not accepted"),
        Status.CANCELLED: _("This return was cancelled"),
    }


def _tracking_titles() -> dict[str, str]:
    return {
        TrackingStatus.CREATED: _("The carrier has the shipment's details"),
        TrackingStatus.PICKED_UP: _("The carrier has your parcel"),
        TrackingStatus.IN_TRANSIT: _("In transit"),
        TrackingStatus.AT_POINT: _("At a carrier point"),
        TrackingStatus.OUT_FOR_DELIVERY: _("Out for delivery to the store"),
        TrackingStatus.DELIVERED: _("Delivered to the store"),
        TrackingStatus.EXCEPTION: _("The carrier reported a problem"),
        TrackingStatus.RETURNED_TO_SENDER: _("The carrier is sending the parcel back to you"),
        TrackingStatus.CANCELLED: _("The shipment was cancelled"),
    }


def _timeline(return_request: ReturnRequest, language: str) -> list[Moment]:
    titles = _event_titles()
    time_zone = _time_zone(return_request)
    return [
        _moment(titles[event.type], event.created_at, language, time_zone)
        for event in return_request.events.all()
        if event.type in titles
    ]


def _tracking(
    shipment: Shipment | None, return_request: ReturnRequest, language: str
) -> list[Moment]:
    if shipment is None:
        return []
    titles = _tracking_titles()
    time_zone = _time_zone(return_request)
    moments = [
        _moment(
            titles.get(event.status, event.status),
            event.occurred_at,
            language,
            time_zone,
            detail=event.location,
        )
        for event in shipment.events.all()
    ]
    return list(reversed(moments))


def _qr(code: str) -> str:
    return segno.make_qr(code, error="m").svg_data_uri(scale=6, border=2)


def _point_name(shipment: Shipment, return_request: ReturnRequest) -> str:
    point_id = shipment.service_point_id or return_request.service_point_id
    if not point_id:
        return ""
    point = ServicePoint.objects.filter(carrier=shipment.carrier, external_id=point_id).first()
    if point is None:
        return ""
    return ", ".join(part for part in (point.name, point.street, point.city) if part)


def _handover(
    shipment: Shipment | None, return_request: ReturnRequest, language: str
) -> Handover | None:
    if return_request.status not in _BEFORE_HANDOVER:
        return None
    mode = return_request.method
    scanned = shipment is not None and shipment.tracking_status not in ("", TrackingStatus.CREATED)
    if scanned:
        return None
    if shipment is None or shipment.status != Shipment.Status.BOOKED:
        return Handover(mode=mode, preparing=True)
    label_url = ""
    if shipment.has_label and shipment.label_file:
        label_url = reverse("shopper-label", kwargs={"token": signed_label_token(shipment)})
    window = ""
    if shipment.pickup_start and shipment.pickup_end:
        time_zone = _time_zone(return_request)
        window = (
            f"{format_datetime(shipment.pickup_start, language, time_zone)} \N{EN DASH} "
            f"{format_datetime(shipment.pickup_end, language, time_zone)}"
        )
    code = shipment.drop_off_code
    return Handover(
        mode=mode,
        label_url=label_url,
        drop_off_code=code,
        qr_data_uri=_qr(code) if code else "",
        point=_point_name(shipment, return_request),
        pickup_window=window,
        preparing=not (label_url or code or mode == ReturnMode.PICKUP),
    )


def _refund_when(return_request: ReturnRequest) -> str:
    trigger = return_request.market.refund_trigger if return_request.market else ""
    if return_request.resolution == Resolution.EXCHANGE:
        return _("The store sends the replacement once your parcel arrives.")
    return {
        RefundTrigger.ON_RECEIPT: _("As soon as the store receives your parcel."),
        RefundTrigger.ON_INSPECTION: _("Once the store has checked the items."),
        RefundTrigger.ON_DELIVERY_SCAN: _(
            "As soon as the carrier delivers your parcel to the store."
        ),
    }.get(trigger, _("After the store has checked the items, usually within a few days."))


def _refund(return_request: ReturnRequest, language: str) -> Refund | None:
    status = return_request.status
    if status in _NO_REFUND:
        return None
    currency = return_request.currency

    def money(amount: Decimal) -> str:
        return format_money(Decimal(amount), currency, language)

    fees = [(_("Items"), money(return_request.items_value))]
    if return_request.shipping_fee:
        fees.append((_("Return shipping"), "\N{MINUS SIGN}" + money(return_request.shipping_fee)))
    if return_request.restocking_fee:
        fees.append((_("Restocking fee"), "\N{MINUS SIGN}" + money(return_request.restocking_fee)))
    resolved_at = return_request.resolved_at
    time_zone = _time_zone(return_request)
    if return_request.resolution == Resolution.EXCHANGE:
        title, amount = _("Your exchange"), _("A replacement for your items")
        fees = []
    elif return_request.resolution == Resolution.STORE_CREDIT:
        title, amount = _("Your store credit"), money(return_request.refund_amount)
    else:
        title, amount = _("Your refund"), money(return_request.refund_amount)
    if resolved_at is not None and status in (
        Status.REFUNDED,
        Status.EXCHANGED,
        Status.STORE_CREDIT,
        Status.CLOSED,
    ):
        when = _("Done on %(date)s.") % {"date": format_datetime(resolved_at, language, time_zone)}
    else:
        when = _refund_when(return_request)
    return Refund(title=title, amount=amount, when=when, fees=fees)


def _handover_steps(handover: Handover) -> list[str]:
    if handover.preparing:
        return [_("The store is preparing your return label. This page updates when it is ready.")]
    steps = [_("Pack the items securely, with everything that came with them.")]
    if handover.label_url:
        steps.append(_("Print the label and stick it on the parcel."))
    if handover.mode == ReturnMode.PICKUP:
        steps.append(_("Have the parcel ready: a courier collects it from your address."))
    elif handover.mode == ReturnMode.LOCKER and handover.drop_off_code:
        steps.append(_("Take the parcel to the locker and enter the code shown below."))
    elif handover.mode == ReturnMode.LOCKER:
        steps.append(_("Take the parcel to the locker you chose."))
    elif handover.mode == ReturnMode.DROP_OFF and handover.drop_off_code:
        steps.append(_("Take the parcel to the drop-off point and show the code below."))
    elif handover.mode == ReturnMode.DROP_OFF:
        steps.append(_("Take the parcel to the drop-off point you chose."))
    else:
        steps.append(_("Send the parcel with a carrier of your choice and keep the receipt."))
    return steps


def _next_steps(return_request: ReturnRequest, handover: Handover | None) -> list[str]:
    status = return_request.status
    if handover is not None:
        return _handover_steps(handover)
    return {
        Status.REQUESTED: [_("Nothing to do yet: the store will decide and let you know.")],
        Status.NEEDS_REVIEW: [_("Nothing to do yet: the store will decide and let you know.")],
        Status.APPROVED: [_("Nothing to do: the carrier has your parcel.")],
        Status.LABEL_ISSUED: [_("Nothing to do: the carrier has your parcel.")],
        Status.IN_TRANSIT: [
            _("Nothing to do: we will tell you when the parcel arrives."),
            _("Keep the carrier's receipt until your return is complete."),
        ],
        Status.RECEIVED: [_("Nothing to do: the store is checking your items.")],
        Status.INSPECTED: [_("Nothing to do: your refund is being prepared.")],
        Status.REFUNDED: [_("Your bank may take a few working days to show the money.")],
        Status.EXCHANGED: [_("You will get an email when the replacement ships.")],
        Status.STORE_CREDIT: [_("Use your store credit at checkout; we sent it to your email.")],
        Status.CLOSED: [_("Nothing more to do. Thank you!")],
        Status.REJECTED: [_("Questions? Write to the store's support.")],
        Status.CANCELLED: [_("To return items after all, start a new return from your order.")],
    }.get(status, [])


def tracking_state(return_request: ReturnRequest, language: str) -> TrackingState:
    """The page's content in `language` (the caller activates the translation)."""
    shipment = current_shipment(return_request)
    handover = _handover(shipment, return_request, language)
    return TrackingState(
        rma=return_request.rma,
        order_number=return_request.order_number,
        status=return_request.status,
        headline=_headlines().get(return_request.status, return_request.status),
        next_steps=_next_steps(return_request, handover),
        timeline=_timeline(return_request, language),
        tracking=_tracking(shipment, return_request, language),
        tracking_number=shipment.tracking_number if shipment else "",
        carrier_tracking_url=(
            shipment.tracking_url
            if shipment and shipment.tracking_url.startswith("https://")
            else ""
        ),
        handover=handover,
        refund=_refund(return_request, language),
        rejection_reason=(
            return_request.rejection_reason if return_request.status == Status.REJECTED else ""
        ),
    )


def theme_css(color: str) -> str:
    """Custom properties for a brand colour (six hex digits) and the text that reads on it."""
    red, green, blue = (int(color[i : i + 2], 16) / 255 for i in (0, 2, 4))
    # Relative luminance (WCAG): dark text on light brand colours, white text on dark ones.
    luminance = sum(
        weight * (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        for weight, c in ((0.2126, red), (0.7152, green), (0.0722, blue))
    )
    on_brand = "#111827" if luminance > 0.4 else "#FFFFFF"
    return f":root {{ --brand: #{color}; --on-brand: {on_brand}; }}\n"
