"""What follows a booking in the worker: the label (and documents), a separate pickup order."""

from __future__ import annotations

from django.db import transaction

from saleor_returns_app.carriers.base import (
    CarrierError,
    CarrierUnavailable,
    LabelFormat,
    NotSupported,
    PickupWindow,
)
from saleor_returns_app.returns.lifecycle import SYSTEM, record_event
from saleor_returns_app.shipping.accounts import driver_of
from saleor_returns_app.shipping.booking import BookingFailed, booking_of, parcel_facts_of
from saleor_returns_app.shipping.files import store_document, store_label
from saleor_returns_app.shipping.models import Shipment


def fetch_label(shipment_id: int) -> None:
    """Download the label (and any customs documents) of a booked shipment, once."""
    shipment = (
        Shipment.objects.select_related("account", "return_request")
        .filter(pk=shipment_id, status=Shipment.Status.BOOKED, label_file="")
        .first()
    )
    if shipment is None or not shipment.has_label:
        return
    driver = driver_of(shipment.account)
    booking = booking_of(shipment)
    try:
        label = driver.get_label(booking, LabelFormat(shipment.account.label_format))
        documents = driver.get_documents(booking)
    except CarrierUnavailable:
        raise
    except CarrierError as exc:
        _flag(shipment_id, "LABEL_FAILED", exc.message)
        return
    with transaction.atomic():
        locked = Shipment.objects.locked(shipment_id)
        if locked.label_file:
            return
        locked.label_file = store_label(locked, label)
        locked.label_format = label.format
        locked.documents = [
            {
                "kind": document.kind,
                "path": store_document(
                    locked, document.kind, document.content, _extension(document.media_type)
                ),
                "type": document.media_type,
            }
            for document in documents
        ]
        locked.save(update_fields=["label_file", "label_format", "documents", "updated_at"])
        record_event(
            locked.return_request,
            type="LABEL_READY",
            actor=SYSTEM,
            data={"carrier": locked.carrier, "format": label.format},
        )


def _extension(media_type: str) -> str:
    return {"application/pdf": "pdf", "application/x-zpl": "zpl"}.get(media_type, "bin")


def schedule_pickup(shipment_id: int) -> None:
    """Order the courier for a pickup return whose carrier takes pickups separately."""
    shipment = (
        Shipment.objects.select_related("account", "return_request")
        .filter(pk=shipment_id, status=Shipment.Status.BOOKED, pickup_id="")
        .first()
    )
    if shipment is None or shipment.pickup_start is None or shipment.pickup_end is None:
        return
    # Where the courier collects: the sender of the booking (the pickup address the shopper
    # gave, else the order's shipping address).
    try:
        address = parcel_facts_of(shipment).sender
    except BookingFailed as failure:
        _flag(shipment_id, "PICKUP_FAILED", failure.message)
        return
    try:
        confirmation = driver_of(shipment.account).schedule_pickup(
            booking_of(shipment), PickupWindow(shipment.pickup_start, shipment.pickup_end), address
        )
    except NotSupported as exc:
        _flag(shipment_id, "PICKUP_FAILED", exc.message)
        return
    except CarrierUnavailable:
        raise
    except CarrierError as exc:
        _flag(shipment_id, "PICKUP_FAILED", exc.message)
        return
    with transaction.atomic():
        locked = Shipment.objects.locked(shipment_id)
        locked.pickup_id = confirmation.pickup_id
        locked.pickup_start = confirmation.window.start
        locked.pickup_end = confirmation.window.end
        locked.save(update_fields=["pickup_id", "pickup_start", "pickup_end", "updated_at"])
        record_event(
            locked.return_request,
            type="PICKUP_SCHEDULED",
            actor=SYSTEM,
            data={
                "start": confirmation.window.start.isoformat(),
                "end": confirmation.window.end.isoformat(),
            },
        )


def _flag(shipment_id: int, event_type: str, message: str) -> None:
    with transaction.atomic():
        shipment = Shipment.objects.locked(shipment_id)
        shipment.needs_attention = True
        shipment.error = message
        shipment.save(update_fields=["needs_attention", "error", "updated_at"])
        record_event(
            shipment.return_request,
            type=event_type,
            actor=SYSTEM,
            data={"carrier": shipment.carrier, "message": message},
        )
