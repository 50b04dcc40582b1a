"""What staff do to a return: approve, reject with a reason, cancel, leave notes."""

from __future__ import annotations

import pytest

from saleor_returns_app.returns.lifecycle import Actor, TransitionNotAllowed
from saleor_returns_app.returns.models import ReturnEvent, ReturnRequest
from saleor_returns_app.returns.services import (
    add_note,
    approve_return,
    cancel_return,
    reject_return,
)
from saleor_returns_app.testing.factories import make_installation, make_return_request

pytestmark = pytest.mark.django_db

STAFF = Actor(ReturnEvent.Actor.STAFF, id="VXNlcjo3", email="ana@shop.example")


@pytest.fixture
def store():
    return make_installation()


def test_staff_approve_a_requested_return(store):
    return_request = make_return_request(store)
    approved = approve_return(installation=store, return_request_id=return_request.pk, actor=STAFF)
    assert approved.status == "APPROVED"
    assert approved.events.get().actor_email == "ana@shop.example"


def test_rejection_stores_the_reason_for_the_shopper(store):
    return_request = make_return_request(store, status="NEEDS_REVIEW")
    rejected = reject_return(
        installation=store,
        return_request_id=return_request.pk,
        actor=STAFF,
        reason="The item shows signs of wear",
    )
    assert (rejected.status, rejected.rejection_reason) == (
        "REJECTED",
        "The item shows signs of wear",
    )


def test_a_received_return_cannot_be_cancelled(store):
    return_request = make_return_request(store, status="RECEIVED")
    with pytest.raises(TransitionNotAllowed):
        cancel_return(installation=store, return_request_id=return_request.pk, actor=STAFF)
    assert ReturnRequest.objects.get(pk=return_request.pk).status == "RECEIVED"


def test_a_note_joins_the_timeline_without_moving_the_return(store):
    return_request = make_return_request(store, status="APPROVED")
    note = add_note(
        installation=store,
        return_request_id=return_request.pk,
        actor=STAFF,
        message="Customer called: parcel sent Monday",
    )
    assert (note.type, note.data) == ("NOTE", {"message": "Customer called: parcel sent Monday"})
    assert ReturnRequest.objects.get(pk=return_request.pk).status == "APPROVED"


def test_notes_cannot_reach_another_store(store):
    their_return = make_return_request(make_installation())
    with pytest.raises(ReturnRequest.DoesNotExist):
        add_note(installation=store, return_request_id=their_return.pk, actor=STAFF, message="x")
