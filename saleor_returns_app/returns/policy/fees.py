"""What a return costs the shopper and what they get back.

Rules (all amounts quantised to the currency's minor unit, half up):

- Items value: the sum over lines of what the shopper paid, `unit_price * quantity`.
- Return shipping: the chosen method's fee; nothing when the order total is at or above
  `free_returns_over`; nothing when the request is CONTROLLABLE and the policy's
  `controllable_is_free` holds. A request is CONTROLLABLE as soon as one line's reason is: the
  parcel travels once, and the store caused it to travel.
- Restocking fee: `restocking_fee_percent` of the value of the chargeable lines, plus
  `restocking_fee_fixed` once per return when there is at least one chargeable line. With
  `controllable_is_free`, lines returned for a controllable reason are not chargeable: a
  damaged item pays no restocking fee, while a changed-mind item in the same parcel still
  does (adding a damaged item does not make the rest of a return free).
- Refund: items value minus both fees, never below zero. Fees are reported as the policy
  computes them, even when the refund cannot absorb them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from saleor_returns_app.returns.policy.facts import Method, OrderFacts
from saleor_returns_app.returns.policy.money import quantise
from saleor_returns_app.returns.policy.reasons import ReasonFamily
from saleor_returns_app.returns.policy.rules import Policy

ZERO = Decimal(0)


@dataclass(frozen=True, kw_only=True)
class DecisionLine:
    """One validated line of a request, priced: `value` is `unit_price * quantity`."""

    line_id: str
    quantity: int
    reason_code: str
    family: ReasonFamily
    unit_price: Decimal
    value: Decimal


@dataclass(frozen=True, kw_only=True)
class Quote:
    items_value: Decimal
    shipping_fee: Decimal
    restocking_fee: Decimal
    refund_amount: Decimal


def request_family(lines: Sequence[DecisionLine]) -> ReasonFamily:
    """CONTROLLABLE when any line's reason is the store's fault, else CUSTOMER."""
    if any(line.family is ReasonFamily.CONTROLLABLE for line in lines):
        return ReasonFamily.CONTROLLABLE
    return ReasonFamily.CUSTOMER


def shipping_fee_for(*, order: OrderFacts, policy: Policy, method: Method) -> Decimal:
    """The return shipping fee by `method` for a customer-driven return of this order."""
    if policy.free_returns_over is not None and order.total >= policy.free_returns_over:
        return quantise(ZERO, order.currency)
    return quantise(policy.method_fee(method), order.currency)


def quote_return(
    *, order: OrderFacts, policy: Policy, method: Method, lines: Sequence[DecisionLine]
) -> Quote:
    currency = order.currency
    items_value = quantise(sum((line.value for line in lines), ZERO), currency)

    controllable_is_free = policy.controllable_is_free
    if controllable_is_free and request_family(lines) is ReasonFamily.CONTROLLABLE:
        shipping_fee = quantise(ZERO, currency)
    else:
        shipping_fee = shipping_fee_for(order=order, policy=policy, method=method)

    chargeable = [
        line
        for line in lines
        if not (controllable_is_free and line.family is ReasonFamily.CONTROLLABLE)
    ]
    restocking_fee = quantise(ZERO, currency)
    if chargeable:
        chargeable_value = sum((line.value for line in chargeable), ZERO)
        restocking_fee = quantise(
            chargeable_value * policy.restocking_fee_percent / 100, currency
        ) + quantise(policy.restocking_fee_fixed, currency)

    refund_amount = max(items_value - shipping_fee - restocking_fee, quantise(ZERO, currency))
    return Quote(
        items_value=items_value,
        shipping_fee=shipping_fee,
        restocking_fee=restocking_fee,
        refund_amount=refund_amount,
    )
