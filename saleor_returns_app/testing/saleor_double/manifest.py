"""Validate an app manifest at install time, following Saleor's ``clean_manifest_data``.

Structure first (required fields, URLs), then meaning (Saleor version, permissions,
identifier uniqueness), then extensions and webhooks. Errors are collected per field
and reported in one message, like Saleor's ``ValidationError.message_dict``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from graphql import GraphQLSchema

from .schema import async_event_types, permission_names, sync_event_types
from .subscription_query import check_subscription
from .version_range import InvalidRange, satisfies

_WEBHOOK_SCHEMES = ("http", "https", "awssqs", "gcpubsub")


class ManifestError(ValueError):
    """The manifest was refused; ``errors`` maps field names to messages."""

    def __init__(self, errors: Mapping[str, list[str]]) -> None:
        self.errors = {name: list(messages) for name, messages in errors.items()}
        super().__init__(", ".join(f"{name}: {messages}" for name, messages in self.errors.items()))


@dataclass
class CleanWebhook:
    name: str
    target_url: str
    query: str
    events: list[str]
    is_active: bool = True
    identifier: str | None = None
    custom_headers: dict[str, str] | None = None


@dataclass
class CleanManifest:
    """What the install creates: the raw manifest plus cleaned webhooks/extensions."""

    data: dict[str, Any]
    permissions: set[str]
    webhooks: list[CleanWebhook] = field(default_factory=list)
    extensions: list[dict[str, Any]] = field(default_factory=list)


def _is_url(value: Any, schemes: Iterable[str] = ("http", "https")) -> bool:
    if not isinstance(value, str):
        return False
    parsed = urlparse(value)
    return parsed.scheme.lower() in schemes and bool(parsed.netloc)


def _check_structure(manifest: Mapping[str, Any], errors: dict[str, list[str]]) -> None:
    for name in ("id", "name", "version"):
        if not isinstance(manifest.get(name), str):
            errors[name].append(
                "Field required" if name not in manifest else "Input should be a valid string"
            )
    target = manifest.get("tokenTargetUrl")
    if target is not None and not _is_url(target):
        errors["tokenTargetUrl"].append("Invalid target url.")
    for webhook in manifest.get("webhooks") or []:
        for name in ("name", "targetUrl", "query"):
            if not isinstance(webhook.get(name), str):
                errors["webhooks"].append(f"{name}: Field required")
        if "targetUrl" in webhook and not _is_url(webhook["targetUrl"], _WEBHOOK_SCHEMES):
            errors["webhooks"].append("Invalid target url.")
    for extension in manifest.get("extensions") or []:
        for name in ("label", "url", "mount"):
            if not isinstance(extension.get(name), str):
                errors["extensions"].append(f"{name}: Field required")


def _check_permissions(
    schema: GraphQLSchema, requested: Iterable[str], errors: dict[str, list[str]], key: str
) -> set[str]:
    requested = list(requested)
    if "MANAGE_APPS" in requested:
        errors[key].append("MANAGE_APPS permission cannot be granted to an app.")
        return set()
    unknown = [name for name in requested if name not in permission_names(schema)]
    if unknown:
        errors[key].append(f"Given permissions don't exist: {unknown}.")
        return set()
    return set(requested)


def _clean_extensions(
    manifest: Mapping[str, Any], app_permissions: set[str], errors: dict[str, list[str]]
) -> list[dict[str, Any]]:
    cleaned = []
    for extension in manifest.get("extensions") or []:
        url = extension["url"]
        target = extension.get("target", "POPUP")
        if url.startswith("/"):
            if target != "APP_PAGE" and not manifest.get("appUrl"):
                errors["extensions"].append("Incorrect value for field: url.")
        elif target == "APP_PAGE":
            # Saleor's manifest validation: app pages are routes inside the app, joined onto
            # appUrl by the Dashboard, never absolute URLs.
            errors["extensions"].append("Url cannot start with protocol when target == APP_PAGE")
        elif not _is_url(url):
            errors["extensions"].append("Incorrect value for field: url.")
        permissions = list(extension.get("permissions") or [])
        if not set(permissions) <= app_permissions:
            errors["extensions"].append("Extension permission must be listed in App's permissions.")
        cleaned.append({**extension, "target": target})
    return cleaned


def _clean_webhooks(
    schema: GraphQLSchema, manifest: Mapping[str, Any], errors: dict[str, list[str]]
) -> list[CleanWebhook]:
    async_events = async_event_types(schema)
    sync_events = sync_event_types(schema)
    cleaned = []
    seen_identifiers: set[str] = set()
    for webhook in manifest.get("webhooks") or []:
        identifier = (webhook.get("identifier") or "").strip() or None
        if identifier is not None:
            if identifier in seen_identifiers:
                errors["webhooks"].append(f"Duplicate webhook identifier: {identifier}.")
            seen_identifiers.add(identifier)
        events: list[str] = []
        for event in webhook.get("asyncEvents") or []:
            if event in async_events:
                events.append(event)
            else:
                errors["webhooks"].append("Invalid asynchronous event.")
        for event in webhook.get("syncEvents") or []:
            if event in sync_events:
                events.append(event)
            else:
                errors["webhooks"].append("Invalid synchronous event.")
        check = check_subscription(schema, webhook["query"])
        if not check.is_valid:
            errors["webhooks"].append("Subscription query is not valid: " + check.error_msg)
        cleaned.append(
            CleanWebhook(
                name=webhook["name"],
                target_url=webhook["targetUrl"],
                query=webhook["query"],
                events=events or list(check.events),
                is_active=webhook.get("isActive", True),
                identifier=identifier,
                custom_headers=webhook.get("customHeaders"),
            )
        )
    return cleaned


def clean_manifest(
    schema: GraphQLSchema,
    manifest: Mapping[str, Any],
    *,
    granted_permissions: Iterable[str] | None,
    installed_identifiers: Mapping[str, str],
    saleor_version: str,
) -> CleanManifest:
    """Validate ``manifest``; ``granted_permissions`` default to the manifest's own list.

    ``installed_identifiers`` maps identifiers of installed apps to their names.
    Raises ``ManifestError`` with every problem found.
    """
    errors: dict[str, list[str]] = defaultdict(list)
    _check_structure(manifest, errors)
    if errors:
        raise ManifestError(errors)
    if required := manifest.get("requiredSaleorVersion"):
        try:
            if not satisfies(saleor_version, str(required)):
                errors["requiredSaleorVersion"].append(
                    f"Saleor version {saleor_version} is not supported by the app."
                )
        except InvalidRange:
            errors["requiredSaleorVersion"].append("Incorrect value for required Saleor version.")
    _check_permissions(schema, manifest.get("permissions") or [], errors, "permissions")
    # The installer may grant fewer permissions than the manifest asks for.
    granted = (
        manifest.get("permissions") or [] if granted_permissions is None else granted_permissions
    )
    app_permissions = _check_permissions(schema, granted, errors, "permissions")
    identifier = manifest["id"]
    if identifier in installed_identifiers:
        errors["identifier"].append(
            "App with the same identifier is already installed: "
            + installed_identifiers[identifier]
        )
    if errors:
        raise ManifestError(errors)
    extensions = _clean_extensions(manifest, app_permissions, errors)
    webhooks = _clean_webhooks(schema, manifest, errors)
    if errors:
        raise ManifestError(errors)
    return CleanManifest(
        data=dict(manifest), permissions=app_permissions, webhooks=webhooks, extensions=extensions
    )
