"""SamedayDriver against the loopback Sameday stub: what staff and shoppers see, and how
Sameday fails."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

import pytest

from saleor_returns_app.carriers.base import (
    AccountConfig,
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
    ShipmentRequest,
    TrackingStatus,
)
from saleor_returns_app.carriers.drivers.sameday import STATUS_MAP, SamedayDriver, status_for
from saleor_returns_app.testing.carrier_stubs.sameday import (
    CONTACT_PERSON_ID,
    PICKUP_POINT_ID,
    SERVICE_ID,
    SamedayStub,
)
from saleor_returns_app.testing.carrier_stubs.samples import shipment_request
from saleor_returns_app.testing.carrier_stubs.server import StubResponse, running


@pytest.fixture(scope="module")
def server() -> Iterator[SamedayStub]:
    yield from running(SamedayStub())  # type: ignore[misc]


@pytest.fixture
def stub(server: SamedayStub) -> SamedayStub:
    server.reset()
    return server


@pytest.fixture
def driver(stub: SamedayStub) -> SamedayDriver:
    return SamedayDriver(stub.config())


def locker_return(key: str = "R-2026-000001/1") -> ShipmentRequest:
    return shipment_request("RO", mode=ReturnMode.LOCKER, service_point_id="1003", key=key)


def pickup_return(key: str = "R-2026-000002/1") -> ShipmentRequest:
    return shipment_request("RO", mode=ReturnMode.PICKUP, pickup=True, key=key)


# --- the driver's shape -------------------------------------------------------------------


def test_driver_declares_what_sameday_offers_for_returns(stub: SamedayStub) -> None:
    driver = SamedayDriver(stub.config())
    assert isinstance(driver, CarrierDriver)
    caps = driver.capabilities
    assert caps.modes == {ReturnMode.PICKUP, ReturnMode.LOCKER}
    assert caps.label_formats == {LabelFormat.PDF_A6, LabelFormat.PDF_A4}
    assert caps.serves(ReturnMode.LOCKER, from_country="RO", to_country="RO")
    assert not caps.serves(ReturnMode.LOCKER, from_country="PL", to_country="RO")


def test_hosts_follow_test_mode() -> None:
    assert SamedayDriver(AccountConfig({}, test_mode=True)).base_url.endswith("demo.zitec.com")
    assert SamedayDriver(AccountConfig({})).base_url == "https://api.sameday.ro"


# --- credentials ---------------------------------------------------------------------------


def test_credential_check_logs_in_with_the_auth_headers(stub: SamedayStub, driver) -> None:
    driver.check_credentials()
    login = stub.calls("POST", "/api/authenticate")[-1]
    assert login.header("X-Auth-Username") == stub.credentials["username"]
    assert login.header("X-Auth-Password") == stub.credentials["password"]
    assert login.form() == {"remember_me": "1"}


def test_credential_check_refused(stub: SamedayStub) -> None:
    config = AccountConfig({"username": "retururi_api", "password": "wrong"}, base_url=stub.url)
    with pytest.raises(CarrierAuthError):
        SamedayDriver(config).check_credentials()


def test_missing_credentials_are_an_auth_error(stub: SamedayStub) -> None:
    with pytest.raises(CarrierAuthError):
        SamedayDriver(AccountConfig({}, base_url=stub.url)).check_credentials()
    assert stub.requests == []


# --- quote ----------------------------------------------------------------------------------


def test_quote_uses_the_estimate_endpoint(stub: SamedayStub, driver) -> None:
    (quote,) = driver.quote(pickup_return())
    assert quote.price == Decimal("16.9")  # the stub's tariff for 1.2 kg
    assert quote.currency == "RON"
    assert quote.service == str(SERVICE_ID)
    assert quote.mode is ReturnMode.PICKUP
    assert stub.calls("POST", "/api/awb") == []


# --- create -------------------------------------------------------------------------------


def test_pickup_return_is_a_third_party_pickup_from_the_shopper(stub: SamedayStub, driver) -> None:
    booking = driver.create_return_shipment(pickup_return())

    shipment = stub.shipments[booking.tracking_number]
    form = shipment.form
    assert booking.shipment_id == booking.tracking_number
    assert booking.price == Decimal("16.9")
    assert booking.currency == "RON"
    assert form["clientInternalReference"] == "R-2026-000002/1"
    assert form["pickupPoint"] == str(PICKUP_POINT_ID)  # the account's default point
    assert form["contactPerson"] == str(CONTACT_PERSON_ID)
    assert form["service"] == str(SERVICE_ID)  # the account's default service
    assert form["thirdPartyPickup"] == "1"
    assert form["thirdParty[name]"] == "Ștefan Țăranu"
    assert form["thirdParty[address]"] == "Strada Șelari 12, Ap. 3"
    assert form["thirdParty[cityString]"] == "București"
    assert form["thirdParty[postalCode]"] == "030067"
    assert form["thirdParty[phoneNumber]"] == "+40722123456"
    assert form["awbRecipient[companyName]"] == "Magazin SRL"
    assert form["awbRecipient[email]"] == "retururi@magazin.ro"
    assert form["awbRecipient[personType]"] == "1"
    assert form["packageWeight"] == "1.200"
    assert form["parcels[0][weight]"] == "1.200"
    assert form["parcels[0][length]"] == "30"
    assert "lockerFirstMile" not in form
    # No pickup-date field exists on an AWB: the window reaches the courier as the note.
    assert form["observation"] == (
        "Retur R-2026-000001 / comanda 1042; ridicare 02.12.2026 09:00-17:00"
    )


def test_locker_return_names_the_easybox_the_shopper_drops_in(stub: SamedayStub, driver) -> None:
    booking = driver.create_return_shipment(locker_return())

    form = stub.shipments[booking.tracking_number].form
    assert form["lockerFirstMile"] == "1003"
    assert form["thirdParty[name]"] == "Ștefan Țăranu"
    assert form["clientInternalReference"] == "R-2026-000001/1"
    assert "ridicare" not in form["observation"]


def test_configured_pickup_point_and_service_skip_the_lookups(stub: SamedayStub) -> None:
    driver = SamedayDriver(
        stub.config(pickup_point_id=str(PICKUP_POINT_ID), contact_person_id="145", service_id="1")
    )
    booking = driver.create_return_shipment(pickup_return())
    assert stub.shipments[booking.tracking_number].form["service"] == "1"
    assert stub.calls("GET", "/api/client/pickup-points") == []
    assert stub.calls("GET", "/api/client/services") == []


def test_locker_return_without_a_locker_is_refused_before_calling(stub, driver) -> None:
    request = shipment_request("RO", mode=ReturnMode.LOCKER)
    with pytest.raises(CarrierRejected, match="easybox"):
        driver.create_return_shipment(request)
    assert stub.calls("POST", "/api/awb") == []


def test_modes_sameday_lacks_are_not_supported(driver) -> None:
    with pytest.raises(NotSupported):
        driver.create_return_shipment(shipment_request("RO", mode=ReturnMode.SELF_SHIP))


def test_validation_error_carries_sameday_message(stub: SamedayStub, driver) -> None:
    with pytest.raises(CarrierRejected) as refused:
        driver.create_return_shipment(replace(locker_return(), service_point_id="9999"))
    assert refused.value.carrier_code == "400"
    assert "Validation Failed" in refused.value.message
    assert "lockerFirstMile: Invalid locker." in refused.value.message
    assert stub.shipments == {}


def test_nested_field_errors_name_the_field(stub: SamedayStub, driver) -> None:
    request = pickup_return()
    request = replace(request, sender=replace(request.sender, city=""))
    with pytest.raises(CarrierRejected, match=r"thirdParty\.cityString: This value"):
        driver.create_return_shipment(request)


# --- labels ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label_format", "size", "media_box"),
    [
        (LabelFormat.PDF_A6, "A6", b"/MediaBox [0 0 298 420]"),
        (LabelFormat.PDF_A4, "A4", b"/MediaBox [0 0 595 842]"),
    ],
)
def test_label_in_each_pdf_size(stub, driver, label_format, size, media_box) -> None:
    booking = driver.create_return_shipment(locker_return())
    label = driver.get_label(booking, label_format)
    assert label.content.startswith(b"%PDF")
    assert media_box in label.content
    assert label.format is label_format
    assert stub.calls("GET", f"/api/awb/download/{booking.tracking_number}/{size}")


def test_zpl_is_not_supported(driver) -> None:
    booking = driver.create_return_shipment(locker_return())
    with pytest.raises(NotSupported):
        driver.get_label(booking, LabelFormat.ZPL)


def test_label_of_unknown_awb(driver) -> None:
    booking = driver.create_return_shipment(locker_return())
    with pytest.raises(ShipmentNotFound):
        driver.get_label(replace(booking, tracking_number="1SDY000"), LabelFormat.PDF_A6)


# --- tracking -------------------------------------------------------------------------------


def test_track_a_batch_normalises_and_orders_events(stub: SamedayStub, driver) -> None:
    first = driver.create_return_shipment(locker_return())
    second = driver.create_return_shipment(pickup_return())
    for status in (
        TrackingStatus.PICKED_UP,
        TrackingStatus.IN_TRANSIT,
        TrackingStatus.OUT_FOR_DELIVERY,
        TrackingStatus.DELIVERED,
    ):
        stub.scan(first.tracking_number, status)

    events = driver.track([first.tracking_number, "1SDY999999999", second.tracking_number])

    assert set(events) == {first.tracking_number, second.tracking_number}
    assert [e.status for e in events[first.tracking_number]] == [
        TrackingStatus.CREATED,
        TrackingStatus.PICKED_UP,
        TrackingStatus.IN_TRANSIT,
        TrackingStatus.OUT_FOR_DELIVERY,
        TrackingStatus.DELIVERED,
    ]
    times = [e.occurred_at for e in events[first.tracking_number]]
    assert times == sorted(times)
    assert [e.carrier_code for e in events[first.tracking_number]] == ["1", "4", "56", "33", "9"]
    assert events[first.tracking_number][-1].description == "Colet livrat"
    assert [e.status for e in events[second.tracking_number]] == [TrackingStatus.CREATED]
    # One AWB per call is all Sameday offers.
    assert len(stub.calls("GET", r"/api/client/awb/\w+/status")) == 3


def test_cancelled_and_returning_flags_become_events(stub: SamedayStub, driver) -> None:
    cancelled = driver.create_return_shipment(locker_return())
    returning = driver.create_return_shipment(pickup_return())
    stub.scan(cancelled.tracking_number, TrackingStatus.CANCELLED)
    stub.scan(returning.tracking_number, TrackingStatus.PICKED_UP)
    stub.scan(returning.tracking_number, TrackingStatus.EXCEPTION)

    events = driver.track([cancelled.tracking_number, returning.tracking_number])

    assert events[cancelled.tracking_number][-1].status is TrackingStatus.CANCELLED
    assert events[returning.tracking_number][-1].status is TrackingStatus.EXCEPTION


def test_unknown_status_codes_read_as_in_transit() -> None:
    assert status_for(12345) is TrackingStatus.IN_TRANSIT
    assert status_for(9) is TrackingStatus.DELIVERED
    assert STATUS_MAP[1] is TrackingStatus.CREATED


def test_get_booking_reads_the_awb(stub: SamedayStub, driver) -> None:
    booking = driver.create_return_shipment(locker_return())
    assert driver.get_booking(booking.shipment_id).tracking_number == booking.tracking_number
    with pytest.raises(ShipmentNotFound):
        driver.get_booking("1SDY000")


# --- service points -------------------------------------------------------------------------


def test_lockers_near_coordinates_come_nearest_first(driver) -> None:
    # Piața Unirii, Bucharest.
    query = ServicePointQuery("RO", latitude=44.4275, longitude=26.1025, limit=3)
    points = driver.search_service_points(query)
    assert [p.id for p in points] == ["1002", "1003", "1001"]
    assert all(p.kind is PointKind.LOCKER and p.country_code == "RO" for p in points)
    assert points[0].latitude == pytest.approx(44.42773)
    assert points[0].opening_hours.startswith("Mo 00:00-23:59")


def test_lockers_by_city_ignore_diacritics(driver) -> None:
    points = driver.search_service_points(ServicePointQuery("RO", city="Iași"))
    assert [p.name for p in points] == ["easybox Palas Iasi"]


def test_lockers_by_postal_code_area_exact_first(driver) -> None:
    points = driver.search_service_points(ServicePointQuery("RO", postal_code="030031"))
    assert [p.id for p in points] == ["1003", "1002"]


def test_lockers_follow_pages(stub: SamedayStub, driver, monkeypatch) -> None:
    monkeypatch.setattr("saleor_returns_app.carriers.drivers.sameday._PAGE_SIZE", 4)
    points = driver.search_service_points(ServicePointQuery("RO"))
    assert len(points) == len(stub.lockers)
    assert len(stub.calls("GET", "/api/client/lockers")) == 2


def test_no_lockers_outside_sameday_countries(driver) -> None:
    assert driver.search_service_points(ServicePointQuery("HU", city="Budapest")) == []


# --- cancel ---------------------------------------------------------------------------------


def test_cancel_before_pickup_deletes_the_awb(stub: SamedayStub, driver) -> None:
    booking = driver.create_return_shipment(pickup_return())
    driver.cancel(booking)
    assert booking.tracking_number not in stub.shipments
    assert stub.calls("DELETE", f"/api/awb/{booking.tracking_number}")


def test_cancel_after_pickup_is_refused(stub: SamedayStub, driver) -> None:
    booking = driver.create_return_shipment(pickup_return())
    stub.mark_picked_up(booking.tracking_number)
    with pytest.raises(NotCancellable, match="already picked up"):
        driver.cancel(booking)
    assert booking.tracking_number in stub.shipments


def test_cancel_unknown_awb(driver) -> None:
    booking = driver.create_return_shipment(pickup_return())
    with pytest.raises(ShipmentNotFound):
        driver.cancel(replace(booking, tracking_number="1SDY000"))


# --- tokens ---------------------------------------------------------------------------------


def test_token_is_cached_between_calls(stub: SamedayStub, driver) -> None:
    driver.create_return_shipment(locker_return())
    driver.track(list(stub.shipments))
    assert len(stub.calls("POST", "/api/authenticate")) == 1


def test_expired_token_is_renewed_once_and_the_call_succeeds(stub: SamedayStub, driver) -> None:
    booking = driver.create_return_shipment(locker_return())
    stub.expire_tokens()

    assert booking.tracking_number in driver.track([booking.tracking_number])
    assert len(stub.calls("POST", "/api/authenticate")) == 2


def test_token_refused_twice_is_an_auth_error(stub: SamedayStub, driver) -> None:
    driver.check_credentials()
    refused = StubResponse.json({"code": 401, "message": "Expired JWT Token"}, 401)
    stub.fail_next("GET", r"/api/client/awb/\w+/status", refused, times=2)
    with pytest.raises(CarrierAuthError):
        driver.track(["1SDY24106741"])
    assert len(stub.calls("POST", "/api/authenticate")) == 2


def test_expired_token_with_changed_password_is_an_auth_error(stub: SamedayStub, driver) -> None:
    driver.check_credentials()
    stub.expire_tokens()
    stub.credentials = {**stub.credentials, "password": "rotated"}
    with pytest.raises(CarrierAuthError):
        driver.create_return_shipment(locker_return())
    assert stub.shipments == {}


# --- duplicates and transient faults ---------------------------------------------------------


def test_crash_after_booking_cannot_be_recovered_by_reference(stub: SamedayStub, driver) -> None:
    # The AWB was booked but our commit never happened. Sameday keeps our key as
    # clientInternalReference yet cannot search by it, so find_shipment says so rather than
    # answer None, which would let the app book a second AWB.
    request = locker_return()
    first = driver.create_return_shipment(request)
    with pytest.raises(NotSupported, match=request.idempotency_key):
        SamedayDriver(stub.config()).find_shipment(request)
    assert stub.shipments[first.tracking_number].reference == request.idempotency_key

    # What a blind retry would do: Sameday books the same reference again.
    driver.create_return_shipment(request)
    assert [s.reference for s in stub.shipments.values()] == [request.idempotency_key] * 2


@pytest.mark.parametrize(
    "fault",
    [StubResponse(status=503), StubResponse(status=500), StubResponse(drop_connection=True)],
)
def test_transient_faults_are_carrier_unavailable(stub: SamedayStub, driver, fault) -> None:
    stub.fail_next("POST", "/api/awb", fault)
    with pytest.raises(CarrierUnavailable):
        driver.create_return_shipment(pickup_return())
    assert stub.shipments == {}


def test_login_fault_is_carrier_unavailable(stub: SamedayStub, driver) -> None:
    stub.fail_next("POST", "/api/authenticate", StubResponse(status=502))
    with pytest.raises(CarrierUnavailable):
        driver.check_credentials()


def test_tracking_fault_fails_the_batch(stub: SamedayStub, driver) -> None:
    booking = driver.create_return_shipment(locker_return())
    stub.fail_next("GET", r"/api/client/awb/\w+/status", StubResponse(status=429))
    with pytest.raises(CarrierUnavailable):
        driver.track([booking.tracking_number])


# --- features Sameday lacks -----------------------------------------------------------------


def test_features_sameday_lacks(driver) -> None:
    booking = driver.create_return_shipment(pickup_return())
    window = pickup_return().pickup_window
    assert isinstance(window, PickupWindow)
    with pytest.raises(NotSupported):
        driver.schedule_pickup(booking, window, pickup_return().sender)
    with pytest.raises(NotSupported):
        driver.cancel_pickup("1")
    with pytest.raises(NotSupported):
        driver.parse_webhook({}, b"{}")
    assert driver.get_documents(booking) == []
