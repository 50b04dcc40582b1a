"""The return lifecycle, declared once: which action moves a return from which states to which.

`requested → approved | rejected`; `approved → label_issued → in_transit → received →
inspected → refunded | exchanged | store_credit → closed`; `cancelled` from any state before
`received`; `needs_review` where the policy asks for a human, or the carrier refused the
booking (staff book again from there). Receiving may skip the carrier
states (self-ship, or a parcel that arrives before its first scan), and refunding may skip
inspection (the store's fault needs no inspection).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models


class Status(models.TextChoices):
    REQUESTED = "REQUESTED"
    NEEDS_REVIEW = "NEEDS_REVIEW"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    LABEL_ISSUED = "LABEL_ISSUED"
    IN_TRANSIT = "IN_TRANSIT"
    RECEIVED = "RECEIVED"
    INSPECTED = "INSPECTED"
    REFUNDED = "REFUNDED"
    EXCHANGED = "EXCHANGED"
    STORE_CREDIT = "STORE_CREDIT"
    CLOSED = "CLOSED"
    CANCELLED = "CANCELLED"


class Action(StrEnum):
    FLAG_FOR_REVIEW = "FLAG_FOR_REVIEW"
    APPROVE = "APPROVE"
    REJECT = "REJECT"
    ISSUE_LABEL = "ISSUE_LABEL"
    SHIP = "SHIP"
    RECEIVE = "RECEIVE"
    INSPECT = "INSPECT"
    REFUND = "REFUND"
    EXCHANGE = "EXCHANGE"
    ISSUE_STORE_CREDIT = "ISSUE_STORE_CREDIT"
    CLOSE = "CLOSE"
    CANCEL = "CANCEL"
    # The carrier layer's moves: a booking the carrier refused goes to staff, who book again;
    # a cancelled shipment takes its label back.
    BOOKING_FAILED = "BOOKING_FAILED"
    REBOOK = "REBOOK"
    VOID_LABEL = "VOID_LABEL"


@dataclass(frozen=True)
class Transition:
    sources: frozenset[Status]
    target: Status


_BEFORE_RECEIPT = frozenset(
    {
        Status.REQUESTED,
        Status.NEEDS_REVIEW,
        Status.APPROVED,
        Status.LABEL_ISSUED,
        Status.IN_TRANSIT,
    }
)
_ON_THE_WAY = frozenset({Status.APPROVED, Status.LABEL_ISSUED, Status.IN_TRANSIT})
_RESOLVABLE = frozenset({Status.RECEIVED, Status.INSPECTED})
_AWAITING_DECISION = frozenset({Status.REQUESTED, Status.NEEDS_REVIEW})

TRANSITIONS: dict[Action, Transition] = {
    Action.FLAG_FOR_REVIEW: Transition(frozenset({Status.REQUESTED}), Status.NEEDS_REVIEW),
    Action.APPROVE: Transition(_AWAITING_DECISION, Status.APPROVED),
    Action.REJECT: Transition(_AWAITING_DECISION, Status.REJECTED),
    Action.ISSUE_LABEL: Transition(frozenset({Status.APPROVED}), Status.LABEL_ISSUED),
    Action.SHIP: Transition(frozenset({Status.APPROVED, Status.LABEL_ISSUED}), Status.IN_TRANSIT),
    Action.RECEIVE: Transition(_ON_THE_WAY, Status.RECEIVED),
    Action.INSPECT: Transition(frozenset({Status.RECEIVED}), Status.INSPECTED),
    Action.REFUND: Transition(_RESOLVABLE, Status.REFUNDED),
    Action.EXCHANGE: Transition(_RESOLVABLE, Status.EXCHANGED),
    Action.ISSUE_STORE_CREDIT: Transition(_RESOLVABLE, Status.STORE_CREDIT),
    Action.CLOSE: Transition(
        frozenset({Status.REFUNDED, Status.EXCHANGED, Status.STORE_CREDIT, Status.REJECTED}),
        Status.CLOSED,
    ),
    Action.CANCEL: Transition(_BEFORE_RECEIPT, Status.CANCELLED),
    Action.BOOKING_FAILED: Transition(frozenset({Status.APPROVED}), Status.NEEDS_REVIEW),
    Action.REBOOK: Transition(frozenset({Status.NEEDS_REVIEW}), Status.APPROVED),
    Action.VOID_LABEL: Transition(frozenset({Status.LABEL_ISSUED}), Status.APPROVED),
}

# Which timestamp column records that a return reached a state.
STAGE_TIMESTAMPS: dict[Status, str] = {
    Status.APPROVED: "approved_at",
    Status.REJECTED: "rejected_at",
    Status.RECEIVED: "received_at",
    Status.REFUNDED: "resolved_at",
    Status.EXCHANGED: "resolved_at",
    Status.STORE_CREDIT: "resolved_at",
    Status.CLOSED: "closed_at",
    Status.CANCELLED: "cancelled_at",
}


def target_of(action: Action, current: Status) -> Status | None:
    """The state `action` leads to from `current`, or None when the move is not allowed."""
    transition = TRANSITIONS[action]
    return transition.target if current in transition.sources else None
