"""What the inbox downloads with the Dashboard token (MANAGE_ORDERS): the filtered returns as
CSV, and the selected returns' labels merged into one PDF to print."""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.http import HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from saleor_returns_app.api.ids import pk_from_global_id
from saleor_returns_app.carriers.base import LabelFormat
from saleor_returns_app.core.http import json_error
from saleor_returns_app.dashboard.staff import staff_or_error
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.export import csv_chunks
from saleor_returns_app.returns.models import ReturnRequest
from saleor_returns_app.returns.policy import Method, ReasonFamily
from saleor_returns_app.returns.selectors import ReturnRequestFilters
from saleor_returns_app.returns.status import Status
from saleor_returns_app.shipping.files import open_label
from saleor_returns_app.shipping.models import Shipment, current_shipment

logger = logging.getLogger(__name__)

MAX_LABELS = 200


class BadFilter(ValueError):
    pass


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Addresses and emails: never kept by shared caches.
    response["Cache-Control"] = "private, no-store"
    return response


# --- CSV -----------------------------------------------------------------------------------


def _datetime(value: str, name: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise BadFilter(f"{name} is not an ISO 8601 date and time.") from error
    if parsed.tzinfo is None:
        raise BadFilter(f"{name} needs a time zone.")
    return parsed


def filters_from_query(query: QueryDict) -> ReturnRequestFilters:
    """The inbox's filter from query parameters (`status` repeatable, the rest once)."""
    try:
        status = tuple(Status(value) for value in query.getlist("status") if value)
    except ValueError as error:
        raise BadFilter("Unknown status.") from error
    method = query.get("method") or ""
    if method and method not in Method.__members__:
        raise BadFilter("Unknown method.")
    family = query.get("reasonFamily") or ""
    if family and family not in ReasonFamily.__members__:
        raise BadFilter("Unknown reason family.")
    overdue = query.get("overdue") or ""
    if overdue not in ("", "true", "false"):
        raise BadFilter("overdue is true or false.")
    market = query.get("marketId") or ""
    market_pk = pk_from_global_id(market, "Market") if market else None
    if market and market_pk is None:
        raise BadFilter("marketId is not a market id.")
    return ReturnRequestFilters(
        status=status,
        search=query.get("search") or "",
        created_after=_datetime(query.get("createdAfter") or "", "createdAfter"),
        created_before=_datetime(query.get("createdBefore") or "", "createdBefore"),
        reason=query.get("reason") or "",
        method=Method(method) if method else None,
        carrier=query.get("carrier") or "",
        overdue=overdue == "true" if overdue else None,
        reason_family=ReasonFamily(family) if family else None,
        market_id=market_pk,
    )


@require_GET
def returns_csv(request: HttpRequest) -> HttpResponse:
    """`GET /api/returns/export.csv?status=...&search=...`: every matching return, streamed."""
    user = staff_or_error(request)
    if isinstance(user, HttpResponse):
        return user
    try:
        filters = filters_from_query(request.GET)
    except BadFilter as error:
        return json_error(400, "INVALID_FILTER", str(error))
    response = StreamingHttpResponse(
        csv_chunks(user.installation, filters), content_type="text/csv; charset=utf-8"
    )
    return _attachment(response, f"returns-{timezone.localdate():%Y-%m-%d}.csv")


# --- Labels --------------------------------------------------------------------------------


@dataclass
class MergedLabels:
    pdf: bytes = b""
    printed: list[str] = field(default_factory=list)  # RMAs
    skipped: list[str] = field(default_factory=list)  # RMAs without a printable PDF label


def _printable(shipment: Shipment | None) -> bool:
    return (
        shipment is not None
        and shipment.status == Shipment.Status.BOOKED
        and bool(shipment.label_file)
        and shipment.label_format != LabelFormat.ZPL
    )


def merge_labels(installation: Installation, pks: list[int]) -> MergedLabels:
    """The current PDF label of each return, in the order of `pks` (another store's and
    unknown returns are left out); ZPL labels, labels of cancelled shipments and missing
    files are skipped."""
    found = {
        r.pk: r
        for r in ReturnRequest.objects.for_installation(installation)
        .filter(pk__in=pks)
        .prefetch_related("shipments")
    }
    result = MergedLabels()
    writer = PdfWriter()
    for pk in dict.fromkeys(pks):
        return_request = found.get(pk)
        if return_request is None:
            continue
        shipment = current_shipment(return_request)
        if not _printable(shipment):
            result.skipped.append(return_request.rma)
            continue
        try:
            with open_label(shipment) as file:
                reader = PdfReader(io.BytesIO(file.read()))
                pages = list(reader.pages)
        except (OSError, PyPdfError):
            logger.warning("Label of %s could not be read", return_request.rma, exc_info=True)
            result.skipped.append(return_request.rma)
            continue
        for page in pages:
            writer.add_page(page)
        result.printed.append(return_request.rma)
    if result.printed:
        out = io.BytesIO()
        writer.write(out)
        result.pdf = out.getvalue()
    return result


def _ids(body: bytes) -> list[int] | None:
    try:
        ids = json.loads(body).get("ids")
    except (ValueError, AttributeError):
        return None
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        return None
    pks = [pk_from_global_id(value, "ReturnRequest") for value in ids]
    return None if None in pks else pks


@csrf_exempt
@require_POST
def merged_labels(request: HttpRequest) -> HttpResponse:
    """`POST /api/labels/merged` `{"ids": [ReturnRequest ids]}`: one PDF to print; returns
    without a PDF label are named in `X-Skipped`, the count printed in `X-Printed`."""
    user = staff_or_error(request)
    if isinstance(user, HttpResponse):
        return user
    pks = _ids(request.body)
    if pks is None:
        return json_error(400, "INVALID_INPUT", 'Send {"ids": [return ids]}.')
    if not pks:
        return json_error(400, "INVALID_INPUT", "Select at least one return.")
    if len(pks) > MAX_LABELS:
        return json_error(400, "TOO_MANY", f"Print at most {MAX_LABELS} labels at once.")
    merged = merge_labels(user.installation, pks)
    if not merged.printed:
        named = ", ".join(merged.skipped)
        message = "None of these returns has a PDF label" + (f": {named}." if named else ".")
        response = json_error(404, "NO_LABELS", message)
    else:
        response = _attachment(
            HttpResponse(merged.pdf, content_type="application/pdf"),
            f"labels-{timezone.localdate():%Y-%m-%d}.pdf",
        )
    response["X-Printed"] = str(len(merged.printed))
    response["X-Skipped"] = ",".join(merged.skipped)
    return response
