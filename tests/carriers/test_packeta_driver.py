"""The Packeta driver against its loopback stub: claims, labels, tracking, points, faults."""

from __future__ import annotations

import base64
import dataclasses
from datetime import UTC

import pytest

from saleor_returns_app.carriers.base import (
    AccountConfig,
    Booking,
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
from saleor_returns_app.carriers.drivers.packeta import PacketaDriver
from saleor_returns_app.testing.carrier_stubs.packeta import PacketaStub
from saleor_returns_app.testing.carrier_stubs.samples import SHOPPERS, shipment_request
from saleor_returns_app.testing.carrier_stubs.server import StubResponse, running

REST = r"/api/rest"


@pytest.fixture(scope="module")
def _server():
    yield from running(PacketaStub())


@pytest.fixture
def stub(_server: PacketaStub) -> PacketaStub:
    # One server for the module (each stop waits out the base server's 0.5 s poll), reset to
    # a fresh account before every test.
    _server.reset()
    return _server


@pytest.fixture
def driver(stub: PacketaStub) -> PacketaDriver:
    return PacketaDriver(stub.config())


def book(driver: PacketaDriver, **kwargs) -> Booking:
    kwargs.setdefault("mode", ReturnMode.DROP_OFF)
    return driver.create_return_shipment(shipment_request("CZ", **kwargs))


def all_text(element) -> str:
    return "".join(element.itertext())


def only_call(stub: PacketaStub, method: str):
    calls = stub.rest_calls(method)
    assert len(calls) == 1, calls
    return calls[0]


# --- the driver as the app sees it -----------------------------------------------------


def test_driver_follows_the_interface_and_builds_without_an_account():
    driver = PacketaDriver(AccountConfig(credentials={}))
    assert isinstance(driver, CarrierDriver)
    assert driver.capabilities.modes == {ReturnMode.DROP_OFF, ReturnMode.LOCKER}
    assert driver.capabilities.serves(ReturnMode.LOCKER, from_country="CZ", to_country="CZ")
    assert driver.api_url == "https://www.zasilkovna.cz/api/rest"
    with pytest.raises(CarrierAuthError, match="has no sender_label"):
        driver.check_credentials()


# --- credentials -----------------------------------------------------------------------


def test_check_credentials_accepts_the_account(stub, driver):
    driver.check_credentials()
    call = only_call(stub, "senderGetReturnRouting")
    assert call.findtext("apiPassword") == stub.credentials["api_password"]
    assert call.findtext("senderLabel") == "obchod-cz"


def test_check_credentials_refuses_a_wrong_password(stub):
    config = dataclasses.replace(
        stub.config(), credentials={**stub.credentials, "api_password": "wrong-password"}
    )
    with pytest.raises(CarrierAuthError) as caught:
        PacketaDriver(config).check_credentials()
    assert caught.value.carrier_code == "IncorrectApiPasswordFault"
    assert "wrong-password" not in caught.value.message


def test_check_credentials_refuses_an_unknown_sender(stub):
    config = dataclasses.replace(
        stub.config(), credentials={**stub.credentials, "sender_label": "someone-else"}
    )
    with pytest.raises(CarrierAuthError) as caught:
        PacketaDriver(config).check_credentials()
    assert caught.value.carrier_code == "SenderNotExists"


def test_a_revoked_password_is_final_without_retrying(stub, driver):
    stub.expire_tokens()
    with pytest.raises(CarrierAuthError):
        book(driver)
    # No token to refresh: one call, no retry loop, nothing booked.
    assert len(stub.calls("POST", REST)) == 1
    assert stub.shipments == {}


def test_quote_is_not_supported(driver):
    with pytest.raises(NotSupported, match="price table"):
        driver.quote(shipment_request("CZ"))


# --- booking ---------------------------------------------------------------------------


@pytest.mark.parametrize("mode", [ReturnMode.DROP_OFF, ReturnMode.LOCKER])
def test_create_books_a_claim_with_a_drop_off_password(stub, driver, mode):
    booking = book(driver, mode=mode, service_point_id="9401")

    call = only_call(stub, "createPacketClaimWithPassword")
    attributes = {child.tag: child.text for child in call.find("claimWithPasswordAttributes")}
    assert attributes == {
        "number": "R-2026-000001/1",  # our idempotency key, Packeta's client reference
        "email": "jiri@example.cz",
        "phone": "+420601123456",
        "value": "350.00",
        "currency": "CZK",
        "eshop": "obchod-cz",
        "consignCountry": "cz",
        "sendEmailToCustomer": "0",
    }
    # A claim is not bound to a point: the shopper's choice stays with us.
    assert "9401" not in all_text(call)

    shipment = stub.shipments[booking.tracking_number]
    assert booking.shipment_id == shipment.id
    assert booking.tracking_number == f"Z{shipment.id}"
    assert booking.drop_off_code == shipment.password
    assert booking.tracking_url.endswith(booking.tracking_number)
    assert booking.has_label
    assert booking.label is None


def test_create_escapes_values_it_puts_into_xml(stub, driver):
    request = dataclasses.replace(
        shipment_request("CZ", mode=ReturnMode.DROP_OFF), idempotency_key='R-1 <&> "x"'
    )
    driver.create_return_shipment(request)
    call = only_call(stub, "createPacketClaimWithPassword")
    assert call.findtext("claimWithPasswordAttributes/number") == 'R-1 <&> "x"'


def test_create_can_let_packeta_email_the_shopper(stub):
    PacketaDriver(stub.config(send_email_to_customer="1")).create_return_shipment(
        shipment_request("CZ", mode=ReturnMode.DROP_OFF)
    )
    call = only_call(stub, "createPacketClaimWithPassword")
    assert call.findtext("claimWithPasswordAttributes/sendEmailToCustomer") == "1"


def test_create_refuses_courier_pickup_without_calling_packeta(stub, driver):
    with pytest.raises(NotSupported):
        book(driver, mode=ReturnMode.PICKUP, pickup=True)
    assert stub.calls("POST", REST) == []


def test_validation_fault_in_a_200_answer_is_rejected_with_packetas_reasons(stub, driver):
    request = shipment_request("CZ", mode=ReturnMode.DROP_OFF)
    no_email = dataclasses.replace(request, sender=dataclasses.replace(SHOPPERS["CZ"], email=""))
    with pytest.raises(CarrierRejected) as caught:
        driver.create_return_shipment(no_email)
    assert caught.value.carrier_code == "PacketAttributesFault"
    assert "email: E-mail is required" in caught.value.message
    assert stub.shipments == {}


def test_an_unknown_sender_label_is_rejected(stub):
    config = dataclasses.replace(
        stub.config(), credentials={**stub.credentials, "sender_label": "nobody"}
    )
    with pytest.raises(CarrierRejected, match="eshop: Sender does not exist"):
        book(PacketaDriver(config))


def test_any_fault_packeta_answers_with_http_200_is_mapped(stub, driver):
    stub.fail_next(
        "POST",
        REST,
        StubResponse.xml(
            "<response><status>fault</status><fault>ArgumentsFault</fault>"
            "<string>Invalid arguments.</string><detail/></response>"
        ),
    )
    with pytest.raises(CarrierRejected) as caught:
        book(driver)
    assert caught.value.carrier_code == "ArgumentsFault"
    assert caught.value.message == "Packeta: Invalid arguments."


def test_find_shipment_cannot_search_so_the_app_does_not_book_twice(stub, driver):
    request = shipment_request("CZ", mode=ReturnMode.DROP_OFF)
    driver.create_return_shipment(request)
    # A crash between Packeta's answer and our commit: the retry must look up first, and
    # Packeta has no lookup by our reference, so the driver says so instead of "not found".
    with pytest.raises(NotSupported, match="R-2026-000001/1"):
        driver.find_shipment(request)
    assert len(stub.shipments) == 1


@pytest.mark.parametrize(
    "fault",
    [
        StubResponse(status=503),
        StubResponse(status=429),
        StubResponse(drop_connection=True),
        StubResponse(200, b"<html>Maintenance</html>", "text/html"),
    ],
    ids=["503", "429", "dropped", "html-page"],
)
def test_transient_faults_are_carrier_unavailable(stub, driver, fault):
    stub.fail_next("POST", REST, fault)
    with pytest.raises(CarrierUnavailable):
        book(driver)
    assert stub.shipments == {}
    book(driver)  # the next attempt goes through
    assert len(stub.shipments) == 1


# --- labels ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label_format", "packeta_format", "media_box"),
    [
        (LabelFormat.PDF_A6, "A6 on A6", b"[0 0 297.64 419.53]"),
        (LabelFormat.PDF_A4, "A6 on A4", b"[0 0 595.28 841.89]"),
    ],
)
def test_pdf_labels(stub, driver, label_format, packeta_format, media_box):
    booking = book(driver)
    label = driver.get_label(booking, label_format)
    assert label.format is label_format
    assert label.content.startswith(b"%PDF")
    assert media_box in label.content
    call = only_call(stub, "packetLabelPdf")
    assert call.findtext("packetId") == booking.shipment_id
    assert call.findtext("format") == packeta_format
    assert call.findtext("offset") == "0"


