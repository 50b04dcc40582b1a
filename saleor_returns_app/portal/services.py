"""The hosted portal's flow: find the order, choose what to return, review, confirm.

Views stay thin; every decision (who may see an order, what can be returned, what it costs)
is made here or in `returns.services`, which the API uses as well.
"""

from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import segno
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from saleor_returns_app.api.proofs import GUEST_LIMIT_PER_CALLER, GUEST_LIMIT_PER_ORDER
from saleor_returns_app.carriers.base import Address, PointKind, ServicePointQuery
from saleor_returns_app.core.l10n import format_day, format_money, languages_of
from saleor_returns_app.core.ratelimit import allow
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.portal import photos as photo_store
from saleor_returns_app.portal.access import (
    OrderAccess,
    PointsScope,
    order_token,
    points_token,
    read_request_token,
    request_token,
)
from saleor_returns_app.returns import selectors, services
from saleor_returns_app.returns.lifecycle import Actor
from saleor_returns_app.returns.models import Market, ReturnEvent, ReturnRequest
from saleor_returns_app.returns.policies import market_for
from saleor_returns_app.returns.policy import (
    Decision,
    Method,
    RequestedLine,
    RequestError,
    Resolution,
    reason_label,
    render_message,
)
from saleor_returns_app.returns.saleor_order import order_country
from saleor_returns_app.returns.status import Status
from saleor_returns_app.saleor.client import SaleorClient
from saleor_returns_app.shipping.files import signed_label_token
from saleor_returns_app.shipping.models import Shipment, current_shipment
from saleor_returns_app.shipping.points import search_points

METHOD_LABELS = {
    Method.PICKUP: gettext_noop("Courier pickup from your address"),
    Method.DROP_OFF: gettext_noop("Drop off at a shop or point"),
    Method.LOCKER: gettext_noop("Parcel locker"),
    Method.SELF_SHIP: gettext_noop("Send it yourself"),
}
RESOLUTION_LABELS = {
    Resolution.REFUND: gettext_noop("Refund"),
    Resolution.EXCHANGE: gettext_noop("Exchange for another size or colour"),
    Resolution.STORE_CREDIT: gettext_noop("Store credit"),
}
# Pickup windows the shopper picks from, in the market's time zone. The en dashes stay literal:
# xgettext would not read a "\u2013" escape as the character gettext is later asked for.
PICKUP_SLOTS = {
    "morning": (time(9), time(13), gettext_noop("Morning, 9:00–13:00")),  # noqa: RUF001
    "afternoon": (time(13), time(17), gettext_noop("Afternoon, 13:00–17:00")),  # noqa: RUF001
}
PICKUP_DAYS = 10
_POINT_METHODS = (Method.LOCKER, Method.DROP_OFF)
# A locker return goes into a locker; a drop-off is handed over at a staffed point.
_POINT_KINDS = {Method.LOCKER: PointKind.LOCKER, Method.DROP_OFF: PointKind.PUDO}
_ORDER_NUMBER = re.compile(r"^#?\s*(\d{1,12})$")


class TooManyAttempts(Exception):
    """The guest lookup's budget for this caller or order number is spent."""


def clean_order_number(value: str) -> str | None:
    """`#1042`, ` 1042 ` → `1042`; None for anything that is not an order number."""
    match = _ORDER_NUMBER.match(value.strip())
    return match[1] if match else None


def find_guest_order(
    *, installation: Installation, number: str, email: str, client_ip: str, language: str = ""
) -> OrderAccess | None:
    """The order with this number when `email` is its email; None otherwise.

    Unknown numbers and wrong emails do the same work (one Saleor lookup, one constant-time
    compare) and give the same None, so neither answers nor timing tell whether an order
    exists. Attempts count against the same per-caller budget as the API's guests, and per
    order number; raises `TooManyAttempts` once spent.
    """
    store = installation.pk
    if not (
        allow("guest-caller", f"{store}:{client_ip}", GUEST_LIMIT_PER_CALLER)
        and allow("guest-order-number", f"{store}:{number}", GUEST_LIMIT_PER_ORDER)
    ):
        raise TooManyAttempts
    found = SaleorClient.for_installation(installation).execute("OrderByNumber", {"number": number})
    edges = (found.get("orders") or {}).get("edges") or []
    order = edges[0]["node"] if edges else {}
    expected = (order.get("userEmail") or "").strip().casefold()
    given = email.strip().casefold()
    # Compared even without an order (against a value no email equals), for the timing.
    matches = hmac.compare_digest((expected or "\x00").encode(), given.encode())
    if not (order and expected and matches):
        return None
    proof = services.CustomerProof(services.ProofKind.GUEST, email=email)
    return OrderAccess(order["id"], proof, language=language or order_language(installation, order))


