"""The app's record of each Saleor that installed it (Saleor's SDK calls this the APL).

Every other row the app stores belongs to exactly one installation: that is the tenancy
boundary, and no query may cross it.
"""

from __future__ import annotations

import secrets

from django.db import models

from saleor_returns_app.core.fields import EncryptedTextField


def random_slug() -> str:
    """A placeholder slug; `installations.services.free_slug` names a store by its domain."""
    return f"store-{secrets.token_hex(4)}"


class Installation(models.Model):
    saleor_api_url = models.URLField(max_length=512, unique=True)
    app_id = models.CharField(max_length=255)
    token = EncryptedTextField(blank=True)
    jwks = models.JSONField(default=dict)
    jwks_fetched_at = models.DateTimeField()
    domain = models.CharField(max_length=255, blank=True)
    # The store's public name in the shopper portal's URLs (`/portal/<slug>/`).
    slug = models.SlugField(max_length=80, unique=True, default=random_slug)
    schema_version = models.CharField(max_length=32, blank=True)
    is_active = models.BooleanField(default=True)
    storefront_origins = models.JSONField(
        default=list, blank=True, help_text="Origins of the store's storefronts, for CORS."
    )
    installed_at = models.DateTimeField()
    uninstalled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.saleor_api_url


class TenantQuerySet(models.QuerySet):
    def for_installation(self, installation: Installation) -> TenantQuerySet:
        return self.filter(installation=installation)


class TenantModel(models.Model):
    """Base for every row that belongs to one installation."""

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")

    objects = TenantQuerySet.as_manager()

    class Meta:
        abstract = True
