"""A loopback Sameday API: the endpoints `SamedayDriver` calls, answering (and failing) as
Sameday's documented contract does — token login, form-encoded AWBs, 400 with a Symfony-form
`errors` tree for validation, 401 for an expired token, per-AWB status history, easyboxes.
"""

from __future__ import annotations

import itertools
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from saleor_returns_app.carriers.base import AccountConfig, TrackingStatus
from saleor_returns_app.testing.carrier_stubs.server import StubRequest, StubResponse, StubServer

# Sameday's own codes (statusId, status, statusLabel) the stub writes for a normalised
# status. Cancellation and "on the way back" are flags of the answer, not history codes.
NATIVE_STATUSES: dict[TrackingStatus, tuple[int, str, str]] = {
    TrackingStatus.CREATED: (1, "AWB Emis", "Document de transport emis"),
    TrackingStatus.PICKED_UP: (4, "Ridicata de la client", "Ridicata de la client"),
    TrackingStatus.IN_TRANSIT: (56, "Iesire din hub", "In tranzit spre depozit"),
    TrackingStatus.OUT_FOR_DELIVERY: (33, "In livrare la curier", "In livrare la curier"),
    TrackingStatus.DELIVERED: (9, "Livrata cu succes", "Colet livrat"),
}

BUCHAREST = timezone(timedelta(hours=2))  # Sameday writes local time with its offset
PICKUP_POINT_ID = 139
CONTACT_PERSON_ID = 145
SERVICE_ID = 7

LOCKERS: list[dict[str, Any]] = [
    {
        "lockerId": 1001,
        "name": "easybox Kaufland Oltenitei",
        "county": "Bucuresti",
        "city": "Sectorul 4",
        "address": "Sos. Oltenitei 388",
        "postalCode": "041337",
        "lat": 44.384394,
        "lng": 26.140431,
    },
    {
        "lockerId": 1002,
        "name": "easybox Piata Unirii",
        "county": "Bucuresti",
        "city": "Bucuresti",
        "address": "Bd. Ion C. Bratianu 2",
        "postalCode": "030171",
        "lat": 44.42773,
        "lng": 26.10312,
    },
    {
        "lockerId": 1003,
        "name": "easybox Mega Image Lipscani",
        "county": "Bucuresti",
        "city": "Bucuresti",
        "address": "Strada Lipscani 55",
        "postalCode": "030031",
        "lat": 44.43196,
        "lng": 26.10052,
    },
    {
        "lockerId": 1004,
        "name": "easybox Militari Shopping",
        "county": "Bucuresti",
        "city": "Sectorul 6",
        "address": "Bd. Iuliu Maniu 546-560",
        "postalCode": "061129",
        "lat": 44.43478,
        "lng": 25.99345,
    },
    {
        "lockerId": 2001,
        "name": "easybox Iulius Mall Cluj",
        "county": "Cluj",
        "city": "Cluj-Napoca",
        "address": "Strada Alexandru Vaida Voevod 53B",
        "postalCode": "400436",
        "lat": 46.77128,
        "lng": 23.62561,
    },
    {
        "lockerId": 3001,
        "name": "easybox Palas Iasi",
        "county": "Iasi",
        "city": "Iasi",
        "address": "Strada Palas 7A",
        "postalCode": "700051",
        "lat": 47.15654,
        "lng": 27.58737,
    },
]


def _locker_body(locker: dict[str, Any]) -> dict[str, Any]:
    return {
        **locker,
        "country": "Romania",
        "countryId": 187,
        "supportedPayment": 1,
        "clientVisible": 1,
        "phone": None,
        "email": None,
        "availableBoxes": [{"size": "S", "number": 12}, {"size": "M", "number": 6}],
        "schedule": [
            {"day": day, "openingHour": "00:00", "closingHour": "23:59"} for day in range(1, 8)
        ],
    }


