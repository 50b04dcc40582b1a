"""Build and send webhook deliveries exactly as Saleor does.

Per subscribed webhook: execute its subscription document with the receiving app as the
requester and the event as root value, keep ``data["event"]`` (or ``{"data": {field:
...}}`` for filterable top-level subscriptions), serialise with ``json.dumps`` defaults
(as ``saleor/webhook/transport/asynchronous/transport.py`` does), sign with a detached JWS
and POST it without following redirects. Headers follow ``send_webhook_using_http``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import requests

from graphql import GraphQLObjectType, GraphQLSchema, parse

from .execution import RequestContext, execute_document, format_error
from .permissions import Requester
from .records import Record, camel_case

# Saleor's WEBHOOK_TIMEOUT: 2 s to connect, 18 s to answer.
WEBHOOK_TIMEOUT = (2, 18)
ANY_EVENTS = "ANY_EVENTS"
# An app's own lifecycle events go to that app only, whatever its permissions.
APP_LIFECYCLE_EVENTS = frozenset(
    {"APP_INSTALLED", "APP_UPDATED", "APP_DELETED", "APP_STATUS_CHANGED"}
)
# The permission an app needs to receive an event (WebhookEventAsyncType.PERMISSIONS),
# by event-name prefix; the longest matching prefix wins.
_EVENT_PERMISSION_PREFIXES: dict[str, str] = {
    "ORDER_": "MANAGE_ORDERS",
    "DRAFT_ORDER_": "MANAGE_ORDERS",
    "FULFILLMENT_": "MANAGE_ORDERS",
    "INVOICE_": "MANAGE_ORDERS",
    "APP_": "MANAGE_APPS",
    "PRODUCT_": "MANAGE_PRODUCTS",
    "CATEGORY_": "MANAGE_PRODUCTS",
    "COLLECTION_": "MANAGE_PRODUCTS",
    "WAREHOUSE_": "MANAGE_PRODUCTS",
    "CUSTOMER_": "MANAGE_USERS",
    "ACCOUNT_": "MANAGE_USERS",
    "STAFF_": "MANAGE_STAFF",
    "CHECKOUT_": "MANAGE_CHECKOUTS",
    "GIFT_CARD_": "MANAGE_GIFT_CARD",
    "CHANNEL_": "MANAGE_CHANNELS",
    "TRANSACTION_": "HANDLE_PAYMENTS",
    "PAYMENT_": "HANDLE_PAYMENTS",
}

Signer = Callable[[bytes], str]


@dataclass
class Delivery:
    """One webhook request about to be sent; mutable so tests can tamper with it."""

    target_url: str
    body: bytes
    headers: dict[str, str]
    event_type: str
    app: Record
    webhook: Record | None = None
    payload: dict[str, Any] = field(default_factory=dict)


def required_permission(event_type: str) -> str | None:
    """Permission an app needs to be sent ``event_type``, ``None`` when there is none."""
    matches = [prefix for prefix in _EVENT_PERMISSION_PREFIXES if event_type.startswith(prefix)]
    if not matches:
        return None
    return _EVENT_PERMISSION_PREFIXES[max(matches, key=len)]


def event_typename(schema: GraphQLSchema, event_type: str) -> str:
    """``ORDER_FULFILLED`` -> ``OrderFulfilled``, checked against the schema."""
    typename = "".join(part.capitalize() for part in event_type.lower().split("_"))
    graphql_type = schema.type_map.get(typename)
    if not isinstance(graphql_type, GraphQLObjectType) or "Event" not in {
        interface.name for interface in graphql_type.interfaces
    }:
        raise ValueError(f"{event_type} has no event type in the schema (looked for {typename})")
    return typename


def subscribed_webhooks(
    webhooks: list[Record], event_type: str, *, subject_app: Record | None = None
) -> list[Record]:
    """Active webhooks that Saleor would send ``event_type`` to."""
    if event_type in APP_LIFECYCLE_EVENTS:
        # Only the affected app's own webhooks; it may already be deactivated.
        return [
            hook
            for hook in webhooks
            if subject_app is not None
            and hook["app"]["id"] == subject_app["id"]
            and hook["isActive"]
            and (event_type in hook["_events"] or ANY_EVENTS in hook["_events"])
        ]
    permission = required_permission(event_type)
    return [
        hook
        for hook in webhooks
        if hook["isActive"]
        and hook["app"]["isActive"]
        and (event_type in hook["_events"] or ANY_EVENTS in hook["_events"])
        and (permission is None or permission in hook["app"]["_permissions"])
    ]


def event_root(
    typename: str,
    *,
    recipient: Record,
    issued_at: str,
    version: str,
    issuing_principal: Record | None,
    subject: Mapping[str, Any],
) -> dict[str, Any]:
    """Root value serving both ``event { ... }`` and ``orderFulfilled { ... }`` roots."""
    event = {
        "__typename": typename,
        "issuedAt": issued_at,
        "version": version,
        "recipient": recipient,
        "issuingPrincipal": issuing_principal,
        **{camel_case(name): value for name, value in subject.items()},
    }
    return {"event": event, typename[0].lower() + typename[1:]: event}


def build_payload(context: RequestContext, query: str, root: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON object Saleor would send for one subscription document (``{}``: none)."""
    result = execute_document(context, parse(query), root_value=root)
    data = result.data or {}
    if len(data) != 1:
        return {}
    ((key, value),) = data.items()
    payload: dict[str, Any] = (value or {}) if key == "event" else {"data": {key: value}}
    if result.errors:
        payload["errors"] = [format_error(error) for error in result.errors]
    return payload


