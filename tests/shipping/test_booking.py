"""Approving a return books its shipment once, with the market's carrier, and issues the label."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pypdfium2 as pdfium
import pytest
import zxingcpp
from django.core.files.storage import default_storage

from saleor_returns_app.carriers.base import CarrierUnavailable, ReturnMode
from saleor_returns_app.returns.policy import Method
from saleor_returns_app.shipping import booking, followups
from saleor_returns_app.shipping.models import Shipment
from saleor_returns_app.testing.carrier_stubs import StubResponse

from .conftest import STAFF, add_account, polish_order, request_return

pytestmark = pytest.mark.django_db(transaction=True)


def shipment_of(return_request) -> Shipment:
    return Shipment.objects.filter(return_request=return_request).order_by("-attempt").first()


def timeline(return_request) -> list[str]:
    return list(return_request.events.order_by("created_at", "pk").values_list("type", flat=True))


def test_self_ship_return_gets_our_label_which_scans_back_to_the_rma(shop, in_process):
    # given a store whose only "carrier" is its own label
    add_account(shop.installation, "self", modes=(ReturnMode.SELF_SHIP,))

    # when the shopper's self-ship return is approved and the worker books it
    return_request = request_return(shop, method=Method.SELF_SHIP)
    shipment = shipment_of(return_request)
    assert shipment.status == Shipment.Status.PLANNED
    booking.book(shipment.pk)

    # then the label is stored (not in the row) and the return has its label
    shipment.refresh_from_db()
    return_request.refresh_from_db()
    assert shipment.status == Shipment.Status.BOOKED
    assert return_request.status == "LABEL_ISSUED"
    assert shipment.label_file.endswith(".pdf")
    with default_storage.open(shipment.label_file, "rb") as stored:
        pdf = stored.read()
    page = pdfium.PdfDocument(pdf)[0]
    decoded = {r.text for r in zxingcpp.read_barcodes(page.render(scale=4).to_pil())}
    assert return_request.rma in decoded
    assert "CARRIER_CHOSEN" in timeline(return_request)
    assert "ISSUE_LABEL" in timeline(return_request)


def test_a_store_without_carrier_accounts_ships_by_hand(shop, in_process):
    return_request = request_return(shop, method=Method.SELF_SHIP)

    assert return_request.status == "APPROVED"
    assert not Shipment.objects.filter(return_request=return_request).exists()


def test_sameday_locker_return_is_booked_then_its_label_fetched(shop, sameday, in_process):
    # given a Sameday account taking easybox returns
    account = add_account(shop.installation, "sameday", stub=sameday)

    # when the shopper's easybox return is approved and booked
    return_request = request_return(shop, method=Method.LOCKER, service_point_id="1002")
    shipment = shipment_of(return_request)
    booking.book(shipment.pk)

    # then Sameday has one AWB for our reference, from the shopper to the warehouse
    (awb,) = sameday.shipments
    form = sameday.shipments[awb].form
    assert form["lockerFirstMile"] == "1002"
    assert form["clientInternalReference"] == f"{return_request.rma}/1"
    assert form["thirdParty[name]"] == "Ștefan Țăranu"
    # 2 x 0.4 kg + 0.5 kg + packaging 0.2 kg
    assert float(form["packageWeight"]) == pytest.approx(1.5)
    shipment.refresh_from_db()
    assert (shipment.account, shipment.tracking_number, shipment.status) == (
        account,
        awb,
        Shipment.Status.BOOKED,
    )
    # and the label comes in a follow-up call, stored as a file
    assert shipment.label_file == ""
    followups.fetch_label(shipment.pk)
    shipment.refresh_from_db()
    with default_storage.open(shipment.label_file, "rb") as stored:
        assert stored.read().startswith(b"%PDF")
    assert timeline(return_request)[-2:] == ["ISSUE_LABEL", "LABEL_READY"]


def test_pickup_return_sends_the_pickup_window_in_the_booking(shop, innoship, in_process):
    add_account(shop.installation, "innoship", stub=innoship, modes=(ReturnMode.PICKUP,))

    return_request = request_return(shop, method=Method.PICKUP)
    shipment = shipment_of(return_request)
    booking.book(shipment.pk)

    shipment.refresh_from_db()
    (sent,) = [r.json() for r in innoship.calls("POST", "/api/Order")]
    assert sent["externalOrderId"] == shipment.idempotency_key
    # the next working day, 9:00 to 17:00 in Bucharest
    assert shipment.pickup_start.astimezone(ZoneInfo("Europe/Bucharest")).hour == 9
    assert sent["shipmentDate"].startswith(
        shipment.pickup_start.astimezone(ZoneInfo("Europe/Bucharest")).date().isoformat()
    )
    assert shipment.status == Shipment.Status.BOOKED


def test_packeta_locker_return_gets_a_drop_off_code(shop, packeta, in_process):
    add_account(
        shop.installation, "packeta", stub=packeta, modes=(ReturnMode.LOCKER,), country="RO"
    )

    return_request = request_return(shop, method=Method.LOCKER, service_point_id="9401")
    booking.book(shipment_of(return_request).pk)

    shipment = shipment_of(return_request)
    assert shipment.drop_off_code
    assert shipment.tracking_number.startswith("Z")


def test_a_refused_booking_goes_to_staff_with_the_carriers_message(shop, sameday, in_process):
    add_account(shop.installation, "sameday", stub=sameday)
    # the shopper picked a locker Sameday does not know
    return_request = request_return(shop, method=Method.LOCKER, service_point_id="999999")

    booking.book(shipment_of(return_request).pk)

    shipment = shipment_of(return_request)
    return_request.refresh_from_db()
    assert shipment.status == Shipment.Status.FAILED
    assert "Invalid locker" in shipment.error
    assert return_request.status == "NEEDS_REVIEW"
    failed = return_request.events.get(type="BOOKING_FAILED")
    assert "Invalid locker" in failed.data["message"]


def test_staff_book_again_after_a_refusal(shop, sameday, innoship, in_process):
    add_account(shop.installation, "sameday", stub=sameday)
    return_request = request_return(shop, method=Method.LOCKER, service_point_id="999999")
    booking.book(shipment_of(return_request).pk)
    # staff add an Innoship account and book with it
    other = add_account(shop.installation, "innoship", stub=innoship, name="Innoship")

    again = booking.book_again(
        installation=shop.installation,
        return_request_id=return_request.pk,
        actor=STAFF,
        account_id=other.pk,
    )

    return_request.refresh_from_db()
    assert return_request.status == "APPROVED"
    assert (again.attempt, again.account, again.status) == (2, other, Shipment.Status.PLANNED)
    assert again.idempotency_key == f"{return_request.rma}/2"
    with pytest.raises(booking.ShipmentActive):
        booking.book_again(
            installation=shop.installation, return_request_id=return_request.pk, actor=STAFF
        )


def test_a_crash_after_the_carrier_booked_does_not_book_twice(
    shop, inpost, monkeypatch, in_process
):
    # given an InPost account (ShipX can find a shipment by our key) and a Polish order
    add_account(shop.installation, "inpost", stub=inpost, country="PL")
    return_request = request_return(
        shop, method=Method.LOCKER, service_point_id="LOD01M", order=polish_order(shop)
    )
    shipment = shipment_of(return_request)

    # when the worker dies between InPost's answer and our commit
    with monkeypatch.context() as patched:
        patched.setattr(booking, "_record_booking", crash)
        with pytest.raises(SystemExit):
            booking.book(shipment.pk)
    assert shipment_of(return_request).status == Shipment.Status.BOOKING

    # and the task runs again
    booking.book(shipment.pk)

    # then InPost holds one shipment, and ours is that one
    assert len(inpost.shipments) == 1
    shipment.refresh_from_db()
    assert shipment.status in (Shipment.Status.BOOKED, Shipment.Status.PENDING)
    (only,) = inpost.shipments.values()
    assert shipment.carrier_shipment_id == str(only["id"])


def crash(*_args, **_kwargs):
    raise SystemExit("worker killed")


def test_a_crash_at_a_carrier_that_cannot_look_up_goes_to_staff(
    shop, sameday, monkeypatch, in_process
):
    add_account(shop.installation, "sameday", stub=sameday)
    return_request = request_return(shop, method=Method.LOCKER, service_point_id="1002")
    shipment = shipment_of(return_request)
    with monkeypatch.context() as patched:
        patched.setattr(
            booking, "_record_booking", lambda *a, **k: (_ for _ in ()).throw(SystemExit)
        )
        with pytest.raises(SystemExit):
            booking.book(shipment.pk)

    booking.book(shipment.pk)

    # Sameday cannot search by our reference: booking blindly could double-book, so staff decide
    assert len(sameday.shipments) == 1
    shipment.refresh_from_db()
    return_request.refresh_from_db()
    assert (shipment.status, shipment.error_code) == (Shipment.Status.FAILED, "POSSIBLY_BOOKED")
    assert return_request.status == "NEEDS_REVIEW"


def test_a_carrier_outage_leaves_the_booking_for_a_retry(shop, sameday, in_process):
    add_account(shop.installation, "sameday", stub=sameday)
    return_request = request_return(shop, method=Method.LOCKER, service_point_id="1002")
    shipment = shipment_of(return_request)
    sameday.fail_next("POST", "/api/awb", StubResponse(drop_connection=True))

    with pytest.raises(CarrierUnavailable):
        booking.book(shipment.pk)

    shipment.refresh_from_db()
    return_request.refresh_from_db()
    assert shipment.status == Shipment.Status.BOOKING
    assert return_request.status == "APPROVED"


def test_async_booking_is_confirmed_by_polling(shop, inpost, in_process):
    add_account(shop.installation, "inpost", stub=inpost, country="PL")
    inpost.confirm_on_read = False
    return_request = request_return(
        shop, method=Method.LOCKER, service_point_id="LOD01M", order=polish_order(shop)
    )
    shipment = shipment_of(return_request)

    booking.book(shipment.pk)
    shipment.refresh_from_db()
    assert shipment.status == Shipment.Status.PENDING
    assert booking.poll(shipment.pk) is False

    inpost.confirm_on_read = True
    assert booking.poll(shipment.pk) is True
    shipment.refresh_from_db()
    return_request.refresh_from_db()
    assert shipment.status == Shipment.Status.BOOKED
    assert shipment.tracking_number
    assert return_request.status == "LABEL_ISSUED"


def test_a_pickup_at_a_carrier_with_separate_courier_orders_is_ordered_after_booking(
    shop, inpost, in_process
):
    add_account(shop.installation, "inpost", stub=inpost, country="PL", modes=(ReturnMode.PICKUP,))
    return_request = request_return(shop, method=Method.PICKUP, order=polish_order(shop))
    shipment = shipment_of(return_request)
    booking.book(shipment.pk)
    booking.poll(shipment.pk)

    followups.schedule_pickup(shipment.pk)

    shipment.refresh_from_db()
    assert shipment.pickup_id
    (dispatch,) = inpost.dispatch_orders.values()
    # Saleor stores cities upper-cased, as its address normalisation does
    assert dispatch["address"]["city"] == "ŁÓDŹ"
    assert "PICKUP_SCHEDULED" in timeline(return_request)
