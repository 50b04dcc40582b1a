"""A loopback Packeta: the REST-with-XML API (`POST /api/rest`) and the v5 point feeds.

Answers as Packeta does: HTTP 200 for everything the API understands, success as
`<response><status>ok</status><result>…`, every refusal as `<status>fault</status>` with the
fault's name, a message and, for attribute faults, per-attribute details. Packeta has no
tokens: `expire_tokens` revokes the API password (as a merchant regenerating it in the client
section does), so the next call gets IncorrectApiPasswordFault.
"""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from saleor_returns_app.carriers.base import AccountConfig, TrackingStatus
from saleor_returns_app.carriers.drivers.packeta import STATUS_MAP
from saleor_returns_app.testing.carrier_stubs.server import StubRequest, StubResponse, StubServer

API_PASSWORD = "5f2c9a7e1b3d4c6e8f0a1b2c3d4e5f60"
API_KEY = "a1b2c3d4e5f60718"
SENDER = "obchod-cz"

CODE_TEXTS = {
    "1": "received data",
    "2": "arrived",
    "3": "prepared for departure",
    "4": "departed",
    "5": "ready for pickup",
    "6": "handed to carrier",
    "7": "delivered",
    "9": "posted back",
    "10": "returned",
    "11": "cancelled",
    "12": "collected",
    "14": "customs",
    "15": "reverse packet arrived",
    "16": "delivery attempt",
    "17": "rejected by recipient",
    "999": "unknown",
}

# Seeded points: Packeta's feed spells countries in lower case and coordinates as strings.
BRANCHES = [
    {
        "id": "4301",
        "name": "Praha 2, Vinohradská 48 (Trafika U Muzea)",
        "place": "Trafika U Muzea",
        "street": "Vinohradská 48",
        "city": "Praha 2",
        "zip": "120 00",
        "country": "cz",
        "latitude": "50.0771",
        "longitude": "14.4412",
        "displayFrontend": 1,
        "claimAssistant": 1,
        "packetConsignment": 1,
        "openingHours": {"regular": {"monday": "08:00-19:00", "saturday": "09:00-12:00"}},
    },
    {
        "id": "4302",
        "name": "Praha 10, Vinohradská 151 (Papírnictví Flora)",
        "place": "Papírnictví Flora",
        "street": "Vinohradská 151",
        "city": "Praha 10",
        "zip": "100 00",
        "country": "cz",
        "latitude": "50.0781",
        "longitude": "14.4605",
        "displayFrontend": 1,
        "claimAssistant": 1,
        "packetConsignment": 1,
        "openingHours": {"regular": {"monday": "07:00-20:00"}},
    },
    {
        "id": "4303",
        "name": "Praha 10, Korunní 120 (Výdejna bez zpětných zásilek)",
        "place": "Výdejna Korunní",
        "street": "Korunní 120",
        "city": "Praha 10",
        "zip": "100 00",
        "country": "cz",
        "latitude": "50.0752",
        "longitude": "14.4560",
        "displayFrontend": 1,
        "claimAssistant": 0,  # does not take returns: never offered to shoppers
        "packetConsignment": 0,
    },
    {
        "id": "5201",
        "name": "Brno, Česká 6 (Knihkupectví)",
        "place": "Knihkupectví Česká",
        "street": "Česká 6",
        "city": "Brno",
        "zip": "602 00",
        "country": "cz",
        "latitude": "49.1962",
        "longitude": "16.6076",
        "displayFrontend": 1,
        "claimAssistant": 1,
        "packetConsignment": 1,
    },
    {
        "id": "7101",
        "name": "Bratislava, Obchodná 2",
        "place": "Trafika Obchodná",
        "street": "Obchodná 2",
        "city": "Bratislava",
        "zip": "811 06",
        "country": "sk",
        "latitude": "48.1469",
        "longitude": "17.1077",
        "displayFrontend": 1,
        "claimAssistant": 1,
        "packetConsignment": 1,
    },
]

