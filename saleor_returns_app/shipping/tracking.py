"""Following parcels: carrier events in, one status set stored, the return moved along.

`record_tracking` is the one place tracking changes a return: the first scan puts it in
transit; delivered-to-warehouse receives it where the market says so (else it waits for
staff); exceptions and parcels sent back are flagged for staff.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from saleor_returns_app.carriers.base import (
    CarrierDriver,
    CarrierError,
    CarrierUnavailable,
    ReturnMode,
    TrackingStatus,
)
from saleor_returns_app.carriers.base import TrackingEvent as CarrierEvent
from saleor_returns_app.carriers.registry import capabilities_of
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.auto_refund import resolve_if_due
from saleor_returns_app.returns.lifecycle import (
    Actor,
    TransitionNotAllowed,
    apply_action,
    record_event,
)
from saleor_returns_app.returns.models import (
    RefundTrigger,
    ReturnEvent,
    ReturnLine,
    ReturnRequest,
)
from saleor_returns_app.returns.outcomes import Refused
from saleor_returns_app.returns.receiving import ReceivedLine, receive_return
from saleor_returns_app.returns.status import Action, Status
from saleor_returns_app.saleor_sync.announce import announce
from saleor_returns_app.shipping.accounts import driver_of
from saleor_returns_app.shipping.models import CarrierAccount, Shipment, TrackingEvent

CARRIER = Actor(ReturnEvent.Actor.CARRIER)

# Statuses staff must look at: the parcel will not arrive on its own.
_ATTENTION = frozenset(
    {TrackingStatus.EXCEPTION, TrackingStatus.RETURNED_TO_SENDER, TrackingStatus.CANCELLED}
)
_ON_THE_WAY = (Status.APPROVED, Status.LABEL_ISSUED)
# Label-less bookings (InPost return codes) have no tracking number until the shopper drops
# the parcel; until then the round asks the carrier for the booking instead of tracking it.
_AWAITING_DROP_OFF = Q(tracking_number="") & ~Q(drop_off_code="") & ~Q(carrier_shipment_id="")


def due_batches(limit: int = 5000) -> list[tuple[int, list[int]]]:
    """Booked, undelivered shipments not tracked for `TRACKING_INTERVAL`, in batches of
    their carrier's size: (account id, shipment ids)."""
    cutoff = timezone.now() - timedelta(seconds=settings.TRACKING_INTERVAL)
    rows = (
        Shipment.objects.filter(
            status=Shipment.Status.BOOKED, delivered_at__isnull=True, account__isnull=False
        )
        .filter(~Q(tracking_number="") | _AWAITING_DROP_OFF)
        .exclude(tracking_status__in=[s.value for s in TrackingStatus if s.is_final])
        .filter(Q(tracked_at__isnull=True) | Q(tracked_at__lt=cutoff))
        .order_by("tracked_at", "pk")
        .values_list("account_id", "carrier", "pk")[:limit]
    )
    by_account: dict[tuple[int, str], list[int]] = {}
    for account_id, carrier, pk in rows:
        by_account.setdefault((account_id, carrier), []).append(pk)
    batches = []
    for (account_id, carrier), ids in by_account.items():
        size = capabilities_of(carrier).tracking_batch_size
        batches.extend((account_id, ids[i : i + size]) for i in range(0, len(ids), size))
    return batches


def track_batch(account_id: int, shipment_ids: Sequence[int], *, now: datetime) -> None:
    """Ask the carrier about one batch and record what it says, shipment by shipment.

    Shipments the carrier does not know (yet) are only stamped as tracked; label-less ones
    still waiting for the drop-off get their tracking number first, if it has come.
    """
    account = CarrierAccount.objects.get(pk=account_id)
    driver = driver_of(account)
    _refresh_awaiting_drop_off(driver, account, shipment_ids, now=now)
    key = "carrier_shipment_id" if driver.capabilities.tracks_by_shipment_id else "tracking_number"
    shipments = dict(
        Shipment.objects.filter(pk__in=shipment_ids, account=account)
        .exclude(**{key: ""})
        .values_list(key, "pk")
    )
    answer = driver.track(list(shipments)) if shipments else {}
    for number, shipment_id in shipments.items():
        record_tracking(shipment_id, answer.get(number, []), now=now)


def _refresh_awaiting_drop_off(
    driver: CarrierDriver, account: CarrierAccount, shipment_ids: Sequence[int], *, now: datetime
) -> None:
    """Ask the carrier for label-less bookings without a tracking number and store the number
    once the shopper has dropped the parcel; the rest are stamped so the round moves on."""
    waiting = (
        Shipment.objects.filter(pk__in=shipment_ids, account=account, status=Shipment.Status.BOOKED)
        .filter(_AWAITING_DROP_OFF)
        .values_list("pk", "carrier_shipment_id")
    )
    for pk, carrier_shipment_id in waiting:
        try:
            booking = driver.get_booking(carrier_shipment_id)
        except CarrierUnavailable:
            raise
        except CarrierError:
            booking = None
        if booking is not None and booking.tracking_number:
            # Only while still empty: staff or another round may have set it meanwhile.
            Shipment.objects.filter(pk=pk, tracking_number="").update(
                tracking_number=booking.tracking_number,
                tracking_url=booking.tracking_url,
                updated_at=now,
            )
        else:
            Shipment.objects.filter(pk=pk).update(tracked_at=now)


