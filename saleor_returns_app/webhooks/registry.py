"""The one list of webhooks the app registers in Saleor.

Each entry names its route (`/api/webhooks/<name>`), its event, its subscription document
(`webhooks/<name>.graphql`) and its handler, so the manifest, the receiver and the sync with
Saleor are all derived from it and cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from saleor_returns_app.saleor.documents import load_subscription
from saleor_returns_app.saleor.versions import Version
from saleor_returns_app.webhooks import handlers
from saleor_returns_app.webhooks.models import WebhookEvent


@dataclass(frozen=True)
class WebhookDefinition:
    name: str
    event: str
    handler: Callable[[WebhookEvent], None]
    min_schema_version: Version | None = None

    @property
    def query(self) -> str:
        return load_subscription(self.name)

    @property
    def path(self) -> str:
        return f"/api/webhooks/{self.name}"

    @property
    def event_header(self) -> str:
        """The value of Saleor's `Saleor-Event` header for this event."""
        return self.event.lower()


WEBHOOKS: tuple[WebhookDefinition, ...] = (
    WebhookDefinition("app-deleted", "APP_DELETED", handlers.app_deleted),
    WebhookDefinition("order-fulfilled", "ORDER_FULFILLED", handlers.order_fulfilments_changed),
    # ORDER_FULFILLED fires only once an order is fully fulfilled; partial shipments start
    # their return window too, and only FULFILLMENT_CREATED tells us about them.
    WebhookDefinition(
        "fulfillment-created", "FULFILLMENT_CREATED", handlers.order_fulfilments_changed
    ),
)

_BY_NAME = {definition.name: definition for definition in WEBHOOKS}


def get_webhook(name: str) -> WebhookDefinition | None:
    return _BY_NAME.get(name)