BOXES = [
    {
        "id": "9401",
        "type": "zbox",
        "name": "Z-BOX Praha 10, Vinohradská 1511",
        "place": "Z-BOX Flora",
        "street": "Vinohradská 1511/230",
        "city": "Praha 10",
        "zip": "100 00",
        "country": "cz",
        "latitude": "50.0779",
        "longitude": "14.4741",
        "displayFrontend": 1,
        "claimAssistant": 1,
        "packetConsignment": 1,
        "openingHours": {"regular": {day: "00:00-23:59" for day in ("monday", "sunday")}},
    },
    {
        "id": "9402",
        "type": "zbox",
        "name": "Z-BOX Brno, Nádražní 1",
        "place": "Z-BOX Hlavní nádraží",
        "street": "Nádražní 1",
        "city": "Brno",
        "zip": "602 00",
        "country": "cz",
        "latitude": "49.1906",
        "longitude": "16.6127",
        "displayFrontend": 1,
        "claimAssistant": 1,
        "packetConsignment": 1,
    },
]


@dataclass
class PacketaShipment:
    """One claim the stub issued."""

    id: str
    barcode: str
    password: str
    attributes: dict[str, str]
    events: list[tuple[datetime, str]] = field(default_factory=list)

    @property
    def status_code(self) -> str:
        return self.events[-1][1]

    @property
    def barcode_text(self) -> str:
        digits = self.id
        return f"Z {digits[:3]} {digits[3:7]} {digits[7:]}"


def _ok(result: ET.Element | str | None = None) -> StubResponse:
    response = ET.Element("response")
    ET.SubElement(response, "status").text = "ok"
    if isinstance(result, ET.Element):
        response.append(result)
    elif result is not None:
        ET.SubElement(response, "result").text = result
    return _xml(response)


def _fault(name: str, message: str, details: dict[str, str] | None = None) -> StubResponse:
    response = ET.Element("response")
    ET.SubElement(response, "status").text = "fault"
    ET.SubElement(response, "fault").text = name
    ET.SubElement(response, "string").text = message
    detail = ET.SubElement(response, "detail")
    if details:
        attributes = ET.SubElement(detail, "attributes")
        for attribute, reason in details.items():
            item = ET.SubElement(attributes, "fault")
            ET.SubElement(item, "name").text = attribute
            ET.SubElement(item, "fault").text = reason
    return _xml(response)


def _xml(element: ET.Element) -> StubResponse:
    return StubResponse(
        200, ET.tostring(element, encoding="utf-8", xml_declaration=True), "text/xml; charset=utf-8"
    )


def _minimal_pdf(width: str, height: str, text: str) -> bytes:
    return (
        "%PDF-1.4\n"
        "1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        "2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
        f"3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}]>> endobj\n"
        f"% {text}\n"
        "trailer <</Root 1 0 R>>\n%%EOF\n"
    ).encode()


