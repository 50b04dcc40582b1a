"""Mutation resolvers, with Saleor's payload shapes and error codes.

Input problems come back in the payload's ``errors`` list (``field``, ``code``,
``message``); missing permissions raise ``PermissionDenied`` (null payload + top-level
error), as in Saleor.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlparse

from graphql import GraphQLResolveInfo

from .ids import from_global_id, to_global_id
from .permissions import OWNER
from .records import Record, set_metadata
from .registry import resolver
from .resolvers import context_of
from .store import Store
from .subscription_query import check_subscription

WEBHOOK_IDENTIFIER_MAX_LENGTH = 256
_WEBHOOK_URL_SCHEMES = frozenset({"http", "https", "awssqs", "gcpubsub"})
_CUSTOM_HEADER = re.compile(r"^(x-|authorization|brokerproperties)", re.IGNORECASE)
# Types whose metadata the double can change, with Saleor's META_PERMISSION_MAP rules.
_METADATA_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "Order": ("MANAGE_ORDERS",),
    "OrderLine": ("MANAGE_ORDERS",),
    "Fulfillment": ("MANAGE_ORDERS",),
    "Product": ("MANAGE_PRODUCTS",),
    "ProductVariant": ("MANAGE_PRODUCTS",),
    "User": ("MANAGE_USERS", "MANAGE_STAFF"),
    "App": ("MANAGE_APPS", OWNER),
}


class MutationError(Exception):
    """One entry of a payload's ``errors`` list; the first one ends the mutation."""

    def __init__(self, field: str | None, code: str | None, message: str) -> None:
        super().__init__(message)
        self.as_record = Record(field=field, code=code, message=message)


def _missing_node(
    field: str | None, global_id: str, code: str | None = "NOT_FOUND"
) -> MutationError:
    return MutationError(field, code, f"Couldn't resolve to a node: {global_id}")


def _payload(typename: str, errors_alias: str | None, **fields: Any) -> Record:
    errors = fields.pop("errors", [])
    payload = Record(__typename=typename, errors=errors, **fields)
    if errors_alias:
        # Saleor still fills the deprecated per-domain error list (``webhookErrors``...).
        payload[errors_alias] = errors
    return payload


# -- webhooks -------------------------------------------------------------------------------


def _events_from_input(data: Mapping[str, Any]) -> list[str]:
    events = list(data.get("events") or [])
    if not events:
        events = list(data.get("asyncEvents") or []) + list(data.get("syncEvents") or [])
    return [event.upper() for event in events]


def _clean_target_url(url: str | None) -> str:
    if not url:
        raise MutationError("targetUrl", "REQUIRED", "This field cannot be blank.")
    parsed = urlparse(url)
    if parsed.scheme.lower() not in _WEBHOOK_URL_SCHEMES or not parsed.netloc:
        raise MutationError("targetUrl", "INVALID", "Enter a valid URL.")
    return url


def _clean_custom_headers(raw: Any) -> dict[str, str] | None:
    if raw in (None, ""):
        return None
    try:
        headers = json.loads(raw) if isinstance(raw, str) else dict(raw)
    except (TypeError, ValueError) as exc:
        raise MutationError("customHeaders", "INVALID_CUSTOM_HEADERS", str(exc)) from exc
    for name in headers:
        if not _CUSTOM_HEADER.match(name):
            raise MutationError(
                "customHeaders",
                "INVALID_CUSTOM_HEADERS",
                f'"{name}" does not match allowed key pattern: "X-*", "Authorization*", '
                'or "BrokerProperties".',
            )
    return {str(name): str(value) for name, value in headers.items()}


def _clean_identifier(store: Store, app: Record, raw: str | None, webhook: Record | None) -> Any:
    identifier = (raw or "").strip() or None
    if identifier is None:
        return None
    if len(identifier) > WEBHOOK_IDENTIFIER_MAX_LENGTH:
        raise MutationError(
            "identifier",
            "INVALID",
            f"Ensure this value has at most {WEBHOOK_IDENTIFIER_MAX_LENGTH} characters.",
        )
    for other in store.webhooks_of(app):
        if other is not webhook and other["identifier"] == identifier:
            raise MutationError(
                "identifier", "UNIQUE", "Webhook with this App and Identifier already exists."
            )
    return identifier


