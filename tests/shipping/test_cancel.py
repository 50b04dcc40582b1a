"""Cancelling a return's shipment: at once when too late, else at the carrier, which may
still refuse."""

from __future__ import annotations

import pytest
from django.utils import timezone

from saleor_returns_app.carriers.base import CarrierUnavailable, ReturnMode, TrackingStatus
from saleor_returns_app.returns.policy import Method
from saleor_returns_app.returns.services import cancel_return
from saleor_returns_app.shipping import booking, cancelling, tracking
from saleor_returns_app.shipping.models import Shipment
from saleor_returns_app.testing.carrier_stubs.server import StubResponse

from .conftest import STAFF, add_account, polish_order, request_return

pytestmark = pytest.mark.django_db(transaction=True)

PICKUP = (ReturnMode.PICKUP,)
DELETE_AWB = r"/api/awb/\w+"


def shipment_of(return_request) -> Shipment:
    return Shipment.objects.filter(return_request=return_request).order_by("-attempt").first()


def timeline(return_request) -> list[str]:
    return list(return_request.events.order_by("created_at", "pk").values_list("type", flat=True))


def cancel(shop, shipment: Shipment) -> Shipment:
    return cancelling.request_cancel(
        installation=shop.installation, return_request_id=shipment.return_request_id, actor=STAFF
    )


def refreshed(shipment: Shipment) -> Shipment:
    shipment.refresh_from_db()
    shipment.return_request.refresh_from_db()
    return shipment


@pytest.fixture
def booked(shop, sameday, in_process) -> Shipment:
    """A Sameday courier-pickup return, booked and labelled."""
    add_account(shop.installation, "sameday", stub=sameday, modes=PICKUP)
    return_request = request_return(shop, method=Method.PICKUP)
    shipment = shipment_of(return_request)
    booking.book(shipment.pk)
    shipment = refreshed(shipment)
    assert shipment.status == Shipment.Status.BOOKED
    assert shipment.return_request.status == "LABEL_ISSUED"
    return shipment


def test_a_booked_shipment_is_cancelled_at_the_carrier_and_the_label_voided(shop, sameday, booked):
    awb = booked.tracking_number

    cancel(shop, booked)

    # staff hear at once that it is under way; the carrier is asked by a worker
    shipment = refreshed(booked)
    assert shipment.status == Shipment.Status.CANCELLING
    assert sameday.calls("DELETE", DELETE_AWB) == []
    assert "SHIPMENT_CANCEL_REQUESTED" in timeline(shipment.return_request)

    cancelling.cancel_at_carrier(shipment.pk)

    shipment = refreshed(shipment)
    assert shipment.status == Shipment.Status.CANCELLED
    assert shipment.tracking_status == TrackingStatus.CANCELLED
    (call,) = sameday.calls("DELETE", DELETE_AWB)
    assert call.path == f"/api/awb/{awb}"
    assert awb not in sameday.shipments
    assert shipment.return_request.status == "APPROVED"
    void = shipment.return_request.events.get(type="VOID_LABEL")
    assert void.data["tracking_number"] == awb
    # cancelled shipments are not tracked
    assert tracking.due_batches() == []


def test_after_the_courier_collected_it_staff_are_told_at_once(shop, sameday, booked):
    sameday.mark_picked_up(booked.tracking_number)
    for account_id, ids in tracking.due_batches():
        tracking.track_batch(account_id, ids, now=timezone.now())

    with pytest.raises(cancelling.CannotCancel) as refused:
        cancel(shop, booked)

    assert "collected" in refused.value.message
    assert refused.value.code == "NOT_CANCELLABLE"
    shipment = refreshed(booked)
    assert shipment.status == Shipment.Status.BOOKED
    assert sameday.calls("DELETE", DELETE_AWB) == []


def test_a_carrier_refusing_the_cancel_puts_the_shipment_back_for_staff(shop, sameday, booked):
    # the courier collected it, but our tracking has not seen it yet
    sameday.mark_picked_up(booked.tracking_number)
    cancel(shop, booked)

    cancelling.cancel_at_carrier(booked.pk)

    shipment = refreshed(booked)
    assert len(sameday.calls("DELETE", DELETE_AWB)) == 1
    assert shipment.status == Shipment.Status.BOOKED
    assert shipment.needs_attention
    assert "picked up" in shipment.error
    refusal = shipment.return_request.events.get(type="SHIPMENT_CANCEL_REFUSED")
    assert refusal.data["carrier"] == "sameday"
    assert "picked up" in refusal.data["message"]
    assert shipment.return_request.status == "LABEL_ISSUED"
    # and it is still tracked
    assert [ids for _a, ids in tracking.due_batches()] == [[shipment.pk]]


