"""Packeta (Zásilkovna): returns as claim-assistant packets over the REST-with-XML API.

Contract followed (no Packeta host is reachable from here; see the tests' stub):

- docs.packeta.com, "API reference / API methods": every call is `POST {host}/api/rest` with an
  XML body whose root element is the method name and whose first child is `apiPassword`; the
  answer is HTTP 200 `<response><status>ok</status><result>…</result></response>` or HTTP 200
  `<response><status>fault</status><fault>Name</fault><string>…</string><detail>…</detail>`.
- Packeta's own WooCommerce plugin (`Zasilkovna/WooCommerce`, the WSDL-generated client in
  `src/Packetery/Core/Api/GeneratedSoap`): method list, `ClaimWithPasswordAttributes`
  (number, email, phone, value, currency, eshop, consignCountry, sendEmailToCustomer),
  `PacketDetail` (id, barcode, barcodeText, password), `StatusRecord` (dateTime, statusCode,
  codeText, statusText, branchId…).
- Packeta's PrestaShop module (`PacketStatus`): the status codes mapped in `STATUS_MAP`.
- Pickup-point feeds: `GET https://pickup-point.api.packeta.com/v5/{apiKey}/branch/json` (all
  points) and `…/box/json` (Z-BOX lockers), public JSON keyed by the API key.

A return is a claim-assistant packet made with `createPacketClaimWithPassword`: it goes back to
the sender (e-shop) registered under `sender_label`, the shopper drops it at any Packeta point or
Z-BOX that takes claims and gives the `password` there instead of a printed label (the label can
still be fetched and printed). Claims are not bound to a point, so `service_point_id` is only
what the shopper picked in our portal; it is not sent to Packeta.
"""

from __future__ import annotations

import base64
import binascii
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from datetime import datetime
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
from saleor_returns_app.carriers.geo import distance_km
from saleor_returns_app.carriers.http import new_session, send

API_HOST = "https://www.zasilkovna.cz"
FEED_HOST = "https://pickup-point.api.packeta.com"
TRACKING_URL = "https://tracking.packeta.com/en/?id={barcode}"
# Packeta writes tracking times in Czech local time without an offset.
PACKETA_TZ = ZoneInfo("Europe/Prague")

# Packeta's packet status codes (`statusCode` of packetTracking records) → our statuses.
# Codes not listed here are read as IN_TRANSIT.
STATUS_MAP: dict[str, TrackingStatus] = {
    "1": TrackingStatus.CREATED,  # received data: the claim exists, nothing handed over yet
    "2": TrackingStatus.PICKED_UP,  # arrived: accepted at a Packeta point or depot
    "15": TrackingStatus.PICKED_UP,  # reverse packet arrived: a returning packet was accepted
    "12": TrackingStatus.PICKED_UP,  # collected from the sender, on its way to the depot
    "3": TrackingStatus.IN_TRANSIT,  # prepared for departure
    "4": TrackingStatus.IN_TRANSIT,  # departed
    "6": TrackingStatus.IN_TRANSIT,  # handed to an external carrier for the last mile
    "14": TrackingStatus.IN_TRANSIT,  # customs
    "999": TrackingStatus.IN_TRANSIT,  # unknown (Packeta's own "don't know")
    "5": TrackingStatus.AT_POINT,  # ready for pickup at the destination point
    "7": TrackingStatus.DELIVERED,
    "9": TrackingStatus.EXCEPTION,  # posted back: on its way back to the shopper
    "16": TrackingStatus.EXCEPTION,  # unsuccessful delivery attempt
    "17": TrackingStatus.EXCEPTION,  # rejected by the recipient
    "10": TrackingStatus.RETURNED_TO_SENDER,  # returned to the shopper
    "11": TrackingStatus.CANCELLED,
}

# Faults that say the account is refused; everything unlisted is a refused request.
_AUTH_FAULTS = frozenset({"IncorrectApiPasswordFault", "AccessDeniedFault"})
_NOT_FOUND_FAULTS = frozenset({"PacketIdFault", "PacketIdsFault"})
_TRANSIENT_FAULTS = frozenset({"ExternalGatewayFault"})

