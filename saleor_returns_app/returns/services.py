"""The write side of returns: every change a shopper, staff or the system makes.

Each function takes the installation first, so no write can cross stores; state moves go
through `lifecycle.apply_action`, which locks the row and records the timeline.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Sum

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.orders.selectors import shipped_at_by_line
from saleor_returns_app.returns.lifecycle import SYSTEM, Actor, apply_action, record_event
from saleor_returns_app.returns.models import Market, ReturnEvent, ReturnLine, ReturnRequest
from saleor_returns_app.returns.numbering import next_rma
from saleor_returns_app.returns.outcomes import Refused
from saleor_returns_app.returns.policies import AppliedPolicy, applied_policy
from saleor_returns_app.returns.policy import (
    Decision,
    Method,
    OrderFacts,
    Outcome,
    Policy,
    RequestedLine,
    RequestError,
    Resolution,
    Returnability,
    ReturnRequestFacts,
    evaluate_request,
    evaluate_returnability,
)
from saleor_returns_app.returns.saleor_order import LineShown, lines_shown, order_facts
from saleor_returns_app.returns.status import Action, Status
from saleor_returns_app.saleor.client import SaleorClient
from saleor_returns_app.saleor_sync.announce import announce
from saleor_returns_app.shipping.availability import methods_served
from saleor_returns_app.shipping.hooks import return_approved, return_cancelled

# Returns whose items are no longer on their way back do not hold quantities.
_RELEASED = (Status.REJECTED, Status.CANCELLED)


class OrderNotFound(Exception):
    """No such order in this store, or not the asker's: the two look the same on purpose."""


class ExchangeNotOffered(Refused):
    """An exchange asked for a variant that is not another size or colour of the line's product."""

    code = "EXCHANGE_NOT_OFFERED"

    def __init__(self, message: str, *, line_id: str) -> None:
        super().__init__(message)
        self.line_id = line_id


class ProofKind(StrEnum):
    STAFF = "STAFF"
    SHOPPER = "SHOPPER"
    GUEST = "GUEST"


@dataclass(frozen=True)
class CustomerProof:
    """Who asks about an order, and what proves the order is theirs.

    STAFF may act on any order of the store; a SHOPPER's token must name the order's customer
    (user id or email); a GUEST must know the order's email.
    """

    kind: ProofKind
    email: str = ""
    user_id: str = ""

    def owns(self, order: Mapping[str, Any]) -> bool:
        if self.kind is ProofKind.STAFF:
            return True
        order_email = (order.get("userEmail") or "").strip().casefold()
        given = self.email.strip().casefold()
        # Constant time: guests could otherwise time their way to an order's email.
        email_matches = bool(order_email) and hmac.compare_digest(
            order_email.encode(), given.encode()
        )
        if self.kind is ProofKind.SHOPPER:
            user = order.get("user") or {}
            return email_matches or (bool(self.user_id) and user.get("id") == self.user_id)
        return email_matches


@dataclass(frozen=True)
class CreateResult:
    return_request: ReturnRequest | None
    errors: Sequence[RequestError] = field(default_factory=tuple)
    replayed: bool = False


def _fetch_order(installation: Installation, order_id: str, customer: CustomerProof) -> dict:
    order = SaleorClient.for_installation(installation).execute("OrderForReturn", {"id": order_id})[
        "order"
    ]
    if order is None or not customer.owns(order):
        raise OrderNotFound(order_id)
    return order


def owned_order(*, installation: Installation, order_id: str, customer: CustomerProof) -> dict:
    """Saleor's order, when it is the asker's (raises `OrderNotFound` otherwise)."""
    return _fetch_order(installation, order_id, customer)


def _returned_quantities(installation: Installation, order_id: str) -> dict[str, int]:
    rows = (
        ReturnLine.objects.filter(
            return_request__installation=installation, return_request__order_id=order_id
        )
        .exclude(return_request__status__in=_RELEASED)
        .values("order_line_id")
        .annotate(total=Sum("quantity"))
    )
    return {row["order_line_id"]: row["total"] for row in rows}


def _facts(installation: Installation, order: Mapping[str, Any]) -> OrderFacts:
    return order_facts(
        order=order,
        returned_quantities=_returned_quantities(installation, order["id"]),
        fulfilled_at_fallback=shipped_at_by_line(installation=installation, order_id=order["id"]),
    )


def _policy_with_carriers(
    installation: Installation, applied: AppliedPolicy, country_code: str
) -> Policy:
    """The market's policy, offering only methods its carriers can serve from the shopper's
    country (when the market has carrier accounts at all)."""
    served = methods_served(installation, applied.market, country_code)
    if served is None:
        return applied.policy
    return replace(applied.policy, allowed_methods=applied.policy.allowed_methods & served)


@dataclass(frozen=True)
class VariantOption:
    """Another variant of a line's product, which an exchange may ask for instead."""

    id: str
    name: str
    sku: str