def order_language(installation: Installation, order: Mapping[str, Any]) -> str:
    """The language the order was placed in, else its market's; "" when the app ships
    neither (the browser's then decides)."""
    market = market_for(
        installation=installation,
        channel_slug=(order.get("channel") or {}).get("slug") or "",
        country_code=order_country(order),
    )
    candidates = (order.get("languageCodeEnum"), market.language if market else None)
    found = languages_of(code for code in candidates if code)
    return found[0] if found else ""


def order_path(installation: Installation, access: OrderAccess) -> str:
    return reverse(
        "portal-order",
        kwargs={"slug": installation.slug, "token": order_token(installation, access)},
    )


def shopper_link(
    *,
    installation: Installation,
    order_id: str,
    customer: services.CustomerProof,
    language: str = "",
) -> str:
    """The storefront's deep link into the portal for one of the shopper's orders, opening in
    `language`; raises `OrderNotFound` for an order that is not theirs."""
    order = services.owned_order(installation=installation, order_id=order_id, customer=customer)
    chosen = language or order_language(installation, order)
    return order_path(installation, OrderAccess(order_id, customer, language=chosen))


# --- the order page -------------------------------------------------------------------------


@dataclass(frozen=True)
class LineView:
    index: int
    line_id: str
    product_name: str
    variant_name: str
    sku: str
    thumbnail_url: str
    quantity: int
    unit_price: str
    eligible: bool
    returnable_quantity: int
    why_not: str
    exchange_options: Sequence[services.VariantOption]

    @property
    def quantities(self) -> range:
        return range(1, self.returnable_quantity + 1)


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    note: str = ""
    requires_photo: bool = False
    requires_comment: bool = False


@dataclass(frozen=True)
class OrderPage:
    access: OrderAccess
    order_number: str
    currency: str
    country_code: str
    market: Market | None
    returnable: bool
    deadline: str
    lines: Sequence[LineView]
    reasons: Sequence[Option]
    methods: Sequence[Option]
    resolutions: Sequence[Option]
    pickup_days: Sequence[Option]
    pickup_slots: Sequence[Option]
    points_token: str

    @property
    def eligible_lines(self) -> list[LineView]:
        return [line for line in self.lines if line.eligible]

    @property
    def time_zone(self) -> str:
        return self.market.time_zone if self.market else "UTC"


def _pickup_days(today: date, language: str) -> list[Option]:
    days = []
    day = today + timedelta(days=1)
    while len(days) < PICKUP_DAYS:
        if day.weekday() < 5:
            days.append(Option(day.isoformat(), format_day(day, language, "full")))
        day += timedelta(days=1)
    return days


