"""Return reasons: the two families and the default catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext, gettext_noop


class ReasonFamily(StrEnum):
    """Whose fault the return is; the two families follow different flows.

    CONTROLLABLE: the store's fault (damaged, defective, wrong item, not as described, late):
    the store pays return shipping and charges no restocking fee (when the policy says so).
    CUSTOMER: the shopper's choice (size, fit, changed mind, better price): the market's fees
    apply.
    """

    CONTROLLABLE = "CONTROLLABLE"
    CUSTOMER = "CUSTOMER"


@dataclass(frozen=True, kw_only=True)
class Reason:
    """A reason a shopper can pick. `label` is English source text, translated when shown."""

    code: str
    family: ReasonFamily
    requires_photo: bool = False
    requires_comment: bool = False
    label: str = ""


def reason_label(reason: Reason) -> str:
    """The reason's label in the active language (a custom label is shown as written)."""
    return gettext(reason.label) if reason.label else reason.code


def default_reasons() -> dict[str, Reason]:
    """The catalogue a new store starts with, keyed by code (a fresh dict on every call)."""
    controllable = ReasonFamily.CONTROLLABLE
    customer = ReasonFamily.CUSTOMER
    reasons = [
        Reason(
            code="DAMAGED",
            family=controllable,
            requires_photo=True,
            label=gettext_noop("Arrived damaged"),
        ),
        Reason(
            code="DEFECTIVE",
            family=controllable,
            requires_photo=True,
            label=gettext_noop("Defective or does not work"),
        ),
        Reason(code="WRONG_ITEM", family=controllable, label=gettext_noop("Wrong item sent")),
        Reason(
            code="NOT_AS_DESCRIBED",
            family=controllable,
            label=gettext_noop("Not as described"),
        ),
        Reason(code="ARRIVED_LATE", family=controllable, label=gettext_noop("Arrived too late")),
        Reason(code="TOO_SMALL", family=customer, label=gettext_noop("Too small")),
        Reason(code="TOO_LARGE", family=customer, label=gettext_noop("Too large")),
        Reason(code="CHANGED_MIND", family=customer, label=gettext_noop("Changed my mind")),
        Reason(
            code="BETTER_PRICE",
            family=customer,
            label=gettext_noop("Found a better price"),
        ),
        Reason(
            code="OTHER",
            family=customer,
            requires_comment=True,
            label=gettext_noop("Other (please tell us more)"),
        ),
    ]
    return {reason.code: reason for reason in reasons}
