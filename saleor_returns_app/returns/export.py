"""The inbox's CSV export: one store's returns, filtered like the inbox, a row per return.

Rows are read in keyset pages (newest first, on `(created_at, id)`), so a store with a million
returns is written page by page and never held in memory. Text that a spreadsheet would read
as a formula (`=`, `+`, `-`, `@`, and tab or carriage return) is prefixed with `'`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime
from decimal import Decimal

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.models import ReturnRequest
from saleor_returns_app.returns.policy.money import quantise
from saleor_returns_app.returns.selectors import (
    ReturnRequestFilters,
    Sort,
    after_cursor,
    encode_cursor,
    filtered_returns,
)
from saleor_returns_app.shipping.models import current_shipment

PAGE_SIZE = 500
BOM = "\ufeff"
HEADER = (
    "RMA",
    "Order number",
    "Customer email",
    "Status",
    "Method",
    "Resolution",
    "Currency",
    "Items value",
    "Refund amount",
    "Reason codes",
    "Carrier",
    "Tracking number",
    "Created at",
    "Received at",
    "Resolved at",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """`value` as a spreadsheet shows it, never evaluates it (CSV formula injection)."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value is not None else ""


def _amount(value: Decimal, currency: str) -> str:
    return f"{quantise(Decimal(value), currency):f}"


def row(return_request: ReturnRequest) -> list[str]:
    """One return as a CSV row, in `HEADER`'s order (lines and shipments prefetched)."""
    shipment = current_shipment(return_request)
    reasons = dict.fromkeys(line.reason_code for line in return_request.lines.all())
    text = [
        return_request.rma,
        return_request.order_number,
        return_request.customer_email,
        return_request.status,
        return_request.method,
        return_request.resolution,
        return_request.currency,
    ]
    money = [
        _amount(return_request.items_value, return_request.currency),
        _amount(return_request.refund_amount, return_request.currency),
    ]
    more_text = [
        "; ".join(code for code in reasons if code),
        shipment.carrier if shipment else "",
        shipment.tracking_number if shipment else "",
    ]
    dates = [
        _iso(return_request.created_at),
        _iso(return_request.received_at),
        _iso(return_request.resolved_at),
    ]
    return [neutralise(v) for v in text] + money + [neutralise(v) for v in more_text] + dates


def returns_for_export(
    installation: Installation, filters: ReturnRequestFilters, page_size: int = PAGE_SIZE
) -> Iterator[list[ReturnRequest]]:
    """The store's returns matching `filters`, newest first, a keyset page at a time."""
    base = filtered_returns(installation, filters, None).order_by("-created_at", "-id")
    last: ReturnRequest | None = None
    while True:
        queryset = base
        if last is not None:
            # The inbox's own keyset condition, so the export walks the index the same way.
            queryset = queryset.filter(after_cursor(encode_cursor(last, Sort.NEWEST), Sort.NEWEST))
        page = list(queryset.prefetch_related("lines", "shipments")[:page_size])
        if page:
            yield page
        if len(page) < page_size:
            return
        last = page[-1]


def _encoded(rows: Iterable[Iterable[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def csv_chunks(
    installation: Installation, filters: ReturnRequestFilters, page_size: int = PAGE_SIZE
) -> Iterator[bytes]:
    """The export as UTF-8 bytes: a BOM (so Excel reads diacritics right) with the header
    row, then one chunk per page of returns."""
    yield BOM.encode("utf-8") + _encoded([HEADER])
    for page in returns_for_export(installation, filters, page_size):
        yield _encoded(row(return_request) for return_request in page)
