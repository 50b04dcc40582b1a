"""Saleor Returns: a returns portal installed into Saleor as an app."""

from saleor_returns_app.celery import app as celery_app

__all__ = ["celery_app"]
