"""InPost (Poland) over the ShipX REST API: locker, service-point and courier-pickup returns.

Contract followed (InPost's ShipX documentation on dokumentacja-inpost.atlassian.net, cross-read
with the michalbiarda/shipx-php-sdk method list):

- hosts: live `https://api-shipx-pl.easypack24.net`, sandbox
  `https://sandbox-api-shipx-pl.easypack24.net`;
- `GET /v1/organizations/:id` (credential check), `POST /v1/organizations/:id/shipments`
  (create, asynchronous: `created` → `confirmed` with a tracking number),
  `GET /v1/shipments/:id`, `GET /v1/organizations/:id/shipments?external_customer_id=`
  (search), `DELETE /v1/shipments/:id` (cancel, only in `created`/`offers_prepared`, else
  `invalid_action`), `GET /v1/shipments/:id/label?format=Pdf|Zpl&type=A6|normal`,
  `GET /v1/tracking/:tracking_number` (public), `GET /v1/points` (public),
  `POST /v1/organizations/:id/dispatch_orders` + `DELETE /v1/dispatch_orders/:id` (courier
  pickup), webhooks `shipment_confirmed` / `shipment_status_changed`;
- errors: `{"status": 400, "error": "validation_failed", "message": ..., "details": {...}}`;
  some calls answer HTTP 200 with `{"status": 4xx, "key": ..., "error": ...}` instead.

Label-less locker returns use InPost "Szybkie Zwroty" (Quick Returns), a separate XML API
documented on dokumentacja-inpost.atlassian.net ("InPost Szybkie Zwroty", "Generowanie
aktywnego kodu" / "Generating active code", "Raport" / "Report", "Wyłączenie nieaktywnego
kodu"), hosts `https://api.paczkomaty.pl` and `https://sandbox-api.paczkomaty.pl`:

- every call is `POST /?do=<function>` as `application/x-www-form-urlencoded` with `email` and
  `password` (the Parcel Manager login on which the service is switched on) and `content`, an
  XML document rooted at `<paczkomaty>`; there is no token to refresh;
- `revloggenerateactivecode`: `rma` (unique, e.g. the order; we send our idempotency key),
  `packType` A/B/C, `expirationDate` (`yyyy-mm-ddThh:mm:ss`), `senderPhone` (9 digits),
  `senderEmail`, optional `returnDescription1` (printed on the label InPost attaches); without an
  `address` section the parcel goes to the account's address. The answer's `return/code` is the
  10-digit code the shopper enters at any Paczkomat (InPost also texts/e-mails it to them);
- `revloggetreport`: filters `rma` / `code` / `packCode`, `dateRange`, `paging`; each row has
  `code`, `rma`, `reverseReturnPackCode` (the 24-digit tracking number once the parcel is in a
  locker) and `reverseReturnPackStatus`;
- an active code cannot be withdrawn (`revloginvalidatecode` only disables inactive codes);
- errors come back as HTTP 200 `<paczkomaty><error key="...">message</error></paczkomaty>`
  (the Paczkomaty XML API's documented error form; InPost publishes no list of keys).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

import requests

from saleor_returns_app.carriers.base import (
    AccountConfig,
    Address,
    Booking,
    BookingState,
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
from saleor_returns_app.carriers.http import new_session, send

LIVE_URL = "https://api-shipx-pl.easypack24.net"
SANDBOX_URL = "https://sandbox-api-shipx-pl.easypack24.net"
# InPost's Keycloak (documented for the newer REST APIs); the sandbox realm's host is handed
# out with sandbox client credentials, so test accounts set the `token_url` option.
TOKEN_PATH = "/auth/realms/external/protocol/openid-connect/token"  # noqa: S105 (a path)
LIVE_TOKEN_URL = f"https://login.inpost.pl{TOKEN_PATH}"
TRACKING_PAGE = "https://inpost.pl/sledzenie-przesylek?number={}"
# Quick Returns (Szybkie Zwroty): the label-less return-code API.
RETURNS_LIVE_URL = "https://api.paczkomaty.pl"
RETURNS_SANDBOX_URL = "https://sandbox-api.paczkomaty.pl"
# Our shipment id for a return code (ShipX ids are integers, so the two never collide).
RETURN_CODE_PREFIX = "return-code:"
RETURN_CODE_SERVICE = "inpost_quick_return"
DEFAULT_CODE_DAYS = 14
# Quick Returns dates carry no offset: they are Polish local time.
POLAND = ZoneInfo("Europe/Warsaw")
DEFAULT_REPORT_DAYS = 90
# InPost does not list its error keys; keys naming the login are credential errors.
_AUTH_ERROR_WORDS = ("login", "password", "auth", "access", "permission")

# ShipX statuses (GET /v1/statuses) → our status. One table, read by the stub as well.
STATUS_MAP: Mapping[str, TrackingStatus] = {
    "created": TrackingStatus.CREATED,
    "offers_prepared": TrackingStatus.CREATED,
    "offer_selected": TrackingStatus.CREATED,
    "confirmed": TrackingStatus.CREATED,
    "dispatched_by_sender": TrackingStatus.PICKED_UP,
    "dispatched_by_sender_to_pok": TrackingStatus.PICKED_UP,
    "collected_from_sender": TrackingStatus.PICKED_UP,
    "taken_by_courier": TrackingStatus.PICKED_UP,
    "taken_by_courier_from_pok": TrackingStatus.PICKED_UP,
    "adopted_at_source_branch": TrackingStatus.IN_TRANSIT,
    "sent_from_source_branch": TrackingStatus.IN_TRANSIT,
    "adopted_at_sorting_center": TrackingStatus.IN_TRANSIT,
    "sent_from_sorting_center": TrackingStatus.IN_TRANSIT,
    "adopted_at_target_branch": TrackingStatus.IN_TRANSIT,
    "out_for_delivery": TrackingStatus.OUT_FOR_DELIVERY,
    "out_for_delivery_to_address": TrackingStatus.OUT_FOR_DELIVERY,
    "ready_to_pickup": TrackingStatus.AT_POINT,
    "ready_to_pickup_from_pok": TrackingStatus.AT_POINT,
    "ready_to_pickup_from_branch": TrackingStatus.AT_POINT,
    "pickup_reminder_sent": TrackingStatus.AT_POINT,
    "stack_in_box_machine": TrackingStatus.AT_POINT,
    "stack_in_customer_service_point": TrackingStatus.AT_POINT,
    "delivered": TrackingStatus.DELIVERED,
    "returned_to_sender": TrackingStatus.RETURNED_TO_SENDER,
    "avizo": TrackingStatus.EXCEPTION,
    "undelivered": TrackingStatus.EXCEPTION,
    "undelivered_wrong_address": TrackingStatus.EXCEPTION,
    "rejected_by_receiver": TrackingStatus.EXCEPTION,
    "pickup_time_expired": TrackingStatus.EXCEPTION,
    "missing": TrackingStatus.EXCEPTION,
    "oversized": TrackingStatus.EXCEPTION,
    "claimed": TrackingStatus.EXCEPTION,
    "canceled": TrackingStatus.CANCELLED,
}
# Codes InPost adds later are in transit unless their name says something went wrong.
_EXCEPTION_WORDS = ("undelivered", "rejected", "missing", "damaged", "expired", "lost")

_SENDING_METHODS = {
    ReturnMode.LOCKER: "parcel_locker",  # the shopper drops it in a Paczkomat
    ReturnMode.DROP_OFF: "pok",  # the shopper hands it in at a parcel service point
    ReturnMode.PICKUP: "dispatch_order",  # a courier collects it (see schedule_pickup)
}
_LABEL_PARAMS = {
    LabelFormat.PDF_A6: {"format": "Pdf", "type": "A6"},
    LabelFormat.PDF_A4: {"format": "Pdf", "type": "normal"},
    LabelFormat.ZPL: {"format": "Zpl"},
}
# ShipX lets a shipment be deleted only before it is bought.
_CANCELLABLE = frozenset({"created", "offers_prepared"})


def map_status(code: str) -> TrackingStatus:
    """The normalised status of a ShipX status code."""
    known = STATUS_MAP.get(code)
    if known is not None:
        return known
    if any(word in code for word in _EXCEPTION_WORDS):
        return TrackingStatus.EXCEPTION
    return TrackingStatus.IN_TRANSIT


def _error_of(response: requests.Response) -> tuple[str, str]:
    """(carrier code, staff-safe message) from either ShipX error shape."""
    try:
        data = response.json()
    except ValueError:
        return str(response.status_code), f"InPost answered HTTP {response.status_code}"
    if not isinstance(data, dict):
        return str(response.status_code), f"InPost answered HTTP {response.status_code}"
    if "key" in data:  # the HTTP-200 error form
        code, message = str(data.get("key") or ""), str(data.get("error") or "")
    else:
        code = str(data.get("error") or response.status_code)
        message = str(data.get("message") or data.get("error_description") or code)
    problems = _flatten_details(data.get("details"))
    if problems:
        message = f"{message} ({'; '.join(problems)})"
    return code, message


def _flatten_details(details: Any, prefix: str = "") -> list[str]:
    if isinstance(details, dict):
        found: list[str] = []
        for key, value in details.items():
            found += _flatten_details(value, f"{prefix}{key}.")
        return found
    if isinstance(details, list) and details:
        return [f"{prefix.rstrip('.')}: {', '.join(str(item) for item in details)}"]
    return []


def _is_error_200(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and "key" in data
        and "error" in data
        and data.get("status") not in (None, 200)
    )


def _phone(raw: str) -> str:
    """ShipX wants the 9-digit Polish number, without +48."""
    digits = "".join(ch for ch in raw if ch.isdigit())
    return digits[2:] if len(digits) == 11 and digits.startswith("48") else digits


def _street_and_number(address: Address) -> tuple[str, str]:
    line = address.street_lines[0] if address.street_lines else ""
    street, _, number = line.rpartition(" ")
    if street and any(ch.isdigit() for ch in number):
        return street, number
    return line, ""


def _address(address: Address) -> dict[str, str]:
    street, number = _street_and_number(address)
    return {
        "street": street,
        "building_number": number,
        "line2": " ".join(address.street_lines[1:]),
        "post_code": address.postal_code,
        "city": address.city,
        "country_code": address.country_code,
    }


def _party(address: Address) -> dict[str, Any]:
    first, _, last = address.name.partition(" ")
    return {
        "company_name": address.company,
        "first_name": first,
        "last_name": last,
        "email": address.email,
        "phone": _phone(address.phone),
        "address": _address(address),
    }


def _template(height_cm: int) -> str:
    """Locker compartment size: A 8 cm, B 19 cm, C 41 cm high."""
    if height_cm <= 8:
        return "small"
    return "medium" if height_cm <= 19 else "large"


def _parse_time(value: Any) -> datetime:
    try:
        return datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise CarrierUnavailable("InPost sent an unreadable event time") from exc


def _pack_type(height_cm: int) -> str:
    """Quick Returns sizes: A 8 cm, B 19 cm, C 41 cm high (38 x 64 cm, up to 25 kg)."""
    return {"small": "A", "medium": "B", "large": "C"}[_template(height_cm)]


def _xml_content(fields: Mapping[str, Any]) -> str:
    """A `<paczkomaty>` document; nested mappings become sections, values are escaped."""
    root = ET.Element("paczkomaty")

    def fill(parent: ET.Element, items: Mapping[str, Any]) -> None:
        for name, value in items.items():
            child = ET.SubElement(parent, name)
            if isinstance(value, Mapping):
                fill(child, value)
            else:
                child.text = str(value)

    fill(root, fields)
    return ET.tostring(root, encoding="unicode")


# InPost's documented answers list rows as <0>, <1>…: not XML names, so rename them first.
_NUMERIC_TAG = re.compile(r"<(/?)(\d+)(\s*/?)>")


def _parse_xml(body: bytes) -> ET.Element:
    text = body.decode("utf-8", errors="replace").strip()
    text = re.sub(r"^<\?xml[^>]*\?>", "", text).strip()
    text = _NUMERIC_TAG.sub(r"<\1row\3>", text)
    try:
        return ET.fromstring(text)  # noqa: S314 (InPost's own host; expat resolves no entities)
    except ET.ParseError as exc:
        raise CarrierUnavailable("InPost sent an unreadable Quick Returns answer") from exc


def _child_text(element: ET.Element, name: str) -> str:
    found = element.find(name)
    return (found.text or "").strip() if found is not None else ""


class InPostDriver:
    """InPost ShipX. Credentials (`AccountConfig.credentials`):

    - `organization_id` (required): the ShipX organisation the shipments belong to;
    - `api_token`: the organisation's long-lived ShipX token (Parcel Manager → API), or
    - `client_id` + `client_secret`: OAuth2 client credentials; the driver fetches a Bearer
      token from InPost's Keycloak and, when ShipX answers 401, fetches a new one once and
      retries. A static `api_token` cannot be refreshed: a 401 is a `CarrierAuthError` at once.

    - `returns_login` + `returns_password` (optional): the Parcel Manager login on which InPost
      switched on Quick Returns (Szybkie Zwroty). With them, LOCKER returns of one parcel get a
      label-less return code (`Booking.drop_off_code`, `has_label=False`) that the shopper
      enters at any Paczkomat; without them LOCKER returns are ShipX shipments with a label.

    Options: `token_url` (Keycloak token endpoint; required for OAuth2 on the sandbox),
    `service` (default ShipX service), `target_point` (the warehouse's own locker, when it
    receives returns at a locker: the service becomes `inpost_locker_standard`),
    `returns_url` (Quick Returns host), `return_code_days` (how long a return code stays valid,
    default 14), `report_days` (how far back `find_shipment` searches return codes, default 90).
    """

    code = "inpost"
    name = "InPost"
    capabilities = Capabilities(
        modes=frozenset({ReturnMode.LOCKER, ReturnMode.DROP_OFF, ReturnMode.PICKUP}),
        label_formats=frozenset({LabelFormat.PDF_A6, LabelFormat.PDF_A4, LabelFormat.ZPL}),
        countries=frozenset({"PL"}),
        live_rates=False,
        async_booking=True,
        # DELETE works only before the shipment is bought; a return is useful to the shopper
        # only once bought (tracking number, label), and from then on InPost refuses.
        cancel_window=CancelWindow.NEVER,
        # LOCKER returns get a Quick Returns code when the account has Quick Returns enabled.
        label_less=True,
        pushes_tracking=True,
        tracking_batch_size=50,
        # PICKUP shipments wait for a dispatch order (the courier call) once bought.
        separate_pickup=True,
    )

    def __init__(self, config: AccountConfig) -> None:
        self.config = config
        self.base_url = (config.base_url or (SANDBOX_URL if config.test_mode else LIVE_URL)).rstrip(
            "/"
        )
        self.session = new_session()
        self.organization_id = config.credentials.get("organization_id", "")
        self._token: str | None = config.credentials.get("api_token") or None
        self._oauth = bool(config.credentials.get("client_id"))
        self._returns_login = config.credentials.get("returns_login", "")
        self._returns_password = config.credentials.get("returns_password", "")

    # --- HTTP plumbing --------------------------------------------------------------

    def _token_url(self) -> str:
        if self.config.options.get("token_url"):
            return self.config.options["token_url"]
        if self.config.base_url:
            return f"{self.base_url}{TOKEN_PATH}"
        if self.config.test_mode:
            raise CarrierAuthError(
                "Set the token_url option for InPost sandbox client credentials."
            )
        return LIVE_TOKEN_URL

    def _fetch_token(self) -> str:
        response = send(
            self.session,
            "POST",
            self._token_url(),
            data={
                "grant_type": "client_credentials",
                "client_id": self.config.credentials.get("client_id", ""),
                "client_secret": self.config.credentials.get("client_secret", ""),
            },
        )
        if response.status_code != 200:
            code, message = _error_of(response)
            raise CarrierAuthError(
                f"InPost refused the client credentials: {message}", carrier_code=code
            )
        try:
            token = response.json().get("access_token")
        except ValueError as exc:
            raise CarrierUnavailable("InPost sent an unreadable token answer") from exc
        if not token:
            raise CarrierAuthError("InPost issued no access token.")
        return str(token)

    def _auth_header(self) -> dict[str, str]:
        if self._token is None:
            if not self._oauth:
                raise CarrierAuthError("InPost needs an api_token or client_id/client_secret.")
            self._token = self._fetch_token()
        return {"Authorization": f"Bearer {self._token}"}

    def _call(
        self, method: str, path: str, *, public: bool = False, **kwargs: Any
    ) -> requests.Response:
        url = f"{self.base_url}{path}"
        if public:
            return send(self.session, method, url, **kwargs)
        response = send(self.session, method, url, headers=self._auth_header(), **kwargs)
        if response.status_code == 401 and self._oauth:
            self._token = None
            response = send(self.session, method, url, headers=self._auth_header(), **kwargs)
        if response.status_code in (401, 403):
            code, message = _error_of(response)
            raise CarrierAuthError(f"InPost refused the account: {message}", carrier_code=code)
        return response

    def _fail(self, response: requests.Response) -> NoReturn:
        code, message = _error_of(response)
        if response.status_code == 404:
            raise ShipmentNotFound(message, carrier_code=code)
        raise CarrierRejected(message, carrier_code=code)

    def _json(self, response: requests.Response) -> Any:
        if response.status_code >= 400:
            self._fail(response)
        try:
            data = response.json()
        except ValueError as exc:
            raise CarrierUnavailable("InPost sent an unreadable answer") from exc
        if _is_error_200(data):
            self._fail(response)
        return data

    def _booking(self, data: Mapping[str, Any]) -> Booking:
        tracking = str(data.get("tracking_number") or "")
        offer = data.get("selected_offer") or {}
        price: Decimal | None = None
        if offer.get("rate") is not None:
            try:
                price = Decimal(str(offer["rate"]))
            except InvalidOperation:
                price = None
        return Booking(
            shipment_id=str(data["id"]),
            tracking_number=tracking,
            state=BookingState.BOOKED if tracking else BookingState.PENDING,
            tracking_url=TRACKING_PAGE.format(tracking) if tracking else "",
            service=str(data.get("service") or ""),
            price=price,
            currency=str(offer.get("currency") or "") if price is not None else "",
        )

    # --- Quick Returns (label-less return codes) -------------------------------------

    def _label_less(self, request: ShipmentRequest) -> bool:
        """Return codes cover one locker parcel; anything else is a ShipX shipment."""
        return (
            request.mode is ReturnMode.LOCKER
            and bool(self._returns_login and self._returns_password)
            and len(request.parcels) == 1
        )

    def _returns_url(self) -> str:
        if self.config.options.get("returns_url"):
            return self.config.options["returns_url"].rstrip("/")
        if self.config.base_url:
            return self.base_url
        return RETURNS_SANDBOX_URL if self.config.test_mode else RETURNS_LIVE_URL

    def _returns_call(self, function: str, fields: Mapping[str, Any]) -> ET.Element:
        response = send(
            self.session,
            "POST",
            f"{self._returns_url()}/",
            params={"do": function},
            data={
                "email": self._returns_login,
                "password": self._returns_password,
                "content": _xml_content(fields),
            },
        )
        if response.status_code in (401, 403):
            raise CarrierAuthError(
                "InPost refused the Quick Returns login.", carrier_code=str(response.status_code)
            )
        if response.status_code >= 400:
            raise CarrierRejected(
                f"InPost Quick Returns answered HTTP {response.status_code}",
                carrier_code=str(response.status_code),
            )
        root = _parse_xml(response.content)
        error = root.find("error")
        if error is not None:
            key = error.get("key") or ""
            message = (error.text or "").strip() or key or "InPost refused the return code."
            if any(word in key.lower() for word in _AUTH_ERROR_WORDS):
                raise CarrierAuthError(
                    f"InPost refused the Quick Returns login: {message}", carrier_code=key
                )
            raise CarrierRejected(message, carrier_code=key)
        return root

    def _create_return_code(self, request: ShipmentRequest) -> Booking:
        phone = _phone(request.sender.phone)
        if len(phone) != 9:
            raise CarrierRejected("InPost return codes need the shopper's 9-digit phone number.")
        if not request.sender.email:
            raise CarrierRejected("InPost return codes need the shopper's e-mail address.")
        days = int(self.config.options.get("return_code_days") or DEFAULT_CODE_DAYS)
        expires = datetime.now(POLAND) + timedelta(days=days)
        root = self._returns_call(
            "revloggenerateactivecode",
            {
                "rma": request.idempotency_key,
                "packType": _pack_type(request.parcels[0].height_cm),
                "expirationDate": f"{expires:%Y-%m-%dT%H:%M:%S}",
                "senderPhone": phone,
                "senderEmail": request.sender.email,
                "returnDescription1": request.reference,
            },
        )
        row = root.find("return")
        code = _child_text(row, "code") if row is not None else ""
        if not code:
            raise CarrierUnavailable("InPost answered without a return code.")
        return self._code_booking(row)  # type: ignore[arg-type]

    def _report(self, filters: Mapping[str, str]) -> list[ET.Element]:
        days = int(self.config.options.get("report_days") or DEFAULT_REPORT_DAYS)
        today = datetime.now(POLAND)
        root = self._returns_call(
            "revloggetreport",
            {
                **filters,
                "dateRange": {
                    "startDate": f"{today - timedelta(days=days):%Y-%m-%d}",
                    "endDate": f"{today + timedelta(days=1):%Y-%m-%d}",
                },
                "paging": {"limit": "1000", "offset": "0"},
            },
        )
        return [row for row in root.iter() if row.find("code") is not None]

    def _code_booking(self, row: ET.Element) -> Booking:
        code = _child_text(row, "code")
        tracking = _child_text(row, "reverseReturnPackCode")
        return Booking(
            shipment_id=f"{RETURN_CODE_PREFIX}{code}",
            tracking_number=tracking,
            # The code works at the locker as soon as it is issued; the tracking number
            # follows once the shopper has dropped the parcel (read it with get_booking).
            state=BookingState.BOOKED,
            tracking_url=TRACKING_PAGE.format(tracking) if tracking else "",
            drop_off_code=code,
            service=RETURN_CODE_SERVICE,
            has_label=False,
        )

    # --- the interface --------------------------------------------------------------

    def check_credentials(self) -> None:
        response = self._call("GET", f"/v1/organizations/{self.organization_id}")
        if response.status_code == 404:
            raise CarrierAuthError("InPost does not know this organization_id.")
        self._json(response)

    def quote(self, request: ShipmentRequest) -> list[Quote]:
        raise NotSupported(
            "InPost prices come from the merchant's contract (ShipX shows no rates to debit "
            "clients); there is no live quote."
        )

    def _payload(self, request: ShipmentRequest) -> dict[str, Any]:
        sending_method = _SENDING_METHODS.get(request.mode)
        if sending_method is None:
            raise NotSupported(f"InPost does not book {request.mode} returns.")
        target_point = self.config.options.get("target_point", "")
        service = (
            request.service
            or self.config.options.get("service")
            or ("inpost_locker_standard" if target_point else "inpost_courier_standard")
        )
        attributes: dict[str, str] = {"sending_method": sending_method}
        if request.mode in (ReturnMode.LOCKER, ReturnMode.DROP_OFF):
            if not request.service_point_id:
                raise CarrierRejected("Choose the InPost locker or point the parcel is dropped at.")
            attributes["dropoff_point"] = request.service_point_id
        if service.startswith("inpost_locker"):
            attributes["target_point"] = target_point
        locker = service.startswith("inpost_locker")
        return {
            "receiver": _party(request.recipient),
            "sender": _party(request.sender),
            "parcels": [
                {"template": _template(parcel.height_cm)}
                if locker
                else {
                    "dimensions": {
                        "length": parcel.length_cm * 10,
                        "width": parcel.width_cm * 10,
                        "height": parcel.height_cm * 10,
                        "unit": "mm",
                    },
                    "weight": {"amount": parcel.weight_grams / 1000, "unit": "kg"},
                }
                for parcel in request.parcels
            ],
            "insurance": {"amount": str(request.declared_value), "currency": request.currency},
            "custom_attributes": attributes,
            "service": service,
            "reference": request.reference,
            # ShipX searches by external_customer_id (not by reference): our key goes there.
            "external_customer_id": request.idempotency_key,
            "comments": request.contents,
        }

    def create_return_shipment(self, request: ShipmentRequest) -> Booking:
        if self._label_less(request):
            return self._create_return_code(request)
        response = self._call(
            "POST",
            f"/v1/organizations/{self.organization_id}/shipments",
            json=self._payload(request),
        )
        return self._booking(self._json(response))

    def find_shipment(self, request: ShipmentRequest) -> Booking | None:
        if self._label_less(request):
            for row in self._report({"rma": request.idempotency_key}):
                if _child_text(row, "rma") == request.idempotency_key:
                    return self._code_booking(row)
            return None
        response = self._call(
            "GET",
            f"/v1/organizations/{self.organization_id}/shipments",
            params={"external_customer_id": request.idempotency_key},
        )
        for item in self._json(response).get("items", []):
            # Filter here too: the search need not be an exact match.
            if item.get("external_customer_id") == request.idempotency_key and (
                item.get("status") != "canceled"
            ):
                return self._booking(item)
        return None

    def get_booking(self, shipment_id: str) -> Booking:
        if shipment_id.startswith(RETURN_CODE_PREFIX):
            code = shipment_id.removeprefix(RETURN_CODE_PREFIX)
            for row in self._report({"code": code}):
                if _child_text(row, "code") == code:
                    return self._code_booking(row)
            raise ShipmentNotFound(f"InPost knows no return code {code}.")
        return self._booking(self._json(self._call("GET", f"/v1/shipments/{shipment_id}")))

    def get_label(self, booking: Booking, label_format: LabelFormat) -> Label:
        if booking.shipment_id.startswith(RETURN_CODE_PREFIX):
            raise NotSupported(
                "InPost return codes have no label to print: the shopper enters the code at "
                "the Paczkomat."
            )
        response = self._call(
            "GET", f"/v1/shipments/{booking.shipment_id}/label", params=_LABEL_PARAMS[label_format]
        )
        if response.status_code >= 400 or "json" in response.headers.get("Content-Type", ""):
            code, _ = _error_of(response)
            if code == "invalid_action":
                # Asked before the shipment is bought: it is still being booked.
                raise CarrierUnavailable(
                    "The InPost label is not ready yet (shipment not confirmed).", carrier_code=code
                )
            self._fail(response)
        return Label(response.content, label_format)

    def get_documents(self, booking: Booking) -> list[Document]:
        return []

    def schedule_pickup(
        self, booking: Booking, window: PickupWindow, address: Address
    ) -> PickupConfirmation:
        # Dispatch orders carry no time slot: the window goes in as office hours.
        hours = f"{window.start:%H:%M}-{window.end:%H:%M}"
        response = self._call(
            "POST",
            f"/v1/organizations/{self.organization_id}/dispatch_orders",
            json={
                "shipments": [int(booking.shipment_id)],
                "name": address.name,
                "phone": _phone(address.phone),
                "email": address.email,
                "address": _address(address),
                "office_hours": hours,
                "comment": f"Return pickup {window.start:%Y-%m-%d} {hours}",
            },
        )
        data = self._json(response)
        return PickupConfirmation(pickup_id=str(data["id"]), window=window)

    def cancel_pickup(self, pickup_id: str) -> None:
        response = self._call("DELETE", f"/v1/dispatch_orders/{pickup_id}")
        if response.status_code >= 400:
            code, message = _error_of(response)
            if code == "invalid_action":
                raise NotCancellable(message, carrier_code=code)
            self._fail(response)

    def cancel(self, booking: Booking) -> None:
        if booking.shipment_id.startswith(RETURN_CODE_PREFIX):
            # revloginvalidatecode disables only inactive codes; ours are active from the start.
            raise NotCancellable("InPost cannot withdraw an active return code; it expires.")
        response = self._call("DELETE", f"/v1/shipments/{booking.shipment_id}")
        if response.status_code >= 400:
            code, _ = _error_of(response)
            if code == "invalid_action":
                raise NotCancellable(
                    "InPost cancels a shipment only before it is bought.", carrier_code=code
                )
            self._fail(response)

    def track(self, tracking_numbers: Sequence[str]) -> dict[str, list[TrackingEvent]]:
        # ShipX tracks one number per call.
        found: dict[str, list[TrackingEvent]] = {}
        for number in tracking_numbers:
            response = self._call("GET", f"/v1/tracking/{number}", public=True)
            if response.status_code == 404:
                continue
            data = self._json(response)
            events = [
                TrackingEvent(
                    tracking_number=number,
                    status=map_status(str(detail.get("status") or "")),
                    occurred_at=_parse_time(detail.get("datetime")),
                    location=str(detail.get("agency") or ""),
                    carrier_code=str(detail.get("status") or ""),
                )
                for detail in data.get("tracking_details", [])
            ]
            found[number] = sorted(events, key=lambda event: event.occurred_at)
        return found

    def search_service_points(self, query: ServicePointQuery) -> list[ServicePoint]:
        if query.country_code.upper() != "PL":
            return []
        params: dict[str, Any] = {"type": "parcel_locker,pop", "per_page": query.limit}
        if query.latitude is not None and query.longitude is not None:
            params["relative_point"] = f"{query.latitude},{query.longitude}"
        elif query.postal_code:
            params["relative_post_code"] = query.postal_code
        if query.city:
            params["city"] = query.city
        data = self._json(self._call("GET", "/v1/points", public=True, params=params))
        return [self._point(item) for item in data.get("items", [])][: query.limit]

    def _point(self, item: Mapping[str, Any]) -> ServicePoint:
        details = item.get("address_details") or {}
        location = item.get("location") or {}
        street = f"{details.get('street') or ''} {details.get('building_number') or ''}"
        return ServicePoint(
            id=str(item["name"]),
            kind=PointKind.LOCKER
            if "parcel_locker" in (item.get("type") or [])
            else PointKind.PUDO,
            name=str(item.get("location_description") or item["name"]),
            street=street.strip(),
            postal_code=str(details.get("post_code") or ""),
            city=str(details.get("city") or ""),
            country_code="PL",
            latitude=location.get("latitude"),
            longitude=location.get("longitude"),
            opening_hours=str(item.get("opening_hours") or ""),
            accepts_returns="parcel_send" in (item.get("functions") or []),
        )

    def parse_webhook(self, headers: Mapping[str, str], body: bytes) -> list[TrackingEvent]:
        """ShipX webhooks are unsigned (InPost sends them from 91.216.25.0/24); we accept only
        bodies of the documented shape for this organisation."""
        try:
            data = json.loads(body)
            event, payload = data["event"], data["payload"]
            occurred_at = datetime.strptime(data["event_ts"], "%Y-%m-%d %H:%M:%S %z")
        except (ValueError, KeyError, TypeError) as exc:
            raise CarrierRejected("Not an InPost webhook.") from exc
        if str(data.get("organization_id")) != str(self.organization_id):
            raise CarrierRejected("InPost webhook for another organisation.")
        if event == "shipment_status_changed":
            code = str(payload.get("status") or "")
        elif event == "shipment_confirmed":
            code = "confirmed"
        else:
            return []  # e.g. offers_prepared: nothing happened to the parcel
        tracking = str(payload.get("tracking_number") or "")
        if not tracking:
            return []
        return [
            TrackingEvent(
                tracking_number=tracking,
                status=map_status(code),
                occurred_at=occurred_at,
                carrier_code=code,
            )
        ]
