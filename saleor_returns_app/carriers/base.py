"""The one interface every carrier driver implements, and the plain data it speaks.

Drivers translate between these types and a carrier's API; nothing a carrier sends crosses
this boundary except as these types (or, for a carrier's own ids and codes, as strings).
No Django here: drivers are plain Python over `requests`, so they can be tested against
local stub servers and reused by the benchmarks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Protocol, runtime_checkable


class ReturnMode(StrEnum):
    """How a parcel starts its way back."""

    PICKUP = "PICKUP"  # a courier collects it at the shopper's address
    DROP_OFF = "DROP_OFF"  # the shopper brings it to a staffed point (PUDO)
    LOCKER = "LOCKER"  # the shopper drops it in a parcel locker
    SELF_SHIP = "SELF_SHIP"  # the shopper sends it however they like, with our label


class LabelFormat(StrEnum):
    PDF_A6 = "PDF_A6"
    PDF_A4 = "PDF_A4"
    ZPL = "ZPL"

    @property
    def media_type(self) -> str:
        return "application/x-zpl" if self is LabelFormat.ZPL else "application/pdf"

    @property
    def extension(self) -> str:
        return "zpl" if self is LabelFormat.ZPL else "pdf"


class CancelWindow(StrEnum):
    """Until when a booked return can be cancelled at the carrier."""

    ANY_TIME = "ANY_TIME"  # until delivered
    BEFORE_PICKUP = "BEFORE_PICKUP"  # until the courier has collected it
    BEFORE_FIRST_SCAN = "BEFORE_FIRST_SCAN"  # until the carrier first scans it
    NEVER = "NEVER"  # the carrier has no cancel (the booking just expires)


class TrackingStatus(StrEnum):
    """One status set for every carrier's events."""

    CREATED = "CREATED"
    PICKED_UP = "PICKED_UP"
    IN_TRANSIT = "IN_TRANSIT"
    AT_POINT = "AT_POINT"
    OUT_FOR_DELIVERY = "OUT_FOR_DELIVERY"
    DELIVERED = "DELIVERED"
    EXCEPTION = "EXCEPTION"
    RETURNED_TO_SENDER = "RETURNED_TO_SENDER"
    CANCELLED = "CANCELLED"

    @property
    def is_final(self) -> bool:
        return self in _FINAL

    @property
    def is_scanned(self) -> bool:
        """The carrier has the parcel (it was handed over, picked up or scanned)."""
        return self not in (TrackingStatus.CREATED, TrackingStatus.CANCELLED)


_FINAL = frozenset(
    {TrackingStatus.DELIVERED, TrackingStatus.RETURNED_TO_SENDER, TrackingStatus.CANCELLED}
)


class PointKind(StrEnum):
    LOCKER = "LOCKER"
    PUDO = "PUDO"


@dataclass(frozen=True)
class Capabilities:
    """What a driver can do; the selection rules and the shopper's choices read this."""

    modes: frozenset[ReturnMode]
    label_formats: frozenset[LabelFormat]
    countries: frozenset[str]
    live_rates: bool = False
    async_booking: bool = False
    cancel_window: CancelWindow = CancelWindow.BEFORE_FIRST_SCAN
    international: bool = False
    label_less: bool = False  # some modes give a drop-off code instead of a label
    pushes_tracking: bool = False  # the carrier calls a webhook with tracking events
    tracking_batch_size: int = 50
    needs_account: bool = True
    # The pickup window goes with the booking unless the carrier wants a separate pickup
    # order (then `schedule_pickup` is called once the shipment is booked).
    separate_pickup: bool = False
    # `track` takes `Booking.shipment_id`s instead of tracking numbers (carriers that need
    # more than the number, e.g. an aggregator's courier id with the AWB).
    tracks_by_shipment_id: bool = False

    def serves(self, mode: ReturnMode, *, from_country: str, to_country: str) -> bool:
        """Whether a return in `mode` from `from_country` to the store in `to_country` can be
        booked; an empty `countries` means anywhere."""
        if mode not in self.modes:
            return False
        if from_country.upper() != to_country.upper() and not self.international:
            return False
        return not self.countries or from_country.upper() in self.countries