@pytest.mark.parametrize(("options", "dpi"), [({}, "203"), ({"zpl_dpi": "300"}, "300")])
def test_zpl_label(stub, options, dpi):
    driver = PacketaDriver(stub.config(**options))
    booking = book(driver)
    label = driver.get_label(booking, LabelFormat.ZPL)
    assert label.format is LabelFormat.ZPL
    assert label.content.startswith(b"^XA")
    assert label.content.endswith(b"^XZ")
    assert booking.tracking_number.encode() in label.content
    assert only_call(stub, "packetLabelZpl").findtext("dpi") == dpi


def test_label_of_an_unknown_packet_is_not_found(driver):
    with pytest.raises(ShipmentNotFound) as caught:
        driver.get_label(Booking("4199999999", "Z4199999999"), LabelFormat.PDF_A6)
    assert caught.value.carrier_code == "PacketIdFault"


def test_a_label_that_is_not_a_pdf_is_unavailable(stub, driver):
    booking = book(driver)
    not_pdf = base64.b64encode(b"<html>oops</html>").decode()
    stub.fail_next(
        "POST",
        REST,
        StubResponse.xml(f"<response><status>ok</status><result>{not_pdf}</result></response>"),
    )
    with pytest.raises(CarrierUnavailable):
        driver.get_label(booking, LabelFormat.PDF_A6)


