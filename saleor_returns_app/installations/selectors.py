"""Reads from the installation store."""

from __future__ import annotations

from saleor_returns_app.installations.models import Installation


def active_installation(saleor_api_url: str) -> Installation | None:
    return Installation.objects.filter(saleor_api_url=saleor_api_url, is_active=True).first()
