"""Planning Saleor writes with the change they announce, and carrying each out exactly once.

The inbox pattern of ADR 0001, turned outwards (ADR 0008): an operation is a stored row,
enqueued after commit; the worker locks the row, checks it is still pending, calls Saleor,
and marks it done in the same transaction. A worker that dies between Saleor's answer and
our commit leaves the row pending; the next attempt first looks in Saleor for what the
first one did (every write carries the operation's reference) instead of doing it again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from saleor_returns_app.core.outbox import TRANSIENT_ERRORS, stale_ids
from saleor_returns_app.returns.lifecycle import SYSTEM, record_event
from saleor_returns_app.returns.models import ReturnRequest
from saleor_returns_app.saleor.client import SaleorClient
from saleor_returns_app.saleor_sync.models import SaleorOperation

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Planned:
    """An operation to plan: `key` is unique per return and kind (planning twice is a no-op)."""

    kind: SaleorOperation.Kind
    key: str
    payload: dict[str, Any] = field(default_factory=dict)

    def as_data(self) -> dict[str, Any]:
        return {"kind": str(self.kind), "key": self.key, "payload": self.payload}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Planned:
        return cls(SaleorOperation.Kind(data["kind"]), data["key"], dict(data["payload"]))


@dataclass(frozen=True)
class Outcome:
    """What a handler did: Saleor's ids, follow-up operations and timeline events."""

    result: dict[str, Any]
    status: SaleorOperation.Status = SaleorOperation.Status.DONE
    follow_ups: Sequence[Planned] = ()
    events: Sequence[tuple[str, dict[str, Any]]] = ()


class SyncError(Exception):
    """Saleor's state does not allow the operation; retrying will not help."""


def plan(*, return_request: ReturnRequest, operations: Sequence[Planned]) -> list[SaleorOperation]:
    """Store `operations` in the caller's transaction and enqueue the new ones after commit.

    After commit, so a worker never looks for a row that may still roll back; robust, because
    the row is stored and a broker outage must not undo the change: the sweeper enqueues it.
    """
    planned = []
    for item in operations:
        operation, created = SaleorOperation.objects.get_or_create(
            return_request=return_request,
            kind=item.kind,
            key=item.key,
            defaults={"installation_id": return_request.installation_id, "payload": item.payload},
        )
        if created:
            transaction.on_commit(lambda pk=operation.pk: _enqueue(pk), robust=True)
        planned.append(operation)
    return planned


def _enqueue(operation_id: int) -> None:
    # Imported here: the tasks module imports this one.
    from saleor_returns_app.saleor_sync.tasks import run_saleor_operation

    run_saleor_operation.delay(operation_id)


def run_operation(operation_id: int) -> None:
    """Carry out one stored operation, at most once to completion.

    Transient faults propagate (the task retries) and leave the row pending; anything else
    marks it failed, with the error on the row and on the return's timeline.
    """
    from saleor_returns_app.saleor_sync.handlers import HANDLERS, PREPARERS

    try:
        kind = (
            SaleorOperation.objects.filter(pk=operation_id, status=SaleorOperation.Status.PENDING)
            .values_list("kind", flat=True)
            .first()
        )
        if kind is None:
            return
        prepare = PREPARERS.get(SaleorOperation.Kind(kind))
        if prepare is not None:
            # Committed on its own, before anything is sent: what a retry must resend.
            with transaction.atomic():
                operation = _locked_pending(operation_id)
                if operation is None:
                    return
                prepare(operation, _client(operation))
        with transaction.atomic():
            operation = _locked_pending(operation_id)
            if operation is None:
                return
            outcome = HANDLERS[SaleorOperation.Kind(operation.kind)](operation, _client(operation))
            _mark_done(operation, outcome)
    except TRANSIENT_ERRORS as exc:
        _record_attempt(operation_id, exc, status=SaleorOperation.Status.PENDING)
        raise
    except Exception as exc:
        logger.exception("Saleor operation %s failed", operation_id)
        _record_failure(operation_id, exc)


def _locked_pending(operation_id: int) -> SaleorOperation | None:
    operation = (
        # Only the operation's row: locking the return or the installation too would hold
        # staff actions (and every other operation of the store) during a Saleor call.
        SaleorOperation.objects.select_for_update(of=("self",))
        .select_related("installation", "return_request")
        .filter(pk=operation_id)
        .first()
    )
    if operation is None or operation.status != SaleorOperation.Status.PENDING:
        return None
    return operation


def _client(operation: SaleorOperation) -> SaleorClient:
    return SaleorClient.for_installation(operation.installation)


def _mark_done(operation: SaleorOperation, outcome: Outcome) -> None:
    """Record Saleor's answer, plan what follows and tell the timeline, in one commit."""
    operation.status = outcome.status
    operation.result = outcome.result
    operation.attempts += 1
    operation.last_error = str(outcome.result.get("error", ""))
    operation.done_at = timezone.now()
    operation.save(update_fields=["status", "result", "attempts", "last_error", "done_at"])
    if outcome.follow_ups:
        plan(return_request=operation.return_request, operations=outcome.follow_ups)
    for event_type, data in outcome.events:
        record_event(operation.return_request, type=event_type, actor=SYSTEM, data=data)


def _record_attempt(operation_id: int, exc: Exception, *, status: str) -> None:
    SaleorOperation.objects.filter(pk=operation_id, status=SaleorOperation.Status.PENDING).update(
        status=status,
        attempts=F("attempts") + 1,
        last_error=f"{type(exc).__name__}: {exc}",
        updated_at=timezone.now(),
    )


def _record_failure(operation_id: int, exc: Exception) -> None:
    with transaction.atomic():
        operation = _locked_pending(operation_id)
        if operation is None:
            return
        _record_attempt(operation_id, exc, status=SaleorOperation.Status.FAILED)
        # Staff must see on the return that Saleor was not updated, and why.
        record_event(
            operation.return_request,
            type="SALEOR_SYNC_FAILED",
            actor=SYSTEM,
            data={"operation": operation.kind, "error": f"{type(exc).__name__}: {exc}"},
        )


def stale_pending_operation_ids() -> list[int]:
    return stale_ids(
        SaleorOperation.objects.filter(status=SaleorOperation.Status.PENDING),
        since_field="updated_at",
        older_than=settings.SALEOR_SYNC_REDELIVERY_AFTER,
    )


def retry_failed_operation(*, installation_id: int, operation_id: int) -> bool:
    """Put a FAILED operation of this store back in line (after staff fixed the cause).

    The retry still looks in Saleor first, so a write that did land is not repeated. A
    failed restock was refused by Saleor, so its stored target is dropped: the stock may
    have moved since, and the retry reads it again.
    Returns False when there is no such failed operation in this store.
    """
    with transaction.atomic():
        operation = (
            SaleorOperation.objects.select_for_update(of=("self",))
            .filter(
                pk=operation_id,
                installation_id=installation_id,
                status=SaleorOperation.Status.FAILED,
            )
            .first()
        )
        if operation is None:
            return False
        operation.status = SaleorOperation.Status.PENDING
        if operation.kind == SaleorOperation.Kind.RESTOCK:
            operation.payload = {
                k: v for k, v in operation.payload.items() if k not in ("base", "target")
            }
        operation.save(update_fields=["status", "payload", "updated_at"])
        transaction.on_commit(lambda: _enqueue(operation_id), robust=True)
    return True