_PDF_FORMATS = {LabelFormat.PDF_A6: "A6 on A6", LabelFormat.PDF_A4: "A6 on A4"}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def status_for(code: str) -> TrackingStatus:
    """Our status for a Packeta status code."""
    return STATUS_MAP.get(code.strip(), TrackingStatus.IN_TRANSIT)


class PacketaDriver:
    """Packeta claim-assistant returns (CZ, SK, HU, RO, PL).

    Credentials (`AccountConfig.credentials`):
      - `api_password`: the 32-character API password from Packeta's client section; it goes
        in every XML body. There is no token: a refused password is final (CarrierAuthError).
      - `api_key`: the 16-character API key, used only for the public pickup-point feeds.
      - `sender_label`: the sender ("eshop") indication registered at Packeta; claims are
        returned to that sender's address.

    Options: `zpl_dpi` ("203" or "300", default 203); `send_email_to_customer` ("1" to let
    Packeta e-mail the shopper the claim, default off: our portal tells the shopper).

    Packeta has no sandbox host: `test_mode` changes nothing, test with a test sender.
    `config.base_url` replaces both the API host and the feed host (stub servers).
    """

    code = "packeta"
    name = "Packeta (Zásilkovna)"
    capabilities = Capabilities(
        modes=frozenset({ReturnMode.DROP_OFF, ReturnMode.LOCKER}),
        label_formats=frozenset({LabelFormat.PDF_A6, LabelFormat.PDF_A4, LabelFormat.ZPL}),
        countries=frozenset({"CZ", "SK", "HU", "RO", "PL"}),
        live_rates=False,
        async_booking=False,
        cancel_window=CancelWindow.BEFORE_FIRST_SCAN,
        label_less=True,
        pushes_tracking=False,
        # Packeta tracks one packet per call; this bounds the calls one batch makes.
        tracking_batch_size=50,
    )

    def __init__(self, config: AccountConfig) -> None:
        # Credentials are read when a call needs them: the registry builds driver instances
        # with no account just to read `capabilities`.
        self.config = config
        base = config.base_url.rstrip("/")
        self.api_url = f"{base or API_HOST}/api/rest"
        self.feed_url = f"{base or FEED_HOST}/v5"
        self.session = new_session()

    # --- account ---------------------------------------------------------------------

    def check_credentials(self) -> None:
        """senderGetReturnRouting is read-only and checks the password and the sender label
        in one call."""
        try:
            self._call("senderGetReturnRouting", {"senderLabel": self._credential("sender_label")})
        except CarrierRejected as exc:
            if exc.carrier_code == "SenderNotExists":
                raise CarrierAuthError(
                    "Packeta does not know this sender label; check it in the client section.",
                    carrier_code=exc.carrier_code,
                ) from exc
            raise

    def quote(self, request: ShipmentRequest) -> list[Quote]:
        raise NotSupported("Packeta has no live rates; merchants use their price table.")

    # --- booking ---------------------------------------------------------------------

    def create_return_shipment(self, request: ShipmentRequest) -> Booking:
        if request.mode not in self.capabilities.modes:
            raise NotSupported(
                f"Packeta returns are dropped at a point or Z-BOX, not booked as {request.mode}."
            )
        attributes: dict[str, str] = {
            # `number` is the client reference Packeta stores and prints on the label.
            "number": request.idempotency_key,
            "email": request.sender.email,
            "phone": request.sender.phone,
            "value": f"{request.declared_value:.2f}",
            "currency": request.currency.upper(),
            "eshop": self._credential("sender_label"),
            "consignCountry": request.sender.country_code.lower(),
            "sendEmailToCustomer": self._flag("send_email_to_customer"),
        }
        result = self._call(
            "createPacketClaimWithPassword",
            {"claimWithPasswordAttributes": {k: v for k, v in attributes.items() if v}},
        )
        packet_id = _text(result, "id")
        barcode = _text(result, "barcode") or f"Z{packet_id}"
        if not packet_id:
            raise CarrierUnavailable("Packeta confirmed the claim without a packet id.")
        return Booking(
            shipment_id=packet_id,
            tracking_number=barcode,
            tracking_url=TRACKING_URL.format(barcode=barcode),
            drop_off_code=_text(result, "password"),
        )

    def find_shipment(self, request: ShipmentRequest) -> Booking | None:
        """Packeta's API has no lookup by the client reference (`number`): every read method
        takes a packet id Packeta issued, and the claim password is only returned at creation.
        The caller must not book again blindly; staff find the claim in Packeta's client
        section by the number (our idempotency key)."""
        raise NotSupported(
            "Packeta cannot search packets by our reference; check the client section for "
            f"a claim numbered {request.idempotency_key} before booking again."
        )

    def get_booking(self, shipment_id: str) -> Booking:
        raise NotSupported("Packeta books claims synchronously; there is no pending booking.")

    # --- labels and documents --------------------------------------------------------

    def get_label(self, booking: Booking, label_format: LabelFormat) -> Label:
        packet_id = _packet_id(booking.shipment_id or booking.tracking_number)
        if label_format is LabelFormat.ZPL:
            dpi = self.config.options.get("zpl_dpi", "203")
            result = self._call("packetLabelZpl", {"packetId": packet_id, "dpi": dpi})
            # The ZPL comes as escaped text in <result>; the XML parser has unescaped it.
            return Label((result.text or "").strip().encode("utf-8"), LabelFormat.ZPL)
        pdf_format = _PDF_FORMATS.get(label_format)
        if pdf_format is None:
            raise NotSupported(f"Packeta labels come as A6/A4 PDF or ZPL, not {label_format}.")
        result = self._call(
            "packetLabelPdf", {"packetId": packet_id, "format": pdf_format, "offset": "0"}
        )
        try:
            content = base64.b64decode("".join((result.text or "").split()), validate=True)
        except binascii.Error as exc:
            raise CarrierUnavailable("Packeta sent a label that is not base64.") from exc
        if not content.startswith(b"%PDF"):
            raise CarrierUnavailable("Packeta sent a label that is not a PDF.")
        return Label(content, label_format)

    def get_documents(self, booking: Booking) -> list[Document]:
        # Claims travel inside Packeta's EU network: no customs papers.
        return []

    # --- pickups ---------------------------------------------------------------------

    def schedule_pickup(
        self, booking: Booking, window: PickupWindow, address: Address
    ) -> PickupConfirmation:
        raise NotSupported("Packeta claims are dropped off by the shopper; no courier pickup.")

    def cancel_pickup(self, pickup_id: str) -> None:
        raise NotSupported("Packeta claims are dropped off by the shopper; no courier pickup.")

    def cancel(self, booking: Booking) -> None:
        """cancelPacket works until the packet is physically handed over; after that Packeta
        answers CancelNotAllowedFault (→ NotCancellable)."""
        packet_id = _packet_id(booking.shipment_id or booking.tracking_number)
        self._call("cancelPacket", {"packetId": packet_id})

    # --- tracking --------------------------------------------------------------------

    def track(self, tracking_numbers: Sequence[str]) -> dict[str, list[TrackingEvent]]:
        """One packetTracking call per number (Packeta has no batch read)."""
        events: dict[str, list[TrackingEvent]] = {}
        for number in tracking_numbers:
            try:
                result = self._call("packetTracking", {"packetId": _packet_id(number)})
            except ShipmentNotFound:
                continue
            found = [_event(number, record) for record in result.iter("record")]
            events[number] = sorted(found, key=lambda event: event.occurred_at)
        return events

    def parse_webhook(self, headers: Mapping[str, str], body: bytes) -> list[TrackingEvent]:
        raise NotSupported("Packeta tracking is polled with packetTracking; nothing is pushed.")

    # --- points ----------------------------------------------------------------------

    def search_service_points(self, query: ServicePointQuery) -> list[ServicePoint]:
        """Points and Z-BOXes in the query's country that accept claims, filtered by postal
        code and/or city, nearest first when coordinates are given. The feeds hold every
        point Packeta has, so the app caches this answer."""
        country = query.country_code.lower()
        points: dict[str, ServicePoint] = {}
        # The box feed comes second so a Z-BOX listed in both is kept as a locker.
        for kind, feed in ((PointKind.PUDO, "branch"), (PointKind.LOCKER, "box")):
            for raw in self._feed(feed):
                if str(raw.get("country", "")).lower() != country or not _offered(raw):
                    continue
                point = _point(raw, kind)
                if _matches(point, query):
                    points[point.id] = point
        found = list(points.values())
        if query.latitude is not None and query.longitude is not None:
            origin = (query.latitude, query.longitude)
            found = [p for p in found if p.latitude is not None and p.longitude is not None]
            found.sort(key=lambda p: distance_km(*origin, p.latitude, p.longitude))  # type: ignore[arg-type]
        return found[: query.limit]

    # --- transport -------------------------------------------------------------------

    def _credential(self, key: str) -> str:
        value = self.config.credentials.get(key, "")
        if not value:
            raise CarrierAuthError(f"The Packeta account has no {key} set.")
        return value

    def _flag(self, option: str) -> str:
        return "1" if self.config.options.get(option, "") in ("1", "true", "yes") else "0"

    def _call(self, method: str, fields: Mapping[str, Any]) -> ET.Element:
        """POST one method; return its <result> element or raise the mapped error."""
        password = self._credential("api_password")
        root = ET.Element(method)
        ET.SubElement(root, "apiPassword").text = password
        _append(root, fields)
        body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
        response = send(
            self.session,
            "POST",
            self.api_url,
            data=body,
            headers={"Content-Type": "text/xml; charset=utf-8"},
        )
        answer = self._parse(response)
        status = (answer.findtext("status") or "").strip()
        if status == "ok":
            result = answer.find("result")
            return result if result is not None else ET.Element("result")
        if status == "fault":
            raise _fault_error(answer, password)
        raise CarrierUnavailable(f"Packeta answered {method} without a status.")

    def _parse(self, response: requests.Response) -> ET.Element:
        if response.status_code in (401, 403):
            raise CarrierAuthError(f"Packeta refused the request (HTTP {response.status_code}).")
        try:
            # Packeta's answers over TLS; expat in Python ≥ 3.7.1 expands no external entities.
            answer = ET.fromstring(response.content)  # noqa: S314
        except ET.ParseError as exc:
            raise CarrierUnavailable(
                f"Packeta answered HTTP {response.status_code} with no XML."
            ) from exc
        if answer.tag != "response":
            raise CarrierUnavailable(f"Packeta answered with <{answer.tag}>, not <response>.")
        return answer

    def _feed(self, name: str) -> list[Mapping[str, Any]]:
        url = f"{self.feed_url}/{self._credential('api_key')}/{name}/json"
        response = send(self.session, "GET", url, params={"lang": "en"})
        if response.status_code in (401, 403):
            raise CarrierAuthError("Packeta refused the API key for the pickup-point feed.")
        if response.status_code != 200:
            raise CarrierUnavailable(
                f"Packeta's {name} feed answered HTTP {response.status_code}.",
                carrier_code=str(response.status_code),
            )
        try:
            data = response.json()
        except ValueError as exc:
            raise CarrierUnavailable(f"Packeta's {name} feed is not JSON.") from exc
        # The feed is a list of points; older exports wrapped them in {"data": …}.
        if isinstance(data, Mapping):
            data = data.get("data", [])
        if isinstance(data, Mapping):
            data = list(data.values())
        return [item for item in data if isinstance(item, Mapping)]


