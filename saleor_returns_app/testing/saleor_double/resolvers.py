"""Query-side resolvers. Each function serves the ``"Type.field"`` keys it registers."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from graphql import GraphQLError, GraphQLResolveInfo

from .execution import RequestContext
from .ids import pk_for_type, to_global_id
from .permissions import PermissionDenied
from .records import Record
from .registry import resolver
from .schema import sync_event_types
from .store import Store

MAX_PAGE_SIZE = 100
# OrderStatusFilter values that are plain statuses; the others need payment data.
_STATUS_FILTERS = {
    "UNFULFILLED": {"UNFULFILLED"},
    "UNCONFIRMED": {"UNCONFIRMED"},
    "PARTIALLY_FULFILLED": {"PARTIALLY_FULFILLED"},
    "FULFILLED": {"FULFILLED"},
    "CANCELED": {"CANCELED"},
    "READY_TO_FULFILL": {"UNFULFILLED", "PARTIALLY_FULFILLED"},
}


def context_of(info: GraphQLResolveInfo) -> RequestContext:
    """The typed request context of a resolver call."""
    return info.context


def human_name(code: str) -> str:
    """``MANAGE_ORDERS`` -> ``Manage orders.``, the shape of Saleor's permission names."""
    return code.replace("_", " ").capitalize() + "."


def event_name(event_type: str) -> str:
    """``ORDER_FULFILLED`` -> ``Order fulfilled``, the shape of Saleor's event names."""
    return event_type.replace("_", " ").capitalize()


def permission_records(codes: Iterable[str]) -> list[Record]:
    """``[Permission]`` records for permission codes, sorted like Saleor lists them."""
    return [
        Record(__typename="Permission", code=code, name=human_name(code)) for code in sorted(codes)
    ]


# -- pagination ---------------------------------------------------------------------------


def _cursor(index: int) -> str:
    return base64.b64encode(f"arrayconnection:{index}".encode()).decode()


def _cursor_index(cursor: str) -> int:
    try:
        return int(base64.b64decode(cursor).decode().rpartition(":")[2])
    except ValueError as exc:
        raise GraphQLError(f"Received cursor {cursor!r} is invalid.") from exc


def connection(
    nodes: Sequence[Record],
    *,
    field_name: str,
    first: int | None = None,
    last: int | None = None,
    after: str | None = None,
    before: str | None = None,
) -> Record:
    """A Relay connection over ``nodes`` with Saleor's pagination argument rules."""
    if first is None and last is None:
        raise GraphQLError(
            f"You must provide a `first` or `last` value to properly paginate the "
            f"`{field_name}` connection."
        )
    for argument, value in (("first", first), ("last", last)):
        if value is not None and value > MAX_PAGE_SIZE:
            raise GraphQLError(
                f"Requesting {value} records on the `{field_name}` connection exceeds the "
                f"`{argument}` limit of {MAX_PAGE_SIZE} records."
            )
    start = _cursor_index(after) + 1 if after else 0
    end = _cursor_index(before) if before else len(nodes)
    window = list(range(start, min(end, len(nodes))))
    has_next = has_previous = False
    if first is not None:
        has_next = len(window) > first
        window = window[:first]
    if last is not None:
        has_previous = len(window) > last
        window = window[-last:] if last else []
    edges = [Record(node=nodes[index], cursor=_cursor(index)) for index in window]
    page_info = Record(
        hasNextPage=has_next,
        hasPreviousPage=has_previous or start > 0,
        startCursor=edges[0]["cursor"] if edges else None,
        endCursor=edges[-1]["cursor"] if edges else None,
    )
    return Record(edges=edges, totalCount=len(nodes), pageInfo=page_info)


# -- generic record fields ------------------------------------------------------------------


def _metadata_value(items: Iterable[Record], key: str) -> str | None:
    for item in items:
        if item["key"] == key:
            return item["value"]
    return None


def _metadata_map(items: Iterable[Record], keys: Sequence[str] | None) -> dict[str, str]:
    return {item["key"]: item["value"] for item in items if keys is None or item["key"] in keys}


@resolver("*.metafield")
def resolve_metafield(source: Record, _info: GraphQLResolveInfo, *, key: str) -> str | None:
    return _metadata_value(source.get("metadata", ()), key)