@dataclass(frozen=True)
class Address:
    name: str
    street_lines: tuple[str, ...]
    postal_code: str
    city: str
    country_code: str
    company: str = ""
    phone: str = ""
    email: str = ""
    county: str = ""  # Romanian couriers address by county (județ)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Address:
        streets = data.get("street_lines") or ()
        return cls(
            name=str(data.get("name") or ""),
            street_lines=tuple(str(line) for line in streets),  # type: ignore[union-attr]
            postal_code=str(data.get("postal_code") or ""),
            city=str(data.get("city") or ""),
            country_code=str(data.get("country_code") or "").upper(),
            company=str(data.get("company") or ""),
            phone=str(data.get("phone") or ""),
            email=str(data.get("email") or ""),
            county=str(data.get("county") or ""),
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "street_lines": list(self.street_lines),
            "postal_code": self.postal_code,
            "city": self.city,
            "country_code": self.country_code,
            "company": self.company,
            "phone": self.phone,
            "email": self.email,
            "county": self.county,
        }


@dataclass(frozen=True)
class Parcel:
    weight_grams: int
    length_cm: int = 30
    width_cm: int = 20
    height_cm: int = 10


@dataclass(frozen=True)
class PickupWindow:
    start: datetime
    end: datetime


@dataclass(frozen=True)
class ShipmentRequest:
    """A return shipment to book: from the shopper (`sender`) to the store (`recipient`).

    `idempotency_key` is ours and stable across retries; drivers send it wherever the
    carrier stores a client reference, so `find_shipment` can look the booking up again.
    """

    idempotency_key: str
    reference: str  # the RMA number, printed on labels
    mode: ReturnMode
    sender: Address
    recipient: Address
    parcels: tuple[Parcel, ...]
    declared_value: Decimal
    currency: str
    contents: str = "Returned goods"
    service_point_id: str = ""  # the locker / point the shopper drops the parcel at
    pickup_window: PickupWindow | None = None
    label_format: LabelFormat = LabelFormat.PDF_A6
    service: str = ""  # a carrier-specific service or courier code, when one was chosen
    order_number: str = ""
    tracking_url: str = ""  # our tracking page for this return, printed as a QR code

    @property
    def weight_grams(self) -> int:
        return sum(parcel.weight_grams for parcel in self.parcels)


@dataclass(frozen=True)
class Label:
    content: bytes
    format: LabelFormat


class BookingState(StrEnum):
    BOOKED = "BOOKED"
    PENDING = "PENDING"  # async carriers: accepted, the result comes later


@dataclass(frozen=True)
class Booking:
    """A carrier's answer to a booking; `shipment_id` is what later calls need."""

    shipment_id: str
    tracking_number: str
    state: BookingState = BookingState.BOOKED
    tracking_url: str = ""
    drop_off_code: str = ""  # label-less returns: the code the shopper shows or types
    service: str = ""  # e.g. which courier the aggregator chose
    price: Decimal | None = None
    currency: str = ""
    has_label: bool = True
    label: Label | None = None  # when the carrier answers the create call with the label


@dataclass(frozen=True)
class Document:
    kind: str  # e.g. "CN23", "PROFORMA"
    content: bytes
    media_type: str = "application/pdf"


@dataclass(frozen=True)
class Quote:
    service: str
    price: Decimal
    currency: str
    mode: ReturnMode


@dataclass(frozen=True)
class PickupConfirmation:
    pickup_id: str
    window: PickupWindow


@dataclass(frozen=True)
class TrackingEvent:
    tracking_number: str
    status: TrackingStatus
    occurred_at: datetime
    description: str = ""
    location: str = ""
    carrier_code: str = ""  # the carrier's own status code, for support conversations


@dataclass(frozen=True)
class ServicePointQuery:
    country_code: str
    postal_code: str = ""
    city: str = ""
    latitude: float | None = None
    longitude: float | None = None
    limit: int = 20


@dataclass(frozen=True)
class ServicePoint:
    id: str
    kind: PointKind
    name: str
    street: str
    postal_code: str
    city: str
    country_code: str
    latitude: float | None = None
    longitude: float | None = None
    opening_hours: str = ""
    accepts_returns: bool = True


