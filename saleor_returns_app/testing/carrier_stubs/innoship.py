"""A loopback Innoship: the endpoints our driver calls, with Innoship's answers and failures.

Innoship authenticates with a static API key (`X-Api-Key`) and wants `api-version: 1.0` on
every call. It has no tokens, so `expire_tokens()` revokes the key: every later call is 401.
Errors come as HTTP 400 with `{"errors": [{"message", "details"}], "correlationId"}`.
"""

from __future__ import annotations

import base64
import itertools
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from saleor_returns_app.carriers.base import AccountConfig, TrackingStatus
from saleor_returns_app.testing.carrier_stubs.server import StubRequest, StubResponse, StubServer

# The Innoship status id the stub records for each of our statuses (Innoship's own table).
NATIVE_STATUS: dict[TrackingStatus, int] = {
    TrackingStatus.CREATED: 1,  # New
    TrackingStatus.PICKED_UP: 2,  # Picked-Up
    TrackingStatus.IN_TRANSIT: 20,  # In Transit
    TrackingStatus.AT_POINT: 45,  # Loaded into locker
    TrackingStatus.OUT_FOR_DELIVERY: 30,  # Out for Delivery
    TrackingStatus.DELIVERED: 100,  # Delivered
    TrackingStatus.EXCEPTION: 36,  # Not Home
    TrackingStatus.RETURNED_TO_SENDER: 104,  # Returned
    TrackingStatus.CANCELLED: 106,  # Canceled
}
STATUS_NAMES = {
    1: "New",
    2: "Picked-Up",
    20: "In Transit",
    30: "Out for Delivery",
    36: "Not Home",
    45: "Loaded into locker",
    100: "Delivered",
    104: "Returned",
    106: "Canceled",
}
FINAL = {100, 104, 106}
PICKED_UP = {2, 3}  # once the courier has the parcel, Innoship refuses to delete the AWB

# Prices the stub's couriers quote for one parcel, by courier id (RON, VAT included).
RATES = {6: "17.85", 3: "19.99", 1: "21.42"}
DEFAULT_COURIER = 6  # the courier the stub's "merchant rules" pick: Sameday

_BUCHAREST = ZoneInfo("Europe/Bucharest")
PDF = b"%PDF-1.4\n% innoship stub label\n%%EOF\n"

FIXED_LOCATIONS: list[dict[str, Any]] = [
    {
        "id": 78152,
        "name": "easybox Piata Romana",
        "fixedLocationTypeId": 1,
        "serviceId": 3,
        "courierId": 6,
        "localityName": "Bucuresti",
        "countyName": "Bucuresti",
        "countryCode": "RO",
        "addressText": "Piata Romana 6",
        "postalCode": "010374",
        "lat": 44.4466,
        "long": 26.0973,
        "isActive": True,
        "allowsDropOff": True,
    },
    {
        "id": 78153,
        "name": "easybox Unirii",
        "fixedLocationTypeId": 1,
        "serviceId": 3,
        "courierId": 6,
        "localityName": "Bucuresti",
        "countyName": "Bucuresti",
        "countryCode": "RO",
        "addressText": "Bulevardul Unirii 1",
        "postalCode": "030167",
        "lat": 44.4268,
        "long": 26.1025,
        "isActive": True,
        "allowsDropOff": True,
    },
    {
        "id": 81020,
        "name": "FANbox Lujerului",
        "fixedLocationTypeId": 1,
        "serviceId": 3,
        "courierId": 3,
        "localityName": "București",
        "countyName": "București",
        "countryCode": "RO",
        "addressText": "Bulevardul Iuliu Maniu 19",
        "postalCode": "061072",
        "lat": 44.4343,
        "long": 26.0330,
        "isActive": True,
        "allowsDropOff": True,
    },
    {
        "id": 90411,
        "name": "Cargus Ship & Go Obor",
        "fixedLocationTypeId": 2,
        "serviceId": 4,
        "courierId": 1,
        "localityName": "Bucuresti",
        "countyName": "Bucuresti",
        "countryCode": "RO",
        "addressText": "Soseaua Colentina 2",
        "postalCode": "021171",
        "lat": 44.4500,
        "long": 26.1270,
        "isActive": True,
        "allowsDropOff": False,
    },
    {
        "id": 78300,
        "name": "easybox Iulius Mall Cluj",
        "fixedLocationTypeId": 1,
        "serviceId": 3,
        "courierId": 6,
        "localityName": "Cluj-Napoca",
        "countyName": "Cluj",
        "countryCode": "RO",
        "addressText": "Strada Alexandru Vaida Voevod 53B",
        "postalCode": "400436",
        "lat": 46.7712,
        "long": 23.6258,
        "isActive": True,
        "allowsDropOff": True,
    },
    {
        "id": 78999,
        "name": "easybox Closed",
        "fixedLocationTypeId": 1,
        "serviceId": 3,
        "courierId": 6,
        "localityName": "Bucuresti",
        "countyName": "Bucuresti",
        "countryCode": "RO",
        "addressText": "Strada Inchisa 1",
        "postalCode": "010101",
        "lat": 44.4400,
        "long": 26.1000,
        "isActive": False,
        "allowsDropOff": True,
    },
    {
        "id": 55001,
        "name": "Speedy Office Sofia Center",
        "fixedLocationTypeId": 2,
        "serviceId": 4,
        "courierId": 19,
        "localityName": "Sofia",
        "countyName": "Sofia",
        "countryCode": "BG",
        "addressText": "bul. Vitosha 20",
        "postalCode": "1000",
        "lat": 42.6930,
        "long": 23.3210,
        "isActive": True,
        "allowsDropOff": True,
    },
]
SCHEDULE = [{"day": day, "openingHour": "07:00", "closingHour": "22:00"} for day in range(1, 8)]