def _clean_webhook_input(
    info: GraphQLResolveInfo, app: Record, data: Mapping[str, Any], webhook: Record | None
) -> dict[str, Any]:
    """Saleor's order of checks: query, custom headers, events, then the model fields."""
    cleaned: dict[str, Any] = {}
    events = _events_from_input(data)
    if data.get("query"):
        check = check_subscription(context_of(info).schema, data["query"])
        if not check.is_valid:
            raise MutationError("query", check.error_code, check.error_msg)
        cleaned["subscriptionQuery"] = data["query"]
        events = events or list(check.events)
    if "customHeaders" in data:
        cleaned["customHeaders"] = _clean_custom_headers(data["customHeaders"])
    if events:
        cleaned["_events"] = list(dict.fromkeys(events))
    if webhook is None or "targetUrl" in data:
        cleaned["targetUrl"] = _clean_target_url(data.get("targetUrl"))
    if "identifier" in data:
        store = context_of(info).store
        cleaned["identifier"] = _clean_identifier(store, app, data["identifier"], webhook)
    for key in ("name", "isActive"):
        if key in data and data[key] is not None:
            cleaned[key] = data[key]
    return cleaned


def _webhook_for_app(
    info: GraphQLResolveInfo, *, webhook_id: str | None, identifier: str | None
) -> tuple[Record, str]:
    """The webhook addressed by ``id`` or app-scoped ``identifier``, plus the id used."""
    context = context_of(info)
    app = context.requester.app
    if bool(webhook_id) == bool(identifier):
        if webhook_id:
            raise MutationError(
                None, "GRAPHQL_ERROR", "Argument 'id' cannot be combined with 'identifier'"
            )
        raise MutationError(
            None, "GRAPHQL_ERROR", "At least one of arguments is required: 'id', 'identifier'."
        )
    if identifier:
        if app is None:
            raise MutationError(
                "identifier",
                "INVALID",
                "Webhook identifier can only be used by an app to reference its own webhook. "
                "Use `id` instead.",
            )
        for webhook in context.store.webhooks_of(app):
            if webhook["identifier"] == identifier:
                return webhook, webhook["id"]
        raise _missing_node("identifier", identifier)
    global_id = str(webhook_id)
    try:
        type_name, _pk = from_global_id(global_id)
    except ValueError as exc:
        raise MutationError("id", "GRAPHQL_ERROR", str(exc)) from exc
    if type_name != "Webhook":
        raise MutationError(
            "id", "GRAPHQL_ERROR", f"Must receive a Webhook id, received {type_name}."
        )
    webhook = context.store.webhooks.get(global_id)
    if webhook is None:
        raise _missing_node("id", global_id)
    return webhook, global_id


@resolver("Mutation.webhookCreate")
def resolve_webhook_create(
    _root: Any,
    info: GraphQLResolveInfo,
    *,
    input: dict[str, Any],
) -> Record:
    context = context_of(info)
    store = context.store
    try:
        app = context.requester.app
        if app is None:
            # Staff with MANAGE_APPS name the app in the input; apps always get their own.
            app_id = input.get("app")
            if not app_id:
                raise MutationError(
                    None,
                    "INVALID",
                    "Missing app id. Fill in the app field or run the mutation by the app",
                )
            app = store.apps.get(app_id)
            if app is None or not app["isActive"]:
                raise MutationError(None, "NOT_FOUND", "App doesn't exist or is disabled")
        cleaned = _clean_webhook_input(info, app, input, None)
    except MutationError as error:
        return _payload("WebhookCreate", "webhookErrors", errors=[error.as_record], webhook=None)
    webhook = store.add_webhook(
        app,
        name=cleaned.get("name"),
        target_url=cleaned["targetUrl"],
        events=cleaned.get("_events", []),
        query=cleaned.get("subscriptionQuery"),
        is_active=cleaned.get("isActive", True),
        identifier=cleaned.get("identifier"),
        custom_headers=cleaned.get("customHeaders"),
    )
    return _payload("WebhookCreate", "webhookErrors", webhook=webhook)


@resolver("Mutation.webhookUpdate")
def resolve_webhook_update(
    _root: Any,
    info: GraphQLResolveInfo,
    *,
    input: dict[str, Any],
    id: str | None = None,
    identifier: str | None = None,
) -> Record:
    requester = context_of(info).requester
    try:
        webhook, global_id = _webhook_for_app(info, webhook_id=id, identifier=identifier)
        if requester.app is not None and webhook["app"] is not requester.app:
            # Saleor looks the id up among the caller's webhooks only.
            raise _missing_node("id", global_id)
        cleaned = _clean_webhook_input(info, webhook["app"], input, webhook)
    except MutationError as error:
        return _payload("WebhookUpdate", "webhookErrors", errors=[error.as_record], webhook=None)
    webhook.update(cleaned)
    return _payload("WebhookUpdate", "webhookErrors", webhook=webhook)


@resolver("Mutation.webhookDelete")
def resolve_webhook_delete(
    _root: Any,
    info: GraphQLResolveInfo,
    *,
    id: str | None = None,
    identifier: str | None = None,
) -> Record:
    context = context_of(info)
    app = context.requester.app
    try:
        if app is not None and not app["isActive"]:
            raise MutationError(None, "INVALID", "App needs to be active to delete webhook")
        webhook, global_id = _webhook_for_app(info, webhook_id=id, identifier=identifier)
        if app is not None and webhook["app"] is not app:
            raise _missing_node(None, global_id, code="GRAPHQL_ERROR")
    except MutationError as error:
        return _payload("WebhookDelete", "webhookErrors", errors=[error.as_record], webhook=None)
    del context.store.webhooks[webhook["id"]]
    webhook["isActive"] = False
    return _payload("WebhookDelete", "webhookErrors", webhook=webhook)


