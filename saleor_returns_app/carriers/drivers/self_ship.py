"""The `self` carrier: no account, no API. We render the label; the shopper ships it.

Tracking numbers come from staff (the shopper tells them, or they read the parcel), so
there is nothing to track at a carrier and nothing to cancel but our own label.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from saleor_returns_app.carriers.base import (
    AccountConfig,
    Address,
    Booking,
    CancelWindow,
    Capabilities,
    Document,
    Label,
    LabelFormat,
    NotSupported,
    PickupConfirmation,
    PickupWindow,
    Quote,
    ReturnMode,
    ServicePoint,
    ServicePointQuery,
    ShipmentRequest,
    TrackingEvent,
)
from saleor_returns_app.carriers.labels import (
    LabelAddress,
    ReturnLabel,
    render_label_pdf,
    render_label_zpl,
)


def _label_address(address: Address) -> LabelAddress:
    return LabelAddress(
        name=address.name,
        street_lines=address.street_lines,
        postal_code=address.postal_code,
        city=address.city,
        country_code=address.country_code,
        company=address.company,
        phone=address.phone,
    )


class SelfShipDriver:
    code = "self"
    name = "Self-ship (our own label)"
    capabilities = Capabilities(
        modes=frozenset({ReturnMode.SELF_SHIP}),
        label_formats=frozenset({LabelFormat.PDF_A6, LabelFormat.ZPL}),
        countries=frozenset(),
        international=True,
        cancel_window=CancelWindow.ANY_TIME,
        needs_account=False,
    )

    def __init__(self, config: AccountConfig) -> None:
        self.config = config

    def check_credentials(self) -> None:
        return None

    def quote(self, request: ShipmentRequest) -> list[Quote]:
        raise NotSupported("The shopper pays their own postage.")

    def create_return_shipment(self, request: ShipmentRequest) -> Booking:
        return Booking(
            shipment_id=request.reference,
            tracking_number="",
            label=self.render(request, request.label_format),
        )

    def find_shipment(self, request: ShipmentRequest) -> Booking | None:
        # Nothing was booked anywhere: booking again only renders the label again.
        return None

    def get_booking(self, shipment_id: str) -> Booking:
        raise NotSupported("Self-ship bookings are never pending.")

    def render(self, request: ShipmentRequest, label_format: LabelFormat) -> Label:
        label = ReturnLabel(
            rma=request.reference,
            order_number=request.order_number,
            # The QR leads to our tracking page when the store has one, else it carries the RMA.
            tracking_url=request.tracking_url or request.reference,
            return_to=_label_address(request.recipient),
            sender=_label_address(request.sender),
        )
        if label_format is LabelFormat.ZPL:
            return Label(render_label_zpl(label).encode("utf-8"), LabelFormat.ZPL)
        if label_format is LabelFormat.PDF_A6:
            return Label(render_label_pdf(label), LabelFormat.PDF_A6)
        raise NotSupported(f"Self-ship labels come as A6 PDF or ZPL, not {label_format}.")

    def get_label(self, booking: Booking, label_format: LabelFormat) -> Label:
        raise NotSupported("Self-ship labels are rendered when the return is booked.")

    def get_documents(self, booking: Booking) -> list[Document]:
        return []

    def schedule_pickup(
        self, booking: Booking, window: PickupWindow, address: Address
    ) -> PickupConfirmation:
        raise NotSupported("Self-ship has no courier to collect the parcel.")

    def cancel_pickup(self, pickup_id: str) -> None:
        raise NotSupported("Self-ship has no courier to collect the parcel.")

    def cancel(self, booking: Booking) -> None:
        return None

    def track(self, tracking_numbers: Sequence[str]) -> dict[str, list[TrackingEvent]]:
        return {}

    def search_service_points(self, query: ServicePointQuery) -> list[ServicePoint]:
        return []

    def parse_webhook(self, headers: Mapping[str, str], body: bytes) -> list[TrackingEvent]:
        raise NotSupported("Self-ship has no carrier to push events.")
