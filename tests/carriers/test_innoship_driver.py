"""The Innoship driver against a loopback Innoship: what staff and shoppers see, and failures."""

from __future__ import annotations

from decimal import Decimal

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
    PointKind,
    ReturnMode,
    ServicePointQuery,
    ShipmentNotFound,
    TrackingStatus,
)
from saleor_returns_app.carriers.drivers.innoship import STATUS_MAP, InnoshipDriver
from saleor_returns_app.testing.carrier_stubs.innoship import InnoshipStub
from saleor_returns_app.testing.carrier_stubs.samples import shipment_request
from saleor_returns_app.testing.carrier_stubs.server import StubResponse, running

OFFLINE = AccountConfig(credentials={"api_key": "k"})
LOCKER = "78152"  # the stub's easybox Piata Romana (Sameday)


@pytest.fixture
def stub():
    yield from running(InnoshipStub())


@pytest.fixture
def driver(stub):
    return InnoshipDriver(stub.config())


def pickup_request(**kwargs):
    return shipment_request("RO", mode=ReturnMode.PICKUP, pickup=True, **kwargs)


def locker_request(**kwargs):
    return shipment_request("RO", mode=ReturnMode.LOCKER, service_point_id=LOCKER, **kwargs)


def test_is_a_carrier_driver_with_truthful_capabilities():
    caps = InnoshipDriver.capabilities
    assert isinstance(InnoshipDriver(OFFLINE), CarrierDriver)
    assert caps.modes == {ReturnMode.PICKUP, ReturnMode.LOCKER}
    assert caps.label_formats == {LabelFormat.PDF_A6, LabelFormat.PDF_A4}
    assert caps.live_rates
    assert caps.tracking_batch_size == 200
    assert not caps.pushes_tracking


def test_live_host_when_no_base_url():
    assert InnoshipDriver(OFFLINE).base_url == "https://api.innoship.com"


def test_check_credentials_ok_sends_key_and_version(stub, driver):
    driver.check_credentials()
    call = stub.calls("GET", r"/api/Location/ClientLocations")[0]
    assert call.header("X-Api-Key") == stub.api_key
    assert call.header("api-version") == "1.0"


def test_check_credentials_refused(stub):
    wrong = AccountConfig(credentials={"api_key": "nope"}, base_url=stub.url)
    with pytest.raises(CarrierAuthError) as caught:
        InnoshipDriver(wrong).check_credentials()
    assert caught.value.carrier_code == "401"


def test_revoked_key_is_an_auth_error_without_retry_loops(stub, driver):
    driver.check_credentials()
    stub.expire_tokens()
    with pytest.raises(CarrierAuthError):
        driver.create_return_shipment(pickup_request())
    # A static key cannot be refreshed: one call, then the error.
    assert len(stub.calls("POST", r"/api/Order")) == 1


def test_quote_lists_live_prices_across_couriers_cheapest_first(stub, driver):
    quotes = driver.quote(pickup_request())
    assert [(q.service, q.price) for q in quotes] == [
        ("6", Decimal("17.85")),
        ("3", Decimal("19.99")),
        ("1", Decimal("21.42")),
    ]
    assert {q.currency for q in quotes} == {"RON"}
    assert {q.mode for q in quotes} == {ReturnMode.PICKUP}
    assert not stub.shipments  # a quote books nothing


def test_create_pickup_sends_shopper_window_and_our_reference(stub, driver):
    request = pickup_request()
    booking = driver.create_return_shipment(request)

    sent = stub.calls("POST", r"/api/Order")[0].json()
    assert sent["externalOrderId"] == request.idempotency_key
    assert sent["externalClientLocation"] == "Depozit-BUC"
    assert sent["addressFrom"]["contactPerson"] == "Ștefan Țăranu"
    assert sent["addressFrom"]["localityName"] == "București"
    assert sent["addressFrom"]["postalCode"] == "030067"
    assert sent["addressTo"]["name"] == "Magazin SRL"
    assert sent["shipmentDate"] == "2026-12-02T09:00:00Z"
    assert sent["shipmentDateEnd"] == "2026-12-02T17:00:00Z"
    assert sent["payment"] == "Recipient"
    assert sent["content"]["totalWeight"] == 1.2
    assert sent["content"]["parcels"][0]["reference1"] == request.reference
    assert "courierId" not in sent  # Innoship picks the courier by the merchant's rules

    assert booking.tracking_number in stub.shipments
    assert booking.shipment_id == f"6:{booking.tracking_number}"
    assert booking.service == "6"
    assert booking.price == Decimal("17.85")
    assert booking.currency == "RON"
    assert booking.tracking_url.startswith("https://track.innoship.io/")


def test_create_with_a_courier_we_chose(stub, driver):
    booking = driver.create_return_shipment(pickup_request(service="3"))
    assert stub.calls("POST", r"/api/Order")[0].json()["courierId"] == 3
    assert booking.shipment_id.startswith("3:")
    assert stub.shipments[booking.tracking_number].courier_id == 3


