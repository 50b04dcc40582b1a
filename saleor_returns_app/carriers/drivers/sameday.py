"""Sameday (Romania, with Hungary and Bulgaria): returns as AWBs collected from the shopper.

The contract follows Sameday's official PHP SDK (github.com/sameday-courier/php-sdk, v2.4):
token auth on `POST /api/authenticate`, form-encoded `POST /api/awb` with a third-party
pickup (the courier collects from the shopper) or `lockerFirstMile` (the shopper drops the
parcel in an easybox), PDF labels from `/api/awb/download/{awb}/{A4|A6}`, per-AWB status
history, the easybox list and the account's pickup points and services.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

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

LIVE_URL = "https://api.sameday.ro"
DEMO_URL = "https://sameday-api.demo.zitec.com"

# Sameday's `statusId` values, as seen in the SDK's fixtures and in real API answers.
# Only codes whose meaning was confirmed are listed; anything else is IN_TRANSIT. Cancelled
# AWBs and parcels on their way back to the shopper are flagged in the answer itself
# (`expeditionSummary.canceled`, `parcelsStatus[].inReturn`), not by a code we know.
STATUS_MAP: dict[int, TrackingStatus] = {
    1: TrackingStatus.CREATED,  # "AWB Emis": transport document issued
    4: TrackingStatus.PICKED_UP,  # "Ridicata de la client": collected from the sender
    5: TrackingStatus.IN_TRANSIT,  # "In traversare granita": crossing a border
    7: TrackingStatus.IN_TRANSIT,  # "Iesire din agentie": left the local agency
    37: TrackingStatus.IN_TRANSIT,  # "Sortare pentru consolidare"
    56: TrackingStatus.IN_TRANSIT,  # "Iesire din hub": left a hub
    84: TrackingStatus.IN_TRANSIT,  # "Intrare sorter": central depot, awaiting sorting
    85: TrackingStatus.IN_TRANSIT,  # "Iesire sorter": sorted at the central depot
    33: TrackingStatus.OUT_FOR_DELIVERY,  # "In livrare la curier"
    9: TrackingStatus.DELIVERED,  # "Livrata cu succes"
}

_LABEL_SIZES = {LabelFormat.PDF_A6: "A6", LabelFormat.PDF_A4: "A4"}
_COUNTRY_NAMES = {"RO": "romania", "HU": "hungary", "BG": "bulgaria"}
_PAGE_SIZE = 500
_PERSON_INDIVIDUAL, _PERSON_COMPANY = "0", "1"
_PACKAGE_PARCEL = "0"
_PAYMENT_BY_CLIENT = "1"  # the account (the merchant) pays, never the shopper


def status_for(status_id: int) -> TrackingStatus:
    """The normalised status of a Sameday `statusId`."""
    return STATUS_MAP.get(status_id, TrackingStatus.IN_TRANSIT)


def _parse_date(value: str) -> datetime:
    # Sameday writes offsets without a colon ("2019-02-26T09:37:28+0200").
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")


def _error_message(body: Any) -> str:
    """Staff-readable text from Sameday's error answer: its message plus each field error
    found in the (Symfony-form) `errors.children` tree, e.g. "thirdParty.city: Invalid city."
    """
    if not isinstance(body, dict):
        return "Sameday refused the request."
    problems: list[str] = []

    def walk(node: Any, path: list[str]) -> None:
        if not isinstance(node, dict):
            return
        errors = node.get("errors")
        if isinstance(errors, list) and errors:
            problems.append(f"{'.'.join(path) or 'request'}: {' '.join(map(str, errors))}")
        elif isinstance(errors, dict):
            walk(errors, path)
        for name, child in (node.get("children") or {}).items():
            walk(child, [*path, str(name)])

    walk(body, [])
    message = str(body.get("message") or "Sameday refused the request.")
    return f"{message}: {'; '.join(problems)}" if problems else message


class SamedayDriver:
    """Sameday courier (sameday.ro).

    Credentials (`config.credentials`): `username`, `password` — the API user Sameday
    issues for the account (demo users work against the demo host with `test_mode`).

    Options (`config.options`, all optional): `pickup_point_id` and `contact_person_id`
    (the account's pickup point the AWB is billed from; default: the account's default
    pickup point and contact), `service_id` (default: the account's default service),
    `account_currency` (currency of `awbCost`, default RON).

    `find_shipment` cannot work at Sameday: the API stores our idempotency key as
    `clientInternalReference` but offers no call that lists or searches AWBs by it (the
    SDK has only per-AWB lookups and a time-window status feed without references), so it
    raises `NotSupported` and callers must not re-book blindly after a crash.
    """

    code = "sameday"
    name = "Sameday"
    capabilities = Capabilities(
        modes=frozenset({ReturnMode.PICKUP, ReturnMode.LOCKER}),
        label_formats=frozenset({LabelFormat.PDF_A6, LabelFormat.PDF_A4}),
        countries=frozenset({"RO", "HU", "BG"}),
        live_rates=True,
        async_booking=False,
        cancel_window=CancelWindow.BEFORE_PICKUP,
        label_less=False,
        pushes_tracking=False,
        tracking_batch_size=20,
    )

    def __init__(self, config: AccountConfig) -> None:
        self.config = config
        self.base_url = (config.base_url or (DEMO_URL if config.test_mode else LIVE_URL)).rstrip(
            "/"
        )
        self.session = new_session()
        self._token: str | None = None
        self._pickup_point: tuple[str, str] | None = None
        self._default_service: str | None = None

    # --- HTTP and auth -----------------------------------------------------------------

    def _authenticate(self) -> str:
        username = self.config.credentials.get("username", "")
        password = self.config.credentials.get("password", "")
        if not username or not password:
            raise CarrierAuthError("Sameday username and password are not set.")
        response = send(
            self.session,
            "POST",
            f"{self.base_url}/api/authenticate",
            headers={"X-Auth-Username": username, "X-Auth-Password": password},
            data={"remember_me": "1"},
        )
        if response.status_code in (400, 401, 403):
            raise CarrierAuthError(
                "Sameday refused the username or password.",
                carrier_code=str(response.status_code),
            )
        token = self._json(response).get("token") if response.ok else None
        if not token:
            raise CarrierUnavailable(
                f"Sameday login answered HTTP {response.status_code} without a token.",
                carrier_code=str(response.status_code),
            )
        self._token = str(token)
        return self._token

    def _call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """One authenticated call. Sameday answers 401 (or 403) to an expired or revoked
        token; like the SDK we log in again once and repeat the call."""
        response = self._send_with_token(method, path, **kwargs)
        if response.status_code in (401, 403):
            self._token = None
            response = self._send_with_token(method, path, **kwargs)
            if response.status_code in (401, 403):
                self._token = None
                raise CarrierAuthError(
                    "Sameday refused the account's token after a fresh login.",
                    carrier_code=str(response.status_code),
                )
        return response

    def _send_with_token(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        token = self._token or self._authenticate()
        return send(
            self.session,
            method,
            f"{self.base_url}{path}",
            headers={"X-AUTH-TOKEN": token},
            **kwargs,
        )

    @staticmethod
    def _json(response: requests.Response) -> Any:
        try:
            return response.json()
        except ValueError as exc:
            raise CarrierUnavailable(
                f"Sameday answered HTTP {response.status_code} with a body that is not JSON."
            ) from exc

    def _check(self, response: requests.Response, not_found: str) -> None:
        if response.ok:
            return
        if response.status_code == 404:
            raise ShipmentNotFound(not_found, carrier_code="404")
        body = None
        if "json" in response.headers.get("Content-Type", ""):
            body = self._json(response)
        code = str(body.get("code", response.status_code)) if isinstance(body, dict) else ""
        raise CarrierRejected(_error_message(body), carrier_code=code or str(response.status_code))

    def _paged(self, path: str) -> Iterator[dict[str, Any]]:
        page, pages = 1, 1
        while page <= pages:
            response = self._call("GET", path, params={"page": page, "countPerPage": _PAGE_SIZE})
            self._check(response, f"Sameday has no {path}.")
            body = self._json(response)
            yield from body.get("data") or []
            pages = int(body.get("pages") or 1)
            page += 1

    # --- account settings ----------------------------------------------------------------

    def _pickup_point_and_contact(self) -> tuple[str, str]:
        options = self.config.options
        if self._pickup_point is None:
            if options.get("pickup_point_id") and options.get("contact_person_id"):
                self._pickup_point = (options["pickup_point_id"], options["contact_person_id"])
            else:
                self._pickup_point = self._default_pickup_point()
        return self._pickup_point

    def _default_pickup_point(self) -> tuple[str, str]:
        points = list(self._paged("/api/client/pickup-points"))
        point = next((p for p in points if p.get("defaultPickupPoint")), None)
        point = point or (points[0] if points else None)
        if point is None:
            raise CarrierRejected("The Sameday account has no pickup point.")
        contacts = point.get("pickupPointContactPerson") or []
        contact = next((c for c in contacts if c.get("defaultContactPerson")), None)
        contact = contact or (contacts[0] if contacts else {})
        return str(point["id"]), str(contact.get("id", ""))

    def _service(self, request: ShipmentRequest) -> str:
        if request.service:
            return request.service
        if self.config.options.get("service_id"):
            return self.config.options["service_id"]
        if self._default_service is None:
            services = list(self._paged("/api/client/services"))
            chosen = next((s for s in services if s.get("defaultServices")), None)
            chosen = chosen or (services[0] if services else None)
            if chosen is None:
                raise CarrierRejected("The Sameday account has no service enabled.")
            self._default_service = str(chosen["id"])
        return self._default_service

    # --- booking ------------------------------------------------------------------------

    @staticmethod
    def _entity(prefix: str, address: Address) -> list[tuple[str, str]]:
        street = ", ".join(line for line in address.street_lines if line)
        fields = [
            ("name", address.name),
            ("phoneNumber", address.phone),
            ("address", street),
            ("cityString", address.city),
            ("countyString", address.county or address.city),
            ("postalCode", address.postal_code),
            ("personType", _PERSON_COMPANY if address.company else _PERSON_INDIVIDUAL),
        ]
        if address.company:
            fields.append(("companyName", address.company))
        # Only the recipient entity has an e-mail field in the SDK; Sameday's forms refuse
        # fields they do not know, so the shopper's e-mail is not sent.
        if prefix == "awbRecipient":
            fields.append(("email", address.email))
        return [(f"{prefix}[{key}]", value) for key, value in fields]

    def _awb_form(self, request: ShipmentRequest) -> list[tuple[str, str]]:
        if request.mode not in self.capabilities.modes:
            raise NotSupported(
                f"Sameday returns go by courier pickup or easybox, not {request.mode}."
            )
        if request.mode is ReturnMode.LOCKER and not request.service_point_id:
            raise CarrierRejected("Choose the easybox the shopper will drop the parcel in.")
        pickup_point, contact = self._pickup_point_and_contact()
        form = [
            ("pickupPoint", pickup_point),
            ("contactPerson", contact),
            ("packageType", _PACKAGE_PARCEL),
            ("packageNumber", str(len(request.parcels))),
            ("packageWeight", f"{request.weight_grams / 1000:.3f}"),
            ("service", self._service(request)),
            ("awbPayment", _PAYMENT_BY_CLIENT),
            ("cashOnDelivery", "0"),
            ("insuredValue", str(request.declared_value)),
            ("currency", request.currency),
            # The shopper is a "third party": the AWB is the merchant's, but the parcel
            # starts at the shopper's address (or, for lockers, with the shopper).
            ("thirdPartyPickup", "1"),
            *self._entity("thirdParty", request.sender),
            *self._entity("awbRecipient", request.recipient),
        ]
        for index, parcel in enumerate(request.parcels):
            form += [
                (f"parcels[{index}][weight]", f"{parcel.weight_grams / 1000:.3f}"),
                (f"parcels[{index}][width]", str(parcel.width_cm)),
                (f"parcels[{index}][length]", str(parcel.length_cm)),
                (f"parcels[{index}][height]", str(parcel.height_cm)),
            ]
        return form

    def _observation(self, request: ShipmentRequest) -> str:
        # The AWB has no pickup-date field, so the agreed window travels as the courier note
        # next to the RMA number (which Sameday prints on the label).
        note = f"Retur {request.reference}"
        if request.order_number:
            note += f" / comanda {request.order_number}"
        if request.mode is ReturnMode.PICKUP and request.pickup_window:
            start, end = request.pickup_window.start, request.pickup_window.end
            note += f"; ridicare {start:%d.%m.%Y %H:%M}-{end:%H:%M}"
        return note

    def quote(self, request: ShipmentRequest) -> list[Quote]:
        response = self._call("POST", "/api/awb/estimate-cost", data=self._awb_form(request))
        self._check(response, "Sameday has no price for this route.")
        body = self._json(response)
        try:
            price = Decimal(str(body["amount"]))
        except (KeyError, InvalidOperation) as exc:
            raise CarrierUnavailable("Sameday's estimate came without an amount.") from exc
        return [
            Quote(
                service=self._service(request),
                price=price,
                currency=str(body.get("currency") or ""),
                mode=request.mode,
            )
        ]

    def create_return_shipment(self, request: ShipmentRequest) -> Booking:
        form = self._awb_form(request)
        form += [
            ("observation", self._observation(request)),
            ("clientInternalReference", request.idempotency_key),
        ]
        if request.mode is ReturnMode.LOCKER:
            form.append(("lockerFirstMile", request.service_point_id))
        response = self._call("POST", "/api/awb", data=form)
        self._check(response, "Sameday does not know an account resource in this request.")
        body = self._json(response)
        awb = str(body.get("awbNumber") or "") if isinstance(body, dict) else ""
        if not awb:
            # The AWB may exist anyway; Sameday cannot be searched by our key, so staff
            # must look in the Sameday portal rather than us booking again.
            raise CarrierRejected(
                "Sameday accepted the request but sent no AWB number; check the Sameday "
                "portal before booking again."
            )
        cost = body.get("awbCost")
        return Booking(
            shipment_id=awb,
            tracking_number=awb,
            service=self._service(request),
            price=Decimal(str(cost)) if cost is not None else None,
            currency=self.config.options.get("account_currency", "RON") if cost is not None else "",
        )

    def find_shipment(self, request: ShipmentRequest) -> Booking | None:
        raise NotSupported(
            "Sameday cannot look up an AWB by our reference; check the Sameday portal for "
            f"client reference {request.idempotency_key} before booking again."
        )

    def get_booking(self, shipment_id: str) -> Booking:
        self._status(shipment_id)
        return Booking(shipment_id=shipment_id, tracking_number=shipment_id)

    # --- labels and documents -----------------------------------------------------------

    def get_label(self, booking: Booking, label_format: LabelFormat) -> Label:
        size = _LABEL_SIZES.get(label_format)
        if size is None:
            raise NotSupported(f"Sameday labels come as A6 or A4 PDF, not {label_format}.")
        response = self._call("GET", f"/api/awb/download/{booking.tracking_number}/{size}")
        self._check(response, f"Sameday has no AWB {booking.tracking_number}.")
        if not response.content.startswith(b"%PDF"):
            raise CarrierUnavailable("Sameday's label download was not a PDF.")
        return Label(response.content, label_format)

    def get_documents(self, booking: Booking) -> list[Document]:
        return []

    # --- pickups and cancel -------------------------------------------------------------

    def schedule_pickup(
        self, booking: Booking, window: PickupWindow, address: Address
    ) -> PickupConfirmation:
        raise NotSupported(
            "Sameday collects from the shopper as part of the AWB (third-party pickup); "
            "there is no separate pickup order."
        )

    def cancel_pickup(self, pickup_id: str) -> None:
        raise NotSupported("Sameday pickups are cancelled by cancelling the AWB.")

    def cancel(self, booking: Booking) -> None:
        response = self._call("DELETE", f"/api/awb/{booking.tracking_number}")
        if response.status_code == 400:
            body = self._json(response) if response.content else None
            raise NotCancellable(_error_message(body), carrier_code="400")
        self._check(response, f"Sameday has no AWB {booking.tracking_number}.")

    # --- tracking -------------------------------------------------------------------------

    def _status(self, awb: str) -> dict[str, Any]:
        response = self._call("GET", f"/api/client/awb/{awb}/status")
        self._check(response, f"Sameday has no AWB {awb}.")
        return self._json(response)

    def track(self, tracking_numbers: Sequence[str]) -> dict[str, list[TrackingEvent]]:
        # Sameday answers one AWB per call, so a batch is a loop.
        result: dict[str, list[TrackingEvent]] = {}
        for awb in dict.fromkeys(tracking_numbers):
            try:
                body = self._status(awb)
            except ShipmentNotFound:
                continue
            result[awb] = self._events(awb, body)
        return result

    def _events(self, awb: str, body: Mapping[str, Any]) -> list[TrackingEvent]:
        entries = list(body.get("expeditionHistory") or [])
        current = body.get("expeditionStatus")
        if current and not any(
            e.get("statusId") == current.get("statusId")
            and e.get("statusDate") == current.get("statusDate")
            for e in entries
        ):
            entries.append(current)
        events = [
            TrackingEvent(
                tracking_number=awb,
                status=status_for(int(entry["statusId"])),
                occurred_at=_parse_date(entry["statusDate"]),
                description=str(entry.get("statusLabel") or entry.get("status") or ""),
                location=str(entry.get("transitLocation") or entry.get("county") or ""),
                carrier_code=str(entry["statusId"]),
            )
            for entry in entries
        ]
        events.sort(key=lambda event: event.occurred_at)
        last = events[-1].occurred_at if events else None
        summary = body.get("expeditionSummary") or {}
        if last and summary.get("canceled"):
            events.append(
                TrackingEvent(awb, TrackingStatus.CANCELLED, last, "AWB cancelled", "", "canceled")
            )
        elif last and any(p.get("inReturn") for p in body.get("parcelsStatus") or []):
            events.append(
                TrackingEvent(
                    awb, TrackingStatus.EXCEPTION, last, "Returning to the shopper", "", "inReturn"
                )
            )
        return events

    def parse_webhook(self, headers: Mapping[str, str], body: bytes) -> list[TrackingEvent]:
        raise NotSupported("Sameday does not push tracking events; the app polls them.")

    # --- lockers ------------------------------------------------------------------------

    def search_service_points(self, query: ServicePointQuery) -> list[ServicePoint]:
        # Sameday's locker list takes no location filter: fetch it and filter here.
        country = _COUNTRY_NAMES.get(query.country_code.upper())
        city = fold(query.city)
        area = query.postal_code.replace(" ", "")[:3]
        points: list[ServicePoint] = []
        for locker in self._paged("/api/client/lockers"):
            if locker.get("clientVisible") == 0:
                continue
            if country and locker.get("country") and fold(str(locker["country"])) != country:
                continue
            if city and city not in {
                fold(str(locker.get("city") or "")),
                fold(str(locker.get("county") or "")),
            }:
                continue
            postal = str(locker.get("postalCode") or "")
            if area and not postal.startswith(area):
                continue
            points.append(self._point(locker, query.country_code.upper()))
        if query.latitude is not None and query.longitude is not None:
            lat, lng = query.latitude, query.longitude
            points.sort(
                key=lambda p: (
                    distance_km(lat, lng, p.latitude, p.longitude)
                    if p.latitude is not None and p.longitude is not None
                    else math.inf
                )
            )
        elif query.postal_code:
            points.sort(key=lambda p: p.postal_code != query.postal_code.replace(" ", ""))
        return points[: query.limit]

    @staticmethod
    def _point(locker: Mapping[str, Any], country_code: str) -> ServicePoint:
        days = {1: "Mo", 2: "Tu", 3: "We", 4: "Th", 5: "Fr", 6: "Sa", 7: "Su"}
        hours = ", ".join(
            f"{days.get(s.get('day'), s.get('day'))} {s.get('openingHour')}-{s.get('closingHour')}"
            for s in locker.get("schedule") or []
        )
        lat, lng = locker.get("lat"), locker.get("lng")
        return ServicePoint(
            id=str(locker["lockerId"]),
            kind=PointKind.LOCKER,
            name=str(locker.get("name") or ""),
            street=str(locker.get("address") or ""),
            postal_code=str(locker.get("postalCode") or ""),
            city=str(locker.get("city") or ""),
            country_code=country_code,
            latitude=float(lat) if lat is not None else None,
            longitude=float(lng) if lng is not None else None,
            opening_hours=hours,
        )

    # --- account ------------------------------------------------------------------------

    def check_credentials(self) -> None:
        self._authenticate()
