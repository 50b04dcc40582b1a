"""Innoship: a Romanian courier aggregator (Sameday, FAN, Cargus, DPD, GLS… behind one API).

Contract followed (REST/JSON, every call with `X-Api-Key` and `api-version: 1.0`):
- Innoship's API pages on support.innoship.com: "Innoship API information" (base URL, headers,
  no public test host: test keys come from Sales), "Order" (`POST /api/Order`), "Locker return
  order" (return from an easybox/FANbox: `addressFrom.fixedLocationId`, payment by the
  recipient), "Track order" (`POST /api/Track/by-awb/with-return`, one courier and at most 200
  AWBs a call), "Fixed locations" (`GET /api/Location/FixedLocations`, Locker=1,
  PickupPoint=2), and the status table (ids 1…110);
- the community PHP SDK firewizard/innoship-sdk and InnoshipTech's own Magento 2 module for the
  price (`POST /api/Price` → `rates[]`), label (`GET /api/Label/by-courier/{c}/awb/{awb}`,
  PDF in A4 or A6), cancel (`DELETE /api/Order/{c}/awb/{awb}`), client locations and the
  400 error body `{"errors": [{"message", "details"}], "correlationId"}`.

Later calls need the courier id AND the AWB, so `Booking.shipment_id` is "courierId:awb".
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

import requests

from saleor_returns_app.carriers.base import (
    AccountConfig,
    Address,
    Booking,
    CancelWindow,
    Capabilities,
    CarrierAuthError,
    CarrierRejected,
    CarrierUnavailable,
    Document,
    Label,
    LabelFormat,
    NotCancellable,
    NotSupported,
    PickupConfirmation,
    PickupWindow,
    PointKind,
    Quote,
    ReturnMode,
    ServicePoint,
    ServicePointQuery,
    ShipmentNotFound,
    ShipmentRequest,
    TrackingEvent,
    TrackingStatus,
)
from saleor_returns_app.carriers.geo import distance_km, fold
from saleor_returns_app.carriers.http import new_session, send

LIVE_URL = "https://api.innoship.com"
API_VERSION = "1.0"
TRACK_BATCH = 200  # "awbList … limit 200" (Track order page)
SERVICE_STANDARD = 1  # "National Standard (Including Pick-up)"; also used for locker returns
PAYMENT_RECIPIENT = "Recipient"  # the store pays; locker returns refuse sender payment
LOCKER_TYPE = 1  # FixedLocationType: Locker(1) or PickupPoint(2)
# Innoship sends event dates without an offset; its couriers report Romanian local time.
EVENT_TZ = ZoneInfo("Europe/Bucharest")
DAYS = ("", "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")

# Innoship's own status ids (its table "Statuses") → our statuses. Every documented id is here.
STATUS_MAP: dict[int, TrackingStatus] = {
    1: TrackingStatus.CREATED,  # New: label created
    2: TrackingStatus.PICKED_UP,  # Picked-Up by the courier
    3: TrackingStatus.PICKED_UP,  # Handover: handed over to the courier
    10: TrackingStatus.IN_TRANSIT,  # In Courier WH
    20: TrackingStatus.IN_TRANSIT,  # In Transit
    30: TrackingStatus.OUT_FOR_DELIVERY,  # Out for Delivery
    31: TrackingStatus.EXCEPTION,  # Bad Address
    33: TrackingStatus.EXCEPTION,  # Damaged
    34: TrackingStatus.IN_TRANSIT,  # Delayed: still moving, only late
    35: TrackingStatus.EXCEPTION,  # Not Delivered
    36: TrackingStatus.EXCEPTION,  # Not Home
    37: TrackingStatus.EXCEPTION,  # Closed on Arrival (our warehouse was closed)
    38: TrackingStatus.EXCEPTION,  # On hold at the courier
    39: TrackingStatus.IN_TRANSIT,  # Redirected
    40: TrackingStatus.EXCEPTION,  # Refused by the consignee
    41: TrackingStatus.EXCEPTION,  # Scan Error / Missing Info
    42: TrackingStatus.IN_TRANSIT,  # Scheduled for another date
    43: TrackingStatus.IN_TRANSIT,  # Security Check
    44: TrackingStatus.AT_POINT,  # Customer pick-up from the courier office
    45: TrackingStatus.AT_POINT,  # Loaded into locker
    46: TrackingStatus.EXCEPTION,  # Locker storage duration exceeded
    47: TrackingStatus.EXCEPTION,  # Locker issues
    100: TrackingStatus.DELIVERED,  # Delivered
    101: TrackingStatus.EXCEPTION,  # Destroyed
    102: TrackingStatus.EXCEPTION,  # Lost
    103: TrackingStatus.EXCEPTION,  # Partial Delivery: staff must check what arrived
    104: TrackingStatus.RETURNED_TO_SENDER,  # Returned to sender
    105: TrackingStatus.EXCEPTION,  # Compensated
    106: TrackingStatus.CANCELLED,  # Canceled by sender
    107: TrackingStatus.CANCELLED,  # Canceled by Carrier
    108: TrackingStatus.CANCELLED,  # Canceled by System
    109: TrackingStatus.EXCEPTION,  # Tracking expired: no news from the courier any more
    110: TrackingStatus.RETURNED_TO_SENDER,  # Return Confirmed: the way back was delivered
}


def normalise_status(status_id: int) -> TrackingStatus:
    """Innoship's status id as ours; an id added after this table is read as still moving."""
    return STATUS_MAP.get(status_id, TrackingStatus.IN_TRANSIT)


