"""A loopback InPost ShipX: organisations, async shipments, labels, tracking, points, pickups.

It answers the documented ShipX shapes and fails the way ShipX does: 401 for a bad or expired
token, 400 `validation_failed` with `details`, 400 `invalid_action` for a cancel or label out of
turn, 404 `resource_not_found`. OAuth2 client-credential tokens come from a Keycloak-style token
endpoint on the same host. Shipments are bought asynchronously: created as `created`, they
become `confirmed` with a tracking number the first time they are read back.

It also serves Quick Returns (Szybkie Zwroty) at `POST /?do=...` on the same host: form fields
`email`, `password`, `content` (XML rooted at `<paczkomaty>`), answers in XML, errors as HTTP 200
`<paczkomaty><error key="...">...</error></paczkomaty>`. `revloggenerateactivecode` issues a
10-digit code (a new one for every call, even with the same `rma`: like ShipX it is not
idempotent), `revloggetreport` lists codes with rows named `<0>`, `<1>`… as InPost's documentation
shows, `revloginvalidatecode` refuses active codes. InPost publishes no list of error keys: the
keys below (`AccessDenied`, `ValidationError`, `CodeIsActive`) are this stub's own.
"""

from __future__ import annotations

import itertools
import re
import secrets
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from typing import Any
from xml.sax.saxutils import escape

from saleor_returns_app.carriers.base import AccountConfig, TrackingStatus
from saleor_returns_app.carriers.drivers.inpost import TOKEN_PATH
from saleor_returns_app.carriers.geo import distance_km
from saleor_returns_app.testing.carrier_stubs.server import StubRequest, StubResponse, StubServer

# The native code `scan` writes for each normalised status (checked against the driver's table).
SCAN_CODES = {
    TrackingStatus.CREATED: "confirmed",
    TrackingStatus.PICKED_UP: "dispatched_by_sender",
    TrackingStatus.IN_TRANSIT: "adopted_at_sorting_center",
    TrackingStatus.AT_POINT: "ready_to_pickup",
    TrackingStatus.OUT_FOR_DELIVERY: "out_for_delivery",
    TrackingStatus.DELIVERED: "delivered",
    TrackingStatus.EXCEPTION: "undelivered",
    TrackingStatus.RETURNED_TO_SENDER: "returned_to_sender",
    TrackingStatus.CANCELLED: "canceled",
}

POINTS: list[dict[str, Any]] = [
    {
        "name": "LOD01M",
        "type": ["parcel_locker"],
        "location": {"latitude": 51.76551, "longitude": 19.45702},
        "location_description": "Przy sklepie Żabka",
        "opening_hours": "24/7",
        "address_details": {
            "city": "Łódź",
            "province": "łódzkie",
            "post_code": "90-004",
            "street": "Piotrkowska",
            "building_number": "104",
        },
        "functions": ["parcel_collect", "parcel_send"],
    },
    {
        "name": "LOD104M",
        "type": ["parcel_locker"],
        "location": {"latitude": 51.75930, "longitude": 19.45810},
        "location_description": "Stacja paliw Orlen",
        "opening_hours": "24/7",
        "address_details": {
            "city": "Łódź",
            "province": "łódzkie",
            "post_code": "90-368",
            "street": "Piotrkowska",
            "building_number": "182",
        },
        "functions": ["parcel_collect", "parcel_send"],
    },
    {
        "name": "POP-LOD12",
        "type": ["pop"],
        "location": {"latitude": 51.77690, "longitude": 19.45480},
        "location_description": "Kiosk Ruch",
        "opening_hours": "pn-pt 7-19, sb 8-14",
        "address_details": {
            "city": "Łódź",
            "province": "łódzkie",
            "post_code": "91-404",
            "street": "Północna",
            "building_number": "7",
        },
        "functions": ["parcel_collect", "parcel_send"],
    },
    {
        "name": "LOD77A",
        "type": ["parcel_locker"],
        "location": {"latitude": 51.74730, "longitude": 19.62080},
        "location_description": "Osiedle Widzew",
        "opening_hours": "24/7",
        "address_details": {
            "city": "Łódź",
            "province": "łódzkie",
            "post_code": "92-213",
            "street": "Rokicińska",
            "building_number": "164",
        },
        "functions": ["parcel_collect"],  # collect-only: no sending from here
    },
    {
        "name": "WAW22M",
        "type": ["parcel_locker"],
        "location": {"latitude": 52.17120, "longitude": 20.97310},
        "location_description": "Przy wejściu do biurowca",
        "opening_hours": "24/7",
        "address_details": {
            "city": "Warszawa",
            "province": "mazowieckie",
            "post_code": "00-906",
            "street": "Żwirki i Wigury",
            "building_number": "16",
        },
        "functions": ["parcel_collect", "parcel_send"],
    },
    {
        "name": "KRA01M",
        "type": ["parcel_locker"],
        "location": {"latitude": 50.06143, "longitude": 19.93658},
        "location_description": "Galeria Krakowska",
        "opening_hours": "24/7",
        "address_details": {
            "city": "Kraków",
            "province": "małopolskie",
            "post_code": "31-154",
            "street": "Pawia",
            "building_number": "5",
        },
        "functions": ["parcel_collect", "parcel_send"],
    },
]
# Centroids the stub uses for `relative_post_code` (ShipX geocodes the code).
POST_CODES = {
    "90-004": (51.7660, 19.4570),
    "00-906": (52.1710, 20.9730),
    "31-154": (50.0610, 19.9370),
}
SERVICES = {"inpost_locker_standard", "inpost_courier_standard", "inpost_courier_c2c"}
SENDING_METHODS = {"parcel_locker", "pok", "pop", "courier_pok", "branch", "dispatch_order"}


