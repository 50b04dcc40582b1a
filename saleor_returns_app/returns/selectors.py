"""Reading returns: one store's returns, one at a time or a page at a time.

Every read is scoped to one installation, and optionally to one customer (a shopper sees
their own returns only). Lists use keyset pagination on `(created_at, id)` — with `status`
first when sorted by status — so a page costs the same at row 10 and at row 1,000,000 and
rows created while paging never shift it. Indexes on `ReturnRequest` serve each read:
`return_newest` and `return_inbox` the sort orders, `rma_once`, `return_by_number` and
`return_by_email_ci` the search, `return_by_order` the order filter, `return_stage_age` the
overdue filter (one index range per stage) and the market's foreign key index a rare market.
Filters that match many returns are served by walking the sort index and checking each row.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.catalogue import reason_label as catalogue_label
from saleor_returns_app.returns.models import ReturnLine, ReturnReason, ReturnRequest
from saleor_returns_app.returns.policy import Method, ReasonFamily, default_reasons
from saleor_returns_app.returns.sla import overdue_q
from saleor_returns_app.returns.status import Status
from saleor_returns_app.returns.store_settings import settings_of, sla_hours
from saleor_returns_app.shipping.models import Shipment

MAX_PAGE_SIZE = 100
# Inbox tabs count this many returns of a status, then say "more".
COUNT_CAP = 1000
# Up to this many caps of matching returns are counted exactly, in one pass.
_FEW_CAPS = 2


class Sort(StrEnum):
    NEWEST = "NEWEST"
    OLDEST = "OLDEST"
    STATUS = "STATUS"  # by status code, then newest first


_ORDERING: dict[Sort, tuple[str, ...]] = {
    Sort.NEWEST: ("-created_at", "-id"),
    Sort.OLDEST: ("created_at", "id"),
    Sort.STATUS: ("status", "-created_at", "-id"),
}


class InvalidCursor(ValueError):
    """The cursor is not one this list handed out (or was made for another sort)."""


@dataclass(frozen=True)
class CustomerScope:
    """A shopper: their returns are those with their email (any case) or their user id."""

    email: str
    user_id: str = ""


@dataclass(frozen=True, kw_only=True)
class ReturnRequestFilters:
    status: tuple[Status, ...] = ()
    search: str = ""  # an RMA, an order number (with or without "#") or a customer email
    created_after: datetime | None = None  # inclusive
    created_before: datetime | None = None  # exclusive
    reason: str = ""  # a line's reason code
    method: Method | None = None
    carrier: str = ""  # a carrier code: returns with a shipment (any attempt) by that carrier
    order_id: str = ""
    customer_email: str = ""
    # True: only returns past their stage's limit now; False: only those that are not.
    overdue: bool | None = None
    # Returns with at least one line whose reason is of this family in the store's catalogue.
    reason_family: ReasonFamily | None = None
    market_id: int | None = None  # another store's or an unknown market: matches nothing


@dataclass(frozen=True)
class Page:
    items: list[ReturnRequest]
    cursors: list[str]
    has_next_page: bool

    @property
    def end_cursor(self) -> str | None:
        return self.cursors[-1] if self.cursors else None

    @property
    def start_cursor(self) -> str | None:
        return self.cursors[0] if self.cursors else None


def _visible(installation: Installation, customer: CustomerScope | None) -> QuerySet:
    queryset = ReturnRequest.objects.for_installation(installation)
    if customer is None:
        return queryset
    mine = Q(customer_email__iexact=customer.email)
    if customer.user_id:
        mine |= Q(customer_user_id=customer.user_id)
    return queryset.filter(mine)


# What the API shows of each return, fetched with it.
_RELATED = ("lines", "events", "shipments__events", "shipments__account")


def return_request_for(
    *, installation: Installation, id: int, customer: CustomerScope | None = None
) -> ReturnRequest | None:
    """One return of this store (of this customer, when given), or None: unknown ids and
    ids of other stores or customers look the same."""
    return (
        _visible(installation, customer)
        .select_related("market")
        .prefetch_related(*_RELATED)
        .filter(pk=id)
        .first()
    )


def _search(installation: Installation, term: str) -> Q:
    term = term.strip()
    if "@" in term:
        return Q(customer_email__iexact=term)
    # The few returns shipped under this tracking number, looked up first: as ids, the OR
    # below is three index lookups; as a subquery, PostgreSQL scans the store's returns.
    by_tracking = set(
        Shipment.objects.for_installation(installation)
        .filter(tracking_number=term)
        .values_list("return_request_id", flat=True)
    )
    return Q(rma=term.upper()) | Q(order_number=term.lstrip("#")) | Q(pk__in=by_tracking)


def _reason_codes(installation: Installation, family: ReasonFamily) -> list[str]:
    """The codes of `family` in the store's catalogue (retired reasons too: old returns carry
    them), or in the engine's defaults for a store without a catalogue of its own."""
    catalogue = dict(
        ReturnReason.objects.for_installation(installation).values_list("code", "family")
    )
    if not catalogue:
        catalogue = {code: reason.family for code, reason in default_reasons().items()}
    return sorted(code for code, of in catalogue.items() if of == family)