def _utc_text(moment: datetime) -> str:
    """Innoship's datetime form, "yyyy-MM-ddTHH:mm:ssZ"."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_event_date(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=EVENT_TZ)


def _split_shipment_id(shipment_id: str) -> tuple[str, str]:
    courier, _, awb = shipment_id.partition(":")
    if not courier.isdigit() or not awb:
        raise ShipmentNotFound(f"Not an Innoship shipment id (courierId:awb): {shipment_id!r}")
    return courier, awb


def _error_text(payload: Any) -> tuple[str, str]:
    """(message for staff, carrier code) from Innoship's error body.

    Innoship answers `{"errors": [{"message", "details": [...]}], "correlationId"}`; the
    ASP.NET model binder in front of it answers `{"title", "errors": {"Field": [...]}}`.
    """
    if not isinstance(payload, dict):
        return "", ""
    errors = payload.get("errors")
    parts: list[str] = []
    code = ""
    if isinstance(errors, list):
        for error in errors:
            if not isinstance(error, dict):
                parts.append(str(error))
                continue
            code = code or str(error.get("code") or "")
            message = str(error.get("message") or "").strip()
            details = [str(d) for d in error.get("details") or [] if d]
            parts.append(f"{message} ({'; '.join(details)})" if details else message)
    elif isinstance(errors, dict):
        for field_name, messages in errors.items():
            code = code or str(field_name)
            listed = messages if isinstance(messages, list) else [messages]
            parts.append(f"{field_name}: {'; '.join(str(m) for m in listed)}")
    elif payload.get("title"):
        parts.append(str(payload["title"]))
    return "; ".join(p for p in parts if p), code


class InnoshipDriver:
    """Returns booked through an Innoship account.

    Credentials (`AccountConfig.credentials`):
    - `api_key`: the account's API key, sent as `X-Api-Key` on every call. It is static: there
      is no token to refresh, so a refused key (HTTP 401) is a `CarrierAuthError` at once.
    - `location` (optional, default "Default"): the `ExternalClientLocation` configured in the
      Innoship portal (Locations & Carriers), the warehouse the return is booked for.

    Innoship documents no public test host; test accounts use the live host, so `test_mode`
    changes nothing and `base_url` (stub servers, proxies) is the only override.
    """

    code = "innoship"
    name = "Innoship"
    capabilities = Capabilities(
        # PICKUP: a courier collects from the shopper between ShipmentDate and ShipmentDateEnd.
        # LOCKER: "Locker return order" (Sameday easybox, FANbox). Innoship documents no
        # drop-off at staffed points for returns, so DROP_OFF is not offered.
        modes=frozenset({ReturnMode.PICKUP, ReturnMode.LOCKER}),
        label_formats=frozenset({LabelFormat.PDF_A6, LabelFormat.PDF_A4}),
        countries=frozenset({"RO", "BG", "HU"}),
        live_rates=True,
        async_booking=False,
        cancel_window=CancelWindow.BEFORE_PICKUP,
        label_less=False,
        pushes_tracking=False,
        tracking_batch_size=TRACK_BATCH,
        tracks_by_shipment_id=True,
    )

    def __init__(self, config: AccountConfig) -> None:
        self.config = config
        self.base_url = (config.base_url or LIVE_URL).rstrip("/")
        self.location = config.credentials.get("location") or "Default"
        self.session = new_session()
        self.session.headers.update(
            {
                "X-Api-Key": config.credentials.get("api_key", ""),
                "api-version": API_VERSION,
                "Accept": "application/json",
            }
        )
        # Which courier carries an AWB, learnt from our own bookings: tracking needs both.
        self._couriers: dict[str, str] = {}

    # --- HTTP ---------------------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        response = send(self.session, method, f"{self.base_url}{path}", **kwargs)
        status = response.status_code
        if status in (401, 403):
            raise CarrierAuthError(
                "Innoship refused the API key (revoked or wrong).", carrier_code=str(status)
            )
        if status == 404:
            raise ShipmentNotFound("Innoship does not know this shipment.", carrier_code="404")
        if status >= 400:
            message, code = _error_text(self._json_or_none(response))
            raise CarrierRejected(
                f"Innoship refused the request: {message or f'HTTP {status}'}",
                carrier_code=code or str(status),
            )
        return response

    @staticmethod
    def _json_or_none(response: requests.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            return None

    def _json(self, response: requests.Response) -> Any:
        payload = self._json_or_none(response)
        if payload is None:
            # A proxy's HTML page or a cut-off body: nothing we can trust, try again later.
            raise CarrierUnavailable("Innoship sent an answer that is not JSON.")
        return payload

    # --- account ------------------------------------------------------------------------

    def check_credentials(self) -> None:
        """`GET /api/Location/ClientLocations`: cheap, and needs a valid key."""
        self._call("GET", "/api/Location/ClientLocations")

    # --- booking ------------------------------------------------------------------------

    def _address(self, address: Address, *, fixed_location_id: str = "") -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": address.company or address.name,
            "contactPerson": address.name,
            "country": address.country_code,
            "countyName": address.county,
            "localityName": address.city,
            "addressText": ", ".join(address.street_lines),
            "postalCode": address.postal_code,
            "phone": address.phone,
            "email": address.email,
        }
        if fixed_location_id:
            data["fixedLocationId"] = fixed_location_id
        return data

    def _order_body(self, request: ShipmentRequest) -> dict[str, Any]:
        if request.mode not in self.capabilities.modes:
            raise NotSupported(
                f"Innoship books returns by courier pickup or locker, not {request.mode}."
            )
        fixed_location = ""
        if request.mode is ReturnMode.LOCKER:
            if not request.service_point_id:
                raise CarrierRejected("A locker return needs the locker the shopper drops it in.")
            fixed_location = request.service_point_id
        window = request.pickup_window
        if request.mode is ReturnMode.PICKUP and window is None:
            raise CarrierRejected("A courier pickup needs a pickup window.")
        start = window.start if window else datetime.now(UTC)
        body: dict[str, Any] = {
            "serviceId": SERVICE_STANDARD,
            "shipmentDate": _utc_text(start),
            "addressFrom": self._address(request.sender, fixed_location_id=fixed_location),
            "addressTo": self._address(request.recipient),
            "payment": PAYMENT_RECIPIENT,
            "content": {
                "envelopeCount": 0,
                "parcelsCount": len(request.parcels),
                "palettesCount": 0,
                "totalWeight": round(request.weight_grams / 1000, 3),
                "contents": request.contents[:100],
                "parcels": [
                    {
                        "sequenceNo": number,
                        "size": {
                            "width": parcel.width_cm,
                            "height": parcel.height_cm,
                            "length": parcel.length_cm,
                        },
                        "weight": round(parcel.weight_grams / 1000, 3),
                        "type": 2,  # Parcel (1 envelope, 3 pallet)
                        "reference1": request.reference,
                    }
                    for number, parcel in enumerate(request.parcels, start=1)
                ],
            },
            "extra": {
                "declaredValueAmount": float(request.declared_value),
                "declaredValueAmountCurrency": request.currency,
                "reference1": request.reference,  # mapped to the courier's reference field
            },
            "externalClientLocation": self.location,
            # Our idempotency key, stored by Innoship and shown back in tracking.
            "externalOrderId": request.idempotency_key[:100],
            "sourceChannel": "returns",
            "observation": f"Return {request.reference}"[:500],
        }
        if window is not None:
            body["shipmentDateEnd"] = _utc_text(window.end)
        if request.service:
            # Forces that courier; without it Innoship picks one by the merchant's rules.
            body["courierId"] = int(request.service)
        return body

    def quote(self, request: ShipmentRequest) -> list[Quote]:
        """`POST /api/Price`: live prices from every courier the account's rules allow."""
        payload = self._json(self._call("POST", "/api/Price", json=self._order_body(request)))
        rates = payload.get("rates") if isinstance(payload, dict) else None
        quotes: list[Quote] = []
        for rate in rates or []:
            amount = rate.get("rateTotalAmount") if isinstance(rate, dict) else None
            courier = rate.get("carrierId") if isinstance(rate, dict) else None
            if amount is None or courier is None:
                continue  # a courier that could not price this parcel
            quotes.append(
                Quote(
                    service=str(courier),
                    price=Decimal(str(amount)),
                    currency=str(rate.get("currency") or "RON"),
                    mode=request.mode,
                )
            )
        return sorted(quotes, key=lambda quote: quote.price)

    def create_return_shipment(self, request: ShipmentRequest) -> Booking:
        """`POST /api/Order`. Not idempotent at Innoship: see `find_shipment`."""
        payload = self._json(self._call("POST", "/api/Order", json=self._order_body(request)))
        awb = str(payload.get("courierShipmentId") or "") if isinstance(payload, dict) else ""
        if not awb:
            # A 200 without an AWB: the courier behind Innoship refused the order.
            message, code = _error_text(payload)
            raise CarrierRejected(
                f"Innoship booked no AWB: {message or 'no reason given'}",
                carrier_code=code or "NO_AWB",
            )
        courier = str(payload.get("courier") or request.service)
        self._couriers[awb] = courier
        price = payload.get("price") or {}
        return Booking(
            shipment_id=f"{courier}:{awb}",
            tracking_number=awb,
            tracking_url=str(payload.get("trackPageUrl") or ""),
            service=courier,
            price=self._decimal(price.get("totalAmount")),
            currency=str(price.get("currency") or ""),
        )

    @staticmethod
    def _decimal(value: object) -> Decimal | None:
        try:
            return None if value is None else Decimal(str(value))
        except InvalidOperation:
            return None

    def find_shipment(self, request: ShipmentRequest) -> Booking | None:
        """Innoship stores our idempotency key as `externalOrderId` and shows it back in
        tracking answers, but its documented API has no search by it: tracking, labels and
        cancel all need the courier id and AWB. So a booking lost between Innoship's answer
        and our commit cannot be found again here; the caller must not book blindly again
        (staff find it in the Innoship portal by the external order id)."""
        raise NotSupported(
            "Innoship cannot look a booking up by our reference; check the Innoship portal "
            f"for external order id {request.idempotency_key!r} before booking again."
        )

    def get_booking(self, shipment_id: str) -> Booking:
        raise NotSupported("Innoship books synchronously: there is no pending booking.")

    # --- documents ----------------------------------------------------------------------

    def get_label(self, booking: Booking, label_format: LabelFormat) -> Label:
        """`GET /api/Label/by-courier/{courierId}/awb/{awb}?type=PDF&format=A6|A4`."""
        paper = {LabelFormat.PDF_A6: "A6", LabelFormat.PDF_A4: "A4"}.get(label_format)
        if paper is None:
            raise NotSupported(f"Innoship prints PDF labels in A4 or A6, not {label_format}.")
        courier, awb = _split_shipment_id(booking.shipment_id)
        response = self._call(
            "GET",
            f"/api/Label/by-courier/{courier}/awb/{awb}",
            # useFile=false: the PDF comes base64 in JSON rather than as a download.
            params={"type": "PDF", "format": paper, "useFile": "false"},
        )
        payload = self._json(response)
        encoded = payload.get("contents") if isinstance(payload, dict) else None
        try:
            content = base64.b64decode(encoded or "", validate=True)
        except (binascii.Error, TypeError) as exc:
            raise CarrierUnavailable("Innoship sent a label that is not base64.") from exc
        if not content.startswith(b"%PDF"):
            raise CarrierUnavailable("Innoship sent a label that is not a PDF.")
        return Label(content, label_format)

    def get_documents(self, booking: Booking) -> list[Document]:
        return []  # domestic couriers: no customs papers

    def schedule_pickup(
        self, booking: Booking, window: PickupWindow, address: Address
    ) -> PickupConfirmation:
        raise NotSupported(
            "Innoship books the pickup with the order (mode PICKUP with a pickup window); "
            "its separate pickup call only serves the store's own locations."
        )

    def cancel_pickup(self, pickup_id: str) -> None:
        raise NotSupported("Innoship pickups are cancelled by cancelling the order.")

    def cancel(self, booking: Booking) -> None:
        """`DELETE /api/Order/{courierId}/awb/{awb}`; refused once the courier has it."""
        courier, awb = _split_shipment_id(booking.shipment_id)
        try:
            self._call("DELETE", f"/api/Order/{courier}/awb/{awb}")
        except CarrierRejected as exc:
            raise NotCancellable(exc.message, carrier_code=exc.carrier_code) from exc

    # --- tracking -----------------------------------------------------------------------

    def track(self, tracking_numbers: Sequence[str]) -> dict[str, list[TrackingEvent]]:
        """`POST /api/Track/by-awb/with-return`, one courier and ≤ 200 AWBs a call.

        Innoship tracks by courier AND AWB. Pass `Booking.shipment_id` ("courierId:awb"), or a
        bare AWB this driver booked, or set the `courier_id` option when every AWB of the
        account goes through one courier. The answer is keyed by what was passed.
        """
        by_courier: dict[str, dict[str, str]] = {}
        for number in tracking_numbers:
            courier, _, awb = number.rpartition(":")
            courier = (
                courier or self._couriers.get(awb) or self.config.options.get("courier_id", "")
            )
            if not courier:
                raise CarrierRejected(
                    f"Innoship needs the courier of AWB {awb}: track by the shipment id "
                    "(courierId:awb)."
                )
            by_courier.setdefault(courier, {})[awb] = number
        found: dict[str, list[TrackingEvent]] = {}
        for courier, awbs in by_courier.items():
            listed = list(awbs)
            for start in range(0, len(listed), TRACK_BATCH):
                chunk = listed[start : start + TRACK_BATCH]
                body = {"courier": int(courier), "awbList": chunk}
                payload = self._json(self._call("POST", "/api/Track/by-awb/with-return", json=body))
                for item in payload if isinstance(payload, list) else []:
                    awb = str(item.get("shipmentAwb") or "")
                    if awb in awbs:
                        found[awbs[awb]] = self._events(awbs[awb], item.get("history") or [])
        return found

    @staticmethod
    def _events(tracking_number: str, history: list[dict[str, Any]]) -> list[TrackingEvent]:
        events = [
            TrackingEvent(
                tracking_number=tracking_number,
                status=normalise_status(int(entry.get("clientStatusId") or 0)),
                occurred_at=_parse_event_date(str(entry["eventDate"])),
                description=str(entry.get("clientStatusDescription") or ""),
                location=str(entry.get("localityName") or ""),
                carrier_code=str(entry.get("clientStatusId") or ""),
            )
            for entry in history
            if entry.get("eventDate")
        ]
        return sorted(events, key=lambda event: event.occurred_at)

    # --- points -------------------------------------------------------------------------

    def search_service_points(self, query: ServicePointQuery) -> list[ServicePoint]:
        """`GET /api/Location/FixedLocations`: lockers and pickup points of every courier.

        Innoship filters by coordinates (`Latitude`, `Longitude`, `Radius` ≤ 20 km) or by the
        triple locality + county + country, never by postal code; the query carries no county,
        so without coordinates the driver asks for all active points and filters here.
        """
        params: dict[str, Any] = {"ShowInactive": "false"}
        has_coordinates = query.latitude is not None and query.longitude is not None
        if has_coordinates:
            params |= {"Latitude": query.latitude, "Longitude": query.longitude, "Radius": 20}
        payload = self._json(self._call("GET", "/api/Location/FixedLocations", params=params))
        country = query.country_code.upper()
        city = fold(query.city)
        postal = query.postal_code.replace(" ", "")
        points: list[tuple[float, ServicePoint]] = []
        for item in payload if isinstance(payload, list) else []:
            if str(item.get("countryCode") or "").upper() != country:
                continue
            if item.get("isActive") is False:
                continue
            if city and fold(str(item.get("localityName") or "")) != city:
                continue
            if postal and str(item.get("postalCode") or "").replace(" ", "") != postal:
                continue
            point = self._point(item)
            distance = 0.0
            if has_coordinates and point.latitude is not None and point.longitude is not None:
                distance = distance_km(
                    query.latitude,
                    query.longitude,
                    point.latitude,
                    point.longitude,  # type: ignore[arg-type]
                )
            points.append((distance, point))
        points.sort(key=lambda pair: pair[0])
        return [point for _, point in points[: query.limit]]

    @staticmethod
    def _point(item: Mapping[str, Any]) -> ServicePoint:
        hours = "; ".join(
            f"{DAYS[int(day['day'])]} {str(day.get('openingHour', ''))[:5]}"
            f"-{str(day.get('closingHour', ''))[:5]}"
            for day in item.get("schedule") or []
            if 1 <= int(day.get("day") or 0) <= 7
        )
        lat, lon = item.get("lat"), item.get("long")
        return ServicePoint(
            id=str(item["id"]),
            kind=PointKind.LOCKER
            if item.get("fixedLocationTypeId") == LOCKER_TYPE
            else PointKind.PUDO,
            name=str(item.get("name") or ""),
            street=str(item.get("addressText") or ""),
            postal_code=str(item.get("postalCode") or ""),
            city=str(item.get("localityName") or ""),
            country_code=str(item.get("countryCode") or ""),
            latitude=float(lat) if lat is not None else None,
            longitude=float(lon) if lon is not None else None,
            opening_hours=hours,
            accepts_returns=bool(item.get("allowsDropOff", True)),
        )

    def parse_webhook(self, headers: Mapping[str, str], body: bytes) -> list[TrackingEvent]:
        raise NotSupported(
            "Innoship documents no status webhook; poll `track` (or its Feedback report)."
        )