def record_tracking(shipment_id: int, events: Sequence[CarrierEvent], *, now: datetime) -> None:
    """Store the events not seen before and move the return by the newest status.

    Carriers repeat the whole history on every poll; each event is stored once, and a
    status already acted on is not acted on again.
    """
    with transaction.atomic():
        shipment = Shipment.objects.locked(shipment_id)
        known = set(shipment.events.values_list("occurred_at", "status", "carrier_code"))
        new = [
            event
            for event in sorted(events, key=lambda e: e.occurred_at)
            if (event.occurred_at, event.status.value, event.carrier_code) not in known
        ]
        TrackingEvent.objects.bulk_create(
            [
                TrackingEvent(
                    shipment=shipment,
                    status=event.status,
                    occurred_at=event.occurred_at,
                    description=event.description[:512],
                    location=event.location[:255],
                    carrier_code=event.carrier_code[:64],
                )
                for event in new
            ],
            ignore_conflicts=True,
        )
        shipment.tracked_at = now
        if new:
            # The last of the newest: carriers add a flag event (cancelled) at its scan's time.
            latest = sorted(events, key=lambda e: e.occurred_at)[-1]
            shipment.tracking_status = latest.status
            for event in new:
                _act_on(shipment, event, now=now)
        shipment.save()


def _act_on(shipment: Shipment, event: CarrierEvent, *, now: datetime) -> None:
    return_request = shipment.return_request
    status = event.status
    if status.is_scanned and status not in _ATTENTION and return_request.status in _ON_THE_WAY:
        return_request = apply_action(
            installation=shipment.installation,
            return_request_id=return_request.pk,
            action=Action.SHIP,
            actor=CARRIER,
            data={"tracking_number": shipment.tracking_number, "carrier_status": status},
        )
        announce(return_request, event=Action.SHIP)
        # The next event of this poll must see the return in transit.
        shipment.return_request = return_request
    if status is TrackingStatus.DELIVERED and shipment.delivered_at is None:
        shipment.delivered_at = event.occurred_at
        record_event(
            return_request,
            type="PARCEL_DELIVERED",
            actor=CARRIER,
            data={"tracking_number": shipment.tracking_number, "at": event.occurred_at.isoformat()},
        )
        if return_request.status in (Status.CANCELLED, Status.REJECTED):
            # The return was called off but the parcel came anyway: staff must decide.
            shipment.needs_attention = True
        _receive_if_due(shipment, return_request, now=now)
    if status in _ATTENTION:
        shipment.needs_attention = True
        record_event(
            return_request,
            type="TRACKING_EXCEPTION",
            actor=CARRIER,
            data={
                "tracking_number": shipment.tracking_number,
                "status": status,
                "description": event.description,
            },
        )


def _receive_if_due(shipment: Shipment, return_request: ReturnRequest, *, now: datetime) -> None:
    """Delivered to the warehouse: receive as requested where the market trusts the scan."""
    market = return_request.market
    on_scan = market is not None and (
        market.receive_on_delivery or market.refund_trigger == RefundTrigger.ON_DELIVERY_SCAN
    )
    return_request.refresh_from_db()
    if not on_scan or return_request.status != Status.IN_TRANSIT:
        return
    result = receive_return(
        installation=shipment.installation,
        return_request_id=return_request.pk,
        actor=CARRIER,
        lines=[
            # Nobody has looked inside: what was asked for is taken as arrived, unopened,
            # and nothing is restocked before staff inspect it.
            ReceivedLine(line.pk, line.quantity, ReturnLine.Condition.AS_NEW, restock=False)
            for line in return_request.lines.all()
        ],
        now=now,
    )
    if result.errors:
        return
    resolve_if_due(
        installation=shipment.installation,
        return_request_id=return_request.pk,
        moment=RefundTrigger.ON_DELIVERY_SCAN,
        now=now,
    )


class CarrierTracked(Refused):
    code = "CARRIER_TRACKED"

    def __init__(self, carrier: str) -> None:
        super().__init__(carrier)
        self.carrier = carrier

    def __str__(self) -> str:
        return f"This return travels with {self.carrier}, which reports its tracking itself."


def update_tracking_number(
    *, installation: Installation, return_request_id: int, actor: Actor, tracking_number: str
) -> Shipment:
    """Staff type the tracking number of a parcel the shopper sent on their own.

    Raises `CarrierTracked` when a carrier books and tracks this return, and
    `TransitionNotAllowed` for a return that is not on its way back.
    """
    with transaction.atomic():
        return_request = (
            ReturnRequest.objects.for_installation(installation)
            .select_for_update()
            .get(pk=return_request_id)
        )
        shipment = (
            Shipment.objects.filter(return_request=return_request, status__in=Shipment.ACTIVE)
            .select_for_update()
            .first()
        )
        # A self-ship shipment the worker has not booked yet has no carrier set.
        self_shipped = shipment is None or (
            shipment.mode == ReturnMode.SELF_SHIP and shipment.carrier in ("", "self")
        )
        if not self_shipped:
            raise CarrierTracked(shipment.carrier)
        if return_request.status not in (*_ON_THE_WAY, Status.IN_TRANSIT):
            raise TransitionNotAllowed(action=Action.SHIP, status=Status(return_request.status))
        if shipment is None:
            shipment = Shipment.objects.next_attempt(return_request)
            shipment.carrier = "self"
            shipment.status = Shipment.Status.BOOKED
            shipment.has_label = False
        shipment.tracking_number = tracking_number
        shipment.save()
        data = {"tracking_number": tracking_number}
        if return_request.status in _ON_THE_WAY:
            return_request = apply_action(
                installation=installation,
                return_request_id=return_request.pk,
                action=Action.SHIP,
                actor=actor,
                data=data,
            )
            announce(return_request, event=Action.SHIP, detail=f"Tracking: {tracking_number}.")
        else:
            record_event(return_request, type="TRACKING_NUMBER_UPDATED", actor=actor, data=data)
    return shipment