def exchange_options(order: Mapping[str, Any]) -> dict[str, tuple[VariantOption, ...]]:
    """Per order line, the other variants of its product (none for a deleted product)."""
    options = {}
    for line in order.get("lines") or ():
        variant = line.get("variant") or {}
        siblings = (variant.get("product") or {}).get("variants") or ()
        options[line["id"]] = tuple(
            VariantOption(id=other["id"], name=other.get("name") or "", sku=other.get("sku") or "")
            for other in siblings
            if other.get("id") and other["id"] != variant.get("id")
        )
    return options


@dataclass(frozen=True)
class OrderReturnability:
    """The engine's answer for an order, with its lines as the order page shows them, the
    variants each line could be exchanged for, and the market the order falls in."""

    returnability: Returnability
    lines_shown: Mapping[str, LineShown]
    exchange_options: Mapping[str, tuple[VariantOption, ...]] = field(default_factory=dict)
    market: Market | None = None
    country_code: str = ""
    order_number: str = ""


def order_returnability(
    *, installation: Installation, order_id: str, customer: CustomerProof, now: datetime
) -> OrderReturnability:
    """What of the order can be returned now, and why not the rest (raises `OrderNotFound`)."""
    order = _fetch_order(installation, order_id, customer)
    facts = _facts(installation, order)
    applied = applied_policy(
        installation=installation,
        channel_slug=facts.channel_slug,
        country_code=facts.country_code,
    )
    policy = _policy_with_carriers(installation, applied, facts.country_code)
    return OrderReturnability(
        returnability=evaluate_returnability(order=facts, policy=policy, now=now),
        lines_shown=lines_shown(order),
        exchange_options=exchange_options(order),
        market=applied.market,
        country_code=facts.country_code,
        order_number=facts.number,
    )


def _decision_data(decision: Decision) -> dict[str, Any]:
    """The decision as stored on the return: enough to explain it later without the engine."""
    return {
        "outcome": decision.outcome,
        "family": decision.family,
        "policy_version": decision.policy_version,
        "review_reasons": [
            {"code": flag.code, "message": flag.message, "params": dict(flag.params)}
            for flag in decision.review_reasons
        ],
        "items_value": str(decision.items_value),
        "shipping_fee": str(decision.shipping_fee),
        "restocking_fee": str(decision.restocking_fee),
        "refund_amount": str(decision.refund_amount),
        "currency": decision.currency,
    }


def _check_exchanges(order: Mapping[str, Any], exchange_variants: Mapping[str, str]) -> None:
    offered = exchange_options(order)
    for line_id, variant_id in exchange_variants.items():
        if variant_id not in {option.id for option in offered.get(line_id, ())}:
            raise ExchangeNotOffered(
                "Choose another size or colour of the same product.", line_id=line_id
            )


def quote_return_request(
    *,
    installation: Installation,
    order_id: str,
    lines: Sequence[RequestedLine],
    method: Method,
    resolution: Resolution,
    customer: CustomerProof,
    now: datetime,
) -> Decision:
    """What the policy would decide for this request, fees and refund included, storing
    nothing: the shopper sees it before confirming. Raises `OrderNotFound`."""
    order = _fetch_order(installation, order_id, customer)
    return _decide(installation, order, lines, method, resolution, now).decision


@dataclass(frozen=True)
class _Decided:
    facts: OrderFacts
    applied: AppliedPolicy
    decision: Decision


def _decide(
    installation: Installation,
    order: Mapping[str, Any],
    lines: Sequence[RequestedLine],
    method: Method,
    resolution: Resolution,
    now: datetime,
) -> _Decided:
    """The market's policy (with what its carriers serve) applied to a requested return."""
    facts = _facts(installation, order)
    applied = applied_policy(
        installation=installation,
        channel_slug=facts.channel_slug,
        country_code=facts.country_code,
    )
    request = ReturnRequestFacts(lines=tuple(lines), method=method, resolution=resolution)
    policy = _policy_with_carriers(installation, applied, facts.country_code)
    decision = evaluate_request(order=facts, request=request, policy=policy, now=now)
    return _Decided(facts, applied, decision)


