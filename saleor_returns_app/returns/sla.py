"""Overdue returns: those that stayed in a stage longer than the store's limit for it.

A return's clock for a stage starts when it entered that status (`status_changed_at`); the
limits come from `store_settings.sla_hours` (hours per stage, 0 meaning no limit). These are
pure helpers: the caller reads the limits once and passes `now`, so one request judges every
row against the same instant.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.db.models import Q

from saleor_returns_app.returns.models import ReturnRequest
from saleor_returns_app.returns.status import Status

SlaHours = Mapping[Status, int]


def limit_of(sla: SlaHours, status: str) -> timedelta | None:
    """How long a return may stay in `status`, or None when that stage has no limit."""
    hours = sla.get(Status(status), 0) if status in Status.values else 0
    return timedelta(hours=hours) if hours > 0 else None


def overdue_q(sla: SlaHours, now: datetime) -> Q:
    """Returns overdue at `now`: per limited stage, in that status since before its cut-off.

    One `status = S AND status_changed_at < cut-off` arm per stage, so each arm is a range on
    the `return_stage_age` index; no limited stage matches nothing.
    """
    condition = Q(pk__in=[])
    for status, hours in sla.items():
        if hours > 0:
            cut_off = now - timedelta(hours=hours)
            condition |= Q(status=str(status), status_changed_at__lt=cut_off)
    return condition


def due_at(return_request: ReturnRequest, sla: SlaHours) -> datetime | None:
    """When the return becomes overdue in its current stage; None when the stage has no limit."""
    limit = limit_of(sla, return_request.status)
    return return_request.status_changed_at + limit if limit is not None else None


def is_overdue(return_request: ReturnRequest, sla: SlaHours, now: datetime) -> bool:
    """Whether the return is past its stage's limit at `now` (the same rule as `overdue_q`)."""
    due = due_at(return_request, sla)
    return due is not None and due < now
