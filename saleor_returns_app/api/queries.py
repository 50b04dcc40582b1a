"""`returnRequest(id)` and `returnRequests(filter, first, after, sortBy)`.

Staff with MANAGE_ORDERS see every return of the store; a shopper sees their own; an
anonymous caller sees nothing. Another store's ids and unknown ids both resolve to null.
"""

from __future__ import annotations

import graphene

from graphql import GraphQLResolveInfo
from saleor_returns_app.api.context import RequestContext, ViewerKind
from saleor_returns_app.api.errors import api_error, permission_denied
from saleor_returns_app.api.fields import enum_value
from saleor_returns_app.api.ids import pk_from_global_id
from saleor_returns_app.api.returnability import ReturnReasonFamily
from saleor_returns_app.api.staff_mutations import staff_context
from saleor_returns_app.api.types import ReturnMethod, ReturnRequestStatus, ReturnRequestType
from saleor_returns_app.returns import selectors
from saleor_returns_app.returns.models import ReturnRequest
from saleor_returns_app.returns.policy import Method, ReasonFamily
from saleor_returns_app.returns.selectors import CustomerScope, ReturnRequestFilters, Sort
from saleor_returns_app.returns.status import Status

DEFAULT_PAGE_SIZE = 20

ReturnRequestSortField = graphene.Enum(
    "ReturnRequestSortField",
    [(sort.value, sort.value) for sort in Sort],
    description="NEWEST (default) and OLDEST by creation; STATUS by status code, then newest.",
)


class ReturnRequestFilterInput(graphene.InputObjectType):
    status = graphene.List(graphene.NonNull(ReturnRequestStatus))
    search = graphene.String(
        description="An RMA, an order number, a customer email or a tracking number."
    )
    created_after = graphene.DateTime(description="Inclusive.")
    created_before = graphene.DateTime(description="Exclusive.")
    reason = graphene.String(description="A line's reason code.")
    method = ReturnMethod()
    carrier = graphene.String(description="A carrier code, e.g. `sameday`.")
    order_id = graphene.ID()
    customer_email = graphene.String()
    overdue = graphene.Boolean(
        description="Staff only. True: returns past the store's limit for their status; "
        "false: those within it."
    )
    reason_family = ReturnReasonFamily(
        description="Returns with at least one line whose reason is of this family."
    )
    market_id = graphene.ID(
        description="A market's id; another store's or an unknown market matches nothing."
    )


class ReturnRequestCountableConnection(graphene.relay.Connection):
    total_count = graphene.Int(description="Counted only when asked for.")

    class Meta:
        node = ReturnRequestType

    @staticmethod
    def resolve_total_count(root: ReturnRequestCountableConnection, _info: object) -> int:
        return root.count_rows()


def _market_pk(value: str | None) -> int | None:
    if value is None:
        return None
    pk = pk_from_global_id(value, "Market")
    if pk is None:
        raise api_error("INVALID", "marketId is not a market id.")
    return pk


def _filters(value: dict | None) -> ReturnRequestFilters:
    value = value or {}
    method = value.get("method")
    family = value.get("reason_family")
    return ReturnRequestFilters(
        status=tuple(Status(enum_value(s)) for s in value.get("status") or ()),
        search=value.get("search") or "",
        created_after=value.get("created_after"),
        created_before=value.get("created_before"),
        reason=value.get("reason") or "",
        method=Method(enum_value(method)) if method else None,
        carrier=value.get("carrier") or "",
        order_id=value.get("order_id") or "",
        customer_email=value.get("customer_email") or "",
        overdue=value.get("overdue"),
        reason_family=ReasonFamily(enum_value(family)) if family else None,
        market_id=_market_pk(value.get("market_id")),
    )


def viewer_scope(context: RequestContext) -> CustomerScope | None:
    """Whose returns the viewer sees: a shopper's own, or None for the whole store (staff
    with MANAGE_ORDERS). Anonymous callers see nothing and must not get here."""
    viewer = context.viewer
    if viewer.kind is ViewerKind.SHOPPER:
        return viewer.customer
    if viewer.manages_orders:
        return None
    raise permission_denied()


