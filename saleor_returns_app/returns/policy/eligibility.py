"""What of an order can be returned, until when, how and why not: `evaluate_returnability`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from saleor_returns_app.returns.policy.codes import IneligibilityCode
from saleor_returns_app.returns.policy.facts import (
    Method,
    OrderFacts,
    OrderLineFacts,
    Resolution,
    require_aware,
)
from saleor_returns_app.returns.policy.fees import shipping_fee_for
from saleor_returns_app.returns.policy.messages import Params, freeze_params, render_message
from saleor_returns_app.returns.policy.money import as_param, quantise
from saleor_returns_app.returns.policy.reasons import Reason
from saleor_returns_app.returns.policy.rules import Policy
from saleor_returns_app.returns.policy.window import return_window, window_start


@dataclass(frozen=True, kw_only=True)
class LineEligibility:
    """Whether one order line can be returned now, and how many units.

    `returnable_quantity` is fulfilled minus already returned for an eligible line, else 0.
    `deadline` is the last instant of the line's window (in the policy's time zone); None
    when the line has no window (not shipped) or can never be returned (excluded). Compare
    deadlines in UTC: Python never finds an ambiguous local time (a repeated hour) equal to a
    datetime of another zone.
    `code`, `message` and `params` explain an ineligible line; all empty for an eligible one.
    """

    line_id: str
    eligible: bool
    returnable_quantity: int
    deadline: datetime | None
    code: IneligibilityCode | None = None
    message: str | None = None
    params: Params = field(default_factory=freeze_params)


@dataclass(frozen=True, kw_only=True)
class MethodOffer:
    """An allowed return method and its shipping fee for a customer-driven return.

    `free_for_controllable` tells the shopper the fee is waived when the store is at fault.
    """

    method: Method
    fee: Decimal
    currency: str
    free_for_controllable: bool


@dataclass(frozen=True, kw_only=True)
class Returnability:
    """The answer to "what can I return from this order?" (`orderReturnability`).

    `deadline` is the latest deadline over the lines (None when no line has a window).
    """

    order_id: str
    currency: str
    policy_version: int
    deadline: datetime | None
    lines: tuple[LineEligibility, ...]
    methods: tuple[MethodOffer, ...]
    reasons: tuple[Reason, ...]
    resolutions: tuple[Resolution, ...]

    @property
    def returnable(self) -> bool:
        return any(line.eligible for line in self.lines)

    def line(self, line_id: str) -> LineEligibility | None:
        return next((line for line in self.lines if line.line_id == line_id), None)


def evaluate_returnability(*, order: OrderFacts, policy: Policy, now: datetime) -> Returnability:
    """Decide, line by line, what of `order` can be returned at `now` under `policy`.

    Each line gets the first refusal that applies, most useful explanation first:
    1. the product can never be returned (final sale, then excluded by SKU, product type,
       category, collection: the most specific rule the shop wrote first; then discounted);
    2. the order as a whole cannot be returned (total below the minimum);
    3. nothing to return yet or any more (not shipped; every shipped unit already returned);
    4. the window has closed.
    Permanent reasons come before temporary ones, so a shopper is never told to wait for
    something that will not help, and "window closed" never hides "final sale".
    """
    require_aware(now, "now")
    zone = policy.zone
    days = policy.window_days + policy.extra_days_for(order.customer_email)
    order_refusal = _order_refusal(order=order, policy=policy)
    lines = tuple(
        _line_eligibility(
            line=line,
            order=order,
            policy=policy,
            order_refusal=order_refusal,
            days=days,
            zone=zone,
            now=now,
        )
        for line in order.lines
    )
    deadlines = [line.deadline for line in lines if line.deadline is not None]
    return Returnability(
        order_id=order.order_id,
        currency=order.currency,
        policy_version=policy.version,
        deadline=max(deadlines) if deadlines else None,
        lines=lines,
        methods=_method_offers(order=order, policy=policy),
        reasons=tuple(policy.reasons.values()),
        resolutions=tuple(r for r in Resolution if r in policy.allowed_resolutions),
    )


def _line_eligibility(
    *,
    line: OrderLineFacts,
    order: OrderFacts,
    policy: Policy,
    order_refusal: tuple[IneligibilityCode, Params] | None,
    days: int,
    zone: ZoneInfo,
    now: datetime,
) -> LineEligibility:
    refusal = _product_refusal(line=line, order=order, policy=policy) or order_refusal
    if refusal is not None:
        return _ineligible(line, *refusal, deadline=None)

    start = window_start(line=line, starts=policy.window_starts)
    if line.quantity_fulfilled <= 0 or start is None:
        return _ineligible(line, IneligibilityCode.NOT_FULFILLED, {}, deadline=None)

    window = return_window(start=start, days=days, zone=zone)
    returnable = line.quantity_fulfilled - line.quantity_returned
    if returnable <= 0:
        params = {"quantity_returned": line.quantity_returned}
        code = IneligibilityCode.ALREADY_RETURNED
        return _ineligible(line, code, params, deadline=window.deadline)
    if not window.is_open(now):
        params = {"window_days": window.days, "last_day": window.last_day.isoformat()}
        code = IneligibilityCode.WINDOW_CLOSED
        return _ineligible(line, code, params, deadline=window.deadline)
    return LineEligibility(
        line_id=line.line_id,
        eligible=True,
        returnable_quantity=returnable,
        deadline=window.deadline,
    )


def _product_refusal(
    *, line: OrderLineFacts, order: OrderFacts, policy: Policy
) -> tuple[IneligibilityCode, Params] | None:
    exclusions = policy.exclusions
    if exclusions.is_final_sale(line.metadata):
        return IneligibilityCode.FINAL_SALE, {}
    if line.sku is not None and line.sku in exclusions.skus:
        return IneligibilityCode.EXCLUDED_SKU, {"sku": line.sku}
    if line.product_type is not None and line.product_type in exclusions.product_types:
        return IneligibilityCode.EXCLUDED_PRODUCT_TYPE, {"product_type": line.product_type}
    if line.category is not None and line.category in exclusions.categories:
        return IneligibilityCode.EXCLUDED_CATEGORY, {"category": line.category}
    excluded_collections = sorted(line.collections & exclusions.collections)
    if excluded_collections:
        return IneligibilityCode.EXCLUDED_COLLECTION, {"collection": excluded_collections[0]}
    if not policy.discounted_lines_returnable and _is_discounted(line, order.currency):
        return IneligibilityCode.DISCOUNTED_NOT_RETURNABLE, {}
    return None


def _is_discounted(line: OrderLineFacts, currency: str) -> bool:
    """Discounted by at least one minor unit (sub-cent rounding noise is not a discount)."""
    return quantise(line.unit_price, currency) < quantise(line.undiscounted_unit_price, currency)


def _order_refusal(*, order: OrderFacts, policy: Policy) -> tuple[IneligibilityCode, Params] | None:
    minimum = policy.min_order_total
    if minimum is not None and order.total < minimum:
        params = {
            "minimum": as_param(quantise(minimum, order.currency)),
            "currency": order.currency,
        }
        return IneligibilityCode.ORDER_TOTAL_TOO_LOW, params
    return None


def _ineligible(
    line: OrderLineFacts,
    code: IneligibilityCode,
    params: Params,
    *,
    deadline: datetime | None,
) -> LineEligibility:
    return LineEligibility(
        line_id=line.line_id,
        eligible=False,
        returnable_quantity=0,
        deadline=deadline,
        code=code,
        message=render_message(code, params),
        params=freeze_params(params),
    )


def _method_offers(*, order: OrderFacts, policy: Policy) -> tuple[MethodOffer, ...]:
    return tuple(
        MethodOffer(
            method=method,
            fee=shipping_fee_for(order=order, policy=policy, method=method),
            currency=order.currency,
            free_for_controllable=policy.controllable_is_free,
        )
        for method in Method
        if method in policy.allowed_methods
    )
