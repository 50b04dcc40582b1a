"""Cancelling a booked return shipment, within the carrier's cancel window.

Staff (or a cancelled return) ask; the window is checked here against what tracking knows,
so staff hear "too late" at once; the carrier is asked in a worker, and may still refuse.
"""

from __future__ import annotations

from django.db import transaction

from saleor_returns_app.carriers.base import (
    CancelWindow,
    CarrierError,
    CarrierUnavailable,
    NotCancellable,
    TrackingStatus,
)
from saleor_returns_app.carriers.registry import capabilities_of
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.lifecycle import SYSTEM, Actor, apply_action, record_event
from saleor_returns_app.returns.models import ReturnRequest
from saleor_returns_app.returns.outcomes import Refused
from saleor_returns_app.returns.status import Action, Status
from saleor_returns_app.shipping.accounts import driver_of
from saleor_returns_app.shipping.booking import booking_of
from saleor_returns_app.shipping.models import Shipment

# How far a parcel may have travelled and still be cancellable, per window.
_PICKED_UP = frozenset(s for s in TrackingStatus if s.is_scanned) - {TrackingStatus.AT_POINT}


class CannotCancel(Refused):
    code = "NOT_CANCELLABLE"


def cancel_window_refusal(shipment: Shipment) -> str | None:
    """Why the carrier's cancel window has passed for this shipment, or None if open."""
    window = capabilities_of(shipment.carrier).cancel_window
    status = TrackingStatus(shipment.tracking_status) if shipment.tracking_status else None
    if window is CancelWindow.NEVER:
        return "This carrier does not cancel return bookings; an unused one simply expires."
    if status is None or window is CancelWindow.ANY_TIME:
        return None if status is not TrackingStatus.DELIVERED else "The parcel was delivered."
    if window is CancelWindow.BEFORE_FIRST_SCAN and status.is_scanned:
        return "The carrier has already scanned the parcel."
    if window is CancelWindow.BEFORE_PICKUP and status in _PICKED_UP:
        return "The courier has already collected the parcel."
    return None


def request_cancel(*, installation: Installation, return_request_id: int, actor: Actor) -> Shipment:
    """Staff cancel the return's active shipment. Raises `ReturnRequest.DoesNotExist`, or
    `CannotCancel` when there is none, it is being booked, or the window has passed."""
    with transaction.atomic():
        return_request = (
            ReturnRequest.objects.for_installation(installation)
            .select_for_update()
            .get(pk=return_request_id)
        )
        shipment = (
            Shipment.objects.select_for_update()
            .filter(return_request=return_request, status__in=Shipment.ACTIVE)
            .first()
        )
        if shipment is None:
            raise CannotCancel("This return has no shipment to cancel.", "NO_SHIPMENT")
        cancel_locked(shipment, actor=actor)
    return shipment


def cancel_locked(shipment: Shipment, *, actor: Actor) -> None:
    """Cancel `shipment` (locked by the caller): at once when the carrier never heard of it,
    else through a worker."""
    if shipment.status == Shipment.Status.PLANNED:
        _cancelled(shipment, actor=actor)
        return
    if shipment.status in (Shipment.Status.BOOKING, Shipment.Status.CANCELLING):
        raise CannotCancel(
            "The carrier is being called for this shipment; try again shortly.", "BUSY"
        )
    refusal = cancel_window_refusal(shipment)
    if refusal:
        raise CannotCancel(refusal)
    shipment.status = Shipment.Status.CANCELLING
    shipment.save(update_fields=["status", "updated_at"])
    record_event(
        shipment.return_request,
        type="SHIPMENT_CANCEL_REQUESTED",
        actor=actor,
        data={"carrier": shipment.carrier, "tracking_number": shipment.tracking_number},
    )
    shipment_id = shipment.pk
    transaction.on_commit(lambda: _enqueue(shipment_id), robust=True)


def _enqueue(shipment_id: int) -> None:
    from saleor_returns_app.shipping.tasks import cancel_at_carrier

    cancel_at_carrier.delay(shipment_id)


def cancel_at_carrier(shipment_id: int) -> None:
    """Worker side: ask the carrier; a refusal puts the shipment back and tells staff.

    `CarrierUnavailable` propagates for the task to retry; the row stays CANCELLING.
    """
    shipment = Shipment.objects.select_related("account").filter(pk=shipment_id).first()
    if shipment is None or shipment.status != Shipment.Status.CANCELLING:
        return
    refusal = ""
    try:
        driver_of(shipment.account).cancel(booking_of(shipment))
    except NotCancellable as exc:
        refusal = exc.message
    except CarrierUnavailable:
        raise
    except CarrierError as exc:
        refusal = exc.message
    with transaction.atomic():
        shipment = Shipment.objects.locked(shipment_id)
        if shipment is None or shipment.status != Shipment.Status.CANCELLING:
            return
        if refusal:
            shipment.status = Shipment.Status.BOOKED
            shipment.needs_attention = True
            shipment.error = refusal
            shipment.save()
            record_event(
                shipment.return_request,
                type="SHIPMENT_CANCEL_REFUSED",
                actor=SYSTEM,
                data={"carrier": shipment.carrier, "message": refusal},
            )
            return
        _cancelled(shipment, actor=SYSTEM)


def _cancelled(shipment: Shipment, *, actor: Actor) -> None:
    shipment.status = Shipment.Status.CANCELLED
    shipment.tracking_status = TrackingStatus.CANCELLED
    shipment.save()
    return_request = shipment.return_request
    data = {"carrier": shipment.carrier, "tracking_number": shipment.tracking_number}
    if return_request.status == Status.LABEL_ISSUED:
        apply_action(
            installation=shipment.installation,
            return_request_id=return_request.pk,
            action=Action.VOID_LABEL,
            actor=actor,
            data=data,
        )
    else:
        record_event(return_request, type="SHIPMENT_CANCELLED", actor=actor, data=data)
