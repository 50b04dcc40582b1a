"""Bringing an installation's webhooks in Saleor in line with the registry.

Saleor copies the manifest's webhooks only at install time, so after an upgrade the app must
create, update and delete its own webhooks with its token.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.saleor.client import SaleorClient
from saleor_returns_app.webhooks.registry import WEBHOOKS, WebhookDefinition


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _desired_input(definition: WebhookDefinition, base_url: str) -> dict:
    return {
        "name": definition.name,
        "targetUrl": f"{base_url}{definition.path}",
        "asyncEvents": [definition.event],
        "query": definition.query,
        "isActive": True,
    }


def _matches(existing: dict, desired: dict) -> bool:
    return (
        existing.get("targetUrl") == desired["targetUrl"]
        and existing.get("isActive") is True
        and [e["eventType"] for e in existing.get("asyncEvents") or []] == desired["asyncEvents"]
        and not existing.get("syncEvents")
        and (existing.get("subscriptionQuery") or "").strip() == desired["query"].strip()
    )


def sync_webhooks(
    installation: Installation,
    *,
    base_url: str,
    client: SaleorClient | None = None,
    webhooks: tuple[WebhookDefinition, ...] = WEBHOOKS,
) -> SyncReport:
    client = client or SaleorClient.for_installation(installation)
    existing = client.execute("AppWebhooks")["app"]["webhooks"]
    by_name: dict[str, list[dict]] = {}
    for webhook in existing:
        by_name.setdefault(webhook.get("name") or "", []).append(webhook)

    report = SyncReport()
    for definition in webhooks:
        desired = _desired_input(definition, base_url)
        current, *extra = by_name.pop(definition.name, [None])
        # Two webhooks of one name would deliver every event twice: keep one.
        for duplicate in extra:
            client.mutate("WebhookDelete", {"id": duplicate["id"]})
            report.deleted.append(definition.name)
        if current is None:
            client.mutate("WebhookCreate", {"input": desired})
            report.created.append(definition.name)
        elif _matches(current, desired):
            report.unchanged.append(definition.name)
        else:
            client.mutate("WebhookUpdate", {"id": current["id"], "input": desired})
            report.updated.append(definition.name)
    for leftovers in by_name.values():
        for webhook in leftovers:
            client.mutate("WebhookDelete", {"id": webhook["id"]})
            report.deleted.append(webhook.get("name") or webhook["id"])
    return report
