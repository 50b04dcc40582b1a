"""The celery application; workers and beat start with `celery -A saleor_returns_app`."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_returns_app.settings")

app = Celery("saleor_returns_app")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