def _connection(page: selectors.Page, count: object) -> ReturnRequestCountableConnection:
    edge_type = ReturnRequestCountableConnection.Edge
    connection = ReturnRequestCountableConnection(
        edges=[
            edge_type(node=item, cursor=cursor)
            for item, cursor in zip(page.items, page.cursors, strict=True)
        ],
        page_info=graphene.relay.PageInfo(
            has_next_page=page.has_next_page,
            has_previous_page=False,
            start_cursor=page.start_cursor,
            end_cursor=page.end_cursor,
        ),
    )
    connection.count_rows = count
    return connection


class ReturnRequestStatusCount(graphene.ObjectType):
    status = graphene.Field(ReturnRequestStatus, required=True)
    count = graphene.Int(required=True)
    capped = graphene.Boolean(
        required=True,
        description=f"More than `count` returns match: counting stopped at {selectors.COUNT_CAP}.",
    )


class ReturnRequestQuery(graphene.ObjectType):
    return_request = graphene.Field(
        ReturnRequestType, id=graphene.Argument(graphene.ID, required=True)
    )
    return_requests = graphene.Field(
        ReturnRequestCountableConnection,
        filter=ReturnRequestFilterInput(),
        first=graphene.Int(description=f"1 to {selectors.MAX_PAGE_SIZE}; default 20."),
        after=graphene.String(),
        sort_by=graphene.Argument(ReturnRequestSortField),
    )

    return_request_counts = graphene.NonNull(
        graphene.List(graphene.NonNull(ReturnRequestStatusCount)),
        filter=ReturnRequestFilterInput(),
        description="Staff only: how many returns match per status (the inbox tabs); the "
        "filter's own status is ignored. Every status is listed, zeros included; a status "
        "with more returns than the cap says so with `capped`.",
    )

    @staticmethod
    def resolve_return_request_counts(
        _root: None, info: GraphQLResolveInfo, filter: dict | None = None
    ) -> list[ReturnRequestStatusCount]:
        context = staff_context(info)
        counts = selectors.return_request_counts(
            installation=context.installation, filters=_filters(filter)
        )
        none = selectors.TabCount(count=0)
        return [
            ReturnRequestStatusCount(
                status=status.value,
                count=counts.get(status, none).count,
                capped=counts.get(status, none).capped,
            )
            for status in Status
        ]

    @staticmethod
    def resolve_return_request(
        _root: None, info: GraphQLResolveInfo, id: str
    ) -> ReturnRequest | None:
        context: RequestContext = info.context
        if context.viewer.kind is ViewerKind.ANONYMOUS:
            return None
        customer = viewer_scope(context)
        pk = pk_from_global_id(id, "ReturnRequest")
        if pk is None:
            return None
        return selectors.return_request_for(
            installation=context.installation, id=pk, customer=customer
        )

    @staticmethod
    def resolve_return_requests(
        _root: None,
        info: GraphQLResolveInfo,
        filter: dict | None = None,
        first: int | None = None,
        after: str | None = None,
        sort_by: object = None,
    ) -> ReturnRequestCountableConnection:
        context: RequestContext = info.context
        first = DEFAULT_PAGE_SIZE if first is None else first
        if not 1 <= first <= selectors.MAX_PAGE_SIZE:
            raise api_error("INVALID_PAGINATION", f"first must be 1 to {selectors.MAX_PAGE_SIZE}.")
        if context.viewer.kind is ViewerKind.ANONYMOUS:
            return _connection(selectors.Page(items=[], cursors=[], has_next_page=False), lambda: 0)
        customer = viewer_scope(context)
        filters = _filters(filter)
        if customer is not None and filters.overdue is not None:
            raise permission_denied()
        kwargs = {"installation": context.installation, "filters": filters, "customer": customer}
        try:
            page = selectors.return_requests_page(
                **kwargs, first=first, after=after, sort=Sort(enum_value(sort_by or Sort.NEWEST))
            )
        except selectors.InvalidCursor as error:
            raise api_error("INVALID_CURSOR", str(error)) from error
        return _connection(page, lambda: selectors.return_requests_count(**kwargs))
