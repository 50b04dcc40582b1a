"""Writes to the installation store."""

from __future__ import annotations

import re
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from saleor_returns_app.installations.models import Installation


def free_slug(domain: str) -> str:
    """A portal slug from the store's domain (`shop.example.com` → `shop-example-com`), with a
    random suffix when another store has it already."""
    host = re.sub(r"^https?://", "", domain).split("/")[0].split(":")[0]
    base = (slugify(host.replace(".", "-")) or "store")[:60]
    slug = base
    while Installation.objects.filter(slug=slug).exists():
        slug = f"{base}-{secrets.token_hex(3)}"
    return slug


def save_installation(
    *,
    saleor_api_url: str,
    app_id: str,
    token: str,
    jwks: dict,
    domain: str,
    schema_version: str,
) -> Installation:
    """Create or overwrite the installation of one Saleor: a re-install replaces everything."""
    now = timezone.now()
    values = {
        "app_id": app_id,
        "token": token,
        "jwks": jwks,
        "jwks_fetched_at": now,
        "domain": domain,
        "schema_version": schema_version,
        "is_active": True,
        "installed_at": now,
        "uninstalled_at": None,
    }
    installation, _ = Installation.objects.update_or_create(
        saleor_api_url=saleor_api_url,
        defaults=values,
        # A re-install keeps the slug: shoppers' links to the portal stay valid.
        create_defaults={**values, "slug": free_slug(domain or saleor_api_url)},
    )
    return installation


def deactivate_installation(*, installation_id: int, app_id: str) -> bool:
    """Forget the credentials of an uninstalled app.

    Only the app that was deleted is deactivated: an `APP_DELETED` processed late, after the
    store re-installed the app under a new id, must not undo the new install.
    """
    with transaction.atomic():
        installation = Installation.objects.select_for_update().get(pk=installation_id)
        if installation.app_id != app_id or not installation.is_active:
            return False
        installation.is_active = False
        installation.token = ""
        installation.uninstalled_at = timezone.now()
        installation.save(update_fields=["is_active", "token", "uninstalled_at", "updated_at"])
    return True


def store_jwks(installation: Installation, jwks: dict) -> None:
    installation.jwks = jwks
    installation.jwks_fetched_at = timezone.now()
    Installation.objects.filter(pk=installation.pk).update(
        jwks=jwks, jwks_fetched_at=installation.jwks_fetched_at
    )
