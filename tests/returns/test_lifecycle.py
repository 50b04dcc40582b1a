"""The return lifecycle: every move checked in one place, stamped and written to the timeline."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from saleor_returns_app.returns.lifecycle import (
    SYSTEM,
    Actor,
    TransitionNotAllowed,
    apply_action,
)
from saleor_returns_app.returns.models import ReturnEvent, ReturnRequest
from saleor_returns_app.returns.status import TRANSITIONS, Action, Status
from saleor_returns_app.testing.factories import make_installation, make_return_request

STAFF = Actor(ReturnEvent.Actor.STAFF, id="VXNlcjox", email="olga@shop.example")

ALLOWED = [(a, s) for a, t in TRANSITIONS.items() for s in sorted(t.sources)]
REFUSED = [(a, s) for a, t in TRANSITIONS.items() for s in Status if s not in t.sources]


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "status"), ALLOWED, ids=lambda v: str(v))
def test_declared_move_is_applied_and_recorded(action, status):
    # given a return in a state the action starts from
    installation = make_installation()
    return_request = make_return_request(installation, status=status)
    # when staff apply it
    moved = apply_action(
        installation=installation, return_request_id=return_request.pk, action=action, actor=STAFF
    )
    # then the return is in the target state and the timeline says who moved it, from where
    assert moved.status == TRANSITIONS[action].target
    event = ReturnEvent.objects.get(return_request=return_request)
    assert (event.type, event.actor, event.actor_email) == (action, "STAFF", "olga@shop.example")
    assert event.data == {"from": status, "to": TRANSITIONS[action].target}


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "status"), REFUSED, ids=lambda v: str(v))
def test_undeclared_move_is_refused_and_changes_nothing(action, status):
    installation = make_installation()
    return_request = make_return_request(installation, status=status)
    with pytest.raises(TransitionNotAllowed) as refused:
        apply_action(
            installation=installation,
            return_request_id=return_request.pk,
            action=action,
            actor=SYSTEM,
        )
    assert refused.value.code == "INVALID_TRANSITION"
    assert ReturnRequest.objects.get(pk=return_request.pk).status == status
    assert not ReturnEvent.objects.exists()


@pytest.mark.django_db
def test_each_stage_is_timestamped():
    installation = make_installation()
    return_request = make_return_request(installation)
    for action in (Action.APPROVE, Action.RECEIVE, Action.REFUND, Action.CLOSE):
        apply_action(
            installation=installation,
            return_request_id=return_request.pk,
            action=action,
            actor=SYSTEM,
        )
    stored = ReturnRequest.objects.get(pk=return_request.pk)
    assert stored.approved_at <= stored.received_at <= stored.resolved_at <= stored.closed_at
    assert stored.cancelled_at is None


@pytest.mark.django_db
def test_rejection_keeps_the_reason_the_shopper_will_see():
    installation = make_installation()
    return_request = make_return_request(installation)
    apply_action(
        installation=installation,
        return_request_id=return_request.pk,
        action=Action.REJECT,
        actor=STAFF,
        changes={"rejection_reason": "Worn and washed"},
        data={"reason": "Worn and washed"},
    )
    stored = ReturnRequest.objects.get(pk=return_request.pk)
    assert (stored.status, stored.rejection_reason) == ("REJECTED", "Worn and washed")
    assert stored.events.get().data["reason"] == "Worn and washed"


@pytest.mark.django_db
def test_a_return_of_another_store_is_not_found():
    mine, theirs = make_installation(), make_installation()
    their_return = make_return_request(theirs)
    with pytest.raises(ReturnRequest.DoesNotExist):
        apply_action(
            installation=mine,
            return_request_id=their_return.pk,
            action=Action.APPROVE,
            actor=STAFF,
        )
    assert ReturnRequest.objects.get(pk=their_return.pk).status == "REQUESTED"


@pytest.mark.django_db(transaction=True)
def test_concurrent_approve_and_reject_cannot_both_win():
    # given one requested return and two staff members acting at the same moment
    installation = make_installation()
    return_request = make_return_request(installation)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def act(action: Action) -> None:
        barrier.wait()
        try:
            apply_action(
                installation=installation,
                return_request_id=return_request.pk,
                action=action,
                actor=STAFF,
            )
            outcomes.append(f"{action} won")
        except TransitionNotAllowed:
            outcomes.append(f"{action} refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(a,)) for a in (Action.APPROVE, Action.REJECT)]
    # when both act
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then exactly one move happened, and the timeline holds exactly that one
    assert sorted(o.split()[1] for o in outcomes) == ["refused", "won"]
    stored = ReturnRequest.objects.get(pk=return_request.pk)
    assert stored.status in {"APPROVED", "REJECTED"}
    assert stored.events.count() == 1
