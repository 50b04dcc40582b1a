"""What the returns services tell the carrier layer, inside their transactions."""

from __future__ import annotations

from saleor_returns_app.returns.lifecycle import Actor, record_event
from saleor_returns_app.returns.models import ReturnRequest
from saleor_returns_app.shipping.booking import plan_shipment
from saleor_returns_app.shipping.cancelling import CannotCancel, cancel_locked
from saleor_returns_app.shipping.models import Shipment


def return_approved(return_request: ReturnRequest) -> None:
    """An approved return is booked with the market's carrier (if it has any)."""
    plan_shipment(return_request)


def return_cancelled(return_request: ReturnRequest, *, actor: Actor) -> None:
    """A cancelled return cancels its shipment where the carrier still allows it; where it
    does not, staff are told (the booking expires unused at most carriers)."""
    shipment = (
        Shipment.objects.select_for_update()
        .select_related("return_request", "installation")
        .filter(return_request=return_request, status__in=Shipment.ACTIVE)
        .first()
    )
    if shipment is None:
        return
    try:
        cancel_locked(shipment, actor=actor)
    except CannotCancel as refusal:
        record_event(
            return_request,
            type="SHIPMENT_CANCEL_REFUSED",
            actor=actor,
            data={"carrier": shipment.carrier, "message": refusal.message},
        )
