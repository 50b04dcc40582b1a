"""Celery tasks of the portal: thin wrappers over its services."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from saleor_returns_app.portal import photos


@shared_task
def sweep_abandoned_photos() -> int:
    """Beat: delete the photos of reviews that were never confirmed."""
    return photos.sweep_abandoned_photos(now=timezone.now())