def test_create_locker_return_sends_the_fixed_location(stub, driver):
    booking = driver.create_return_shipment(locker_request())
    sent = stub.calls("POST", r"/api/Order")[0].json()
    assert sent["addressFrom"]["fixedLocationId"] == LOCKER
    assert "shipmentDateEnd" not in sent
    assert booking.service == "6"  # the locker's courier (Sameday)


def test_drop_off_mode_is_not_offered(driver):
    with pytest.raises(NotSupported):
        driver.create_return_shipment(shipment_request("RO", mode=ReturnMode.DROP_OFF))


def test_label_a6_and_a4_pdf(stub, driver):
    booking = driver.create_return_shipment(pickup_request())
    a6 = driver.get_label(booking, LabelFormat.PDF_A6)
    a4 = driver.get_label(booking, LabelFormat.PDF_A4)
    assert a6.content.startswith(b"%PDF")
    assert a6.format is LabelFormat.PDF_A6
    assert b"A4" in a4.content
    call = stub.calls("GET", rf"/api/Label/by-courier/6/awb/{booking.tracking_number}")[0]
    assert call.arg("type") == "PDF"
    assert call.arg("format") == "A6"


def test_zpl_label_is_not_supported(driver):
    with pytest.raises(NotSupported):
        driver.get_label(Booking("6:1", "1"), LabelFormat.ZPL)


def test_label_of_an_unknown_awb(driver):
    with pytest.raises(ShipmentNotFound):
        driver.get_label(Booking("6:999", "999"), LabelFormat.PDF_A6)


def test_track_more_than_200_awbs_in_chunks_oldest_first(stub, driver):
    awbs = [stub.book_directly() for _ in range(230)]
    stub.scan(awbs[0], TrackingStatus.PICKED_UP)
    stub.scan(awbs[0], TrackingStatus.IN_TRANSIT)
    stub.scan(awbs[0], TrackingStatus.DELIVERED)
    stub.scan(awbs[229], TrackingStatus.AT_POINT)
    numbers = [f"6:{awb}" for awb in awbs] + ["6:000000000"]

    events = driver.track(numbers)

    calls = stub.calls("POST", r"/api/Track/by-awb/with-return")
    assert [len(c.json()["awbList"]) for c in calls] == [200, 31]
    assert "6:000000000" not in events  # unknown numbers are left out
    assert len(events) == 230
    first = events[f"6:{awbs[0]}"]
    assert [e.status for e in first] == [
        TrackingStatus.CREATED,
        TrackingStatus.PICKED_UP,
        TrackingStatus.IN_TRANSIT,
        TrackingStatus.DELIVERED,
    ]
    assert [e.carrier_code for e in first] == ["1", "2", "20", "100"]
    assert first == sorted(first, key=lambda e: e.occurred_at)
    assert first[0].occurred_at.tzinfo is not None
    assert events[f"6:{awbs[229]}"][-1].status is TrackingStatus.AT_POINT


def test_track_a_bare_awb_the_driver_booked(stub, driver):
    booking = driver.create_return_shipment(pickup_request())
    stub.scan(booking.tracking_number, TrackingStatus.OUT_FOR_DELIVERY)
    events = driver.track([booking.tracking_number])
    assert events[booking.tracking_number][-1].status is TrackingStatus.OUT_FOR_DELIVERY


def test_track_a_bare_awb_of_unknown_courier_says_what_to_pass(stub):
    fresh = InnoshipDriver(stub.config())
    with pytest.raises(CarrierRejected, match="courierId:awb"):
        fresh.track(["123456789"])


@pytest.mark.parametrize("status", list(TrackingStatus))
def test_every_status_round_trips_through_innoship_codes(stub, driver, status):
    awb = stub.book_directly()
    stub.scan(awb, status)
    assert driver.track([f"6:{awb}"])[f"6:{awb}"][-1].status is status


def test_status_table_covers_innoship_ids_and_unknown_ids_are_in_transit(stub, driver):
    assert STATUS_MAP[104] is TrackingStatus.RETURNED_TO_SENDER
    assert STATUS_MAP[102] is TrackingStatus.EXCEPTION
    awb = stub.book_directly()
    stub.add_event(awb, 777)
    assert driver.track([f"6:{awb}"])[f"6:{awb}"][-1].status is TrackingStatus.IN_TRANSIT


def test_service_points_by_city_with_diacritics_and_postal_code(stub, driver):
    points = driver.search_service_points(ServicePointQuery(country_code="RO", city="București"))
    names = {p.name for p in points}
    assert "easybox Iulius Mall Cluj" not in names
    assert "easybox Closed" not in names  # inactive
    assert "FANbox Lujerului" in names  # "București" in the data, with diacritics
    by_postal = driver.search_service_points(
        ServicePointQuery(country_code="RO", postal_code="030167")
    )
    assert [p.id for p in by_postal] == ["78153"]
    bulgarian = driver.search_service_points(ServicePointQuery(country_code="BG"))
    assert [p.kind for p in bulgarian] == [PointKind.PUDO]