@resolver("*.metafields")
def resolve_metafields(
    source: Record, _info: GraphQLResolveInfo, *, keys: Sequence[str] | None = None
) -> dict[str, str]:
    return _metadata_map(source.get("metadata", ()), keys)


@resolver("*.privateMetafield")
def resolve_private_metafield(source: Record, _info: GraphQLResolveInfo, *, key: str) -> str | None:
    return _metadata_value(source.get("privateMetadata", ()), key)


@resolver("*.privateMetafields")
def resolve_private_metafields(
    source: Record, _info: GraphQLResolveInfo, *, keys: Sequence[str] | None = None
) -> dict[str, str]:
    return _metadata_map(source.get("privateMetadata", ()), keys)


# -- apps and webhooks ----------------------------------------------------------------------


@resolver("Query.app")
def resolve_app(_root: Any, info: GraphQLResolveInfo, *, id: str | None = None) -> Record | None:
    context = context_of(info)
    requester = context.requester
    if id is None:
        # Without an id Saleor answers with the calling app (None for staff users).
        return requester.app
    try:
        app_id = to_global_id("App", pk_for_type(id, "App"))
    except ValueError as exc:
        raise GraphQLError(str(exc)) from exc
    if requester.app is not None and requester.app["id"] == app_id:
        return requester.app
    if not requester.has_perm("MANAGE_APPS"):
        raise PermissionDenied(["MANAGE_APPS"])
    return context.store.apps.get(app_id)


@resolver("App.webhooks")
def resolve_app_webhooks(app: Record, info: GraphQLResolveInfo) -> list[Record]:
    return context_of(info).store.webhooks_of(app)


@resolver("App.permissions", "AppExtension.permissions")
def resolve_permissions(source: Record, _info: GraphQLResolveInfo) -> list[Record]:
    return permission_records(source.get("_permissions", ()))


@resolver("App.tokens")
def resolve_app_tokens(app: Record, _info: GraphQLResolveInfo) -> list[Record]:
    return list(app.get("_tokens", ()))


def _webhook_events(webhook: Record, keep: Callable[[str], bool]) -> list[Record]:
    return [
        Record(eventType=event, name=event_name(event))
        for event in webhook.get("_events", ())
        if keep(event)
    ]


@resolver("Webhook.events")
def resolve_webhook_events(webhook: Record, _info: GraphQLResolveInfo) -> list[Record]:
    return _webhook_events(webhook, lambda _event: True)


@resolver("Webhook.asyncEvents")
def resolve_webhook_async_events(webhook: Record, info: GraphQLResolveInfo) -> list[Record]:
    sync = sync_event_types(context_of(info).schema)
    return _webhook_events(webhook, lambda event: event not in sync)


@resolver("Webhook.syncEvents")
def resolve_webhook_sync_events(webhook: Record, info: GraphQLResolveInfo) -> list[Record]:
    sync = sync_event_types(context_of(info).schema)
    return _webhook_events(webhook, lambda event: event in sync)


@resolver("Webhook.customHeaders")
def resolve_webhook_custom_headers(webhook: Record, _info: GraphQLResolveInfo) -> str | None:
    # JSONString: Saleor answers with the headers serialised as a string.
    headers = webhook.get("customHeaders")
    return json.dumps(headers) if headers is not None else None


# -- orders ---------------------------------------------------------------------------------


def order_by_global_id(store: Store, global_id: str) -> Record | None:
    """The order behind an ``Order`` global id; ``GraphQLError`` for malformed ids."""
    try:
        pk = pk_for_type(global_id, "Order")
    except ValueError as exc:
        raise GraphQLError(str(exc)) from exc
    return store.orders.get(to_global_id("Order", pk))


def _orders_newest_first(orders: Iterable[Record]) -> list[Record]:
    # Saleor orders by -number and hides drafts from order lists.
    visible = [order for order in orders if order["status"] != "DRAFT"]
    return sorted(visible, key=lambda order: int(order["number"]), reverse=True)


def _matches_customer(order: Record, value: str) -> bool:
    if "@" in value:
        wanted = value.lower()
        user_email = (order["user"] or {}).get("email", "")
        return (order["userEmail"] or "").lower() == wanted or user_email.lower() == wanted
    user = order["user"] or {}
    address = order["billingAddress"] or {}
    names = " ".join(
        [
            user.get("firstName", ""),
            user.get("lastName", ""),
            address.get("firstName", ""),
            address.get("lastName", ""),
        ]
    ).lower()
    return all(part in names for part in value.lower().split())


