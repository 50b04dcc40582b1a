"""The beat and retry side of the carrier layer: sweeper, daily point copy, bounded retries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from saleor_returns_app.carriers.base import ReturnMode
from saleor_returns_app.shipping import tasks
from saleor_returns_app.shipping.models import ServicePoint, Shipment
from saleor_returns_app.shipping.sweeper import stale_booking_ids
from saleor_returns_app.testing.carrier_stubs import StubResponse

from .conftest import add_account, request_return

pytestmark = pytest.mark.django_db(transaction=True)


def _age(shipment: Shipment, seconds: int) -> None:
    Shipment.objects.filter(pk=shipment.pk).update(
        updated_at=timezone.now() - timedelta(seconds=seconds)
    )


def test_the_sweeper_finds_bookings_left_waiting_too_long(shop, sameday, in_process, settings):
    add_account(shop.installation, "sameday", stub=sameday)
    waiting = Shipment.objects.get(return_request=request_return(shop, service_point_id="1002"))
    settings.SHIPMENT_REDELIVERY_AFTER = 900

    assert stale_booking_ids() == []  # just planned: its own enqueue is still on the way

    _age(waiting, 901)
    assert stale_booking_ids() == [waiting.pk]

    Shipment.objects.filter(pk=waiting.pk).update(status=Shipment.Status.BOOKED)
    _age(waiting, 901)
    assert stale_booking_ids() == []  # booked ones are the tracking round's


def test_a_carrier_down_for_every_retry_sends_the_return_to_staff(shop, sameday, in_process):
    add_account(shop.installation, "sameday", stub=sameday)
    return_request = request_return(shop, service_point_id="1002")
    shipment = Shipment.objects.get(return_request=return_request)
    sameday.fail_next("POST", "/api/awb", StubResponse(status=503), times=100)

    # run in this process, where each retry runs at once, up to the task's bound
    tasks.book_shipment.apply(args=[shipment.pk])

    # Sameday said 503 (nothing booked), so every retry could create again; then it gives up
    assert len(sameday.calls("POST", "/api/awb")) == tasks.book_shipment.max_retries + 1
    assert sameday.shipments == {}
    shipment.refresh_from_db()
    return_request.refresh_from_db()
    assert (shipment.status, shipment.error_code) == (
        Shipment.Status.FAILED,
        "CARRIER_UNAVAILABLE",
    )
    assert return_request.status == "NEEDS_REVIEW"


def test_a_dropped_connection_may_have_booked_so_the_retry_looks_first(shop, sameday, in_process):
    add_account(shop.installation, "sameday", stub=sameday)
    shipment = Shipment.objects.get(return_request=request_return(shop, service_point_id="1002"))
    sameday.fail_next("POST", "/api/awb", StubResponse(drop_connection=True))

    tasks.book_shipment.apply(args=[shipment.pk])

    # Sameday cannot be asked by our reference: staff check instead of a second AWB
    shipment.refresh_from_db()
    assert (shipment.status, shipment.error_code) == (Shipment.Status.FAILED, "POSSIBLY_BOOKED")
    assert len(sameday.calls("POST", "/api/awb")) == 1


def test_the_daily_point_copy_goes_on_past_a_carrier_that_fails(shop, sameday, packeta, in_process):
    add_account(shop.installation, "sameday", stub=sameday)
    add_account(
        shop.installation, "packeta", stub=packeta, modes=(ReturnMode.LOCKER,), country="RO"
    )
    for path in (r"/v5/.*", r"/api/v4/.*"):
        packeta.fail_next("GET", path, StubResponse(status=503), times=10)

    copied = tasks.sync_service_points()

    assert copied == ServicePoint.objects.filter(carrier="sameday").count() > 0
    assert not ServicePoint.objects.filter(carrier="packeta").exists()