def test_service_points_nearest_first_from_coordinates(stub, driver):
    # Standing at Piata Unirii, Bucharest.
    points = driver.search_service_points(
        ServicePointQuery(country_code="RO", latitude=44.4268, longitude=26.1025, limit=3)
    )
    assert [p.id for p in points] == ["78153", "78152", "90411"]
    call = stub.calls("GET", r"/api/Location/FixedLocations")[0]
    assert call.arg("Radius") == "20"
    nearest = points[0]
    assert nearest.kind is PointKind.LOCKER
    assert nearest.latitude == pytest.approx(44.4268)
    assert nearest.opening_hours.startswith("Mo 07:00-22:00")
    assert points[2].kind is PointKind.PUDO
    assert points[2].accepts_returns is False  # allowsDropOff: false


def test_cancel_before_pickup(stub, driver):
    booking = driver.create_return_shipment(pickup_request())
    driver.cancel(booking)
    assert stub.shipments[booking.tracking_number].deleted
    events = driver.track([booking.shipment_id])[booking.shipment_id]
    assert events[-1].status is TrackingStatus.CANCELLED


def test_cancel_after_pickup_is_refused(stub, driver):
    booking = driver.create_return_shipment(pickup_request())
    stub.mark_picked_up(booking.tracking_number)
    with pytest.raises(NotCancellable, match="already picked up"):
        driver.cancel(booking)
    assert not stub.shipments[booking.tracking_number].deleted


def test_cancel_unknown_shipment(driver):
    with pytest.raises(ShipmentNotFound):
        driver.cancel(Booking("6:404404", "404404"))


def test_validation_error_carries_innoship_message(stub):
    config = AccountConfig(
        credentials={**stub.credentials, "location": "Nowhere"}, base_url=stub.url
    )
    with pytest.raises(CarrierRejected, match="ExternalClientLocation 'Nowhere'"):
        InnoshipDriver(config).create_return_shipment(pickup_request())
    assert not stub.shipments


def test_unknown_locker_is_rejected_with_innoship_problem_list(stub, driver):
    with pytest.raises(CarrierRejected) as caught:
        driver.create_return_shipment(
            shipment_request("RO", mode=ReturnMode.LOCKER, service_point_id="1")
        )
    assert "FixedLocationId 1 not found" in caught.value.message
    assert caught.value.carrier_code == "400"


def test_courier_refusal_in_a_200_body_is_rejected(stub, driver):
    stub.fail_next(
        "POST",
        r"/api/Order",
        StubResponse.json(
            {"errors": [{"code": "COURIER", "message": "Sameday: locker is full"}]}, status=200
        ),
    )
    with pytest.raises(CarrierRejected, match="locker is full") as caught:
        driver.create_return_shipment(locker_request())
    assert caught.value.carrier_code == "COURIER"


@pytest.mark.parametrize(
    "fault",
    [StubResponse(status=503), StubResponse(status=429), StubResponse(drop_connection=True)],
)
def test_transient_faults_are_unavailable(stub, driver, fault):
    stub.fail_next("POST", r"/api/Order", fault)
    with pytest.raises(CarrierUnavailable):
        driver.create_return_shipment(pickup_request())
    assert not stub.shipments
    driver.create_return_shipment(pickup_request())  # the next try goes through
    assert len(stub.shipments) == 1


def test_a_crash_after_booking_cannot_be_recovered_by_reference(stub, driver):
    """A crash between Innoship's answer and our commit: Innoship has the booking, but offers no
    search by our reference, so find_shipment says so instead of letting the app book twice."""
    request = pickup_request()
    driver.create_return_shipment(request)  # the answer is lost with the crashed worker
    with pytest.raises(NotSupported, match=request.idempotency_key):
        InnoshipDriver(stub.config()).find_shipment(request)
    # Innoship itself would book again: that is why the app must stop here.
    driver.create_return_shipment(request)
    assert [s.external_order_id for s in stub.shipments.values()] == [request.idempotency_key] * 2


def test_what_innoship_does_not_offer(driver):
    booking = Booking("6:1", "1")
    with pytest.raises(NotSupported):
        driver.parse_webhook({}, b"{}")
    with pytest.raises(NotSupported):
        driver.get_booking(booking.shipment_id)
    window = pickup_request().pickup_window
    with pytest.raises(NotSupported):
        driver.schedule_pickup(booking, window, pickup_request().sender)
    with pytest.raises(NotSupported):
        driver.cancel_pickup("x")
    assert driver.get_documents(booking) == []


def test_pickup_without_window_is_refused_before_calling(stub, driver):
    with pytest.raises(CarrierRejected, match="pickup window"):
        driver.create_return_shipment(shipment_request("RO", mode=ReturnMode.PICKUP))
    assert not stub.calls("POST", r"/api/Order")
