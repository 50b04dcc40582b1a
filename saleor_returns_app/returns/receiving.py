"""Staff receive a return's parcel: what arrived, in which condition, and what goes back on sale.

One transaction records the lines, moves the return to RECEIVED and plans what Saleor must be
told: the returned products (replaced, for exchanges), a restock per restocked line (after
the return, since the return is what makes the units ours again), a note and metadata.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.auto_refund import resolve_if_due
from saleor_returns_app.returns.lifecycle import Actor, apply_action
from saleor_returns_app.returns.models import RefundTrigger, ReturnLine, ReturnRequest
from saleor_returns_app.returns.outcomes import FieldError, ServiceResult
from saleor_returns_app.returns.policy import Resolution
from saleor_returns_app.returns.status import Action
from saleor_returns_app.saleor_sync.announce import announce
from saleor_returns_app.saleor_sync.models import SaleorOperation
from saleor_returns_app.saleor_sync.services import Planned, plan

Condition = ReturnLine.Condition


@dataclass(frozen=True)
class ReceivedLine:
    """What arrived of one return line (`line_id` is the `ReturnLine`'s id)."""

    line_id: int
    quantity: int
    condition: Condition
    restock: bool
    warehouse_id: str = ""


def validate_received(
    lines: Sequence[ReceivedLine], requested: dict[int, ReturnLine]
) -> list[FieldError]:
    """Every problem with the received lines, each with the path of the field at fault."""
    if not lines:
        return [FieldError("lines", "NO_LINES", "Say what arrived.")]
    errors: list[FieldError] = []
    seen: set[int] = set()
    for index, line in enumerate(lines):
        path = f"lines.{index}"
        known = requested.get(line.line_id)
        if known is None:
            errors.append(
                FieldError(f"{path}.lineId", "UNKNOWN_LINE", "Not a line of this return.")
            )
            continue
        if line.line_id in seen:
            errors.append(
                FieldError(f"{path}.lineId", "DUPLICATE_LINE", "This line is given twice.")
            )
        seen.add(line.line_id)
        if line.quantity < 0:
            errors.append(
                FieldError(f"{path}.quantity", "QUANTITY_NOT_POSITIVE", "Cannot be negative.")
            )
        elif line.quantity > known.quantity:
            errors.append(
                FieldError(
                    f"{path}.quantity",
                    "QUANTITY_TOO_HIGH",
                    f"Only {known.quantity} were requested for return.",
                )
            )
        if line.condition not in Condition.values:
            errors.append(
                FieldError(f"{path}.condition", "INVALID_CONDITION", "Unknown condition.")
            )
        if line.restock and line.quantity > 0:
            if not line.warehouse_id:
                errors.append(
                    FieldError(
                        f"{path}.warehouseId", "WAREHOUSE_REQUIRED", "Choose where to restock."
                    )
                )
            if not known.variant_id:
                errors.append(
                    FieldError(
                        f"{path}.restock",
                        "CANNOT_RESTOCK",
                        "The product no longer exists in Saleor.",
                    )
                )
    if not errors and not any(line.quantity > 0 for line in lines):
        errors.append(FieldError("lines", "NOTHING_RECEIVED", "Nothing arrived."))
    return errors


def receive_return(
    *,
    installation: Installation,
    return_request_id: int,
    actor: Actor,
    lines: Sequence[ReceivedLine],
    now: datetime,
) -> ServiceResult:
    """Record what arrived and plan Saleor's side; with errors nothing changes.

    Raises `ReturnRequest.DoesNotExist` for a return of another store and
    `TransitionNotAllowed` when the return is not on its way back.
    """
    with transaction.atomic():
        ReturnRequest.objects.for_installation(installation).get(pk=return_request_id)
        requested = {
            line.pk: line
            for line in ReturnLine.objects.filter(
                return_request__installation=installation, return_request_id=return_request_id
            )
        }
        errors = validate_received(lines, requested)
        if errors:
            return ServiceResult(None, errors=errors)
        return_request = apply_action(
            installation=installation,
            return_request_id=return_request_id,
            action=Action.RECEIVE,
            actor=actor,
            changes={"received_at": now},
            data={"lines": [_line_data(line) for line in lines]},
        )
        received = {line.line_id: line for line in lines}
        for line in requested.values():
            got = received.get(line.pk)
            # Lines staff did not mention did not arrive.
            line.received_quantity = got.quantity if got else 0
            line.condition = got.condition if got else Condition.MISSING
            line.restock = bool(got and got.restock and got.quantity > 0)
            line.restock_warehouse_id = got.warehouse_id if line.restock and got else ""
            line.save(
                update_fields=["received_quantity", "condition", "restock", "restock_warehouse_id"]
            )
        plan(
            return_request=return_request,
            operations=[_return_products(return_request, list(requested.values()))],
        )
        announce(return_request, event=Action.RECEIVE, detail=_summary(requested.values()))
        # In the same transaction: a crash cannot leave a return received but never refunded.
        resolve_if_due(
            installation=installation,
            return_request_id=return_request_id,
            moment=RefundTrigger.ON_RECEIPT,
            now=now,
        )
    return ServiceResult(ReturnRequest.objects.get(pk=return_request_id))


def inspect_return(
    *, installation: Installation, return_request_id: int, actor: Actor, now: datetime
) -> ReturnRequest:
    """Staff checked the received items; markets that refund on inspection refund now.

    Raises `TransitionNotAllowed` unless the return is RECEIVED.
    """
    with transaction.atomic():
        return_request = apply_action(
            installation=installation,
            return_request_id=return_request_id,
            action=Action.INSPECT,
            actor=actor,
        )
        announce(return_request, event=Action.INSPECT)
        resolve_if_due(
            installation=installation,
            return_request_id=return_request_id,
            moment=RefundTrigger.ON_INSPECTION,
            now=now,
        )
    return ReturnRequest.objects.get(pk=return_request_id)


def _line_data(line: ReceivedLine) -> dict:
    return {
        "line_id": line.line_id,
        "quantity": line.quantity,
        "condition": str(line.condition),
        "restock": line.restock,
        "warehouse_id": line.warehouse_id,
    }


def _return_products(return_request: ReturnRequest, lines: list[ReturnLine]) -> Planned:
    # Restocks follow the return: they are planned when Saleor has accepted it.
    restocks = [
        Planned(
            SaleorOperation.Kind.RESTOCK,
            f"line-{line.pk}",
            {
                "variant_id": line.variant_id,
                "sku": line.sku,
                "warehouse_id": line.restock_warehouse_id,
                "quantity": line.received_quantity,
            },
        ).as_data()
        for line in lines
        if line.restock
    ]
    exchange = return_request.resolution == Resolution.EXCHANGE
    return Planned(
        SaleorOperation.Kind.RETURN_PRODUCTS,
        "receive",
        {
            "lines": [
                {
                    "order_line_id": line.order_line_id,
                    "quantity": line.received_quantity,
                    # `replace` makes Saleor draft the replacement order of an exchange.
                    "replace": exchange,
                    "reason": line.reason_code,
                }
                for line in lines
                if line.received_quantity
            ],
            "then": restocks,
        },
    )


def _summary(lines: Iterable[ReturnLine]) -> str:
    parts = []
    for line in lines:
        restocked = ", restocked" if line.restock else ""
        parts.append(
            f"{line.received_quantity}/{line.quantity} x {line.sku or line.product_name} "
            f"({line.condition}{restocked})"
        )
    return "; ".join(parts)