def _filter_orders(orders: list[Record], order_filter: dict[str, Any]) -> list[Record]:
    if numbers := order_filter.get("numbers"):
        wanted = {str(number) for number in numbers}
        orders = [order for order in orders if order["number"] in wanted]
    if customer := order_filter.get("customer"):
        orders = [order for order in orders if _matches_customer(order, customer)]
    if ids := order_filter.get("ids"):
        orders = [order for order in orders if order["id"] in set(ids)]
    if statuses := order_filter.get("status"):
        allowed = set().union(*(_STATUS_FILTERS.get(status, {status}) for status in statuses))
        orders = [order for order in orders if order["status"] in allowed]
    if channels := order_filter.get("channels"):
        orders = [order for order in orders if order["channel"]["id"] in set(channels)]
    if search := order_filter.get("search"):
        orders = _search_orders(orders, search)
    return orders


def _search_orders(orders: list[Record], search: str) -> list[Record]:
    needle = search.lower().lstrip("#")
    return [
        order
        for order in orders
        if needle == order["number"] or needle in (order["userEmail"] or "").lower()
    ]


@resolver("Query.order")
def resolve_order(
    _root: Any,
    info: GraphQLResolveInfo,
    *,
    id: str | None = None,
    externalReference: str | None = None,
) -> Record | None:
    context = context_of(info)
    if not id and not externalReference:
        raise GraphQLError("At least one of arguments is required: 'id', 'external_reference'.")
    if id:
        # Saleor serves an order to anyone holding its id (a UUID acts as the secret).
        return order_by_global_id(context.store, id)
    context.requester.require_one_of(["MANAGE_ORDERS"])
    for order in context.store.orders.values():
        if order.get("externalReference") == externalReference:
            return order
    return None


@resolver("Query.orders")
def resolve_orders(
    _root: Any,
    info: GraphQLResolveInfo,
    *,
    filter: dict[str, Any] | None = None,
    search: str | None = None,
    channel: str | None = None,
    first: int | None = None,
    last: int | None = None,
    after: str | None = None,
    before: str | None = None,
    **_ignored: Any,
) -> Record:
    store = context_of(info).store
    orders = _orders_newest_first(store.orders.values())
    if channel:
        orders = [order for order in orders if order["channel"]["slug"] == channel]
    orders = _filter_orders(orders, dict(filter or {}))
    if search:
        orders = _search_orders(orders, search)
    return connection(
        orders, field_name="orders", first=first, last=last, after=after, before=before
    )


@resolver("Query.me")
def resolve_me(_root: Any, info: GraphQLResolveInfo) -> Record | None:
    requester = context_of(info).requester
    requester.raise_auth_error()
    return requester.user


@resolver("User.orders")
def resolve_user_orders(
    user: Record,
    info: GraphQLResolveInfo,
    *,
    first: int | None = None,
    last: int | None = None,
    after: str | None = None,
    before: str | None = None,
    **_ignored: Any,
) -> Record:
    # Only orders linked to the account: guest orders with the same email are not listed.
    store = context_of(info).store
    orders = _orders_newest_first(
        order
        for order in store.orders.values()
        if order["user"] is not None and order["user"]["id"] == user["id"]
    )
    return connection(
        orders, field_name="orders", first=first, last=last, after=after, before=before
    )


@resolver("User.userPermissions")
def resolve_user_permissions(user: Record, _info: GraphQLResolveInfo) -> list[Record]:
    return [
        Record(permission, __typename="UserPermission", sourcePermissionGroups=[])
        for permission in permission_records(user.get("_permissions", ()))
    ]


@resolver("Query.warehouses")
def resolve_warehouses(
    _root: Any,
    info: GraphQLResolveInfo,
    *,
    first: int | None = None,
    last: int | None = None,
    after: str | None = None,
    before: str | None = None,
    **_ignored: Any,
) -> Record:
    context = context_of(info)
    context.requester.require_one_of(["MANAGE_PRODUCTS", "MANAGE_ORDERS", "MANAGE_SHIPPING"])
    warehouses = sorted(context.store.warehouses.values(), key=lambda w: w["name"])
    return connection(
        warehouses, field_name="warehouses", first=first, last=last, after=after, before=before
    )
