"""Reads from the installation store."""

from __future__ import annotations

from saleor_returns_app.installations.models import Installation


def active_installation(saleor_api_url: str) -> Installation | None:
    """The installation a request names, on every webhook and API call.

    The token is deferred: verifying a request never needs it, and decrypting it on the
    hottest path of the app would be wasted work; code that calls Saleor loads it on access.
    """
    try:
        return Installation.objects.defer("token").get(
            saleor_api_url=saleor_api_url, is_active=True
        )
    except Installation.DoesNotExist:
        return None