def filtered_returns(
    installation: Installation, filters: ReturnRequestFilters, customer: CustomerScope | None
) -> QuerySet:
    """This store's returns (of this customer, when given) that match `filters`, unordered."""
    queryset = _visible(installation, customer)
    conditions = Q()
    if filters.status:
        conditions &= Q(status__in=[str(s) for s in filters.status])
    if filters.search.strip():
        conditions &= _search(installation, filters.search)
    if filters.created_after is not None:
        conditions &= Q(created_at__gte=filters.created_after)
    if filters.created_before is not None:
        conditions &= Q(created_at__lt=filters.created_before)
    if filters.method is not None:
        conditions &= Q(method=str(filters.method))
    if filters.order_id:
        conditions &= Q(order_id=filters.order_id)
    if filters.customer_email:
        conditions &= Q(customer_email__iexact=filters.customer_email.strip())
    if filters.market_id is not None:
        conditions &= Q(market_id=filters.market_id)
    if filters.overdue is not None:
        overdue = overdue_q(sla_hours(settings_of(installation)), timezone.now())
        conditions &= overdue if filters.overdue else ~overdue
    queryset = queryset.filter(conditions)
    if filters.reason_family is not None:
        # The codes as constants, not a subquery: PostgreSQL then plans this like the reason
        # filter (walk the sort index, probe each return's lines) instead of joining every
        # line of the store first.
        codes = _reason_codes(installation, filters.reason_family)
        lines = ReturnLine.objects.filter(return_request=OuterRef("pk"), reason_code__in=codes)
        queryset = queryset.filter(Exists(lines)) if codes else queryset.none()
    if filters.reason:
        lines = ReturnLine.objects.filter(return_request=OuterRef("pk"), reason_code=filters.reason)
        queryset = queryset.filter(Exists(lines))
    if filters.carrier:
        shipments = Shipment.objects.filter(
            return_request=OuterRef("pk"), carrier=filters.carrier.strip().lower()
        )
        queryset = queryset.filter(Exists(shipments))
    return queryset


def encode_cursor(return_request: ReturnRequest, sort: Sort) -> str:
    values = [sort.value, return_request.created_at.isoformat(), return_request.pk]
    if sort is Sort.STATUS:
        values.append(return_request.status)
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str, sort: Sort) -> tuple[datetime, int, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
        sort_name, created_at, pk = values[0], datetime.fromisoformat(values[1]), int(values[2])
        status = str(values[3]) if sort is Sort.STATUS else ""
    except (binascii.Error, ValueError, TypeError, IndexError, UnicodeDecodeError) as error:
        raise InvalidCursor("The cursor is not valid.") from error
    if sort_name != sort.value or created_at.tzinfo is None:
        raise InvalidCursor("The cursor belongs to another sort order.")
    return created_at, pk, status


def after_cursor(cursor: str, sort: Sort) -> Q:
    """Rows after the cursor. Each condition leads with a plain range on the first sort key
    (`created_at <= c AND (created_at < c OR id < i)`), which PostgreSQL turns into an index
    range; the OR only settles ties on the boundary."""
    created_at, pk, status = _decode_cursor(cursor, sort)
    if sort is Sort.OLDEST:
        return Q(created_at__gte=created_at) & (Q(created_at__gt=created_at) | Q(id__gt=pk))
    older = Q(created_at__lte=created_at) & (Q(created_at__lt=created_at) | Q(id__lt=pk))
    if sort is Sort.STATUS:
        return Q(status__gte=status) & (Q(status__gt=status) | older)
    return older


def return_requests_page(
    *,
    installation: Installation,
    filters: ReturnRequestFilters,
    first: int,
    after: str | None = None,
    sort: Sort = Sort.NEWEST,
    customer: CustomerScope | None = None,
) -> Page:
    """Up to `first` returns after the cursor `after`, in `sort` order (raises `InvalidCursor`)."""
    if not 1 <= first <= MAX_PAGE_SIZE:
        raise ValueError(f"first must be between 1 and {MAX_PAGE_SIZE}")
    queryset = filtered_returns(installation, filters, customer)
    if after:
        queryset = queryset.filter(after_cursor(after, sort))
    rows = list(
        queryset.order_by(*_ORDERING[sort])
        .select_related("market")
        .prefetch_related(*_RELATED)[: first + 1]
    )
    items = rows[:first]
    return Page(
        items=items,
        cursors=[encode_cursor(item, sort) for item in items],
        has_next_page=len(rows) > first,
    )


def return_requests_count(
    *,
    installation: Installation,
    filters: ReturnRequestFilters,
    customer: CustomerScope | None = None,
) -> int:
    """How many returns match, for a list's total (counted only when asked for)."""
    return filtered_returns(installation, filters, customer).count()


@dataclass(frozen=True)
class TabCount:
    """Returns of one status: exact up to the cap; past it, `count` is the cap and `capped`."""

    count: int
    capped: bool = False


def return_request_counts(
    *,
    installation: Installation,
    filters: ReturnRequestFilters,
    cap: int = COUNT_CAP,
) -> dict[Status, TabCount]:
    """How many returns match per status (the filters' own status ignored): the inbox tabs.

    A filter matching few returns is counted exactly in one pass over them. Otherwise each
    status is counted up to `cap` + 1 rows, so a tab costs at most that many index entries
    however large the store grows, and a busy tab reads "1,000+" instead of a number that
    took a scan of every closed return to compute.
    """
    matching = filtered_returns(installation, replace(filters, status=()), None).order_by()
    few = cap * _FEW_CAPS
    statuses = list(matching.values_list("status", flat=True)[: few + 1])
    if len(statuses) <= few:
        return {Status(status): TabCount(count) for status, count in Counter(statuses).items()}
    counts = {}
    for status in Status:
        found = matching.filter(status=status).values("pk")[: cap + 1].count()
        if found:
            counts[status] = TabCount(count=min(found, cap), capped=found > cap)
    return counts


def reason_labels(*, installation: Installation, language: str) -> dict[str, str]:
    """The store's reason labels in `language` (falling back to English), by reason code.

    Stores without a catalogue of their own get none: callers use the engine's default labels.
    """
    return {
        row.code: catalogue_label(row, language)
        for row in ReturnReason.objects.for_installation(installation).filter(is_active=True)
    }