# --- XML helpers ------------------------------------------------------------------------


def _append(parent: ET.Element, fields: Mapping[str, Any]) -> None:
    for name, value in fields.items():
        child = ET.SubElement(parent, name)
        if isinstance(value, Mapping):
            _append(child, value)
        else:
            child.text = str(value)


def _text(element: ET.Element, tag: str) -> str:
    return (element.findtext(tag) or "").strip()


def _fault_error(answer: ET.Element, password: str) -> Exception:
    fault = _text(answer, "fault")
    summary = _text(answer, "string") or fault or "unknown fault"
    details = []
    detail = answer.find("detail")
    if detail is not None:
        # <detail><attributes><fault><name>email</name><fault>reason</fault></fault>…
        for item in detail.iter("fault"):
            name = _text(item, "name")
            if name:
                details.append(f"{name}: {_text(item, 'fault')}")
    message = f"{summary} ({'; '.join(details)})" if details else summary
    # Packeta echoes request values in some faults; the password must never reach staff.
    message = f"Packeta: {message}".replace(password, "***")
    if fault in _AUTH_FAULTS:
        return CarrierAuthError(message, carrier_code=fault)
    if fault in _NOT_FOUND_FAULTS:
        return ShipmentNotFound(message, carrier_code=fault)
    if fault == "CancelNotAllowedFault":
        return NotCancellable(message, carrier_code=fault)
    if fault in _TRANSIENT_FAULTS:
        return CarrierUnavailable(message, carrier_code=fault)
    return CarrierRejected(message, carrier_code=fault)