# -- metadata -------------------------------------------------------------------------------


def _records_of_type(store: Store, type_name: str) -> Iterable[Record]:
    if type_name == "Order":
        return store.orders.values()
    if type_name == "OrderLine":
        return (line for order in store.orders.values() for line in order["lines"])
    if type_name == "Fulfillment":
        return (item for order in store.orders.values() for item in order["fulfillments"])
    if type_name == "Product":
        return store.products.values()
    if type_name == "ProductVariant":
        return store.variants.values()
    if type_name == "User":
        return store.users.values()
    if type_name == "App":
        return store.apps.values()
    return ()


def _metadata_target(store: Store, object_id: str) -> tuple[str, str]:
    """``(type_name, global_id)``; like Saleor, a bare order UUID is accepted too."""
    try:
        type_name, _pk = from_global_id(object_id)
        return type_name, object_id
    except ValueError:
        try:
            order_id = to_global_id("Order", uuid.UUID(object_id))
        except ValueError:
            order_id = ""
        if order_id in store.orders:
            return "Order", order_id
        raise MutationError("id", "GRAPHQL_ERROR", "Couldn't resolve to a node.") from None


def _update_metadata(
    info: GraphQLResolveInfo, object_id: str, items: list[dict[str, str]], *, private: bool
) -> Record:
    typename = "UpdatePrivateMetadata" if private else "UpdateMetadata"
    context = context_of(info)
    store = context.store
    try:
        type_name, global_id = _metadata_target(store, object_id)
        requirements = _METADATA_PERMISSIONS.get(type_name)
        if requirements is None:
            raise MutationError(
                "id", "NOT_FOUND", f"Couldn't resolve to a item with meta: {object_id}"
            )
        target = next((r for r in _records_of_type(store, type_name) if r["id"] == global_id), None)
        # Saleor checks permissions before looking the object up.
        context.requester.require_one_of(requirements, target)
        if target is None:
            raise _missing_node("id", object_id)
        if any(not item["key"].strip() for item in items):
            raise MutationError("input", "REQUIRED", "Metadata key cannot be empty.")
    except MutationError as error:
        return _payload(typename, "metadataErrors", errors=[error.as_record], item=None)
    key = "privateMetadata" if private else "metadata"
    before = [dict(item) for item in target[key]]
    set_metadata(target[key], ((item["key"], item["value"]) for item in items))
    if type_name == "Order" and before != target[key]:
        context.emit("ORDER_METADATA_UPDATED", order=target)
    return _payload(typename, "metadataErrors", item=target)


@resolver("Mutation.updateMetadata")
def resolve_update_metadata(
    _root: Any,
    info: GraphQLResolveInfo,
    *,
    id: str,
    input: list[dict[str, str]],
) -> Record:
    return _update_metadata(info, id, input, private=False)


@resolver("Mutation.updatePrivateMetadata")
def resolve_update_private_metadata(
    _root: Any,
    info: GraphQLResolveInfo,
    *,
    id: str,
    input: list[dict[str, str]],
) -> Record:
    return _update_metadata(info, id, input, private=True)


# -- order notes ----------------------------------------------------------------------------


@resolver("Mutation.orderNoteAdd")
def resolve_order_note_add(
    _root: Any,
    info: GraphQLResolveInfo,
    *,
    order: str,
    input: dict[str, str],
) -> Record:
    context = context_of(info)
    store = context.store
    try:
        try:
            type_name, _pk = from_global_id(order)
        except ValueError as exc:
            raise MutationError("id", "GRAPHQL_ERROR", str(exc)) from exc
        if type_name != "Order":
            raise MutationError(
                "id", "GRAPHQL_ERROR", f"Must receive a Order id, received {type_name}."
            )
        target = store.orders.get(order)
        if target is None:
            # Saleor's "not_found" is not an OrderNoteAddErrorCode value, so code is null.
            raise _missing_node("id", order, code=None)
        message = (input.get("message") or "").strip()
        if not message:
            raise MutationError("message", "REQUIRED", "Message can't be empty.")
    except MutationError as error:
        return _payload("OrderNoteAdd", None, errors=[error.as_record], order=None, event=None)
    requester = context.requester
    event = store.add_note(target, message, user=requester.user, app=requester.app)
    context.emit(
        "DRAFT_ORDER_UPDATED" if target["status"] == "DRAFT" else "ORDER_UPDATED", order=target
    )
    return _payload("OrderNoteAdd", None, order=target, event=event)