def order_page(
    *, installation: Installation, access: OrderAccess, language: str, now: datetime
) -> OrderPage:
    """What the shopper sees of their order, in the active language (`OrderNotFound`)."""
    answer = services.order_returnability(
        installation=installation, order_id=access.order_id, customer=access.customer, now=now
    )
    returnability = answer.returnability
    currency = returnability.currency
    lines = []
    for index, eligibility in enumerate(returnability.lines):
        shown = answer.lines_shown.get(eligibility.line_id)
        lines.append(
            LineView(
                index=index,
                line_id=eligibility.line_id,
                product_name=shown.product_name if shown else "",
                variant_name=shown.variant_name if shown else "",
                sku=shown.sku if shown else "",
                thumbnail_url=shown.thumbnail_url if shown else "",
                quantity=shown.quantity if shown else 0,
                unit_price=format_money(shown.unit_price, currency, language) if shown else "",
                eligible=eligibility.eligible,
                returnable_quantity=eligibility.returnable_quantity,
                # Rendered again here: the engine ran before the shopper's language was known.
                why_not=(
                    render_message(eligibility.code, eligibility.params) if eligibility.code else ""
                ),
                exchange_options=answer.exchange_options.get(eligibility.line_id, ()),
            )
        )
    labels = selectors.reason_labels(installation=installation, language=language)
    time_zone = answer.market.time_zone if answer.market else "UTC"
    deadline = returnability.deadline
    return OrderPage(
        access=access,
        order_number=answer.order_number,
        currency=currency,
        country_code=answer.country_code,
        market=answer.market,
        returnable=returnability.returnable,
        deadline=_day(deadline, time_zone, language) if deadline else "",
        lines=lines,
        reasons=[
            Option(
                reason.code,
                labels.get(reason.code) or reason_label(reason),
                requires_photo=reason.requires_photo,
                requires_comment=reason.requires_comment,
            )
            for reason in returnability.reasons
        ],
        methods=[
            Option(
                str(offer.method),
                _(METHOD_LABELS[offer.method]),
                note=_fee_note(offer.fee, offer.currency, offer.free_for_controllable, language),
            )
            for offer in returnability.methods
        ],
        resolutions=[
            Option(str(resolution), _(RESOLUTION_LABELS[resolution]))
            for resolution in returnability.resolutions
        ],
        pickup_days=_pickup_days(now.astimezone(ZoneInfo(time_zone)).date(), language),
        pickup_slots=[Option(code, _(label)) for code, (_s, _e, label) in PICKUP_SLOTS.items()],
        points_token=points_token(
            installation,
            PointsScope(answer.market.pk if answer.market else None, answer.country_code),
        ),
    )


def _day(value: datetime, time_zone: str, language: str) -> str:
    return format_day(value.astimezone(ZoneInfo(time_zone)), language)


def _fee_note(fee: Decimal, currency: str, free_for_controllable: bool, language: str) -> str:
    if not fee:
        return _("Free")
    note = _("Fee: %(fee)s") % {"fee": format_money(fee, currency, language)}
    if free_for_controllable:
        note += " · " + _("free when the item is faulty or not what you ordered")
    return note


# --- the shopper's choice -------------------------------------------------------------------


@dataclass
class Choice:
    """What the form asks for, checked as far as the portal can; the engine checks the rest.

    `errors` are keyed by form field name, `form` for the page as a whole.
    """

    lines: list[dict[str, Any]] = field(default_factory=list)
    resolution: str = ""
    method: str = ""
    point: str = ""
    point_label: str = ""
    pickup: dict[str, Any] | None = None
    errors: dict[str, str] = field(default_factory=dict)
    uploads: dict[int, list[tuple[bytes, str]]] = field(default_factory=dict)


def _text(data: Mapping[str, str], name: str, limit: int = 200) -> str:
    return (data.get(name) or "").strip()[:limit]


def read_choice(
    page: OrderPage, data: Mapping[str, str], files: MultiValueDict[str, UploadedFile]
) -> Choice:
    """The form's answers, with every error the portal itself can tell."""
    choice = Choice(
        resolution=_text(data, "resolution"),
        method=_text(data, "method"),
    )
    for line in page.eligible_lines:
        prefix = f"line-{line.index}"
        if data.get(f"{prefix}-selected") != "1":
            continue
        try:
            quantity = int(data.get(f"{prefix}-quantity") or "1")
        except ValueError:
            quantity = 0
        chosen: dict[str, Any] = {
            "index": line.index,
            "id": line.line_id,
            "quantity": quantity,
            "reason": _text(data, f"{prefix}-reason", 64),
            "comment": _text(data, f"{prefix}-comment", 2000),
            "exchange": _text(data, f"{prefix}-exchange", 255),
            "photos": [],
        }
        if not chosen["reason"]:
            choice.errors[f"{prefix}-reason"] = _("Choose a reason.")
        try:
            choice.uploads[line.index] = photo_store.check_photos(files.getlist(f"{prefix}-photos"))
        except photo_store.PhotoRefused as refused:
            choice.errors[f"{prefix}-photos"] = str(refused)
        if choice.resolution == Resolution.EXCHANGE:
            offered = {option.id for option in line.exchange_options}
            if not offered:
                choice.errors[f"{prefix}-exchange"] = _(
                    "This item has no other size or colour to exchange it for."
                )
            elif chosen["exchange"] not in offered:
                choice.errors[f"{prefix}-exchange"] = _("Choose the size or colour you want.")
        choice.lines.append(chosen)
    if not choice.lines:
        choice.errors["lines"] = _("Choose at least one item to return.")
    if choice.resolution not in {option.code for option in page.resolutions}:
        choice.errors["resolution"] = _("Choose what you would like instead.")
    if choice.method not in {option.code for option in page.methods}:
        choice.errors["method"] = _("Choose how to send the items back.")
    elif choice.method in _POINT_METHODS:
        choice.point = _text(data, "point", 255)
        choice.point_label = _text(data, "point-label", 300)
        if not choice.point:
            choice.errors["point"] = _("Choose a point near you.")
    elif choice.method == Method.PICKUP:
        choice.pickup = _pickup(page, data, choice.errors)
    return choice


