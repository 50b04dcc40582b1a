"""The whole carrier story through a real worker and broker: approve → AWB and label →
the tracking beat follows the parcel → delivered to the warehouse → received."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from saleor_returns_app.carriers.base import TrackingStatus
from saleor_returns_app.returns.policy import Method
from saleor_returns_app.shipping.models import Shipment
from saleor_returns_app.shipping.tasks import track_shipments
from saleor_returns_app.testing.waiting import wait_for

from .conftest import add_account, request_return

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_approved_return_is_booked_tracked_and_received(shop, sameday, celery_worker):
    # given a market that receives returns when the carrier delivers them to the warehouse
    shop.market.receive_on_delivery = True
    shop.market.save()
    add_account(shop.installation, "sameday", stub=sameday)

    # when the shopper's easybox return is approved
    return_request = request_return(shop, method=Method.LOCKER, service_point_id="1002")

    # then the worker books it with Sameday and stores the label
    shipment = wait_for(
        lambda: (
            Shipment.objects.filter(return_request=return_request).exclude(label_file="").first()
        )
    )
    assert shipment.status == Shipment.Status.BOOKED
    assert list(sameday.shipments) == [shipment.tracking_number]
    with default_storage.open(shipment.label_file, "rb") as stored:
        assert stored.read().startswith(b"%PDF")
    return_request.refresh_from_db()
    assert return_request.status == "LABEL_ISSUED"

    # when the shopper drops the parcel, Sameday carries it and delivers it to the warehouse
    sameday.scan(shipment.tracking_number, TrackingStatus.PICKED_UP)
    sameday.scan(shipment.tracking_number, TrackingStatus.DELIVERED)
    # and the tracking beat runs
    track_shipments.delay()

    # then the return was shipped and received, and its timeline tells the story
    def received():
        return_request.refresh_from_db()
        return return_request.status == "RECEIVED"

    wait_for(received)
    shipment.refresh_from_db()
    assert shipment.tracking_status == TrackingStatus.DELIVERED
    assert shipment.delivered_at is not None
    assert [e.status for e in shipment.events.all()] == ["CREATED", "PICKED_UP", "DELIVERED"]
    timeline = list(return_request.events.values_list("type", flat=True))
    for step in ("ISSUE_LABEL", "LABEL_READY", "SHIP", "PARCEL_DELIVERED", "RECEIVE"):
        assert step in timeline
    assert timeline.index("SHIP") < timeline.index("PARCEL_DELIVERED") < timeline.index("RECEIVE")
