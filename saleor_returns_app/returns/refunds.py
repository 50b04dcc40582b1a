"""Resolving a received return: money back, store credit, or the exchange — once.

The default amount is what arrived, less the fees:

- items value: `unit_price * received_quantity` over the lines (what the shopper paid for
  what came back; units that never arrived are not refunded);
- return shipping fee: as decided when the return was created (the parcel travelled);
- restocking fee: the deciding policy version's rule applied to the *received* quantities of
  the chargeable lines — customer-driven lines, or every line when the policy does not make
  controllable reasons free. A line that did not arrive pays no restocking fee; so the fee is
  never above the one decided at creation;
- with `include_shipping`, the order's original shipping price is added (and Saleor is told
  the grant covers shipping).

Staff may choose another amount, up to the received items value (plus shipping when
included). Saleor is told in workers: a granted refund, then the request to the payment app
(planned by the grant's success), or a gift card; for exchanges the replacement draft order
was created when the items were returned (`replace`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.catalogue import policy_reasons
from saleor_returns_app.returns.lifecycle import Actor, apply_action
from saleor_returns_app.returns.models import ReturnLine, ReturnRequest
from saleor_returns_app.returns.outcomes import FieldError, ServiceResult
from saleor_returns_app.returns.policies import policy_from_rules
from saleor_returns_app.returns.policy import Policy, ReasonFamily, Resolution, default_reasons
from saleor_returns_app.returns.policy.money import quantise
from saleor_returns_app.returns.status import Action, Status
from saleor_returns_app.saleor.client import SaleorClient
from saleor_returns_app.saleor_sync.announce import announce
from saleor_returns_app.saleor_sync.models import SaleorOperation
from saleor_returns_app.saleor_sync.services import Planned, plan

ZERO = Decimal(0)
_RESOLVABLE = (Status.RECEIVED, Status.INSPECTED)
_RESOLVED = (Status.REFUNDED, Status.EXCHANGED, Status.STORE_CREDIT, Status.CLOSED)
_ACTIONS = {
    Resolution.REFUND: Action.REFUND,
    Resolution.STORE_CREDIT: Action.ISSUE_STORE_CREDIT,
    Resolution.EXCHANGE: Action.EXCHANGE,
}


@dataclass(frozen=True)
class RefundQuote:
    items_value: Decimal
    shipping_fee: Decimal
    restocking_fee: Decimal
    refund_amount: Decimal


def deciding_policy(return_request: ReturnRequest) -> Policy:
    """The policy version that decided the return (the engine's defaults without one)."""
    version = return_request.policy
    return policy_from_rules(
        rules=version.rules if version else {},
        version=version.version if version else 0,
        time_zone=return_request.market.time_zone if return_request.market else "UTC",
        reasons=policy_reasons(installation=return_request.installation) or default_reasons(),
    )


def quote_received(
    *, return_request: ReturnRequest, lines: Iterable[ReturnLine], policy: Policy
) -> RefundQuote:
    """The default refund of a received return (rules in the module docstring)."""
    currency = return_request.currency
    received = [line for line in lines if line.received_quantity]
    items_value = quantise(
        sum((line.unit_price * line.received_quantity for line in received), ZERO), currency
    )

    def chargeable(line: ReturnLine) -> bool:
        reason = policy.reasons.get(line.reason_code)
        family = reason.family if reason else ReasonFamily.CUSTOMER
        return not (policy.controllable_is_free and family is ReasonFamily.CONTROLLABLE)

    charged = [line for line in received if chargeable(line)]
    restocking_fee = quantise(ZERO, currency)
    if charged:
        value = sum((line.unit_price * line.received_quantity for line in charged), ZERO)
        restocking_fee = quantise(value * policy.restocking_fee_percent / 100, currency) + quantise(
            policy.restocking_fee_fixed, currency
        )
    shipping_fee = quantise(return_request.shipping_fee, currency)
    refund = max(items_value - shipping_fee - restocking_fee, quantise(ZERO, currency))
    return RefundQuote(items_value, shipping_fee, restocking_fee, refund)


def _order_shipping(installation: Installation, order_id: str) -> tuple[Decimal, bool]:
    """The order's shipping price, and whether a granted refund already covers it."""
    order = SaleorClient.for_installation(installation).execute("OrderForReturn", {"id": order_id})[
        "order"
    ]
    if order is None:
        return ZERO, False
    granted = any(g["shippingCostsIncluded"] for g in order.get("grantedRefunds") or ())
    return Decimal(str(order["shippingPrice"]["gross"]["amount"])), granted


def _refusal(return_request: ReturnRequest) -> FieldError | None:
    status = Status(return_request.status)
    already = return_request.saleor_operations.filter(
        kind__in=[SaleorOperation.Kind.GRANT_REFUND, SaleorOperation.Kind.GIFT_CARD]
    ).exists()
    if status in _RESOLVED or already:
        return FieldError(None, "ALREADY_REFUNDED", "This return was already resolved.")
    if status not in _RESOLVABLE:
        return FieldError(None, "NOT_RECEIVED", "Refund a return once its items arrived.")
    return None


def refund_return(
    *,
    installation: Installation,
    return_request_id: int,
    actor: Actor,
    amount: Decimal | None,
    include_shipping: bool,
    now: datetime,
) -> ServiceResult:
    """Resolve a received return by its resolution; with errors nothing changes.

    Raises `ReturnRequest.DoesNotExist` for a return of another store.
    """
    unlocked = ReturnRequest.objects.for_installation(installation).get(pk=return_request_id)
    shipping, shipping_granted = ZERO, False
    if include_shipping and unlocked.resolution != Resolution.EXCHANGE:
        # Read before the row lock: no Saleor round trip while holding it.
        shipping, shipping_granted = _order_shipping(installation, unlocked.order_id)
    with transaction.atomic():
        return_request = (
            ReturnRequest.objects.for_installation(installation)
            # Only our row: the joined policy and market are nullable (outer joins).
            .select_for_update(of=("self",))
            .select_related("policy", "market", "installation")
            .get(pk=return_request_id)
        )
        refusal = _refusal(return_request)
        if refusal is not None:
            return ServiceResult(None, errors=[refusal])
        lines = list(return_request.lines.order_by("pk"))
        quote = quote_received(
            return_request=return_request, lines=lines, policy=deciding_policy(return_request)
        )
        resolution = Resolution(return_request.resolution)
        if resolution is Resolution.EXCHANGE:
            if amount:
                return ServiceResult(
                    None,
                    [
                        FieldError(
                            "amount", "EXCHANGE_HAS_NO_REFUND", "An exchange pays nothing back."
                        )
                    ],
                )
            chosen = quantise(ZERO, return_request.currency)
        else:
            if shipping_granted:
                return ServiceResult(
                    None,
                    [
                        FieldError(
                            "includeShipping",
                            "SHIPPING_ALREADY_REFUNDED",
                            "The order's shipping was already refunded.",
                        )
                    ],
                )
            chosen, error = _chosen_amount(return_request, quote, amount, shipping)
            if error is not None:
                return ServiceResult(None, [error])
        return_request = apply_action(
            installation=installation,
            return_request_id=return_request.pk,
            action=_ACTIONS[resolution],
            actor=actor,
            changes={
                "resolved_at": now,
                "refund_amount": chosen,
                "restocking_fee": quote.restocking_fee,
            },
            data={
                "amount": str(chosen),
                "items_value": str(quote.items_value),
                "shipping_fee": str(quote.shipping_fee),
                "restocking_fee": str(quote.restocking_fee),
                "default_amount": str(quote.refund_amount + shipping),
                "include_shipping": include_shipping,
            },
        )
        plan(
            return_request=return_request,
            operations=_money_operations(return_request, lines, chosen, include_shipping),
        )
        detail = f"{chosen} {return_request.currency}" if chosen else ""
        announce(return_request, event=_ACTIONS[resolution], detail=detail)
    return ServiceResult(return_request)


def _chosen_amount(
    return_request: ReturnRequest, quote: RefundQuote, amount: Decimal | None, shipping: Decimal
) -> tuple[Decimal, FieldError | None]:
    currency = return_request.currency
    chosen = quantise(quote.refund_amount + shipping if amount is None else amount, currency)
    maximum = quote.items_value + shipping
    if chosen <= 0:
        return chosen, FieldError("amount", "NOTHING_TO_REFUND", "The amount must be above zero.")
    if chosen > maximum:
        return chosen, FieldError(
            "amount", "AMOUNT_TOO_HIGH", f"At most {maximum} {currency} can be refunded."
        )
    return chosen, None


def _money_operations(
    return_request: ReturnRequest, lines: list[ReturnLine], amount: Decimal, include_shipping: bool
) -> list[Planned]:
    resolution = Resolution(return_request.resolution)
    if resolution is Resolution.EXCHANGE:
        return []
    if resolution is Resolution.STORE_CREDIT:
        return [
            Planned(
                SaleorOperation.Kind.GIFT_CARD,
                "store-credit",
                {
                    "amount": str(amount),
                    "currency": return_request.currency,
                    "email": return_request.customer_email,
                    "channel": return_request.channel_slug,
                },
            )
        ]
    return [
        Planned(
            SaleorOperation.Kind.GRANT_REFUND,
            "refund",
            {
                "amount": str(amount),
                "include_shipping": include_shipping,
                "lines": [
                    {"order_line_id": line.order_line_id, "quantity": line.received_quantity}
                    for line in lines
                    if line.received_quantity
                ],
            },
        )
    ]


def close_return(
    *, installation: Installation, return_request_id: int, actor: Actor
) -> ReturnRequest:
    """Close a resolved (or rejected) return; Saleor's order shows it is no longer open."""
    with transaction.atomic():
        return_request = apply_action(
            installation=installation,
            return_request_id=return_request_id,
            action=Action.CLOSE,
            actor=actor,
        )
        announce(return_request, event=Action.CLOSE)
    return return_request