def _pickup(page: OrderPage, data: Mapping[str, str], errors: dict[str, str]) -> dict[str, Any]:
    required = {
        "pickup-name": _("Enter the name of the person handing over the parcel."),
        "pickup-street": _("Enter the street and number."),
        "pickup-postal-code": _("Enter the postal code."),
        "pickup-city": _("Enter the city."),
        "pickup-phone": _("Enter a phone number for the courier."),
    }
    for name, message in required.items():
        if not _text(data, name):
            errors[name] = message
    day = _text(data, "pickup-date")
    slot = PICKUP_SLOTS.get(_text(data, "pickup-slot"))
    if day not in {option.code for option in page.pickup_days}:
        errors["pickup-date"] = _("Choose a day for the pickup.")
    if slot is None:
        errors["pickup-slot"] = _("Choose a time for the pickup.")
    address = Address(
        name=_text(data, "pickup-name"),
        street_lines=(_text(data, "pickup-street"),),
        postal_code=_text(data, "pickup-postal-code", 20),
        city=_text(data, "pickup-city"),
        country_code=page.country_code,
        phone=_text(data, "pickup-phone", 40),
        email=page.access.customer.email,
    ).as_dict()
    if day and slot and "pickup-date" not in errors:
        zone = ZoneInfo(page.time_zone)
        on = date.fromisoformat(day)
        address["window"] = {
            "start": datetime.combine(on, slot[0], tzinfo=zone).isoformat(),
            "end": datetime.combine(on, slot[1], tzinfo=zone).isoformat(),
        }
    return address


def _requested(
    lines: Sequence[Mapping[str, Any]], photo_counts: Mapping[int, int] | None = None
) -> list[RequestedLine]:
    """The engine's lines; `photo_counts` by line index for photos not stored yet."""
    return [
        RequestedLine(
            line_id=line["id"],
            quantity=line["quantity"],
            reason_code=line["reason"],
            comment=line["comment"],
            photo_count=(photo_counts or {}).get(line["index"], len(line["photos"])),
        )
        for line in lines
    ]


_ENGINE_FIELDS = {
    "quantity": "quantity",
    "reason_code": "reason",
    "comment": "comment",
    "photo_count": "photos",
}


def _form_field(error: RequestError, lines: Sequence[Mapping[str, Any]]) -> str:
    """The form field an engine error belongs to: `lines.1.photo_count` → `line-4-photos`."""
    if error.field is None:
        return "form"
    parts = error.field.split(".")
    if parts[0] == "lines" and len(parts) >= 2 and parts[1].isdigit():
        index = lines[int(parts[1])]["index"]
        suffix = _ENGINE_FIELDS.get(parts[2] if len(parts) > 2 else "", "")
        return f"line-{index}-{suffix}" if suffix else f"line-{index}"
    return parts[0]


@dataclass(frozen=True)
class ReviewLine:
    product_name: str
    variant_name: str
    quantity: int
    reason: str
    comment: str
    photo_count: int
    exchange_for: str


@dataclass(frozen=True)
class Review:
    """The page shown before confirming: the fees and refund the policy gives."""

    token: str
    decision: Decision
    lines: Sequence[ReviewLine]
    resolution: str
    method: str
    where: str
    items_value: str
    shipping_fee: str
    restocking_fee: str
    refund_amount: str


