"""The app manifest, built from the webhook registry and the extension list."""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import version

from django.conf import settings

from saleor_returns_app.saleor.extensions import EXTENSIONS, ExtensionDefinition
from saleor_returns_app.saleor.versions import Version, supports
from saleor_returns_app.webhooks.registry import WEBHOOKS, WebhookDefinition

# What the app needs, and nothing more: the installer sees this list. Later features add
# permissions here when they prove they need them.
# - MANAGE_ORDERS: read orders, notes, metadata, returned fulfilments, granted refunds.
# - MANAGE_PRODUCTS: restock received items (`productVariantStocksUpdate`).
# - MANAGE_GIFT_CARD: store credit (`giftCardCreate`, and finding a card already issued).
# - HANDLE_PAYMENTS: send a granted refund to the payment app. Optional in practice: an
#   installer may withhold it, and the app then stops at the granted refund (ADR 0008).
PERMISSIONS = ("MANAGE_ORDERS", "MANAGE_PRODUCTS", "MANAGE_GIFT_CARD", "HANDLE_PAYMENTS")
REQUIRED_SALEOR_VERSION = ">=3.21 <4"
LOGO_PATH = "/static/saleor-returns/logo.png"

ABOUT = (
    "Returns and exchanges for Saleor: a shopper return portal, a return policy engine, "
    "carrier labels, pickups and lockers, tracking and refunds, handled inside the Dashboard."
)


def build_manifest(
    *,
    base_url: str,
    schema_version: Version | None,
    webhooks: Iterable[WebhookDefinition] = WEBHOOKS,
    extensions: Iterable[ExtensionDefinition] = EXTENSIONS,
) -> dict:
    """The manifest Saleor reads at install; features newer than the caller's Saleor are left out.

    `schema_version` None means the newest Saleor (a request without the header, or the
    App Store snapshot).
    """
    manifest = {
        "id": settings.MANIFEST_APP_ID,
        "version": version("saleor-returns-app"),
        "name": settings.MANIFEST_APP_NAME,
        "about": ABOUT,
        "author": "Saleor Returns contributors",
        "permissions": list(PERMISSIONS),
        "appUrl": f"{base_url}/dashboard/",
        "tokenTargetUrl": f"{base_url}/api/register",
        "homepageUrl": f"{base_url}/",
        "requiredSaleorVersion": REQUIRED_SALEOR_VERSION,
        "brand": {"logo": {"default": f"{base_url}{LOGO_PATH}"}},
        "extensions": [
            {
                "identifier": extension.identifier,
                "label": extension.label,
                "mount": extension.mount,
                "target": extension.target,
                "permissions": list(extension.permissions),
                # Saleor refuses absolute URLs for app pages: they are routes joined onto
                # appUrl by the Dashboard. Every other target gets an absolute URL.
                "url": extension.path
                if extension.target == "APP_PAGE"
                else f"{base_url}{extension.path}",
                **({"options": extension.options} if extension.options else {}),
            }
            for extension in extensions
            if supports(schema_version, extension.min_schema_version)
        ],
        "webhooks": [
            {
                "name": webhook.name,
                "asyncEvents": [webhook.event],
                "query": webhook.query,
                "targetUrl": f"{base_url}{webhook.path}",
                "isActive": True,
            }
            for webhook in webhooks
            if supports(schema_version, webhook.min_schema_version)
        ],
    }
    for key, value in (
        ("dataPrivacyUrl", settings.DATA_PRIVACY_URL),
        ("supportUrl", settings.SUPPORT_URL),
    ):
        if value:
            manifest[key] = value
    return manifest