class PacketaStub(StubServer):
    """In-memory Packeta: one sender, claims with passwords, tracking, labels, point feeds."""

    def __init__(self) -> None:
        super().__init__()
        self.reset()

    def reset(self) -> None:
        """Forget everything: a fresh account, no packets, no request log, no faults. Lets a
        test module share one running server (stopping one takes the base server's 0.5 s)."""
        with self._lock:
            self.credentials: dict[str, str] = {
                "api_password": API_PASSWORD,
                "api_key": API_KEY,
                "sender_label": SENDER,
            }
            self.senders = {SENDER}
            self.valid_passwords = {API_PASSWORD}
            self.shipments: dict[str, PacketaShipment] = {}  # by barcode (our tracking number)
            self.branches = [dict(point) for point in BRANCHES]
            self.boxes = [dict(point) for point in BOXES]
            self._next_id = 4100000001
            self._clock = datetime(2026, 11, 2, 9, 0)
            self.requests.clear()
            self._faults.clear()

    def routes(self) -> None:
        self.add("POST", r"/api/rest", self._rest)
        self.add("GET", r"/v5/(?P<key>[^/]+)/(?P<feed>branch|box)/json", self._feed)

    # --- test API ----------------------------------------------------------------------

    def config(self, **options: str) -> AccountConfig:
        return AccountConfig(
            credentials=self.credentials, base_url=self.url, test_mode=True, options=options
        )

    def expire_tokens(self) -> None:
        """Packeta has no tokens: revoke the API password instead (it was regenerated)."""
        with self._lock:
            self.valid_passwords.clear()

    def scan(self, tracking_number: str, status: TrackingStatus) -> None:
        """Add a tracking record with the first Packeta code the driver maps to `status`."""
        code = next((c for c, s in STATUS_MAP.items() if s is status), None)
        if code is None:
            raise ValueError(f"Packeta has no status code for {status}")
        self.scan_code(tracking_number, code)

    def scan_code(self, tracking_number: str, code: str) -> None:
        """Add a tracking record with a raw Packeta status code."""
        with self._lock:
            shipment = self.shipments[tracking_number]
            shipment.events.append((self._tick(), code))

    def mark_picked_up(self, tracking_number: str) -> None:
        """The shopper handed the parcel in at a point: Packeta no longer cancels it."""
        self.scan(tracking_number, TrackingStatus.PICKED_UP)

    def rest_calls(self, method: str) -> list[ET.Element]:
        """The parsed bodies of the XML calls to `method` the stub received."""
        bodies = [ET.fromstring(r.body) for r in self.calls("POST", r"/api/rest")]
        return [body for body in bodies if body.tag == method]

    # --- handlers ----------------------------------------------------------------------

    def _tick(self) -> datetime:
        self._clock += timedelta(minutes=17)
        return self._clock

    def _rest(self, request: StubRequest, match: re.Match[str]) -> StubResponse:
        try:
            body = ET.fromstring(request.body)
        except ET.ParseError:
            return _fault("ArgumentsFault", "Request is not valid XML.")
        if (body.findtext("apiPassword") or "") not in self.valid_passwords:
            return _fault("IncorrectApiPasswordFault", "Incorrect API password.")
        handler = {
            "senderGetReturnRouting": self._return_routing,
            "createPacketClaimWithPassword": self._create_claim,
            "packetLabelPdf": self._label_pdf,
            "packetLabelZpl": self._label_zpl,
            "packetTracking": self._tracking,
            "cancelPacket": self._cancel,
        }.get(body.tag)
        if handler is None:
            return _fault("ArgumentsFault", f"Unknown method {body.tag}.")
        return handler(body)

    def _packet(self, body: ET.Element) -> PacketaShipment | None:
        packet_id = (body.findtext("packetId") or "").strip()
        return next((s for s in self.shipments.values() if s.id == packet_id), None)

    def _return_routing(self, body: ET.Element) -> StubResponse:
        if (body.findtext("senderLabel") or "") not in self.senders:
            return _fault("SenderNotExists", "Sender does not exist.")
        result = ET.Element("result")
        ET.SubElement(result, "routingSegment").text = "C12-CZ-Praha"
        ET.SubElement(result, "routingSegment").text = "D-101"
        return _ok(result)

    def _create_claim(self, body: ET.Element) -> StubResponse:
        attributes_element = body.find("claimWithPasswordAttributes")
        if attributes_element is None:
            return _fault("ArgumentsFault", "claimWithPasswordAttributes is missing.")
        attributes = {child.tag: (child.text or "") for child in attributes_element}
        errors = self._claim_errors(attributes)
        if errors:
            return _fault("PacketAttributesFault", "Invalid packet attributes.", errors)
        packet_id = str(self._next_id)
        self._next_id += 1
        shipment = PacketaShipment(
            id=packet_id,
            barcode=f"Z{packet_id}",
            password=f"{int(packet_id) % 100000000:08d}"[::-1],
            attributes=attributes,
        )
        shipment.events.append((self._tick(), "1"))
        self.shipments[shipment.barcode] = shipment
        result = ET.Element("result")
        for tag, value in (
            ("id", shipment.id),
            ("barcode", shipment.barcode),
            ("barcodeText", shipment.barcode_text),
            ("password", shipment.password),
        ):
            ET.SubElement(result, tag).text = value
        return _ok(result)

    def _claim_errors(self, attributes: dict[str, str]) -> dict[str, str]:
        errors = {}
        if not attributes.get("number"):
            errors["number"] = "Number is required."
        if "@" not in attributes.get("email", ""):
            errors["email"] = "E-mail is required for a claim with password."
        try:
            if Decimal(attributes.get("value", "")) <= 0:
                errors["value"] = "Value must be positive."
        except InvalidOperation:
            errors["value"] = "Value is not a number."
        if attributes.get("currency") not in {"CZK", "EUR", "HUF", "PLN", "RON"}:
            errors["currency"] = "Unknown currency."
        if attributes.get("eshop") not in self.senders:
            errors["eshop"] = "Sender does not exist."
        return errors

    def _label_pdf(self, body: ET.Element) -> StubResponse:
        shipment = self._packet(body)
        if shipment is None:
            return _fault("PacketIdFault", "Unknown packet id.")
        sizes = {"A6 on A6": ("297.64", "419.53"), "A6 on A4": ("595.28", "841.89")}
        size = sizes.get(body.findtext("format") or "")
        if size is None:
            return _fault("UnknownLabelFormatFault", "Unknown label format.")
        pdf = _minimal_pdf(*size, shipment.barcode)
        return _ok(base64.b64encode(pdf).decode())

    def _label_zpl(self, body: ET.Element) -> StubResponse:
        shipment = self._packet(body)
        if shipment is None:
            return _fault("PacketIdFault", "Unknown packet id.")
        dpi = body.findtext("dpi") or ""
        if dpi not in ("203", "300"):
            return _fault("UnknownLabelFormatFault", "Unknown dpi.")
        zpl = (
            f"^XA^FX Packeta {dpi} dpi^FS^CI28"
            f"^FO40,40^A0N,40,40^FD{shipment.barcode_text}^FS"
            f"^FO40,100^BCN,160,Y,N,N^FD{shipment.barcode}^FS^XZ"
        )
        return _ok(zpl)

    def _tracking(self, body: ET.Element) -> StubResponse:
        shipment = self._packet(body)
        if shipment is None:
            return _fault("PacketIdFault", "Unknown packet id.")
        result = ET.Element("result")
        for when, code in shipment.events:
            record = ET.SubElement(result, "record")
            ET.SubElement(record, "dateTime").text = when.isoformat()
            ET.SubElement(record, "statusCode").text = code
            ET.SubElement(record, "codeText").text = CODE_TEXTS.get(code, "unknown")
            ET.SubElement(record, "statusText").text = CODE_TEXTS.get(code, "unknown").capitalize()
            ET.SubElement(record, "branchId").text = "4301"
        return _ok(result)

    def _cancel(self, body: ET.Element) -> StubResponse:
        shipment = self._packet(body)
        if shipment is None:
            return _fault("PacketIdFault", "Unknown packet id.")
        if shipment.status_code == "11":
            return _ok()
        if shipment.status_code != "1":
            return _fault("CancelNotAllowedFault", "Packet was already handed over.")
        shipment.events.append((self._tick(), "11"))
        return _ok()

    def _feed(self, request: StubRequest, match: re.Match[str]) -> StubResponse:
        if match["key"] != self.credentials["api_key"]:
            return StubResponse(401, b"Unauthorized", "text/plain")
        points = self.branches if match["feed"] == "branch" else self.boxes
        # The branch feed lists every point, Z-BOXes included.
        if match["feed"] == "branch":
            points = points + self.boxes
        return StubResponse.json(points)
