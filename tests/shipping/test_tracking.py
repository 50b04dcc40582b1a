"""Following a booked parcel: carrier scans move the return along, once each."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from saleor_returns_app.carriers.base import ReturnMode, TrackingStatus
from saleor_returns_app.returns.lifecycle import TransitionNotAllowed
from saleor_returns_app.returns.models import new_public_token
from saleor_returns_app.returns.policy import Method
from saleor_returns_app.returns.services import cancel_return
from saleor_returns_app.shipping import booking, tracking
from saleor_returns_app.shipping.models import Shipment, TrackingEvent

from .conftest import STAFF, add_account, polish_order, request_return

pytestmark = pytest.mark.django_db(transaction=True)

PICKUP = (ReturnMode.PICKUP,)


def shipment_of(return_request) -> Shipment:
    return Shipment.objects.filter(return_request=return_request).order_by("-attempt").first()


def timeline(return_request) -> list[str]:
    return list(return_request.events.order_by("created_at", "pk").values_list("type", flat=True))


def booked(shop, method: Method = Method.PICKUP, **kwargs) -> Shipment:
    return_request = request_return(shop, method=method, **kwargs)
    shipment = shipment_of(return_request)
    booking.book(shipment.pk)
    shipment.refresh_from_db()
    assert shipment.status == Shipment.Status.BOOKED, shipment.error
    return shipment


def poll() -> None:
    """One tracking round, as the beat runs it."""
    for account_id, ids in tracking.due_batches():
        tracking.track_batch(account_id, ids, now=timezone.now())


def due_ids() -> set[int]:
    return {pk for _account, ids in tracking.due_batches() for pk in ids}


def forget_tracked(shipment: Shipment) -> None:
    """As if the tracking interval had passed since the last poll."""
    Shipment.objects.filter(pk=shipment.pk).update(tracked_at=None)


def status_of(shipment: Shipment) -> str:
    shipment.return_request.refresh_from_db()
    return shipment.return_request.status


@pytest.fixture
def sameday_pickup(shop, sameday, in_process) -> Shipment:
    add_account(shop.installation, "sameday", stub=sameday, modes=PICKUP)
    return booked(shop)


def test_the_first_scan_puts_the_return_in_transit(shop, sameday, sameday_pickup):
    shipment = sameday_pickup
    assert status_of(shipment) == "LABEL_ISSUED"

    # only the AWB issued: nothing moves
    poll()
    assert status_of(shipment) == "LABEL_ISSUED"

    sameday.mark_picked_up(shipment.tracking_number)
    forget_tracked(shipment)
    poll()

    assert status_of(shipment) == "IN_TRANSIT"
    ship = shipment.return_request.events.get(type="SHIP")
    assert ship.actor == "CARRIER"
    assert ship.data["tracking_number"] == shipment.tracking_number
    shipment.refresh_from_db()
    assert shipment.tracking_status == TrackingStatus.PICKED_UP
    assert shipment.tracked_at is not None


def test_several_new_scans_in_one_poll_ship_the_return_once(shop, sameday, sameday_pickup):
    shipment = sameday_pickup
    sameday.mark_picked_up(shipment.tracking_number)
    sameday.scan(shipment.tracking_number, TrackingStatus.IN_TRANSIT)
    sameday.scan(shipment.tracking_number, TrackingStatus.OUT_FOR_DELIVERY)

    poll()

    assert status_of(shipment) == "IN_TRANSIT"
    assert timeline(shipment.return_request).count("SHIP") == 1
    shipment.refresh_from_db()
    assert shipment.tracking_status == TrackingStatus.OUT_FOR_DELIVERY


def test_repeated_polls_store_each_event_once(shop, sameday, sameday_pickup):
    shipment = sameday_pickup
    sameday.mark_picked_up(shipment.tracking_number)

    poll()
    forget_tracked(shipment)
    poll()
    sameday.scan(shipment.tracking_number, TrackingStatus.IN_TRANSIT)
    forget_tracked(shipment)
    poll()
    forget_tracked(shipment)
    poll()

    statuses = list(shipment.events.values_list("status", flat=True))
    assert statuses == ["CREATED", "PICKED_UP", "IN_TRANSIT"]
    assert timeline(shipment.return_request).count("SHIP") == 1


def test_a_shipment_tracked_recently_is_not_due_again(shop, sameday, sameday_pickup):
    shipment = sameday_pickup
    assert due_ids() == {shipment.pk}

    poll()

    assert due_ids() == set()
    Shipment.objects.filter(pk=shipment.pk).update(tracked_at=timezone.now() - timedelta(hours=2))
    assert due_ids() == {shipment.pk}


def test_delivery_receives_the_return_where_the_market_trusts_the_scan(
    shop, sameday, sameday_pickup
):
    shop.market.receive_on_delivery = True
    shop.market.save()
    shipment = sameday_pickup
    sameday.mark_picked_up(shipment.tracking_number)
    sameday.scan(shipment.tracking_number, TrackingStatus.DELIVERED)

    poll()

    shipment.refresh_from_db()
    assert shipment.delivered_at is not None
    assert shipment.tracking_status == TrackingStatus.DELIVERED
    # received, and no further: the market refunds by hand
    assert status_of(shipment) == "RECEIVED"
    events = timeline(shipment.return_request)
    assert events.index("SHIP") < events.index("PARCEL_DELIVERED") < events.index("RECEIVE")
    received = shipment.return_request.events.get(type="RECEIVE")
    assert received.actor == "CARRIER"
    # delivered shipments are not tracked any more
    forget_tracked(shipment)
    assert due_ids() == set()


def test_delivery_waits_for_staff_where_the_market_does_not_trust_the_scan(
    shop, sameday, sameday_pickup
):
    assert shop.market.receive_on_delivery is False
    shipment = sameday_pickup
    sameday.mark_picked_up(shipment.tracking_number)
    poll()
    sameday.scan(shipment.tracking_number, TrackingStatus.DELIVERED)
    forget_tracked(shipment)
    poll()

    shipment.refresh_from_db()
    assert shipment.delivered_at is not None
    assert status_of(shipment) == "IN_TRANSIT"
    events = timeline(shipment.return_request)
    assert "PARCEL_DELIVERED" in events
    assert "RECEIVE" not in events
    forget_tracked(shipment)
    assert due_ids() == set()


def test_a_parcel_on_its_way_back_to_the_shopper_is_flagged(shop, sameday, sameday_pickup):
    shipment = sameday_pickup
    sameday.mark_picked_up(shipment.tracking_number)
    sameday.scan(shipment.tracking_number, TrackingStatus.EXCEPTION)

    poll()

    shipment.refresh_from_db()
    assert shipment.needs_attention
    exception = shipment.return_request.events.get(type="TRACKING_EXCEPTION")
    assert exception.actor == "CARRIER"
    assert exception.data["status"] == "EXCEPTION"
    # an exception is not the end of the road: it is still tracked
    forget_tracked(shipment)
    assert due_ids() == {shipment.pk}


def test_innoship_tracks_by_shipment_id_and_flags_a_parcel_sent_back(shop, innoship, in_process):
    add_account(shop.installation, "innoship", stub=innoship, modes=PICKUP)
    shipment = booked(shop)
    assert ":" in shipment.carrier_shipment_id  # "courierId:awb"
    innoship.mark_picked_up(shipment.tracking_number)

    poll()

    (sent,) = [r.json() for r in innoship.calls("POST", r"/api/Track/by-awb/with-return")]
    assert sent["awbList"] == [shipment.tracking_number]
    assert status_of(shipment) == "IN_TRANSIT"

    innoship.scan(shipment.tracking_number, TrackingStatus.RETURNED_TO_SENDER)
    forget_tracked(shipment)
    poll()

    shipment.refresh_from_db()
    assert shipment.needs_attention
    assert shipment.tracking_status == TrackingStatus.RETURNED_TO_SENDER
    assert "TRACKING_EXCEPTION" in timeline(shipment.return_request)
    assert status_of(shipment) == "IN_TRANSIT"
    # sent back is final: no more polls
    forget_tracked(shipment)
    assert due_ids() == set()


def test_more_due_shipments_than_a_batch_are_split(shop, sameday, sameday_pickup):
    # Sameday tracks at most 20 AWBs per round of calls: 45 shipments make 20 + 20 + 5
    template = sameday_pickup.return_request
    for index in range(44):
        copy = type(template).objects.get(pk=template.pk)
        copy.pk = None
        copy.rma = f"{template.rma}-{index}"
        copy.idempotency_key = f"copy-{index}"
        copy.public_token = new_public_token()
        copy.save()
        Shipment.objects.create(
            installation=shop.installation,
            return_request=copy,
            account=sameday_pickup.account,
            carrier="sameday",
            mode=ReturnMode.PICKUP,
            status=Shipment.Status.BOOKED,
            idempotency_key=f"{copy.rma}/1",
            tracking_number=f"1SDYX{index:04d}",
        )
    # not due: a cancelled one, a delivered one, one not booked yet
    others = Shipment.objects.exclude(pk=sameday_pickup.pk)[:3]
    Shipment.objects.filter(pk=others[0].pk).update(status=Shipment.Status.CANCELLED)
    Shipment.objects.filter(pk=others[1].pk).update(delivered_at=timezone.now())
    Shipment.objects.filter(pk=others[2].pk).update(status=Shipment.Status.PLANNED)

    batches = tracking.due_batches()

    assert [len(ids) for _account, ids in batches] == [20, 20, 2]
    assert {account for account, _ids in batches} == {sameday_pickup.account_id}
    assert sorted(pk for _a, ids in batches for pk in ids) == sorted(
        Shipment.objects.filter(status="BOOKED", delivered_at__isnull=True).values_list(
            "pk", flat=True
        )
    )

    # a round tracks them all; numbers Sameday does not know are only stamped
    for account_id, ids in batches:
        tracking.track_batch(account_id, ids, now=timezone.now())
    assert tracking.due_batches() == []


# --- staff type the number of a parcel sent on the shopper's own ------------------------------


def test_staff_tracking_number_for_a_self_shipped_return_puts_it_in_transit(shop, in_process):
    return_request = request_return(shop, method=Method.SELF_SHIP)
    assert not Shipment.objects.filter(return_request=return_request).exists()

    shipment = tracking.update_tracking_number(
        installation=shop.installation,
        return_request_id=return_request.pk,
        actor=STAFF,
        tracking_number="RR123456785RO",
    )

    return_request.refresh_from_db()
    assert return_request.status == "IN_TRANSIT"
    assert (shipment.carrier, shipment.tracking_number, shipment.status) == (
        "self",
        "RR123456785RO",
        Shipment.Status.BOOKED,
    )
    ship = return_request.events.get(type="SHIP")
    assert (ship.actor, ship.data["tracking_number"]) == ("STAFF", "RR123456785RO")

    # a corrected number updates the same shipment
    tracking.update_tracking_number(
        installation=shop.installation,
        return_request_id=return_request.pk,
        actor=STAFF,
        tracking_number="RR999999995RO",
    )
    (only,) = Shipment.objects.filter(return_request=return_request)
    assert only.tracking_number == "RR999999995RO"
    assert timeline(return_request)[-1] == "TRACKING_NUMBER_UPDATED"


def test_staff_cannot_type_a_number_for_a_return_a_carrier_tracks(shop, sameday, sameday_pickup):
    with pytest.raises(tracking.CarrierTracked) as refused:
        tracking.update_tracking_number(
            installation=shop.installation,
            return_request_id=sameday_pickup.return_request_id,
            actor=STAFF,
            tracking_number="RR123456785RO",
        )

    assert "Sameday" in str(refused.value) or "sameday" in str(refused.value)
    sameday_pickup.refresh_from_db()
    assert sameday_pickup.tracking_number != "RR123456785RO"
    assert status_of(sameday_pickup) == "LABEL_ISSUED"


def test_staff_cannot_type_a_number_for_a_return_already_received(shop, in_process):
    return_request = request_return(shop, method=Method.SELF_SHIP)
    type(return_request).objects.filter(pk=return_request.pk).update(status="RECEIVED")

    with pytest.raises(TransitionNotAllowed):
        tracking.update_tracking_number(
            installation=shop.installation,
            return_request_id=return_request.pk,
            actor=STAFF,
            tracking_number="RR123456785RO",
        )
    assert not Shipment.objects.filter(return_request=return_request).exists()


# --- InPost return codes: the tracking number comes when the shopper drops the parcel -----


def test_a_label_less_inpost_return_is_tracked_once_the_shopper_drops_the_parcel(
    shop, inpost, in_process
):
    account = add_account(shop.installation, "inpost", stub=inpost, country="PL")
    # the account has Quick Returns switched on: locker returns get a code, not a label
    account.credentials = json.dumps(dict(inpost.quick_returns_config().credentials))
    account.save()
    shipment = booked(
        shop, method=Method.LOCKER, service_point_id="LOD01M", order=polish_order(shop)
    )
    assert shipment.drop_off_code
    assert shipment.tracking_number == ""
    assert not shipment.has_label
    assert status_of(shipment) == "LABEL_ISSUED"

    # before the drop the code has no parcel: the round asks, and nothing moves
    assert due_ids() == {shipment.pk}
    poll()
    shipment.refresh_from_db()
    assert shipment.tracking_number == ""
    assert shipment.tracked_at is not None
    assert status_of(shipment) == "LABEL_ISSUED"

    # the shopper types the code at the Paczkomat and puts the parcel in
    number = inpost.drop_off(shipment.drop_off_code)
    forget_tracked(shipment)
    poll()

    shipment.refresh_from_db()
    assert shipment.tracking_number == number
    assert status_of(shipment) == "IN_TRANSIT"
    assert shipment.return_request.events.get(type="SHIP").actor == "CARRIER"

    # from now on it is tracked like any parcel
    inpost.scan(number, TrackingStatus.DELIVERED)
    forget_tracked(shipment)
    poll()
    shipment.refresh_from_db()
    assert shipment.delivered_at is not None
    assert list(
        TrackingEvent.objects.filter(shipment=shipment).values_list("status", flat=True)
    ) == [
        "PICKED_UP",
        "DELIVERED",
    ]


def test_a_shipment_the_carrier_cancelled_is_flagged_and_no_longer_followed(
    shop, sameday, sameday_pickup
):
    shipment = sameday_pickup
    # Sameday marks the AWB cancelled at the time of its last scan
    sameday.scan(shipment.tracking_number, TrackingStatus.CANCELLED)

    poll()

    shipment.refresh_from_db()
    assert shipment.tracking_status == TrackingStatus.CANCELLED
    assert shipment.needs_attention
    assert "TRACKING_EXCEPTION" in timeline(shipment.return_request)
    forget_tracked(shipment)
    assert shipment.pk not in due_ids()


def test_a_parcel_delivered_for_a_cancelled_return_is_flagged_for_staff(
    shop, sameday, sameday_pickup
):
    shipment = sameday_pickup
    sameday.mark_picked_up(shipment.tracking_number)
    poll()
    # the return is called off once the courier has the parcel: too late to cancel the AWB
    cancel_return(
        installation=shop.installation, return_request_id=shipment.return_request_id, actor=STAFF
    )
    assert "SHIPMENT_CANCEL_REFUSED" in timeline(shipment.return_request)

    sameday.scan(shipment.tracking_number, TrackingStatus.DELIVERED)
    forget_tracked(shipment)
    poll()

    shipment.refresh_from_db()
    assert status_of(shipment) == "CANCELLED"
    assert shipment.delivered_at is not None
    assert shipment.needs_attention