@dataclass
class StubShipment:
    order_id: int
    courier_id: int
    awb: str
    external_order_id: str
    body: dict[str, Any]
    events: list[tuple[int, datetime]] = field(default_factory=list)
    deleted: bool = False


def _bad_request(*messages: str) -> StubResponse:
    return StubResponse.json(
        {
            "errors": [{"message": message, "details": []} for message in messages],
            "correlationId": str(uuid.uuid4()),
        },
        status=400,
    )


class InnoshipStub(StubServer):
    """Innoship on loopback. `shipments` maps AWB → what was booked."""

    def __init__(self) -> None:
        self.api_key = "stub-innoship-key-" + uuid.uuid4().hex[:8]
        self.credentials: dict[str, str] = {"api_key": self.api_key, "location": "Depozit-BUC"}
        self.client_locations = ["Depozit-BUC"]
        self.revoked = False
        self.shipments: dict[str, StubShipment] = {}
        self.fixed_locations = [dict(item, schedule=SCHEDULE) for item in FIXED_LOCATIONS]
        self._numbers = itertools.count(1)
        self._clock = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
        super().__init__()

    # --- test API -----------------------------------------------------------------------

    def config(self, **options: str) -> AccountConfig:
        return AccountConfig(
            credentials=self.credentials, base_url=self.url, test_mode=True, options=options
        )

    def expire_tokens(self) -> None:
        """Innoship has no tokens, only a static key: revoke it, so every call gets 401."""
        self.revoked = True

    def scan(self, tracking_number: str, status: TrackingStatus) -> None:
        """Record a courier event with Innoship's own status id for `status`."""
        self.add_event(tracking_number, NATIVE_STATUS[status])

    def add_event(self, tracking_number: str, status_id: int) -> None:
        """Record an event with any Innoship status id (for ids the driver must map)."""
        with self._lock:
            self._clock += timedelta(minutes=30)
            self.shipments[tracking_number].events.append((status_id, self._clock))

    def mark_picked_up(self, tracking_number: str) -> None:
        self.scan(tracking_number, TrackingStatus.PICKED_UP)

    def book_directly(self, external_order_id: str = "", courier_id: int = DEFAULT_COURIER) -> str:
        """A shipment made outside the driver (e.g. for bulk tracking tests): its AWB."""
        with self._lock:
            return self._book({"externalOrderId": external_order_id}, courier_id).awb

    # --- routes -------------------------------------------------------------------------

    def routes(self) -> None:
        self.add("GET", r"/api/Location/ClientLocations", self._authed(self._client_locations))
        self.add("GET", r"/api/Location/FixedLocations", self._authed(self._fixed_locations))
        self.add("POST", r"/api/Price", self._authed(self._price))
        self.add("POST", r"/api/Order", self._authed(self._create))
        self.add("DELETE", r"/api/Order/(\d+)/awb/([^/]+)", self._authed(self._delete))
        self.add("GET", r"/api/Label/by-courier/(\d+)/awb/([^/]+)", self._authed(self._label))
        self.add("POST", r"/api/Track/by-awb/with-return", self._authed(self._track))

    def _authed(self, handler: Any) -> Any:
        def guarded(request: StubRequest, match: re.Match[str]) -> StubResponse:
            if self.revoked or request.header("X-Api-Key") != self.api_key:
                return StubResponse(status=401, body=b"", content_type="text/plain")
            if request.header("api-version") != "1.0":
                return StubResponse.json(
                    {
                        "error": {
                            "code": "ApiVersionUnspecified",
                            "message": "An API version is required, but was not specified.",
                        }
                    },
                    status=400,
                )
            return handler(request, match)

        return guarded

    def _client_locations(self, request: StubRequest, match: re.Match[str]) -> StubResponse:
        return StubResponse.json(
            [{"externalLocationId": loc, "countryCode": "RO"} for loc in self.client_locations]
        )

    def _fixed_locations(self, request: StubRequest, match: re.Match[str]) -> StubResponse:
        items = self.fixed_locations
        if request.arg("ShowInactive", "false").lower() != "true":
            items = [item for item in items if item["isActive"]]
        if request.arg("Radius"):
            if float(request.arg("Radius")) > 20:
                return _bad_request("Radius cannot be higher than 20 km")
            lat, lon = float(request.arg("Latitude")), float(request.arg("Longitude"))
            # Innoship filters by the radius; a rough box is enough for the stub's points.
            items = [i for i in items if abs(i["lat"] - lat) < 0.2 and abs(i["long"] - lon) < 0.3]
        return StubResponse.json(items)

    def _validate(self, body: dict[str, Any]) -> list[str]:
        problems = []
        if body.get("externalClientLocation") not in self.client_locations:
            problems.append(
                f"ExternalClientLocation {body.get('externalClientLocation')!r} is not configured"
            )
        sender = body.get("addressFrom") or {}
        for side, address in (("AddressFrom", sender), ("AddressTo", body.get("addressTo") or {})):
            if not address.get("phone"):
                problems.append(f"{side}.Phone is required")
            if not address.get("localityName"):
                problems.append(f"{side}.LocalityName is required")
        fixed = sender.get("fixedLocationId")
        if fixed and not any(str(i["id"]) == str(fixed) for i in self.fixed_locations):
            problems.append(f"FixedLocationId {fixed} not found")
        if not fixed and not body.get("shipmentDateEnd"):
            problems.append("ShipmentDateEnd is required for pick-up from a third party")
        if not (body.get("content") or {}).get("totalWeight"):
            problems.append("Content.TotalWeight must be greater than 0")
        return problems

    def _courier_for(self, body: dict[str, Any]) -> int:
        if body.get("courierId"):
            return int(body["courierId"])
        fixed = (body.get("addressFrom") or {}).get("fixedLocationId")
        for item in self.fixed_locations:
            if fixed and str(item["id"]) == str(fixed):
                return int(item["courierId"])
        return DEFAULT_COURIER

    def _price(self, request: StubRequest, match: re.Match[str]) -> StubResponse:
        body = request.json() or {}
        couriers = [int(body["courierId"])] if body.get("courierId") else list(RATES)
        rates = [
            {
                "carrierId": courier,
                "serviceId": body.get("serviceId", 1),
                "rateAmount": float(RATES[courier]) / 1.19,
                "rateVat": float(RATES[courier]) - float(RATES[courier]) / 1.19,
                "rateTotalAmount": float(RATES[courier]),
                "currency": "RON",
            }
            for courier in couriers
            if courier in RATES
        ]
        return StubResponse.json({"rates": rates})

    def _book(self, body: dict[str, Any], courier: int) -> StubShipment:
        number = next(self._numbers)
        shipment = StubShipment(
            order_id=4_000_000 + number,
            courier_id=courier,
            awb=f"{courier}{9_000_000 + number:09d}",
            external_order_id=str(body.get("externalOrderId") or ""),
            body=body,
        )
        self._clock += timedelta(minutes=1)
        shipment.events.append((1, self._clock))
        self.shipments[shipment.awb] = shipment
        return shipment

    def _create(self, request: StubRequest, match: re.Match[str]) -> StubResponse:
        body = request.json() or {}
        problems = self._validate(body)
        if problems:
            return _bad_request(*problems)
        # Like the real API, the same externalOrderId twice makes two AWBs.
        shipment = self._book(body, self._courier_for(body))
        total = RATES.get(shipment.courier_id, "25.00")
        return StubResponse.json(
            {
                "clientOrderId": shipment.order_id,
                "courierShipmentId": shipment.awb,
                "courier": shipment.courier_id,
                "price": {
                    "amount": round(float(total) / 1.19, 2),
                    "vat": round(float(total) - float(total) / 1.19, 2),
                    "totalAmount": float(total),
                    "currency": "RON",
                },
                "calculatedDeliveryDate": "2026-12-04T00:00:00",
                "trackPageUrl": f"https://track.innoship.io/{shipment.awb}",
                "extra": {},
            }
        )

    def _find(self, courier: str, awb: str) -> StubShipment | None:
        shipment = self.shipments.get(awb)
        if shipment is None or shipment.deleted or str(shipment.courier_id) != courier:
            return None
        return shipment

    def _delete(self, request: StubRequest, match: re.Match[str]) -> StubResponse:
        shipment = self._find(match.group(1), match.group(2))
        if shipment is None:
            return StubResponse.json({"errors": [{"message": "Order not found"}]}, status=404)
        if any(status in PICKED_UP or status in FINAL for status, _ in shipment.events):
            return _bad_request(
                f"AWB {shipment.awb} was already picked up by the courier and cannot be deleted"
            )
        shipment.deleted = True
        self._clock += timedelta(minutes=1)
        shipment.events.append((106, self._clock))
        return StubResponse.json(True)

    def _label(self, request: StubRequest, match: re.Match[str]) -> StubResponse:
        if self._find(match.group(1), match.group(2)) is None:
            return StubResponse.json({"errors": [{"message": "AWB not found"}]}, status=404)
        if request.arg("type", "PDF").upper() != "PDF" or request.arg("format") not in ("A4", "A6"):
            return _bad_request("Label type must be PDF or HTML and format A4 or A6")
        content = PDF + f"% {request.arg('format')}\n".encode()
        if request.arg("useFile", "true").lower() == "true":
            return StubResponse(body=content, content_type="application/pdf")
        return StubResponse.json({"contents": base64.b64encode(content).decode()})

    def _track(self, request: StubRequest, match: re.Match[str]) -> StubResponse:
        body = request.json() or {}
        awbs = body.get("awbList") or []
        if len(awbs) > 200:
            return _bad_request("AwbList - limit 200")
        answer = []
        for awb in awbs:
            shipment = self.shipments.get(str(awb))
            if shipment is None or shipment.courier_id != int(body.get("courier") or 0):
                continue  # unknown AWBs are simply missing from the answer
            last = shipment.events[-1][0]
            # Innoship's history lists newest first; the driver must not rely on the order.
            history = [
                {
                    "clientStatusId": status,
                    "clientStatusDescription": STATUS_NAMES.get(status, "Unknown"),
                    # Naive local time, as Innoship sends it.
                    "eventDate": at.astimezone(_BUCHAREST).replace(tzinfo=None).isoformat(),
                    "isFinalStatus": status in FINAL,
                    "localityName": "BUCURESTI",
                }
                for status, at in reversed(shipment.events)
            ]
            answer.append(
                {
                    "orderId": shipment.order_id,
                    "externalOrderId": shipment.external_order_id,
                    "courier": shipment.courier_id,
                    "shipmentAwb": shipment.awb,
                    "trackUrl": f"https://track.innoship.io/{shipment.awb}",
                    "currentStatus": STATUS_NAMES.get(last, "Unknown"),
                    "currentStatusId": last,
                    "history": history,
                    "returnAwb": None,
                    "returnAwbHistory": [],
                    "cashOnDeliveryHistory": [],
                }
            )
        return StubResponse.json(answer)
