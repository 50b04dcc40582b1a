"""Moving a return through its lifecycle: one place that checks, stamps and records every move."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.notifications.planning import notify
from saleor_returns_app.returns.models import ReturnEvent, ReturnRequest
from saleor_returns_app.returns.outcomes import Refused
from saleor_returns_app.returns.status import STAGE_TIMESTAMPS, Action, Status, target_of


@dataclass(frozen=True)
class Actor:
    """Who acts: a shopper, a staff user (id + email from the dashboard token), the system."""

    kind: ReturnEvent.Actor
    id: str = ""
    email: str = ""


SYSTEM = Actor(ReturnEvent.Actor.SYSTEM)


@dataclass(frozen=True)
class TransitionNotAllowed(Refused):
    """The action does not apply to a return in its current state."""

    action: Action
    status: Status
    code: str = "INVALID_TRANSITION"

    def __str__(self) -> str:
        return f"Cannot {self.action.lower().replace('_', ' ')} a return that is {self.status}."


def record_event(
    return_request: ReturnRequest, *, type: str, actor: Actor, data: Mapping[str, Any] | None = None
) -> ReturnEvent:
    event = ReturnEvent.objects.create(
        return_request=return_request,
        type=type,
        actor=actor.kind,
        actor_id=actor.id,
        actor_email=actor.email,
        data=dict(data or {}),
    )
    # In the event's transaction: an email exists exactly when its event does.
    notify(event)
    return event


def apply_action(
    *,
    installation: Installation,
    return_request_id: int,
    action: Action,
    actor: Actor,
    changes: Mapping[str, Any] | None = None,
    data: Mapping[str, Any] | None = None,
) -> ReturnRequest:
    """Apply `action` to a return of this store, or raise `TransitionNotAllowed`.

    The row is locked first, so of two staff members approving and rejecting at once exactly
    one wins and the other is told the return has moved on. `changes` are field values set
    in the same write (e.g. the rejection reason); the timeline event carries `data`.
    """
    with transaction.atomic():
        return_request = (
            ReturnRequest.objects.for_installation(installation)
            .select_for_update()
            .get(pk=return_request_id)
        )
        current = Status(return_request.status)
        target = target_of(action, current)
        if target is None:
            raise TransitionNotAllowed(action=action, status=current)
        now = timezone.now()
        return_request.status = target
        return_request.status_changed_at = now
        stamp = STAGE_TIMESTAMPS.get(target)
        if stamp:
            setattr(return_request, stamp, now)
        for name, value in (changes or {}).items():
            setattr(return_request, name, value)
        return_request.save()
        record_event(
            return_request,
            type=action,
            actor=actor,
            data={"from": current, "to": target, **(data or {})},
        )
    return return_request