# --- tracking --------------------------------------------------------------------------


def test_track_a_batch(stub, driver):
    first = book(driver)
    second = book(driver, key="R-2026-000002/1", reference="R-2026-000002")
    stub.scan(first.tracking_number, TrackingStatus.PICKED_UP)
    stub.scan(first.tracking_number, TrackingStatus.IN_TRANSIT)
    stub.scan(first.tracking_number, TrackingStatus.DELIVERED)
    stub.scan(second.tracking_number, TrackingStatus.EXCEPTION)

    events = driver.track([first.tracking_number, "Z4199999999", second.tracking_number])

    assert set(events) == {first.tracking_number, second.tracking_number}  # unknown left out
    assert [e.status for e in events[first.tracking_number]] == [
        TrackingStatus.CREATED,
        TrackingStatus.PICKED_UP,
        TrackingStatus.IN_TRANSIT,
        TrackingStatus.DELIVERED,
    ]
    assert [e.carrier_code for e in events[first.tracking_number]] == ["1", "2", "3", "7"]
    times = [e.occurred_at for e in events[first.tracking_number]]
    assert times == sorted(times)
    assert all(t.utcoffset() is not None for t in times)
    # Packeta writes Prague time: 09:17 in November is 08:17 UTC.
    assert times[0].astimezone(UTC).hour == 8
    assert events[first.tracking_number][-1].description == "Delivered"
    assert [e.status for e in events[second.tracking_number]][-1] is TrackingStatus.EXCEPTION
    # Packeta reads one packet per call.
    assert [c.findtext("packetId") for c in stub.rest_calls("packetTracking")] == [
        first.shipment_id,
        "4199999999",
        second.shipment_id,
    ]


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("15", TrackingStatus.PICKED_UP),
        ("5", TrackingStatus.AT_POINT),
        ("10", TrackingStatus.RETURNED_TO_SENDER),
        ("17", TrackingStatus.EXCEPTION),
        ("999", TrackingStatus.IN_TRANSIT),
        ("28", TrackingStatus.IN_TRANSIT),  # a code newer than our table
    ],
)
def test_packeta_codes_map_to_our_statuses(stub, driver, code, status):
    booking = book(driver)
    stub.scan_code(booking.tracking_number, code)
    assert driver.track([booking.tracking_number])[booking.tracking_number][-1].status is status


