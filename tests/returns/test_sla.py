"""When a return is overdue: its stage's limit counted from when it entered the stage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from saleor_returns_app.returns.models import ReturnRequest
from saleor_returns_app.returns.sla import due_at, is_overdue, limit_of
from saleor_returns_app.returns.status import Status

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
SLA = {Status.REQUESTED: 48, Status.NEEDS_REVIEW: 24, Status.IN_TRANSIT: 0}


def _return(status: Status, hours_in_stage: float) -> ReturnRequest:
    return ReturnRequest(status=status, status_changed_at=NOW - timedelta(hours=hours_in_stage))


def test_a_return_is_due_its_stage_limit_after_entering_the_stage():
    entered = NOW - timedelta(hours=5)
    return_request = ReturnRequest(status=Status.REQUESTED, status_changed_at=entered)

    assert due_at(return_request, SLA) == entered + timedelta(hours=48)


@pytest.mark.parametrize(
    ("status", "hours_in_stage", "overdue"),
    [
        (Status.REQUESTED, 47.9, False),
        (Status.REQUESTED, 48, False),  # due now: not yet past the limit
        (Status.REQUESTED, 48.1, True),
        (Status.NEEDS_REVIEW, 30, True),  # each stage has its own limit
        (Status.IN_TRANSIT, 10_000, False),  # 0 hours: no limit
        (Status.APPROVED, 10_000, False),  # a stage the store sets no limit for
        (Status.REFUNDED, 10_000, False),  # a final status is never overdue
    ],
)
def test_overdue_once_past_the_limit_of_its_own_stage(status, hours_in_stage, overdue):
    assert is_overdue(_return(status, hours_in_stage), SLA, NOW) is overdue


@pytest.mark.parametrize("status", [Status.IN_TRANSIT, Status.APPROVED, Status.CLOSED])
def test_a_stage_without_a_limit_has_no_due_date(status):
    assert due_at(_return(status, 1), SLA) is None
    assert limit_of(SLA, status) is None


def test_a_limit_in_hours():
    assert limit_of(SLA, "NEEDS_REVIEW") == timedelta(hours=24)
    assert limit_of({}, "REQUESTED") is None
