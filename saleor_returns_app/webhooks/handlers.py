"""What the app does with each webhook, run by a worker after the event is stored.

Handlers are idempotent: a worker may run one twice for the same event.
"""

from __future__ import annotations

from saleor_returns_app.installations.services import deactivate_installation
from saleor_returns_app.orders.services import record_fulfilments
from saleor_returns_app.webhooks.models import WebhookEvent


def app_deleted(event: WebhookEvent) -> None:
    deleted_app = (event.payload.get("app") or {}).get("id") or event.payload["recipient"]["id"]
    deactivate_installation(installation_id=event.installation_id, app_id=deleted_app)


def order_fulfilments_changed(event: WebhookEvent) -> None:
    order = event.payload.get("order")
    if order is None:
        return
    record_fulfilments(installation=event.installation, order=order)