def delivery_headers(
    event_type: str, signature: str, *, domain: str, api_url: str, custom: Mapping[str, str] | None
) -> dict[str, str]:
    """Saleor's webhook headers (plus the deprecated ``X-Saleor-*`` copies)."""
    event = event_type.lower()
    headers = {
        "Content-Type": "application/json",
        "X-Saleor-Event": event,
        "X-Saleor-Domain": domain,
        "X-Saleor-Signature": signature,
        "Saleor-Event": event,
        "Saleor-Domain": domain,
        "Saleor-Signature": signature,
        "Saleor-Api-Url": api_url,
    }
    if custom:
        headers.update(custom)
    return headers


def make_delivery(
    context: RequestContext,
    webhook: Record,
    event_type: str,
    root: Mapping[str, Any],
    *,
    sign: Signer,
    domain: str,
    api_url: str,
) -> Delivery | None:
    """Render, serialise and sign one delivery; ``None`` when the payload is empty."""
    payload = build_payload(context, webhook["subscriptionQuery"], root)
    if not payload:
        return None
    body = json.dumps({**payload}).encode("utf-8")
    headers = delivery_headers(
        event_type, sign(body), domain=domain, api_url=api_url, custom=webhook["customHeaders"]
    )
    return Delivery(
        target_url=webhook["targetUrl"],
        body=body,
        headers=headers,
        event_type=event_type,
        app=webhook["app"],
        webhook=webhook,
        payload=payload,
    )


def recipient_requester(app: Record) -> Requester:
    """Subscriptions are resolved with the receiving app's permissions."""
    return Requester(app=app, permissions=frozenset(app["_permissions"]))


def send(
    delivery: Delivery, *, user_agent: str, timeout: tuple[int, int] = WEBHOOK_TIMEOUT
) -> requests.Response:
    """POST a delivery: no redirects, Saleor's timeouts, no proxy from the environment."""
    with requests.Session() as session:
        # Loopback test servers must not be routed through a developer's proxy settings.
        session.trust_env = False
        return session.post(
            delivery.target_url,
            data=delivery.body,
            headers={"User-Agent": user_agent, **delivery.headers},
            timeout=timeout,
            allow_redirects=False,
        )