def _error(status: int, error: str, message: str, details: Any = None) -> StubResponse:
    return StubResponse.json(
        {"status": status, "error": error, "message": message, "details": details or {}}, status
    )


class InPostStub(StubServer):
    """ShipX on 127.0.0.1. `shipments` maps ShipX id → the stored shipment."""

    def __init__(self) -> None:
        self._fresh_state()
        super().__init__()

    def _fresh_state(self) -> None:
        self.organization_id = "31337"
        self.credentials = {
            "organization_id": self.organization_id,
            "client_id": "saleor-returns",
            "client_secret": secrets.token_hex(8),
        }
        # An organisation's static ShipX token (the alternative to client credentials).
        self.api_token = secrets.token_hex(16)
        self.shipments: dict[int, dict[str, Any]] = {}
        self.dispatch_orders: dict[int, dict[str, Any]] = {}
        self.points = [dict(point) for point in POINTS]
        self.confirm_on_read = True  # False keeps shipments `created` (still being bought)
        self._tokens: dict[str, bool] = {}  # token → still valid
        self._ids = itertools.count(1001)
        self._clock = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
        # Quick Returns: the Parcel Manager login, and code → the issued return code.
        self.returns_credentials = {
            "returns_login": "zwroty@sklep.example",
            "returns_password": secrets.token_hex(8),
        }
        self.return_codes: dict[str, dict[str, Any]] = {}
        self._codes = itertools.count(4_100_000_001)

    # --- test API -------------------------------------------------------------------

    def reset(self) -> None:
        """Forget everything (shipments, tokens, requests, faults) but keep serving: a stub
        shared by many tests costs one server start instead of one per test."""
        with self._lock:
            self.requests.clear()
            self._faults.clear()
            self._fresh_state()

    def config(self, **options: str) -> AccountConfig:
        return AccountConfig(
            credentials=self.credentials, base_url=self.url, test_mode=True, options=options
        )

    def quick_returns_config(self, **options: str) -> AccountConfig:
        """An account with Quick Returns switched on (LOCKER returns get return codes)."""
        return AccountConfig(
            credentials={**self.credentials, **self.returns_credentials},
            base_url=self.url,
            test_mode=True,
            options=options,
        )

    def drop_off(self, code: str, point: str = "LOD01M") -> str:
        """The shopper entered `code` at Paczkomat `point` and put the parcel in: the code is
        used and the parcel gets a tracking number (answered by /v1/tracking too)."""
        with self._lock:
            entry = self.return_codes[code]
            shipment_id = next(self._ids)
            number = f"6{shipment_id:023d}"
            entry.update(used=True, packCode=number, usedDate=self._tick())
            shipment = {
                "id": shipment_id,
                "status": "created",
                "tracking_number": number,
                "service": "inpost_locker_standard",
                "reference": entry["returnDescription1"],
                "external_customer_id": None,
                "custom_attributes": {"sending_method": "parcel_locker", "dropoff_point": point},
                "parcels": [{"template": entry["packType"]}],
                "created_at": entry["createdDate"],
                "tracking_details": [],
            }
            self.shipments[shipment_id] = shipment
            self._event(shipment, "dispatched_by_sender")
            entry["status"] = "dispatched_by_sender"
            return number

    def rotate_returns_password(self) -> None:
        self.returns_credentials = {**self.returns_credentials, "returns_password": "rotated"}

    def expire_tokens(self) -> None:
        with self._lock:
            self._tokens = dict.fromkeys(self._tokens, False)

    def scan(self, tracking_number: str, status: TrackingStatus) -> None:
        with self._lock:
            self._event(self._by_tracking(tracking_number), SCAN_CODES[status])

    def rotate_client_secret(self) -> None:
        """The merchant rotated the secret: the one drivers hold is refused from now on."""
        self.credentials = {**self.credentials, "client_secret": secrets.token_hex(8)}

    def mark_picked_up(self, tracking_number: str) -> None:
        self.scan(tracking_number, TrackingStatus.PICKED_UP)

    def by_reference(self, idempotency_key: str) -> list[dict[str, Any]]:
        return [s for s in self.shipments.values() if s["external_customer_id"] == idempotency_key]

    # --- internals ------------------------------------------------------------------

    def _tick(self) -> str:
        self._clock += timedelta(minutes=37)
        return self._clock.isoformat(timespec="milliseconds")

    def _by_tracking(self, tracking_number: str) -> dict[str, Any]:
        return next(s for s in self.shipments.values() if s["tracking_number"] == tracking_number)

    def _event(self, shipment: dict[str, Any], code: str) -> None:
        shipment["status"] = code
        shipment["tracking_details"].insert(  # ShipX lists the newest first
            0,
            {
                "status": code,
                "origin_status": code.upper()[:3],
                "agency": None,
                "datetime": self._tick(),
            },
        )

    def _confirm(self, shipment: dict[str, Any]) -> None:
        if self.confirm_on_read and shipment["status"] == "created":
            shipment["tracking_number"] = f"6{shipment['id']:023d}"
            shipment["selected_offer"] = {"id": shipment["id"], "rate": "12.99", "currency": "PLN"}
            self._event(shipment, "confirmed")

    def _authorized(self, request: StubRequest) -> StubResponse | None:
        header = request.header("Authorization")
        token = header.removeprefix("Bearer ")
        if header.startswith("Bearer ") and (token == self.api_token or self._tokens.get(token)):
            return None
        return _error(401, "token_invalid", "Token is missing or invalid.")

    def _view(self, shipment: dict[str, Any]) -> dict[str, Any]:
        view = {k: v for k, v in shipment.items() if k != "tracking_details"}
        view["href"] = f"{self.url}/v1/shipments/{shipment['id']}"
        return view

    # --- routes ---------------------------------------------------------------------

    def routes(self) -> None:
        self.add("POST", TOKEN_PATH, self._token)
        self.add("POST", r"/", self._quick_returns)
        self.add("GET", r"/v1/organizations/(?P<org>[^/]+)", self._organization)
        self.add("POST", r"/v1/organizations/(?P<org>[^/]+)/shipments", self._create)
        self.add("GET", r"/v1/organizations/(?P<org>[^/]+)/shipments", self._list)
        self.add("GET", r"/v1/shipments/(?P<id>\d+)", self._read)
        self.add("DELETE", r"/v1/shipments/(?P<id>\d+)", self._cancel)
        self.add("GET", r"/v1/shipments/(?P<id>\d+)/label", self._label)
        self.add("GET", r"/v1/tracking/(?P<number>[^/]+)", self._tracking)
        self.add("GET", r"/v1/points", self._points)
        self.add("POST", r"/v1/organizations/(?P<org>[^/]+)/dispatch_orders", self._dispatch)
        self.add("DELETE", r"/v1/dispatch_orders/(?P<id>\d+)", self._dispatch_cancel)

    def _token(self, request: StubRequest, match: Any) -> StubResponse:
        form = request.form()
        if form.get("grant_type") != "client_credentials" or (
            form.get("client_id"),
            form.get("client_secret"),
        ) != (self.credentials["client_id"], self.credentials["client_secret"]):
            return StubResponse.json(
                {
                    "error": "unauthorized_client",
                    "error_description": "Invalid client or Invalid client credentials",
                },
                401,
            )
        token = secrets.token_hex(16)
        self._tokens[token] = True
        return StubResponse.json(
            {"access_token": token, "expires_in": 300, "token_type": "Bearer", "scope": "api"}
        )

    def _org_guard(self, request: StubRequest, org: str) -> StubResponse | None:
        refused = self._authorized(request)
        if refused is not None:
            return refused
        if org != self.organization_id:
            return _error(403, "access_forbidden", "You are not a member of this organization.")
        return None

    def _organization(self, request: StubRequest, match: Any) -> StubResponse:
        refused = self._org_guard(request, match["org"])
        return refused or StubResponse.json(
            {"id": int(self.organization_id), "name": "Sklep Sp. z o.o.", "status": "confirmed"}
        )

    def _create(self, request: StubRequest, match: Any) -> StubResponse:
        refused = self._org_guard(request, match["org"])
        if refused is not None:
            return refused
        body = request.json()
        details: dict[str, Any] = {}
        attributes = body.get("custom_attributes") or {}
        method = attributes.get("sending_method", "")
        if body.get("service") not in SERVICES:
            details["service"] = ["invalid"]
        if method and method not in SENDING_METHODS:
            details.setdefault("custom_attributes", {})["sending_method"] = ["invalid"]
        if method in {"parcel_locker", "pok", "courier_pok"}:
            point = attributes.get("dropoff_point", "")
            if not any(p["name"] == point for p in self.points):
                details.setdefault("custom_attributes", {})["dropoff_point"] = ["does_not_exist"]
        if str(body.get("service", "")).startswith("inpost_locker") and not attributes.get(
            "target_point"
        ):
            details.setdefault("custom_attributes", {})["target_point"] = ["required"]
        for party in ("sender", "receiver"):
            phone = (body.get(party) or {}).get("phone", "")
            if not (len(phone) == 9 and phone.isdigit()):
                details.setdefault(party, {})["phone"] = ["invalid"]
        if not body.get("parcels"):
            details["parcels"] = ["required"]
        if details:
            return _error(400, "validation_failed", "There are some validation errors.", details)
        shipment_id = next(self._ids)
        shipment = {
            "id": shipment_id,
            "status": "created",
            "tracking_number": None,
            "service": body["service"],
            "reference": body.get("reference"),
            "external_customer_id": body.get("external_customer_id"),
            "custom_attributes": attributes,
            "sender": body.get("sender"),
            "receiver": body.get("receiver"),
            "parcels": body["parcels"],
            "insurance": body.get("insurance"),
            "comments": body.get("comments"),
            "selected_offer": None,
            "offers": [],
            "created_at": self._tick(),
            "tracking_details": [],
        }
        self.shipments[shipment_id] = shipment
        return StubResponse.json(self._view(shipment), 201)

    def _list(self, request: StubRequest, match: Any) -> StubResponse:
        refused = self._org_guard(request, match["org"])
        if refused is not None:
            return refused
        items = sorted(self.shipments.values(), key=lambda s: -s["id"])
        for name in ("external_customer_id", "tracking_number", "status"):
            wanted = request.arg(name)
            if wanted:
                items = [s for s in items if str(s[name]) in wanted.split(",")]
        views = [self._view(s) for s in items]
        return StubResponse.json(
            {
                "href": f"{self.url}{request.path}",
                "count": len(views),
                "page": 1,
                "per_page": 25,
                "items": views,
            }
        )

    def _shipment(self, request: StubRequest, shipment_id: str) -> dict[str, Any] | StubResponse:
        refused = self._authorized(request)
        if refused is not None:
            return refused
        shipment = self.shipments.get(int(shipment_id))
        if shipment is None:
            return _error(404, "resource_not_found", "Resource not found.")
        return shipment

    def _read(self, request: StubRequest, match: Any) -> StubResponse:
        shipment = self._shipment(request, match["id"])
        if isinstance(shipment, StubResponse):
            return shipment
        self._confirm(shipment)
        return StubResponse.json(self._view(shipment))

    def _cancel(self, request: StubRequest, match: Any) -> StubResponse:
        shipment = self._shipment(request, match["id"])
        if isinstance(shipment, StubResponse):
            return shipment
        if shipment["status"] not in {"created", "offers_prepared"}:
            return _error(400, "invalid_action", "Action is not allowed for this shipment status.")
        self._event(shipment, "canceled")
        return StubResponse(status=204)

    def _label(self, request: StubRequest, match: Any) -> StubResponse:
        shipment = self._shipment(request, match["id"])
        if isinstance(shipment, StubResponse):
            return shipment
        if shipment["status"] in {"created", "offers_prepared", "canceled"}:
            return _error(400, "invalid_action", "Shipment is not confirmed.")
        number = shipment["tracking_number"]
        label_format = request.arg("format", "Pdf").lower()
        if label_format == "zpl":
            return StubResponse(
                body=f"^XA^FO40,40^BCN,120^FD{number}^FS^XZ".encode(), content_type="text/zpl"
            )
        if label_format == "epl":
            return StubResponse(
                body=f'N\nB40,40,0,1,2,4,120,B,"{number}"\nP1\n'.encode(), content_type="text/epl"
            )
        if label_format != "pdf":
            return _error(400, "validation_failed", "Invalid format.", {"format": ["invalid"]})
        box = "0 0 298 420" if request.arg("type", "normal") == "A6" else "0 0 595 842"
        pdf = f"%PDF-1.4\n1 0 obj << /Type /Page /MediaBox [{box}] >> endobj\n% {number}\n%%EOF\n"
        return StubResponse(body=pdf.encode(), content_type="application/pdf")

    def _tracking(self, request: StubRequest, match: Any) -> StubResponse:
        shipment = next(
            (s for s in self.shipments.values() if s["tracking_number"] == match["number"]), None
        )
        if shipment is None:
            return _error(404, "resource_not_found", "Resource not found.")
        return StubResponse.json(
            {
                "tracking_number": shipment["tracking_number"],
                "service": shipment["service"],
                "type": shipment["service"],
                "status": shipment["status"],
                "custom_attributes": shipment["custom_attributes"],
                "tracking_details": shipment["tracking_details"],
                "expected_flow": [],
                "created_at": shipment["created_at"],
                "updated_at": self._clock.isoformat(timespec="milliseconds"),
            }
        )

    def _points(self, request: StubRequest, match: Any) -> StubResponse:
        kinds = set(request.arg("type", "parcel_locker").split(","))
        items = [p for p in self.points if kinds & set(p["type"])]
        if request.arg("city"):
            items = [
                p
                for p in items
                if p["address_details"]["city"].lower() == request.arg("city").lower()
            ]
        origin: tuple[float, float] | None = None
        if request.arg("relative_point"):
            lat, lng = request.arg("relative_point").split(",")
            origin = (float(lat), float(lng))
        elif request.arg("relative_post_code"):
            origin = POST_CODES.get(request.arg("relative_post_code"))
            if origin is None:
                return StubResponse.json({"count": 0, "page": 1, "per_page": 25, "items": []})
        views = []
        for point in items:
            view = dict(point)
            if origin is not None:
                where = (point["location"]["latitude"], point["location"]["longitude"])
                view["distance"] = round(distance_km(*origin, *where) * 1000)
            views.append(view)
        if origin is not None:
            views.sort(key=lambda p: p["distance"])
        per_page = int(request.arg("per_page", "25"))
        return StubResponse.json(
            {"count": len(views), "page": 1, "per_page": per_page, "items": views[:per_page]}
        )

    def _dispatch(self, request: StubRequest, match: Any) -> StubResponse:
        refused = self._org_guard(request, match["org"])
        if refused is not None:
            return refused
        body = request.json()
        ids = body.get("shipments") or []
        if not ids or any(
            self.shipments.get(i, {}).get("status") in (None, "created", "offers_prepared")
            for i in ids
        ):
            return _error(400, "invalid_action", "Shipments must be confirmed.")
        order_id = next(self._ids)
        self.dispatch_orders[order_id] = {"id": order_id, "status": "new", **body}
        return StubResponse.json(self.dispatch_orders[order_id], 201)

    def _dispatch_cancel(self, request: StubRequest, match: Any) -> StubResponse:
        refused = self._authorized(request)
        if refused is not None:
            return refused
        order = self.dispatch_orders.get(int(match["id"]))
        if order is None:
            return _error(404, "resource_not_found", "Resource not found.")
        if order["status"] != "new":
            return _error(400, "invalid_action", "Dispatch order already handled.")
        order["status"] = "canceled"
        return StubResponse(status=204)

    # --- Quick Returns (Szybkie Zwroty) ---------------------------------------------

    def _quick_returns(self, request: StubRequest, match: Any) -> StubResponse:
        form = request.form()
        login = self.returns_credentials
        if (form.get("email"), form.get("password")) != (
            login["returns_login"],
            login["returns_password"],
        ):
            return _xml_error("AccessDenied", "Nieprawidłowy login lub hasło.")
        try:
            content = ET.fromstring(form.get("content", ""))
        except ET.ParseError:
            return _xml_error("InvalidXml", "Niepoprawny XML.")
        handler = {
            "revloggenerateactivecode": self._generate_active_code,
            "revloggetreport": self._report,
            "revloginvalidatecode": self._invalidate_code,
        }.get(request.arg("do"))
        if handler is None:
            return _xml_error("UnknownFunction", "Nieznana funkcja.")
        return handler(content)

    def _generate_active_code(self, content: ET.Element) -> StubResponse:
        fields = {child.tag: (child.text or "").strip() for child in content}
        problems = []
        if not fields.get("rma"):
            problems.append("rma")
        if fields.get("packType") not in {"A", "B", "C"}:
            problems.append("packType")
        if not re.fullmatch(
            r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", fields.get("expirationDate", "")
        ):
            problems.append("expirationDate")
        if not re.fullmatch(r"\d{9}", fields.get("senderPhone", "")):
            problems.append("senderPhone")
        if "@" not in fields.get("senderEmail", ""):
            problems.append("senderEmail")
        if problems:
            return _xml_error("ValidationError", f"Niepoprawne pola: {', '.join(problems)}.")
        code = str(next(self._codes))
        self.return_codes[code] = {
            "code": code,
            "uuid": secrets.token_hex(16),
            "active": True,
            "used": False,
            "packCode": "",
            "status": "",
            "createdDate": self._tick(),
            "usedDate": "",
            **{name: fields.get(name, "") for name in _CODE_FIELDS},
        }
        return StubResponse.xml(
            '<?xml version="1.0" encoding="UTF-8"?><paczkomaty><return>'
            f"<code>{code}</code><active>true</active>"
            f"<uuid>{self.return_codes[code]['uuid']}</uuid><labelAttached>false</labelAttached>"
            f"<expirationDate>{escape(fields['expirationDate'])}</expirationDate>"
            "</return></paczkomaty>"
        )

    def _report(self, content: ET.Element) -> StubResponse:
        rows = sorted(self.return_codes.values(), key=lambda entry: entry["createdDate"])
        for name, key in (("rma", "rma"), ("code", "code"), ("packCode", "packCode")):
            wanted = (content.findtext(name) or "").strip()
            if wanted:
                rows = [entry for entry in rows if entry[key] == wanted]
        body = "".join(
            f"<{index}>"
            f"<operatorEmail>{escape(self.returns_credentials['returns_login'])}</operatorEmail>"
            f"<reverseReturnPackCode>{entry['packCode']}</reverseReturnPackCode>"
            f"<code>{entry['code']}</code><rma>{escape(entry['rma'])}</rma>"
            f"<active>{str(entry['active']).lower()}</active>"
            f"<used>{str(entry['used']).lower()}</used>"
            f"<usedDate>{entry['usedDate']}</usedDate><createdDate>{entry['createdDate']}</createdDate>"
            f"<senderPhone>{entry['senderPhone']}</senderPhone>"
            f"<senderEmail>{escape(entry['senderEmail'])}</senderEmail>"
            f"<reverseReturnPackStatus>{entry['status']}</reverseReturnPackStatus>"
            f"<returnDescription1>{escape(entry['returnDescription1'])}</returnDescription1>"
            f"</{index}>"
            for index, entry in enumerate(rows)
        )
        return StubResponse.xml(
            f'<?xml version="1.0" encoding="UTF-8"?>'
            f"<paczkomaty><return>{body}</return></paczkomaty>"
        )

    def _invalidate_code(self, content: ET.Element) -> StubResponse:
        entry = self.return_codes.get((content.findtext("code") or "").strip())
        if entry is None:
            return _xml_error("CodeNotFound", "Nie znaleziono kodu.")
        if entry["active"]:
            return _xml_error("CodeIsActive", "Aktywnego kodu nie można wyłączyć.")
        return StubResponse.xml("<paczkomaty><valid>false</valid></paczkomaty>")


_CODE_FIELDS = (
    "rma",
    "packType",
    "expirationDate",
    "senderPhone",
    "senderEmail",
    "returnDescription1",
)


def _xml_error(key: str, message: str) -> StubResponse:
    """Quick Returns errors: HTTP 200 with an `<error key=...>` document."""
    return StubResponse.xml(
        f'<?xml version="1.0" encoding="UTF-8"?><paczkomaty><error key="{key}">'
        f"{escape(message)}</error></paczkomaty>"
    )