@dataclass(frozen=True)
class AccountConfig:
    """How a driver reaches one merchant's account at the carrier."""

    credentials: Mapping[str, str]
    test_mode: bool = False
    base_url: str = ""  # overrides the carrier's live/test host (stub servers, proxies)
    options: Mapping[str, str] = field(default_factory=dict)


# --- errors ---------------------------------------------------------------------------


class CarrierError(Exception):
    """Base of every error a driver raises; `message` is safe to show to staff."""

    code = "CARRIER_ERROR"

    def __init__(self, message: str, *, carrier_code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.carrier_code = carrier_code


class CarrierUnavailable(CarrierError):
    """A fault that may pass (timeout, connection refused, 5xx, 429): retry later.

    `may_have_acted` is False only when the carrier certainly did nothing (it was never
    reached, or said so: 429, 503), so a create may simply be sent again."""

    code = "CARRIER_UNAVAILABLE"

    def __init__(self, message: str, *, carrier_code: str = "", may_have_acted: bool = True):
        super().__init__(message, carrier_code=carrier_code)
        self.may_have_acted = may_have_acted


class CarrierAuthError(CarrierError):
    """The carrier refused the account's credentials (after one token refresh)."""

    code = "CARRIER_AUTH"


class CarrierRejected(CarrierError):
    """The carrier refused the request itself (bad address, unknown point…): do not retry."""

    code = "CARRIER_REJECTED"


class NotCancellable(CarrierError):
    code = "NOT_CANCELLABLE"


class NotSupported(CarrierError):
    code = "NOT_SUPPORTED"


class ShipmentNotFound(CarrierError):
    code = "SHIPMENT_NOT_FOUND"


# --- the interface ----------------------------------------------------------------------


@runtime_checkable
class CarrierDriver(Protocol):
    """One carrier. Instances are cheap; build one per account with `AccountConfig`."""

    code: str
    name: str
    capabilities: Capabilities

    def check_credentials(self) -> None:
        """Call the cheapest authenticated endpoint; raise `CarrierAuthError` if refused."""

    def quote(self, request: ShipmentRequest) -> list[Quote]:
        """Prices for `request`; carriers without live rates raise `NotSupported`."""

    def create_return_shipment(self, request: ShipmentRequest) -> Booking:
        """Book the return. Not idempotent at any carrier: callers look up first. A
        `CarrierUnavailable` with `may_have_acted=False` promises nothing was booked."""

    def find_shipment(self, request: ShipmentRequest) -> Booking | None:
        """The booking an earlier attempt with this idempotency key made, if the carrier
        has it; None when it has none. Drivers whose carrier cannot search by a client
        reference raise `NotSupported`, and the caller must not book blindly again."""

    def get_booking(self, shipment_id: str) -> Booking:
        """The current state of an async booking."""

    def get_label(self, booking: Booking, label_format: LabelFormat) -> Label:
        """The label in `label_format`; `NotSupported` for a format the carrier lacks."""

    def get_documents(self, booking: Booking) -> list[Document]:
        """Extra documents (customs, pro-forma); most domestic carriers have none."""

    def schedule_pickup(
        self, booking: Booking, window: PickupWindow, address: Address
    ) -> PickupConfirmation:
        """Ask a courier to collect the parcel within `window` at `address`."""

    def cancel_pickup(self, pickup_id: str) -> None:
        """Cancel a scheduled pickup."""

    def cancel(self, booking: Booking) -> None:
        """Cancel the booking; `NotCancellable` when the carrier refuses (window passed)."""

    def track(self, tracking_numbers: Sequence[str]) -> dict[str, list[TrackingEvent]]:
        """Events per number asked, oldest first; at most `tracking_batch_size` numbers.
        The numbers are tracking numbers, or shipment ids where `tracks_by_shipment_id`.
        Unknown numbers are left out of the answer."""

    def search_service_points(self, query: ServicePointQuery) -> list[ServicePoint]:
        """Lockers and points near the query, nearest first where coordinates are given."""

    def parse_webhook(self, headers: Mapping[str, str], body: bytes) -> list[TrackingEvent]:
        """Tracking events the carrier pushed; `CarrierRejected` for a body that is not
        the carrier's. Carriers that push nothing raise `NotSupported`."""