def _review_lines(page: OrderPage, lines: Sequence[Mapping[str, Any]]) -> list[ReviewLine]:
    reasons = {option.code: option.label for option in page.reasons}
    shown = []
    for chosen in lines:
        line = page.lines[chosen["index"]]
        exchange = {option.id: option.name for option in line.exchange_options}
        shown.append(
            ReviewLine(
                product_name=line.product_name,
                variant_name=line.variant_name,
                quantity=chosen["quantity"],
                reason=reasons.get(chosen["reason"], chosen["reason"]),
                comment=chosen["comment"],
                photo_count=len(chosen["photos"]),
                exchange_for=exchange.get(chosen["exchange"], ""),
            )
        )
    return shown


def _where(page: OrderPage, choice: Choice, language: str) -> str:
    if choice.method in _POINT_METHODS:
        return choice.point_label or choice.point
    if choice.method == Method.PICKUP and choice.pickup and choice.pickup.get("window"):
        window = choice.pickup["window"]
        start = datetime.fromisoformat(window["start"])
        end = datetime.fromisoformat(window["end"])
        pickup = choice.pickup
        address = f"{', '.join(pickup['street_lines'])}, {pickup['postal_code']} {pickup['city']}"
        day = format_day(start, language, "full")
        return f"{address} \u00b7 {day}, {start:%H:%M}\u2013{end:%H:%M}"
    return ""


def review(
    *,
    installation: Installation,
    page: OrderPage,
    choice: Choice,
    language: str,
    now: datetime,
) -> Review | None:
    """Quote the choice with the policy; None (with `choice.errors` filled) when it cannot be
    sent. Photos are stored only for a request that can be, so refusals leave no files."""
    photo_counts = {index: len(photos) for index, photos in choice.uploads.items()}
    decision = services.quote_return_request(
        installation=installation,
        order_id=page.access.order_id,
        lines=_requested(choice.lines, photo_counts),
        method=Method(choice.method),
        resolution=Resolution(choice.resolution),
        customer=page.access.customer,
        now=now,
    )
    for error in decision.errors:
        choice.errors.setdefault(_form_field(error, choice.lines), error.message)
    if choice.errors:
        return None
    for line in choice.lines:
        line["photos"] = photo_store.store_photos(
            installation, choice.uploads.get(line["index"], ())
        )
    chosen = {
        "lines": choice.lines,
        "resolution": choice.resolution,
        "method": choice.method,
        "point": choice.point,
        "point_label": choice.point_label,
        "pickup": choice.pickup,
        "language": language,
        # One key per reviewed request: "Confirm" sent twice creates one return.
        "key": f"portal:{secrets.token_urlsafe(24)}",
    }
    currency = decision.currency
    return Review(
        token=request_token(installation, page.access, chosen),
        decision=decision,
        lines=_review_lines(page, choice.lines),
        resolution=_(RESOLUTION_LABELS[Resolution(choice.resolution)]),
        method=_(METHOD_LABELS[Method(choice.method)]),
        where=_where(page, choice, language),
        items_value=format_money(decision.items_value, currency, language),
        shipping_fee=format_money(decision.shipping_fee, currency, language),
        restocking_fee=format_money(decision.restocking_fee, currency, language),
        refund_amount=format_money(decision.refund_amount, currency, language),
    )


class RequestExpired(Exception):
    """The review page's token is not genuine, not this store's or too old."""


@dataclass(frozen=True)
class Confirmed:
    return_request: ReturnRequest | None
    errors: Sequence[str] = ()


def confirm(*, installation: Installation, token: str, now: datetime) -> Confirmed:
    """Create the reviewed return (once, however often the same review is confirmed).

    Raises `RequestExpired` and `OrderNotFound`; errors when the policy changed meanwhile.
    """
    read = read_request_token(installation, token)
    if read is None:
        raise RequestExpired
    access, chosen = read
    lines = chosen["lines"]
    result = services.create_return_request(
        installation=installation,
        order_id=access.order_id,
        lines=_requested(lines),
        method=Method(chosen["method"]),
        resolution=Resolution(chosen["resolution"]),
        customer=access.customer,
        actor=Actor(
            ReturnEvent.Actor.SHOPPER, id=access.customer.user_id, email=access.customer.email
        ),
        now=now,
        service_point_id=chosen["point"] if chosen["method"] in _POINT_METHODS else "",
        pickup_address=chosen["pickup"] if chosen["method"] == Method.PICKUP else None,
        idempotency_key=chosen["key"],
        locale=chosen["language"],
        photos={line["id"]: line["photos"] for line in lines},
        exchange_variants={line["id"]: line["exchange"] for line in lines if line["exchange"]},
    )
    if result.return_request is None:
        return Confirmed(None, [error.message for error in result.errors])
    return Confirmed(result.return_request)