def test_track_accepts_the_printed_barcode_and_skips_garbage(stub, driver):
    booking = book(driver)
    printed = stub.shipments[booking.tracking_number].barcode_text  # "Z 410 0000 001"
    events = driver.track([printed, "not-a-packet"])
    assert list(events) == [printed]
    assert len(stub.rest_calls("packetTracking")) == 1


# --- cancel ----------------------------------------------------------------------------


def test_cancel_before_hand_over(stub, driver):
    booking = book(driver)
    driver.cancel(booking)
    assert only_call(stub, "cancelPacket").findtext("packetId") == booking.shipment_id
    events = driver.track([booking.tracking_number])[booking.tracking_number]
    assert events[-1].status is TrackingStatus.CANCELLED


def test_cancel_after_the_shopper_handed_it_in_is_refused(stub, driver):
    booking = book(driver)
    stub.mark_picked_up(booking.tracking_number)
    with pytest.raises(NotCancellable) as caught:
        driver.cancel(booking)
    assert caught.value.carrier_code == "CancelNotAllowedFault"


def test_cancel_of_an_unknown_packet_is_not_found(driver):
    with pytest.raises(ShipmentNotFound):
        driver.cancel(Booking("4199999999", "Z4199999999"))


# --- service points --------------------------------------------------------------------


def test_points_by_postal_code_include_lockers_and_skip_points_without_returns(stub, driver):
    points = driver.search_service_points(ServicePointQuery("CZ", postal_code="10000"))
    assert {p.id: p.kind for p in points} == {"4302": PointKind.PUDO, "9401": PointKind.LOCKER}
    locker = next(p for p in points if p.id == "9401")
    assert locker.country_code == "CZ"
    assert locker.postal_code == "100 00"
    assert (locker.latitude, locker.longitude) == (50.0779, 14.4741)
    assert locker.accepts_returns
    assert [c.path for c in stub.calls("GET", r"/v5/.*")] == [
        f"/v5/{stub.credentials['api_key']}/branch/json",
        f"/v5/{stub.credentials['api_key']}/box/json",
    ]


def test_points_by_city_cover_its_districts(driver):
    points = driver.search_service_points(ServicePointQuery("CZ", city="praha"))
    assert {p.id for p in points} == {"4301", "4302", "9401"}
    assert all(p.city.startswith("Praha") for p in points)
    hours = next(p for p in points if p.id == "4301").opening_hours
    assert hours == "Mon 08:00-19:00; Sat 09:00-12:00"


def test_points_near_coordinates_come_nearest_first_up_to_the_limit(driver):
    query = ServicePointQuery("CZ", latitude=50.0777, longitude=14.4735, limit=2)
    points = driver.search_service_points(query)
    assert [p.id for p in points] == ["9401", "4302"]


def test_points_stay_in_the_country(driver):
    points = driver.search_service_points(ServicePointQuery("SK"))
    assert [p.id for p in points] == ["7101"]


def test_points_feed_refuses_a_wrong_api_key(stub):
    config = dataclasses.replace(
        stub.config(), credentials={**stub.credentials, "api_key": "0000000000000000"}
    )
    with pytest.raises(CarrierAuthError):
        PacketaDriver(config).search_service_points(ServicePointQuery("CZ"))


def test_points_feed_outage_is_unavailable(stub, driver):
    stub.fail_next("GET", r"/v5/.*", StubResponse(status=502))
    with pytest.raises(CarrierUnavailable):
        driver.search_service_points(ServicePointQuery("CZ"))


# --- what Packeta does not have ---------------------------------------------------------


def test_features_packeta_lacks(driver):
    booking = Booking("4100000001", "Z4100000001")
    window = shipment_request("CZ", pickup=True).pickup_window
    assert isinstance(window, PickupWindow)
    with pytest.raises(NotSupported):
        driver.schedule_pickup(booking, window, SHOPPERS["CZ"])
    with pytest.raises(NotSupported):
        driver.cancel_pickup("P-1")
    with pytest.raises(NotSupported):
        driver.get_booking("4100000001")
    with pytest.raises(NotSupported):
        driver.parse_webhook({}, b"<response/>")
    assert driver.get_documents(booking) == []