def test_a_carrier_outage_leaves_the_cancel_for_a_retry(shop, sameday, booked):
    cancel(shop, booked)
    sameday.fail_next("DELETE", DELETE_AWB, StubResponse.json({"message": "busy"}, status=503))

    with pytest.raises(CarrierUnavailable):
        cancelling.cancel_at_carrier(booked.pk)

    shipment = refreshed(booked)
    assert shipment.status == Shipment.Status.CANCELLING
    assert not shipment.needs_attention
    assert shipment.return_request.status == "LABEL_ISSUED"
    # while it is with the carrier, staff cannot ask again
    with pytest.raises(cancelling.CannotCancel) as busy:
        cancel(shop, booked)
    assert busy.value.code == "BUSY"

    # the task's retry goes through
    cancelling.cancel_at_carrier(booked.pk)
    shipment = refreshed(booked)
    assert shipment.status == Shipment.Status.CANCELLED
    assert shipment.return_request.status == "APPROVED"


def test_a_carrier_without_cancel_is_refused_at_once_with_a_clear_message(shop, inpost, in_process):
    add_account(shop.installation, "inpost", stub=inpost, country="PL")
    return_request = request_return(
        shop, method=Method.LOCKER, service_point_id="LOD01M", order=polish_order(shop)
    )
    booking.book(shipment_of(return_request).pk)
    assert booking.poll(shipment_of(return_request).pk) is True  # InPost confirms later
    shipment = shipment_of(return_request)
    assert shipment.status == Shipment.Status.BOOKED

    with pytest.raises(cancelling.CannotCancel) as refused:
        cancel(shop, shipment)

    assert str(refused.value) == (
        "This carrier does not cancel return bookings; an unused one simply expires."
    )
    assert refreshed(shipment).status == Shipment.Status.BOOKED
    assert inpost.calls("DELETE", r"/v1/shipments/\d+") == []


def test_a_shipment_not_yet_booked_is_cancelled_without_the_carrier(shop, sameday, in_process):
    add_account(shop.installation, "sameday", stub=sameday, modes=PICKUP)
    return_request = request_return(shop, method=Method.PICKUP)
    shipment = shipment_of(return_request)
    assert shipment.status == Shipment.Status.PLANNED

    cancel(shop, shipment)

    shipment = refreshed(shipment)
    assert shipment.status == Shipment.Status.CANCELLED
    assert sameday.requests == []
    assert shipment.return_request.status == "APPROVED"
    assert timeline(shipment.return_request)[-1] == "SHIPMENT_CANCELLED"
    # a worker picking the planned booking up afterwards books nothing
    booking.book(shipment.pk)
    assert sameday.calls("POST", r"/api/awb") == []


def test_a_return_without_shipment_has_nothing_to_cancel(shop, in_process):
    return_request = request_return(shop, method=Method.SELF_SHIP)

    with pytest.raises(cancelling.CannotCancel) as refused:
        cancelling.request_cancel(
            installation=shop.installation, return_request_id=return_request.pk, actor=STAFF
        )
    assert refused.value.code == "NO_SHIPMENT"


def test_cancelling_the_return_cancels_its_shipment(shop, sameday, booked):
    cancel_return(
        installation=shop.installation, return_request_id=booked.return_request_id, actor=STAFF
    )

    shipment = refreshed(booked)
    assert shipment.return_request.status == "CANCELLED"
    assert shipment.status == Shipment.Status.CANCELLING

    cancelling.cancel_at_carrier(shipment.pk)

    shipment = refreshed(shipment)
    assert shipment.status == Shipment.Status.CANCELLED
    assert booked.tracking_number not in sameday.shipments
    assert shipment.return_request.status == "CANCELLED"
    assert timeline(shipment.return_request)[-1] == "SHIPMENT_CANCELLED"


def test_cancelling_a_return_the_courier_already_has_tells_staff(shop, sameday, booked):
    sameday.mark_picked_up(booked.tracking_number)
    for account_id, ids in tracking.due_batches():
        tracking.track_batch(account_id, ids, now=timezone.now())
    booked.return_request.refresh_from_db()
    assert booked.return_request.status == "IN_TRANSIT"

    cancel_return(
        installation=shop.installation, return_request_id=booked.return_request_id, actor=STAFF
    )

    shipment = refreshed(booked)
    assert shipment.return_request.status == "CANCELLED"
    assert shipment.status == Shipment.Status.BOOKED
    refusal = shipment.return_request.events.get(type="SHIPMENT_CANCEL_REFUSED")
    assert "collected" in refusal.data["message"]
    assert sameday.calls("DELETE", DELETE_AWB) == []