@dataclass
class SamedayShipment:
    awb: str
    form: dict[str, str]
    history: list[dict[str, Any]] = field(default_factory=list)
    canceled: bool = False
    in_return: bool = False

    @property
    def reference(self) -> str:
        return self.form.get("clientInternalReference", "")

    @property
    def scanned(self) -> bool:
        return any(event["statusId"] != 1 for event in self.history)


def _validation(errors: dict[str, list[str]]) -> StubResponse:
    """Sameday's 400: field errors nested as Symfony form children ("thirdParty[city]")."""
    tree: dict[str, Any] = {}
    for key, messages in errors.items():
        node = tree
        for part in re.findall(r"[^\[\]]+", key):
            node = node.setdefault("children", {}).setdefault(part, {})
        node["errors"] = messages
    return StubResponse.json(
        {"code": 400, "message": "Validation Failed", "errors": tree}, status=400
    )


def _pdf(size: str, awb: str) -> bytes:
    width, height = {"A6": (298, 420), "A4": (595, 842)}[size]
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        + f"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox [0 0 {width} {height}]>>endobj\n".encode()
        + f"% AWB {awb}\n".encode()
        + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


class SamedayStub(StubServer):
    def __init__(self) -> None:
        super().__init__()
        self.reset()

    # --- test API ---------------------------------------------------------------------

    def reset(self) -> None:
        """Forget every token, booking, logged request and pending fault, so one running
        stub can serve many tests (starting and stopping a server costs half a second)."""
        with self._lock:
            self.credentials = {"username": "retururi_api", "password": "demo-secret-1"}
            self.tokens: dict[str, bool] = {}  # token -> still valid
            self.shipments: dict[str, SamedayShipment] = {}
            self.lockers = [_locker_body(locker) for locker in LOCKERS]
            self._numbers = itertools.count(1)
            self._clock = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
            self.requests.clear()
            self._faults.clear()

    def config(self, **options: str) -> AccountConfig:
        return AccountConfig(
            credentials=self.credentials, base_url=self.url, test_mode=True, options=options
        )

    def expire_tokens(self) -> None:
        for token in self.tokens:
            self.tokens[token] = False

    def scan(self, tracking_number: str, status: TrackingStatus) -> None:
        shipment = self.shipments[tracking_number]
        if status is TrackingStatus.CANCELLED:
            shipment.canceled = True
        elif status is TrackingStatus.EXCEPTION:
            shipment.in_return = True
        elif status in NATIVE_STATUSES:
            shipment.history.append(self._event(*NATIVE_STATUSES[status]))
        else:
            raise ValueError(f"Sameday has no status code the driver reads as {status}.")

    def mark_picked_up(self, tracking_number: str) -> None:
        self.scan(tracking_number, TrackingStatus.PICKED_UP)

    def _event(self, status_id: int, status: str, label: str) -> dict[str, Any]:
        # A steadily advancing clock keeps events ordered without real time passing.
        self._clock += timedelta(minutes=17)
        return {
            "statusId": status_id,
            "status": status,
            "statusLabel": label,
            "statusState": label,
            "statusDate": self._clock.astimezone(BUCHAREST).strftime("%Y-%m-%dT%H:%M:%S%z"),
            "county": "Bucuresti",
            "reason": "",
            "transitLocation": "",
        }

    # --- routes ---------------------------------------------------------------------------

    def routes(self) -> None:
        self.add("POST", r"/api/authenticate", self._authenticate)
        self.add("GET", r"/api/client/pickup-points", self._authed(self._pickup_points))
        self.add("GET", r"/api/client/services", self._authed(self._services))
        self.add("GET", r"/api/client/lockers", self._authed(self._lockers))
        self.add("POST", r"/api/awb/estimate-cost", self._authed(self._estimate))
        self.add("POST", r"/api/awb", self._authed(self._create))
        self.add("GET", r"/api/awb/download/(?P<awb>\w+)/(?P<size>A4|A6)", self._authed(self._pdf))
        self.add("GET", r"/api/client/awb/(?P<awb>\w+)/status", self._authed(self._status))
        self.add("DELETE", r"/api/awb/(?P<awb>\w+)", self._authed(self._delete))

    def _authenticate(self, request: StubRequest, match: re.Match[str]) -> StubResponse:
        if (
            request.header("X-Auth-Username") != self.credentials["username"]
            or request.header("X-Auth-Password") != self.credentials["password"]
        ):
            return StubResponse.json({"code": 403, "message": "Bad credentials."}, status=403)
        token = secrets.token_hex(16)
        self.tokens[token] = True
        expire = (self._clock + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
        return StubResponse.json({"token": token, "expire_at": expire})

    def _authed(self, handler: Any) -> Any:
        def guarded(request: StubRequest, match: re.Match[str]) -> StubResponse:
            token = request.header("X-AUTH-TOKEN")
            if token not in self.tokens:
                return StubResponse.json({"code": 401, "message": "Invalid JWT Token"}, 401)
            if not self.tokens[token]:
                return StubResponse.json({"code": 401, "message": "Expired JWT Token"}, 401)
            return handler(request, match)

        return guarded

    @staticmethod
    def _page(request: StubRequest, rows: list[dict[str, Any]]) -> StubResponse:
        page = int(request.arg("page", "1"))
        per_page = int(request.arg("countPerPage", "50"))
        pages = max(1, -(-len(rows) // per_page))
        chunk = rows[(page - 1) * per_page : page * per_page]
        return StubResponse.json(
            {
                "total": len(rows),
                "currentPage": page,
                "pages": pages,
                "perPage": per_page,
                "data": chunk,
            }
        )

    def _pickup_points(self, request: StubRequest, match: re.Match[str]) -> StubResponse:
        point = {
            "id": PICKUP_POINT_ID,
            "country": {"id": 187, "name": "Romania", "code": "RO"},
            "county": {"id": 1, "name": "Bucuresti", "code": "B"},
            "city": {"id": 6, "name": "Sectorul 6", "extraKM": 0},
            "address": "Bulevardul Iuliu Maniu 7",
            "defaultPickupPoint": True,
            "pickupPointContactPerson": [
                {
                    "id": CONTACT_PERSON_ID,
                    "name": "Depozit Retururi",
                    "phoneNumber": "0213000000",
                    "defaultContactPerson": True,
                }
            ],
            "alias": "Depozit",
            "status": True,
        }
        return self._page(request, [point])

    def _services(self, request: StubRequest, match: re.Match[str]) -> StubResponse:
        services = [
            {
                "id": 1,
                "name": "2H",
                "serviceCode": "2H",
                "deliveryType": {"id": 1, "name": "Sameday"},
                "defaultServices": False,
                "serviceOptionalTaxes": [],
            },
            {
                "id": SERVICE_ID,
                "name": "24H",
                "serviceCode": "24",
                "deliveryType": {"id": 2, "name": "NextDay"},
                "defaultServices": True,
                "serviceOptionalTaxes": [],
            },
        ]
        return self._page(request, services)

    def _lockers(self, request: StubRequest, match: re.Match[str]) -> StubResponse:
        return self._page(request, self.lockers)

    def _validate(self, form: dict[str, str]) -> StubResponse | None:
        errors: dict[str, list[str]] = {}
        if form.get("pickupPoint") != str(PICKUP_POINT_ID):
            errors["pickupPoint"] = ["The given pickupPoint is invalid!"]
        if form.get("service") not in {"1", str(SERVICE_ID)}:
            errors["service"] = ["The given service is invalid!"]
        for prefix in ("awbRecipient", "thirdParty"):
            if prefix == "thirdParty" and form.get("thirdPartyPickup") != "1":
                continue
            for key in ("name", "phoneNumber", "address", "cityString"):
                if not form.get(f"{prefix}[{key}]"):
                    errors[f"{prefix}[{key}]"] = ["This value should not be blank."]
        if "thirdParty[email]" in form:
            errors["thirdParty[email]"] = ["This form should not contain extra fields."]
        locker = form.get("lockerFirstMile")
        if locker is not None and locker not in {str(x["lockerId"]) for x in self.lockers}:
            errors["lockerFirstMile"] = ["Invalid locker."]
        if float(form.get("packageWeight") or 0) <= 0:
            errors["packageWeight"] = ["This value should be greater than 0."]
        return _validation(errors) if errors else None

    def _estimate(self, request: StubRequest, match: re.Match[str]) -> StubResponse:
        form = request.form()
        refused = self._validate(form)
        if refused:
            return refused
        return StubResponse.json({"amount": self._cost(form), "currency": "RON", "time": 24}, 201)

    @staticmethod
    def _cost(form: dict[str, str]) -> float:
        return round(14.5 + 2.0 * float(form["packageWeight"]), 2)

    def _create(self, request: StubRequest, match: re.Match[str]) -> StubResponse:
        form = request.form()
        refused = self._validate(form)
        if refused:
            return refused
        # Like Sameday, nothing stops the same client reference being booked twice.
        awb = f"1SDY{24106740 + next(self._numbers)}"
        shipment = SamedayShipment(awb, form)
        shipment.history.append(self._event(*NATIVE_STATUSES[TrackingStatus.CREATED]))
        self.shipments[awb] = shipment
        parcels = [
            {"position": i + 1, "awbNumber": f"{awb}{i + 1:03d}"}
            for i in range(int(form.get("packageNumber") or 1))
        ]
        return StubResponse.json(
            {"awbNumber": awb, "awbCost": self._cost(form), "parcels": parcels}, 201
        )

    def _pdf(self, request: StubRequest, match: re.Match[str]) -> StubResponse:
        if match["awb"] not in self.shipments:
            return StubResponse.json({"code": 404, "message": "Awb not found."}, 404)
        return StubResponse(200, _pdf(match["size"], match["awb"]), "application/pdf")

    def _status(self, request: StubRequest, match: re.Match[str]) -> StubResponse:
        shipment = self.shipments.get(match["awb"])
        if shipment is None:
            return StubResponse.json({"code": 404, "message": "Awb not found."}, 404)
        last = shipment.history[-1]
        delivered = last["statusId"] == 9
        return StubResponse.json(
            {
                "expeditionSummary": {
                    "awbNumber": shipment.awb,
                    "delivered": delivered,
                    "canceled": shipment.canceled,
                    "deliveryAttempts": int(delivered),
                    "deliveredAt": last["statusDate"] if delivered else "",
                    "lastDeliveryAttempt": "",
                    "awbWeight": float(shipment.form["packageWeight"]),
                    "servicePayment": 0.0,
                    "cashOnDelivery": 0.0,
                    "redirectionsAttempts": 0,
                },
                "expeditionStatus": last,
                "parcelsStatus": [
                    {
                        **last,
                        "parcelAwbNumber": f"{shipment.awb}001",
                        "parcelDetails": (
                            f"{self.url}/api/client/parcel/{shipment.awb}001/status-history"
                        ),
                        "inReturn": shipment.in_return,
                    }
                ],
                # Sameday lists the history newest first.
                "expeditionHistory": list(reversed(shipment.history)),
            }
        )

    def _delete(self, request: StubRequest, match: re.Match[str]) -> StubResponse:
        shipment = self.shipments.get(match["awb"])
        if shipment is None:
            return StubResponse.json({"code": 404, "message": "Awb not found."}, 404)
        if shipment.scanned or shipment.canceled:
            return StubResponse.json(
                {
                    "code": 400,
                    "message": "Awb cannot be deleted: the parcel was already picked up.",
                },
                400,
            )
        del self.shipments[match["awb"]]
        return StubResponse(204, b"", "application/json")