def create_return_request(
    *,
    installation: Installation,
    order_id: str,
    lines: Sequence[RequestedLine],
    method: Method,
    resolution: Resolution,
    customer: CustomerProof,
    actor: Actor,
    now: datetime,
    service_point_id: str = "",
    pickup_address: Mapping[str, Any] | None = None,
    idempotency_key: str = "",
    locale: str = "en",
    photos: Mapping[str, Sequence[str]] | None = None,
    exchange_variants: Mapping[str, str] | None = None,
) -> CreateResult:
    """Ask for a return: the policy decides, and the return is stored approved or for review.

    `photos` are storage paths per order line (each line's `photo_count` should count them);
    `exchange_variants` the variant wanted instead, per order line, for an exchange.
    The same `idempotency_key` twice gives the first request back, unchanged. With errors
    nothing is stored. Raises `OrderNotFound` for an unknown order or one not the asker's,
    `ExchangeNotOffered` for a variant of another product.
    """
    if idempotency_key:
        existing = _by_idempotency_key(installation, idempotency_key)
        if existing is not None:
            return CreateResult(existing, replayed=True)
    order = _fetch_order(installation, order_id, customer)
    exchanges = dict(exchange_variants or {}) if resolution is Resolution.EXCHANGE else {}
    _check_exchanges(order, exchanges)
    decided = _decide(installation, order, lines, method, resolution, now)
    facts, applied, decision = decided.facts, decided.applied, decided.decision
    if decision.errors:
        return CreateResult(None, errors=decision.errors)
    shown = lines_shown(order)
    photos = photos or {}
    try:
        with transaction.atomic():
            return_request = ReturnRequest.objects.create(
                installation=installation,
                rma=next_rma(installation=installation, year=now.year),
                order_id=facts.order_id,
                order_number=facts.number,
                customer_user_id=((order.get("user") or {}).get("id") or ""),
                customer_email=facts.customer_email,
                channel_slug=facts.channel_slug,
                country_code=facts.country_code,
                currency=facts.currency,
                locale=locale,
                market=applied.market,
                method=method,
                service_point_id=service_point_id,
                pickup_address=dict(pickup_address) if pickup_address else None,
                resolution=resolution,
                items_value=decision.items_value,
                shipping_fee=decision.shipping_fee,
                restocking_fee=decision.restocking_fee,
                refund_amount=decision.refund_amount,
                policy=applied.version,
                decision=_decision_data(decision),
                idempotency_key=idempotency_key,
            )
            requested = {line.line_id: line for line in lines}
            ReturnLine.objects.bulk_create(
                ReturnLine(
                    return_request=return_request,
                    order_line_id=line.line_id,
                    variant_id=shown[line.line_id].variant_id,
                    sku=shown[line.line_id].sku,
                    product_name=shown[line.line_id].product_name,
                    variant_name=shown[line.line_id].variant_name,
                    thumbnail_url=shown[line.line_id].thumbnail_url,
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                    reason_code=line.reason_code,
                    comment=requested[line.line_id].comment,
                    photos=list(photos.get(line.line_id, ())),
                    exchange_variant_id=exchanges.get(line.line_id, ""),
                )
                for line in decision.lines
            )
            record_event(return_request, type="CREATED", actor=actor, data=_decision_data(decision))
            follow_up = (
                Action.APPROVE if decision.outcome is Outcome.APPROVE else (Action.FLAG_FOR_REVIEW)
            )
            return_request = apply_action(
                installation=installation,
                return_request_id=return_request.pk,
                action=follow_up,
                actor=SYSTEM,
                data={"policy_version": decision.policy_version},
            )
            announce(return_request, event="CREATED")
            if return_request.status == Status.APPROVED:
                return_approved(return_request)
    except IntegrityError:
        # Two requests with one idempotency key raced: the other one was stored first.
        existing = _by_idempotency_key(installation, idempotency_key) if idempotency_key else None
        if existing is None:
            raise
        return CreateResult(existing, replayed=True)
    return CreateResult(return_request)


def _by_idempotency_key(installation: Installation, key: str) -> ReturnRequest | None:
    return ReturnRequest.objects.for_installation(installation).filter(idempotency_key=key).first()


def approve_return(
    *, installation: Installation, return_request_id: int, actor: Actor
) -> ReturnRequest:
    with transaction.atomic():
        return_request = apply_action(
            installation=installation,
            return_request_id=return_request_id,
            action=Action.APPROVE,
            actor=actor,
        )
        announce(return_request, event=Action.APPROVE)
        return_approved(return_request)
    return return_request


def reject_return(
    *, installation: Installation, return_request_id: int, actor: Actor, reason: str
) -> ReturnRequest:
    """Reject with a reason the shopper will be shown."""
    with transaction.atomic():
        return_request = apply_action(
            installation=installation,
            return_request_id=return_request_id,
            action=Action.REJECT,
            actor=actor,
            changes={"rejection_reason": reason},
            data={"reason": reason},
        )
        announce(return_request, event=Action.REJECT, detail=reason)
    return return_request


def cancel_return(
    *, installation: Installation, return_request_id: int, actor: Actor
) -> ReturnRequest:
    with transaction.atomic():
        return_request = apply_action(
            installation=installation,
            return_request_id=return_request_id,
            action=Action.CANCEL,
            actor=actor,
        )
        announce(return_request, event=Action.CANCEL)
        return_cancelled(return_request, actor=actor)
    return return_request


def add_note(
    *, installation: Installation, return_request_id: int, actor: Actor, message: str
) -> ReturnEvent:
    return_request = ReturnRequest.objects.for_installation(installation).get(pk=return_request_id)
    return record_event(return_request, type="NOTE", actor=actor, data={"message": message})