def _packet_id(number: str) -> str:
    """Packeta's numeric packet id from a packet id or its barcode ("Z 123 4567 890")."""
    digits = "".join(number.split()).upper().removeprefix("Z")
    if not digits.isdigit():
        raise ShipmentNotFound(f"{number!r} is not a Packeta packet number.")
    return digits


def _event(number: str, record: ET.Element) -> TrackingEvent:
    code = _text(record, "statusCode")
    try:
        occurred = datetime.fromisoformat(_text(record, "dateTime"))
    except ValueError as exc:
        raise CarrierUnavailable("Packeta sent a tracking record without a readable time.") from exc
    if occurred.tzinfo is None:
        occurred = occurred.replace(tzinfo=PACKETA_TZ)
    return TrackingEvent(
        tracking_number=number,
        status=status_for(code),
        occurred_at=occurred,
        description=_text(record, "statusText") or _text(record, "codeText"),
        carrier_code=code,
    )


# --- point feed helpers -----------------------------------------------------------------


def _truthy(value: object) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes")


def _offered(raw: Mapping[str, Any]) -> bool:
    """Shown to shoppers (displayFrontend) and takes claim-assistant packets. A feed without
    the flags is read as "yes": hiding every point would be worse than showing one too many."""
    return _truthy(raw.get("displayFrontend", 1)) and _truthy(raw.get("claimAssistant", 1))