# --- lockers and drop-off points ------------------------------------------------------------


@dataclass(frozen=True)
class PointView:
    id: str
    kind: str
    name: str
    address: str
    opening_hours: str


def nearby_points(
    *, installation: Installation, scope: PointsScope, place: str, method: str
) -> list[PointView]:
    """Lockers (for LOCKER) or all return points (for DROP_OFF) near a postal code or city."""
    place = place.strip()[:80]
    if not place:
        return []
    market = (
        Market.objects.for_installation(installation).filter(pk=scope.market_id).first()
        if scope.market_id
        else None
    )
    by_postal_code = any(character.isdigit() for character in place)
    query = ServicePointQuery(
        country_code=scope.country_code,
        postal_code=place if by_postal_code else "",
        city="" if by_postal_code else place,
        limit=20,
    )
    found = search_points(installation=installation, market=market, query=query)
    return [
        PointView(
            id=item.point.id,
            kind=str(item.point.kind),
            name=item.point.name,
            address=", ".join(
                part
                for part in (item.point.street, f"{item.point.postal_code} {item.point.city}")
                if part.strip()
            ),
            opening_hours=item.point.opening_hours,
        )
        for item in found
        if item.point.kind == _POINT_KINDS.get(method)
    ][:20]


# --- after confirming -----------------------------------------------------------------------

STATUS_LABELS = {
    Status.REQUESTED: gettext_noop("Received"),
    Status.NEEDS_REVIEW: gettext_noop("Waiting for the store's review"),
    Status.APPROVED: gettext_noop("Approved"),
    Status.REJECTED: gettext_noop("Not accepted"),
    Status.LABEL_ISSUED: gettext_noop("Ready to send"),
    Status.IN_TRANSIT: gettext_noop("On its way back"),
    Status.RECEIVED: gettext_noop("Received by the store"),
    Status.INSPECTED: gettext_noop("Checked by the store"),
    Status.REFUNDED: gettext_noop("Refunded"),
    Status.EXCHANGED: gettext_noop("Exchanged"),
    Status.STORE_CREDIT: gettext_noop("Store credit issued"),
    Status.CLOSED: gettext_noop("Closed"),
    Status.CANCELLED: gettext_noop("Cancelled"),
}
# Until the carrier answers, the confirmation page refreshes itself for the label or code.
_BOOKING = (Shipment.Status.PLANNED, Shipment.Status.BOOKING, Shipment.Status.PENDING)
# A quick-returns carrier may hand out the drop-off code while the booking is still pending.
_USABLE = (Shipment.Status.PENDING, Shipment.Status.BOOKED)


@dataclass(frozen=True)
class Confirmation:
    return_request: ReturnRequest
    status_label: str
    label_path: str
    drop_off_code: str
    drop_off_qr_svg: str
    preparing: bool
    tracking_path: str


def confirmation(*, installation: Installation, public_token: str) -> Confirmation | None:
    """The return behind a confirmation link, with its label or drop-off code once ready."""
    return_request = (
        ReturnRequest.objects.for_installation(installation)
        .filter(public_token=public_token)
        .prefetch_related("shipments", "lines")
        .first()
    )
    if return_request is None:
        return None
    shipment = current_shipment(return_request)
    usable = shipment is not None and shipment.status in _USABLE
    label_path = (
        reverse("shopper-label", args=[signed_label_token(shipment)])
        if usable and shipment.label_file
        else ""
    )
    code = shipment.drop_off_code if usable else ""
    qr = segno.make_qr(code, error="m").svg_inline(scale=6, border=2) if code else ""
    waiting = shipment is not None and shipment.status in _BOOKING
    return Confirmation(
        return_request=return_request,
        # Source text: the page translates it in the shopper's language.
        status_label=STATUS_LABELS[Status(return_request.status)],
        label_path=label_path,
        drop_off_code=code,
        drop_off_qr_svg=qr,
        preparing=waiting and not (label_path or code),
        tracking_path=f"/track/{return_request.public_token}",
    )
