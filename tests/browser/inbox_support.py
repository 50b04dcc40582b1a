"""Returns for the inbox's browser tests."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pypdf import PdfReader, PdfWriter

from saleor_returns_app.api.ids import global_id
from saleor_returns_app.carriers.labels import LabelAddress, ReturnLabel, render_label_pdf
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.models import ReturnLine, ReturnRequest
from saleor_returns_app.shipping.models import Shipment
from saleor_returns_app.testing.factories import make_return_request

_WAREHOUSE = LabelAddress(
    name="Depozit Cluj",
    street_lines=("Str. Fabricii 1",),
    postal_code="400000",
    city="Cluj-Napoca",
    country_code="RO",
)


def make_return(
    installation: Installation,
    *,
    created_at: datetime | None = None,
    reason: str | None = None,
    **overrides: Any,
) -> ReturnRequest:
    """A stored return; ``created_at`` and the line's ``reason`` code set after creation."""
    return_request = make_return_request(installation, **overrides)
    if created_at is not None:
        ReturnRequest.objects.filter(pk=return_request.pk).update(created_at=created_at)
    if reason is not None:
        ReturnLine.objects.filter(return_request=return_request).update(reason_code=reason)
    return_request.refresh_from_db()
    return return_request


def gid(return_request: ReturnRequest) -> str:
    return global_id("ReturnRequest", return_request.pk)


def status_of(return_request: ReturnRequest) -> str:
    return ReturnRequest.objects.get(pk=return_request.pk).status


def ship_with_label(
    return_request: ReturnRequest, *, label_format: str = "PDF_A6", pages: int = 1
) -> Shipment:
    """A booked shipment of the return whose label (a real rendered PDF of ``pages`` pages
    naming the RMA, or a ZPL file) is in the default storage."""
    if label_format == "ZPL":
        content, extension = b"^XA^FO50,50^FDRETURN^FS^XZ", "zpl"
    else:
        page = render_label_pdf(
            ReturnLabel(
                rma=return_request.rma,
                order_number=return_request.order_number,
                tracking_url=f"https://track.example/{return_request.rma}",
                return_to=_WAREHOUSE,
                sender=_WAREHOUSE,
            )
        )
        writer = PdfWriter()
        for _ in range(pages):
            writer.append(PdfReader(io.BytesIO(page)))
        out = io.BytesIO()
        writer.write(out)
        content, extension = out.getvalue(), "pdf"
    path = default_storage.save(
        f"labels/{return_request.installation_id}/{return_request.rma}/1-label.{extension}",
        ContentFile(content),
    )
    return Shipment.objects.create(
        installation_id=return_request.installation_id,
        return_request=return_request,
        carrier="self",
        mode="SELF_SHIP",
        status=Shipment.Status.BOOKED,
        idempotency_key=f"{return_request.rma}/1",
        label_format=label_format,
        label_file=path,
    )
