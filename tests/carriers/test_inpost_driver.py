"""InPost ShipX driver against its loopback stub: every behaviour a returns user sees."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from saleor_returns_app.carriers.base import (
    AccountConfig,
    Booking,
    BookingState,
    CarrierAuthError,
    CarrierDriver,
    CarrierRejected,
    CarrierUnavailable,
    LabelFormat,
    NotCancellable,
    NotSupported,
    PickupWindow,
    PointKind,
    ReturnMode,
    ServicePointQuery,
    ShipmentNotFound,
    TrackingStatus,
)
from saleor_returns_app.carriers.drivers.inpost import STATUS_MAP, InPostDriver, map_status
from saleor_returns_app.testing.carrier_stubs.inpost import SCAN_CODES, InPostStub
from saleor_returns_app.testing.carrier_stubs.samples import SHOPPERS, shipment_request
from saleor_returns_app.testing.carrier_stubs.server import StubResponse, running

SHIPMENTS = r"/v1/organizations/\d+/shipments"


@pytest.fixture(scope="module")
def _server() -> Iterator[InPostStub]:
    # One loopback server for the module (each shutdown waits out a 0.5 s poll); `reset`
    # gives every test a fresh carrier.
    yield from running(InPostStub())  # type: ignore[misc]


@pytest.fixture
def stub(_server: InPostStub) -> InPostStub:
    _server.reset()
    return _server


@pytest.fixture
def driver(stub: InPostStub) -> InPostDriver:
    return InPostDriver(stub.config())


def locker_request(key: str = "R-2026-000001/1", point: str = "LOD01M"):
    return shipment_request("PL", mode=ReturnMode.LOCKER, key=key, service_point_id=point)


def booked(driver: InPostDriver, key: str = "R-2026-000001/1") -> Booking:
    """A bought return: created, then polled until ShipX confirmed it."""
    return driver.get_booking(driver.create_return_shipment(locker_request(key)).shipment_id)


def test_driver_implements_the_interface(driver: InPostDriver) -> None:
    assert isinstance(driver, CarrierDriver)
    assert driver.capabilities.async_booking
    assert driver.capabilities.serves(ReturnMode.LOCKER, from_country="PL", to_country="PL")


def test_sandbox_and_live_hosts() -> None:
    sandbox = InPostDriver(AccountConfig(credentials={}, test_mode=True))
    live = InPostDriver(AccountConfig(credentials={}))
    assert sandbox.base_url == "https://sandbox-api-shipx-pl.easypack24.net"
    assert live.base_url == "https://api-shipx-pl.easypack24.net"


# --- credentials and tokens ---------------------------------------------------------------


def test_check_credentials_ok(stub: InPostStub, driver: InPostDriver) -> None:
    driver.check_credentials()
    call = stub.calls("GET", r"/v1/organizations/31337")[0]
    assert call.header("Authorization").startswith("Bearer ")


def test_check_credentials_refused_client_secret(stub: InPostStub) -> None:
    config = AccountConfig(
        credentials={**stub.credentials, "client_secret": "wrong"}, base_url=stub.url
    )
    with pytest.raises(CarrierAuthError) as caught:
        InPostDriver(config).check_credentials()
    assert caught.value.carrier_code == "unauthorized_client"


def test_check_credentials_other_organisation(stub: InPostStub) -> None:
    config = AccountConfig(
        credentials={**stub.credentials, "organization_id": "1"}, base_url=stub.url
    )
    with pytest.raises(CarrierAuthError):
        InPostDriver(config).check_credentials()


def test_static_api_token_works_and_is_not_refreshed(stub: InPostStub) -> None:
    good = {"organization_id": stub.organization_id, "api_token": stub.api_token}
    InPostDriver(AccountConfig(credentials=good, base_url=stub.url)).check_credentials()
    bad = InPostDriver(
        AccountConfig(credentials={**good, "api_token": "revoked"}, base_url=stub.url)
    )
    with pytest.raises(CarrierAuthError) as caught:
        bad.check_credentials()
    assert caught.value.carrier_code == "token_invalid"
    assert len(stub.calls("POST", r"/auth/.*")) == 0  # nothing to refresh a static token with


def test_expired_token_is_refreshed_once_and_the_call_succeeds(
    stub: InPostStub, driver: InPostDriver
) -> None:
    driver.check_credentials()
    stub.expire_tokens()
    booking = driver.create_return_shipment(locker_request())
    assert booking.shipment_id
    assert len(stub.calls("POST", r"/auth/.*")) == 2
    assert len(stub.calls("POST", SHIPMENTS)) == 2  # refused once, then accepted
    assert len(stub.shipments) == 1


def test_expired_token_with_revoked_client_is_an_auth_error(
    stub: InPostStub, driver: InPostDriver
) -> None:
    driver.check_credentials()
    stub.expire_tokens()
    stub.rotate_client_secret()
    with pytest.raises(CarrierAuthError):
        driver.check_credentials()


def test_a_fresh_token_still_refused_is_an_auth_error_after_one_refresh(
    stub: InPostStub, driver: InPostDriver
) -> None:
    refused = StubResponse.json({"status": 401, "error": "token_invalid", "message": "No."}, 401)
    stub.fail_next("GET", r"/v1/organizations/\d+", refused, times=5)
    with pytest.raises(CarrierAuthError):
        driver.check_credentials()
    assert len(stub.calls("POST", r"/auth/.*")) == 2
    assert len(stub.calls("GET", r"/v1/organizations/\d+")) == 2


# --- booking ------------------------------------------------------------------------------


def test_quote_is_not_supported(driver: InPostDriver) -> None:
    with pytest.raises(NotSupported):
        driver.quote(locker_request())


def test_create_locker_return_is_pending_then_booked(
    stub: InPostStub, driver: InPostDriver
) -> None:
    pending = driver.create_return_shipment(locker_request())
    assert pending.state is BookingState.PENDING
    assert pending.tracking_number == ""

    sent = stub.calls("POST", SHIPMENTS)[0].json()
    assert sent["custom_attributes"] == {
        "sending_method": "parcel_locker",
        "dropoff_point": "LOD01M",
    }
    assert sent["service"] == "inpost_courier_standard"
    assert sent["reference"] == "R-2026-000001"
    assert sent["external_customer_id"] == "R-2026-000001/1"
    assert sent["sender"]["first_name"] == "Łukasz"
    assert sent["sender"]["last_name"] == "Żółć"
    assert sent["sender"]["phone"] == "501234567"
    assert sent["sender"]["address"]["street"] == "ul. Piotrkowska"
    assert sent["sender"]["address"]["building_number"] == "104"
    assert sent["receiver"]["company_name"] == "Sklep Sp. z o.o."
    assert sent["receiver"]["address"]["post_code"] == "00-906"
    assert sent["parcels"][0]["weight"] == {"amount": 1.2, "unit": "kg"}

    done = driver.get_booking(pending.shipment_id)
    assert done.state is BookingState.BOOKED
    assert len(done.tracking_number) == 24
    assert done.tracking_url.endswith(done.tracking_number)
    assert done.price is not None
    assert done.currency == "PLN"


def test_create_to_the_warehouse_locker_uses_the_locker_service(stub: InPostStub) -> None:
    driver = InPostDriver(stub.config(target_point="WAW22M"))
    driver.create_return_shipment(locker_request())
    sent = stub.calls("POST", SHIPMENTS)[0].json()
    assert sent["service"] == "inpost_locker_standard"
    assert sent["custom_attributes"]["target_point"] == "WAW22M"
    assert sent["parcels"] == [{"template": "medium"}]


def test_create_drop_off_at_a_service_point(stub: InPostStub, driver: InPostDriver) -> None:
    request = shipment_request("PL", mode=ReturnMode.DROP_OFF, service_point_id="POP-LOD12")
    driver.create_return_shipment(request)
    attributes = stub.calls("POST", SHIPMENTS)[0].json()["custom_attributes"]
    assert attributes == {"sending_method": "pok", "dropoff_point": "POP-LOD12"}


def test_create_pickup_then_schedule_and_cancel_the_courier(
    stub: InPostStub, driver: InPostDriver
) -> None:
    request = shipment_request("PL", mode=ReturnMode.PICKUP, pickup=True)
    booking = driver.get_booking(driver.create_return_shipment(request).shipment_id)
    assert stub.calls("POST", SHIPMENTS)[0].json()["custom_attributes"] == {
        "sending_method": "dispatch_order"
    }
    assert request.pickup_window is not None
    confirmation = driver.schedule_pickup(booking, request.pickup_window, SHOPPERS["PL"])
    order = stub.dispatch_orders[int(confirmation.pickup_id)]
    assert order["shipments"] == [int(booking.shipment_id)]
    assert order["office_hours"] == "09:00-17:00"
    assert "2026-12-02" in order["comment"]
    assert order["address"]["city"] == "Łódź"
    driver.cancel_pickup(confirmation.pickup_id)
    with pytest.raises(NotCancellable):
        driver.cancel_pickup(confirmation.pickup_id)


def test_pickup_before_the_shipment_is_bought_is_rejected(
    stub: InPostStub, driver: InPostDriver
) -> None:
    pending = driver.create_return_shipment(shipment_request("PL", mode=ReturnMode.PICKUP))
    window = PickupWindow(
        datetime(2026, 12, 2, 9, tzinfo=UTC), datetime(2026, 12, 2, 17, tzinfo=UTC)
    )
    with pytest.raises(CarrierRejected) as caught:
        driver.schedule_pickup(pending, window, SHOPPERS["PL"])
    assert caught.value.carrier_code == "invalid_action"


def test_locker_return_without_a_locker_is_rejected_before_calling(
    stub: InPostStub, driver: InPostDriver
) -> None:
    with pytest.raises(CarrierRejected):
        driver.create_return_shipment(locker_request(point=""))
    assert stub.calls("POST", SHIPMENTS) == []


def test_self_ship_mode_is_not_supported(driver: InPostDriver) -> None:
    with pytest.raises(NotSupported):
        driver.create_return_shipment(shipment_request("PL", mode=ReturnMode.SELF_SHIP))


def test_validation_error_is_rejected_with_the_carriers_message(
    stub: InPostStub, driver: InPostDriver
) -> None:
    with pytest.raises(CarrierRejected) as caught:
        driver.create_return_shipment(locker_request(point="XYZ99M"))
    assert caught.value.carrier_code == "validation_failed"
    assert "There are some validation errors." in caught.value.message
    assert "custom_attributes.dropoff_point: does_not_exist" in caught.value.message
    assert stub.shipments == {}


def test_http_200_with_an_error_body_is_rejected(stub: InPostStub, driver: InPostDriver) -> None:
    body = {"status": 400, "key": "invalid_action", "error": "Shipment cannot be created."}
    stub.fail_next("POST", SHIPMENTS, StubResponse.json(body, 200))
    with pytest.raises(CarrierRejected) as caught:
        driver.create_return_shipment(locker_request())
    assert caught.value.carrier_code == "invalid_action"
    assert caught.value.message == "Shipment cannot be created."


@pytest.mark.parametrize(
    "fault",
    [StubResponse(status=503), StubResponse(status=429), StubResponse(drop_connection=True)],
)
def test_transient_faults_are_unavailable(
    stub: InPostStub, driver: InPostDriver, fault: StubResponse
) -> None:
    stub.fail_next("POST", SHIPMENTS, fault)
    with pytest.raises(CarrierUnavailable):
        driver.create_return_shipment(locker_request())
    assert stub.shipments == {}


def test_crash_after_create_is_recovered_by_find_shipment(
    stub: InPostStub, driver: InPostDriver
) -> None:
    """The carrier booked, we crashed before our commit: the retry must find, not re-book."""
    request = locker_request()
    first = driver.create_return_shipment(request)

    restarted = InPostDriver(stub.config())
    found = restarted.find_shipment(request)
    assert found is not None
    assert found.shipment_id == first.shipment_id
    assert stub.calls("GET", SHIPMENTS)[0].arg("external_customer_id") == "R-2026-000001/1"
    assert len(stub.shipments) == 1
    # ShipX itself would happily book the same return twice: that is why we look first.
    restarted.create_return_shipment(request)
    assert len(stub.by_reference("R-2026-000001/1")) == 2


def test_find_shipment_none_for_a_new_key_or_a_cancelled_booking(
    stub: InPostStub, driver: InPostDriver
) -> None:
    assert driver.find_shipment(locker_request(key="R-2026-000009/1")) is None
    pending = driver.create_return_shipment(locker_request(key="R-2026-000010/1"))
    driver.cancel(pending)
    assert driver.find_shipment(locker_request(key="R-2026-000010/1")) is None


def test_get_booking_unknown_shipment(driver: InPostDriver) -> None:
    with pytest.raises(ShipmentNotFound):
        driver.get_booking("999999")


# --- labels -------------------------------------------------------------------------------


def test_labels_in_each_format(stub: InPostStub, driver: InPostDriver) -> None:
    booking = booked(driver)
    a6 = driver.get_label(booking, LabelFormat.PDF_A6)
    a4 = driver.get_label(booking, LabelFormat.PDF_A4)
    zpl = driver.get_label(booking, LabelFormat.ZPL)
    assert a6.content.startswith(b"%PDF")
    assert b"/MediaBox [0 0 298 420]" in a6.content
    assert b"/MediaBox [0 0 595 842]" in a4.content
    assert zpl.content.startswith(b"^XA")
    assert booking.tracking_number.encode() in zpl.content
    queries = [call.query for call in stub.calls("GET", r"/v1/shipments/\d+/label")]
    assert queries == [
        {"format": ["Pdf"], "type": ["A6"]},
        {"format": ["Pdf"], "type": ["normal"]},
        {"format": ["Zpl"]},
    ]


def test_label_before_the_shipment_is_bought_is_not_ready(
    stub: InPostStub, driver: InPostDriver
) -> None:
    pending = driver.create_return_shipment(locker_request())
    with pytest.raises(CarrierUnavailable) as caught:
        driver.get_label(pending, LabelFormat.PDF_A6)
    assert caught.value.carrier_code == "invalid_action"


# --- tracking -----------------------------------------------------------------------------


def test_scan_codes_round_trip_through_the_status_table() -> None:
    for status, code in SCAN_CODES.items():
        assert STATUS_MAP[code] is status


def test_unknown_status_codes() -> None:
    assert map_status("adopted_at_new_hub_2027") is TrackingStatus.IN_TRANSIT
    assert map_status("undelivered_no_mailbox") is TrackingStatus.EXCEPTION


def test_track_a_batch(stub: InPostStub, driver: InPostDriver) -> None:
    first = booked(driver, "R-2026-000001/1")
    second = booked(driver, "R-2026-000002/1")
    stub.scan(first.tracking_number, TrackingStatus.PICKED_UP)
    stub.scan(first.tracking_number, TrackingStatus.IN_TRANSIT)
    stub.scan(first.tracking_number, TrackingStatus.DELIVERED)
    stub.scan(second.tracking_number, TrackingStatus.EXCEPTION)

    events = driver.track(
        [first.tracking_number, "600000000000000000000000", second.tracking_number]
    )

    assert set(events) == {first.tracking_number, second.tracking_number}
    assert [e.status for e in events[first.tracking_number]] == [
        TrackingStatus.CREATED,
        TrackingStatus.PICKED_UP,
        TrackingStatus.IN_TRANSIT,
        TrackingStatus.DELIVERED,
    ]
    times = [e.occurred_at for e in events[first.tracking_number]]
    assert times == sorted(times)
    assert events[first.tracking_number][-1].carrier_code == "delivered"
    assert events[second.tracking_number][-1].status is TrackingStatus.EXCEPTION
    # Public endpoint, one number per call, no token needed.
    calls = stub.calls("GET", r"/v1/tracking/\d+")
    assert len(calls) == 3
    assert all(not call.header("Authorization") for call in calls)


def test_track_fault_is_unavailable(stub: InPostStub, driver: InPostDriver) -> None:
    booking = booked(driver)
    stub.fail_next("GET", r"/v1/tracking/\d+", StubResponse(status=502))
    with pytest.raises(CarrierUnavailable):
        driver.track([booking.tracking_number])


# --- cancel -------------------------------------------------------------------------------


def test_cancel_before_the_shipment_is_bought(stub: InPostStub, driver: InPostDriver) -> None:
    pending = driver.create_return_shipment(locker_request())
    driver.cancel(pending)
    assert stub.shipments[int(pending.shipment_id)]["status"] == "canceled"


def test_cancel_refused_once_bought_or_scanned(stub: InPostStub, driver: InPostDriver) -> None:
    booking = booked(driver)
    with pytest.raises(NotCancellable):
        driver.cancel(booking)
    stub.mark_picked_up(booking.tracking_number)
    with pytest.raises(NotCancellable) as caught:
        driver.cancel(booking)
    assert caught.value.carrier_code == "invalid_action"


def test_cancel_unknown_shipment(driver: InPostDriver) -> None:
    with pytest.raises(ShipmentNotFound):
        driver.cancel(Booking(shipment_id="424242", tracking_number=""))


# --- service points -----------------------------------------------------------------------


def test_points_near_coordinates_nearest_first(stub: InPostStub, driver: InPostDriver) -> None:
    points = driver.search_service_points(
        ServicePointQuery(country_code="PL", latitude=51.7655, longitude=19.4570, limit=3)
    )
    assert [p.id for p in points] == ["LOD01M", "LOD104M", "POP-LOD12"]
    assert points[0].kind is PointKind.LOCKER
    assert points[0].street == "Piotrkowska 104"
    assert points[0].city == "Łódź"
    assert points[0].latitude == pytest.approx(51.76551)
    assert points[2].kind is PointKind.PUDO
    call = stub.calls("GET", "/v1/points")[0]
    assert call.arg("relative_point") == "51.7655,19.457"
    assert call.arg("per_page") == "3"


def test_points_by_postal_code_and_city(stub: InPostStub, driver: InPostDriver) -> None:
    by_code = driver.search_service_points(
        ServicePointQuery(country_code="PL", postal_code="00-906")
    )
    assert by_code[0].id == "WAW22M"
    assert stub.calls("GET", "/v1/points")[0].arg("relative_post_code") == "00-906"

    in_lodz = driver.search_service_points(ServicePointQuery(country_code="PL", city="Łódź"))
    assert {p.city for p in in_lodz} == {"Łódź"}
    collect_only = next(p for p in in_lodz if p.id == "LOD77A")
    assert not collect_only.accepts_returns


def test_points_outside_poland_are_none(stub: InPostStub, driver: InPostDriver) -> None:
    assert driver.search_service_points(ServicePointQuery(country_code="CZ", city="Praha")) == []
    assert stub.calls("GET", "/v1/points") == []


# --- webhooks and the rest ----------------------------------------------------------------


def test_parse_status_webhook(stub: InPostStub, driver: InPostDriver) -> None:
    body = {
        "event_ts": "2026-12-03 15:08:42 +0100",
        "event": "shipment_status_changed",
        "organization_id": int(stub.organization_id),
        "payload": {
            "shipment_id": 49,
            "status": "delivered",
            "tracking_number": "602677439331630337653846",
        },
    }
    [event] = driver.parse_webhook({}, json.dumps(body).encode())
    assert event.status is TrackingStatus.DELIVERED
    assert event.tracking_number == "602677439331630337653846"
    assert event.occurred_at.utcoffset() is not None


def test_webhook_not_ours_is_rejected(stub: InPostStub, driver: InPostDriver) -> None:
    with pytest.raises(CarrierRejected):
        driver.parse_webhook({}, b"<xml/>")
    other = {
        "event_ts": "2026-12-03 15:08:42 +0100",
        "event": "shipment_status_changed",
        "organization_id": 1,
        "payload": {"status": "delivered", "tracking_number": "1"},
    }
    with pytest.raises(CarrierRejected):
        driver.parse_webhook({}, json.dumps(other).encode())


def test_no_documents_for_domestic_returns(driver: InPostDriver) -> None:
    assert driver.get_documents(Booking(shipment_id="1", tracking_number="")) == []


# --- label-less locker returns (Quick Returns / Szybkie Zwroty) ----------------------------

QUICK = "/"  # Quick Returns answers every function at POST /?do=<function>


@pytest.fixture
def quick(stub: InPostStub) -> InPostDriver:
    return InPostDriver(stub.quick_returns_config())


def _sent(stub: InPostStub, index: int = 0) -> tuple[str, dict[str, str], ET.Element]:
    call = stub.calls("POST", QUICK)[index]
    form = call.form()
    return call.arg("do"), form, ET.fromstring(form["content"])


def test_locker_return_gets_a_return_code_and_no_label(
    stub: InPostStub, quick: InPostDriver
) -> None:
    assert quick.capabilities.label_less
    booking = quick.create_return_shipment(locker_request())

    assert booking.state is BookingState.BOOKED
    assert booking.has_label is False
    assert len(booking.drop_off_code) == 10
    assert booking.drop_off_code.isdigit()
    assert booking.shipment_id == f"return-code:{booking.drop_off_code}"
    assert booking.tracking_number == ""  # it comes once the parcel is in a locker
    assert booking.service == "inpost_quick_return"
    assert stub.calls("POST", SHIPMENTS) == []  # no ShipX shipment, no label

    function, form, content = _sent(stub)
    assert function == "revloggenerateactivecode"
    assert form["email"] == stub.returns_credentials["returns_login"]
    assert form["password"] == stub.returns_credentials["returns_password"]
    assert content.tag == "paczkomaty"
    assert content.findtext("rma") == "R-2026-000001/1"
    assert content.findtext("packType") == "B"  # 10 cm high: the 19 cm compartment
    assert content.findtext("senderPhone") == "501234567"
    assert content.findtext("senderEmail") == "lukasz@example.pl"
    assert content.findtext("returnDescription1") == "R-2026-000001"
    expires = datetime.strptime(content.findtext("expirationDate") or "", "%Y-%m-%dT%H:%M:%S")
    assert expires > datetime.now()
    assert content.find("address") is None  # the account's own address receives it


def test_return_code_has_no_label_and_cannot_be_cancelled(
    stub: InPostStub, quick: InPostDriver
) -> None:
    booking = quick.create_return_shipment(locker_request())
    with pytest.raises(NotSupported):
        quick.get_label(booking, LabelFormat.PDF_A6)
    with pytest.raises(NotCancellable):
        quick.cancel(booking)
    assert stub.return_codes[booking.drop_off_code]["active"] is True


def test_other_modes_and_accounts_without_quick_returns_stay_on_shipx(
    stub: InPostStub, quick: InPostDriver, driver: InPostDriver
) -> None:
    quick.create_return_shipment(
        shipment_request("PL", mode=ReturnMode.DROP_OFF, service_point_id="POP-LOD12")
    )
    booking = driver.create_return_shipment(locker_request(key="R-2026-000002/1"))
    assert booking.has_label
    assert not booking.drop_off_code
    assert len(stub.calls("POST", SHIPMENTS)) == 2
    assert stub.calls("POST", QUICK) == []


def test_crash_after_the_code_was_issued_is_recovered_by_find_shipment(
    stub: InPostStub, quick: InPostDriver
) -> None:
    request = locker_request()
    assert quick.find_shipment(request) is None
    first = quick.create_return_shipment(request)

    found = InPostDriver(stub.quick_returns_config()).find_shipment(request)
    assert found is not None
    assert found.shipment_id == first.shipment_id
    assert found.drop_off_code == first.drop_off_code
    assert found.has_label is False
    function, _, content = _sent(stub, -1)
    assert function == "revloggetreport"
    assert content.findtext("rma") == "R-2026-000001/1"
    assert content.find("dateRange/startDate") is not None
    # Generating again is not idempotent: a second, different code would be issued.
    again = quick.create_return_shipment(request)
    assert again.drop_off_code != first.drop_off_code
    assert len(stub.return_codes) == 2


def test_tracking_number_after_the_shopper_drops_the_parcel(
    stub: InPostStub, quick: InPostDriver
) -> None:
    booking = quick.create_return_shipment(locker_request())
    assert quick.get_booking(booking.shipment_id).tracking_number == ""

    number = stub.drop_off(booking.drop_off_code)
    dropped = quick.get_booking(booking.shipment_id)
    assert dropped.tracking_number == number
    assert dropped.tracking_url.endswith(number)
    assert dropped.drop_off_code == booking.drop_off_code
    events = quick.track([number])[number]
    assert events[-1].status is TrackingStatus.PICKED_UP


def test_unknown_return_code(quick: InPostDriver) -> None:
    with pytest.raises(ShipmentNotFound):
        quick.get_booking("return-code:1234567890")


def test_return_code_validation_error_is_rejected(stub: InPostStub, quick: InPostDriver) -> None:
    refused = StubResponse.xml(
        '<?xml version="1.0" encoding="UTF-8"?><paczkomaty>'
        '<error key="ValidationError">Niepoprawne pola: packType.</error></paczkomaty>'
    )
    stub.fail_next("POST", QUICK, refused)
    with pytest.raises(CarrierRejected) as caught:
        quick.create_return_shipment(locker_request())
    assert caught.value.carrier_code == "ValidationError"
    assert caught.value.message == "Niepoprawne pola: packType."
    assert stub.return_codes == {}


def test_return_code_needs_the_shoppers_phone_before_calling(
    stub: InPostStub, quick: InPostDriver
) -> None:
    request = locker_request()
    no_phone = replace(request, sender=replace(request.sender, phone="+48 12"))
    with pytest.raises(CarrierRejected):
        quick.create_return_shipment(no_phone)
    assert stub.calls("POST", QUICK) == []


def test_refused_quick_returns_login_is_an_auth_error_without_retry(
    stub: InPostStub, quick: InPostDriver
) -> None:
    stub.rotate_returns_password()
    with pytest.raises(CarrierAuthError) as caught:
        quick.create_return_shipment(locker_request())
    assert caught.value.carrier_code == "AccessDenied"
    assert len(stub.calls("POST", QUICK)) == 1  # a login has nothing to refresh
    assert len(stub.calls("POST", r"/auth/.*")) == 0


@pytest.mark.parametrize(
    "fault",
    [
        StubResponse(status=503),
        StubResponse(drop_connection=True),
        StubResponse(body=b"<html>maintenance", content_type="text/html"),
    ],
)
def test_quick_returns_faults_are_unavailable(
    stub: InPostStub, quick: InPostDriver, fault: StubResponse
) -> None:
    stub.fail_next("POST", QUICK, fault)
    with pytest.raises(CarrierUnavailable):
        quick.create_return_shipment(locker_request())
    assert stub.return_codes == {}


def test_quick_returns_hosts() -> None:
    creds = {"returns_login": "a", "returns_password": "b"}
    sandbox = InPostDriver(AccountConfig(credentials=creds, test_mode=True))
    live = InPostDriver(AccountConfig(credentials=creds))
    assert sandbox._returns_url() == "https://sandbox-api.paczkomaty.pl"
    assert live._returns_url() == "https://api.paczkomaty.pl"
