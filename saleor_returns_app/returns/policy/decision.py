"""The policy's answer to a return request: `evaluate_request`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from saleor_returns_app.returns.policy.codes import Outcome, ReviewReason
from saleor_returns_app.returns.policy.eligibility import evaluate_returnability
from saleor_returns_app.returns.policy.facts import (
    Method,
    OrderFacts,
    Resolution,
    ReturnRequestFacts,
)
from saleor_returns_app.returns.policy.fees import (
    ZERO,
    DecisionLine,
    Quote,
    quote_return,
    request_family,
)
from saleor_returns_app.returns.policy.messages import Params, freeze_params, render_message
from saleor_returns_app.returns.policy.money import as_param, quantise
from saleor_returns_app.returns.policy.reasons import ReasonFamily
from saleor_returns_app.returns.policy.rules import Policy
from saleor_returns_app.returns.policy.validation import RequestError, validate_request


@dataclass(frozen=True, kw_only=True)
class ReviewFlag:
    """Why a valid request waits for staff, explained."""

    code: ReviewReason
    message: str
    params: Params


@dataclass(frozen=True, kw_only=True)
class Decision:
    """What the policy decided about a return request, kept as data to be explained later.

    An invalid request (`errors` not empty) has no outcome, no family, no lines and zero
    amounts: nothing may be created from it. A valid one is approved or sent to review, never
    rejected by the engine. Amounts are in `currency`, quantised to its minor unit.
    """

    errors: tuple[RequestError, ...]
    outcome: Outcome | None
    review_reasons: tuple[ReviewFlag, ...]
    family: ReasonFamily | None
    lines: tuple[DecisionLine, ...]
    items_value: Decimal
    shipping_fee: Decimal
    restocking_fee: Decimal
    refund_amount: Decimal
    currency: str
    policy_version: int
    method: Method
    resolution: Resolution

    @property
    def valid(self) -> bool:
        return not self.errors


def evaluate_request(
    *, order: OrderFacts, request: ReturnRequestFacts, policy: Policy, now: datetime
) -> Decision:
    """Validate `request` against what `order` allows at `now`, then price and route it.

    The request's family is CONTROLLABLE when any line's reason is controllable: one parcel
    travels back, and the store caused it to travel, so the store pays its shipping (with
    `controllable_is_free`). Restocking fees still apply to the customer-driven lines of a
    mixed request (see `fees`). A valid request is sent to REVIEW for every review rule that
    holds (all reported), else APPROVED.
    """
    returnability = evaluate_returnability(order=order, policy=policy, now=now)
    errors = validate_request(request=request, policy=policy, returnability=returnability)
    if errors:
        zero = quantise(ZERO, order.currency)
        return _decision(
            order=order,
            request=request,
            policy=policy,
            errors=errors,
            outcome=None,
            review_reasons=(),
            family=None,
            lines=(),
            quote=Quote(
                items_value=zero, shipping_fee=zero, restocking_fee=zero, refund_amount=zero
            ),
        )

    lines = _priced_lines(order=order, request=request, policy=policy)
    quote = quote_return(order=order, policy=policy, method=request.method, lines=lines)
    review_reasons = _review_reasons(
        order=order, request=request, policy=policy, items_value=quote.items_value
    )
    return _decision(
        order=order,
        request=request,
        policy=policy,
        errors=(),
        outcome=Outcome.REVIEW if review_reasons else Outcome.APPROVE,
        review_reasons=review_reasons,
        family=request_family(lines),
        lines=lines,
        quote=quote,
    )


def _priced_lines(
    *, order: OrderFacts, request: ReturnRequestFacts, policy: Policy
) -> tuple[DecisionLine, ...]:
    # Validated: every requested line is on the order once, with a known reason.
    order_lines = {line.line_id: line for line in order.lines}
    priced = []
    for requested in request.lines:
        line = order_lines[requested.line_id]
        reason = policy.reasons[requested.reason_code]
        priced.append(
            DecisionLine(
                line_id=line.line_id,
                quantity=requested.quantity,
                reason_code=reason.code,
                family=reason.family,
                unit_price=line.unit_price,
                value=quantise(line.unit_price * requested.quantity, order.currency),
            )
        )
    return tuple(priced)


def _review_reasons(
    *, order: OrderFacts, request: ReturnRequestFacts, policy: Policy, items_value: Decimal
) -> tuple[ReviewFlag, ...]:
    flags: list[tuple[ReviewReason, Params]] = []
    photo_missing = any(
        policy.reasons[line.reason_code].requires_photo and line.photo_count <= 0
        for line in request.lines
    )
    if photo_missing and policy.review_when_photo_missing:
        flags.append((ReviewReason.PHOTO_MISSING, {}))
    limit = policy.review_above_value
    if limit is not None and items_value > limit:
        params = {
            "value": as_param(items_value),
            "limit": as_param(quantise(limit, order.currency)),
            "currency": order.currency,
        }
        flags.append((ReviewReason.VALUE_ABOVE_LIMIT, params))
    if not policy.auto_approve:
        flags.append((ReviewReason.AUTO_APPROVE_OFF, {}))
    return tuple(
        ReviewFlag(code=code, message=render_message(code, params), params=freeze_params(params))
        for code, params in flags
    )


def _decision(
    *,
    order: OrderFacts,
    request: ReturnRequestFacts,
    policy: Policy,
    errors: tuple[RequestError, ...],
    outcome: Outcome | None,
    review_reasons: tuple[ReviewFlag, ...],
    family: ReasonFamily | None,
    lines: tuple[DecisionLine, ...],
    quote: Quote,
) -> Decision:
    return Decision(
        errors=errors,
        outcome=outcome,
        review_reasons=review_reasons,
        family=family,
        lines=lines,
        items_value=quote.items_value,
        shipping_fee=quote.shipping_fee,
        restocking_fee=quote.restocking_fee,
        refund_amount=quote.refund_amount,
        currency=order.currency,
        policy_version=policy.version,
        method=request.method,
        resolution=request.resolution,
    )