def _coordinate(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _opening_hours(raw: Mapping[str, Any]) -> str:
    hours = raw.get("openingHours")
    regular = hours.get("regular") if isinstance(hours, Mapping) else None
    if not isinstance(regular, Mapping):
        return ""
    days = ((day, str(regular.get(day) or "").strip()) for day in _WEEKDAYS)
    return "; ".join(f"{day[:3].title()} {text}" for day, text in days if text)


def _point(raw: Mapping[str, Any], kind: PointKind) -> ServicePoint:
    return ServicePoint(
        id=str(raw.get("id", "")),
        kind=kind,
        name=str(raw.get("name") or raw.get("place") or ""),
        street=str(raw.get("street") or ""),
        postal_code=str(raw.get("zip") or ""),
        city=str(raw.get("city") or ""),
        country_code=str(raw.get("country") or "").upper(),
        latitude=_coordinate(raw.get("latitude")),
        longitude=_coordinate(raw.get("longitude")),
        opening_hours=_opening_hours(raw),
        accepts_returns=True,
    )


def _squash(text: str) -> str:
    return "".join(text.split()).casefold()


def _matches(point: ServicePoint, query: ServicePointQuery) -> bool:
    if query.postal_code and _squash(point.postal_code) != _squash(query.postal_code):
        return False
    if query.city:
        wanted = query.city.strip().casefold()
        city = point.city.strip().casefold()
        # "Praha" also finds the districts Packeta writes as "Praha 2", "Praha 10"…
        if city != wanted and not city.startswith(f"{wanted} "):
            return False
    return True
