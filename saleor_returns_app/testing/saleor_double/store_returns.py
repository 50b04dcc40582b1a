"""Returned and replaced items, as Saleor's ``create_fulfillments_for_returned_products``.

Mixed into ``Store``. Validation (quantities, statuses) belongs to the mutation; these
methods only move quantities, the way Saleor does:

* unfulfilled order-line quantities become fulfilled into the target fulfilment;
* fulfilled quantities move out of their fulfilment lines (emptied lines are deleted),
  and a FULFILLED / WAITING_FOR_APPROVAL fulfilment left without lines is deleted,
  tracking number included;
* replaced lines go to a REPLACED fulfilment plus a DRAFT replacement order;
* ``quantityFulfilled`` of the order lines never goes down, and the order status is
  recomputed as ``update_order_status`` does (RETURNED / PARTIALLY_RETURNED ...).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .records import Record, now_iso

_STATUS_DISPLAY = {
    "FULFILLED": "Fulfilled",
    "RETURNED": "Returned",
    "REPLACED": "Replaced",
    "REFUNDED": "Refunded",
    "REFUNDED_AND_RETURNED": "Refunded and returned",
    "WAITING_FOR_APPROVAL": "Waiting for approval",
    "CANCELED": "Canceled",
}
_DELETABLE_WHEN_EMPTY = frozenset({"FULFILLED", "WAITING_FOR_APPROVAL"})
_RETURNED_STATUSES = frozenset({"RETURNED", "REFUNDED_AND_RETURNED"})


@dataclass(frozen=True)
class ReturnedOrderLine:
    """An unfulfilled quantity of ``line`` to return (``orderLines`` input)."""

    line: Record
    quantity: int
    replace: bool = False
    reason: str | None = None


@dataclass(frozen=True)
class ReturnedFulfillmentLine:
    """A fulfilled quantity of ``line`` (a FulfillmentLine) to return."""

    line: Record
    quantity: int
    replace: bool = False
    reason: str | None = None


@dataclass(frozen=True)
class ReturnResult:
    return_fulfillment: Record
    replace_fulfillment: Record | None
    replace_order: Record | None


class ReturnsMixin:
    """``Store`` methods for returns; see the module docstring."""

    def fulfillment_of_line(self: Any, fulfillment_line: Record) -> Record | None:
        """The fulfilment holding ``fulfillment_line`` (``None`` once it was deleted)."""
        with self.lock:
            for order in self.orders.values():
                for fulfillment in order["fulfillments"]:
                    if any(line is fulfillment_line for line in fulfillment["lines"] or ()):
                        return fulfillment
        return None

    def fulfillment_line_by_id(self: Any, order: Record, line_id: str) -> Record | None:
        """The fulfilment line ``line_id`` among ``order``'s fulfilments."""
        with self.lock:
            for fulfillment in order["fulfillments"]:
                for line in fulfillment["lines"] or ():
                    if line["id"] == line_id:
                        return line
        return None

    def return_products(
        self: Any,
        order: Record,
        *,
        order_lines: Sequence[ReturnedOrderLine] = (),
        fulfillment_lines: Sequence[ReturnedFulfillmentLine] = (),
        reason: str = "",
        user: Record | None = None,
        app: Record | None = None,
    ) -> ReturnResult:
        """Apply a validated ``orderFulfillmentReturnProducts`` to ``order``."""
        with self.lock:
            replace_order_lines = [item for item in order_lines if item.replace]
            replace_fulfillment_lines = [item for item in fulfillment_lines if item.replace]
            replace_fulfillment = replace_order = None
            if replace_order_lines or replace_fulfillment_lines:
                replace_fulfillment = self._new_fulfillment(order, "REPLACED", reason)
                self._move_into(replace_fulfillment, replace_order_lines, replace_fulfillment_lines)
                replace_order = self._replacement_order(
                    order, replace_order_lines, replace_fulfillment_lines
                )
                self.add_order_event(order, "FULFILLMENT_REPLACED", user=user, app=app)
                self.add_order_event(order, "ORDER_REPLACEMENT_CREATED", user=user, app=app)
            # Saleor always creates the return fulfilment, even when every line is replaced.
            return_fulfillment = self._new_fulfillment(order, "RETURNED", reason)
            self._move_into(
                return_fulfillment,
                [item for item in order_lines if not item.replace],
                [item for item in fulfillment_lines if not item.replace],
            )
            order["fulfillments"] = [
                fulfillment
                for fulfillment in order["fulfillments"]
                if fulfillment["lines"] or fulfillment["status"] not in _DELETABLE_WHEN_EMPTY
            ]
            self.add_order_event(order, "FULFILLMENT_RETURNED", user=user, app=app)
            self.update_order_status(order)
            return ReturnResult(return_fulfillment, replace_fulfillment, replace_order)

    def update_order_status(self: Any, order: Record) -> None:
        """Saleor's ``update_order_status``: status from fulfilled/returned quantities."""
        with self.lock:
            total = sum(line["quantity"] for line in order["lines"])
            fulfilled = sum(line["quantityFulfilled"] for line in order["lines"])
            returned = replaced = 0
            for fulfillment in order["fulfillments"]:
                quantity = sum(line["quantity"] for line in fulfillment["lines"] or ())
                if fulfillment["status"] in _RETURNED_STATUSES:
                    returned += quantity
                elif fulfillment["status"] == "REPLACED":
                    replaced += quantity
            total -= replaced
            fulfilled -= replaced
            awaiting = any(f["status"] == "WAITING_FOR_APPROVAL" for f in order["fulfillments"])
            if total == 0:
                return
            if fulfilled <= 0:
                status = "UNFULFILLED"
            elif 0 < returned < total:
                status = "PARTIALLY_RETURNED"
            elif returned == total:
                status = "RETURNED"
            elif fulfilled < total or awaiting:
                status = "PARTIALLY_FULFILLED"
            else:
                status = "FULFILLED"
            if status != order["status"]:
                self.set_order_status(order, status)

    # -- internals ------------------------------------------------------------------

    def _new_fulfillment(self: Any, order: Record, status: str, reason: str) -> Record:
        fulfillment = self._new_record(
            "Fulfillment",
            self.next_pk("Fulfillment"),
            fulfillmentOrder=len(order["fulfillments"]) + 1,
            status=status,
            statusDisplay=_STATUS_DISPLAY.get(status, status.title()),
            trackingNumber="",
            created=now_iso(),
            lines=[],
            warehouse=None,
            shippingRefundedAmount=None,
            totalRefundedAmount=None,
            reason=reason or "",
            reasonReference=None,
            metadata=[],
            privateMetadata=[],
            _order=order,
        )
        order["fulfillments"].append(fulfillment)
        return fulfillment

    def _new_fulfillment_line(self: Any, order_line: Record, quantity: int, reason: str | None):
        return self._new_record(
            "FulfillmentLine",
            self.next_pk("FulfillmentLine"),
            quantity=quantity,
            orderLine=order_line,
            reason=reason or "",
            reasonReference=None,
        )

    def _move_into(
        self: Any,
        target: Record,
        order_lines: Sequence[ReturnedOrderLine],
        fulfillment_lines: Sequence[ReturnedFulfillmentLine],
    ) -> None:
        for item in order_lines:
            line = item.line
            moved = min(line["quantityToFulfill"], item.quantity)
            line["quantityFulfilled"] += moved
            line["quantityToFulfill"] -= moved
            target["lines"].append(self._new_fulfillment_line(line, moved, item.reason))
        for item in fulfillment_lines:
            source_line = item.line
            order_line = source_line["orderLine"]
            moved = min(source_line["quantity"], item.quantity)
            existing = next((ln for ln in target["lines"] if ln["orderLine"] is order_line), None)
            if existing is None:
                existing = self._new_fulfillment_line(order_line, 0, item.reason)
                target["lines"].append(existing)
            existing["quantity"] += moved
            existing["reason"] = item.reason or ""
            source_line["quantity"] -= moved
            if source_line["quantity"] == 0:
                source = self.fulfillment_of_line(source_line)
                if source is not None:
                    source["lines"] = [ln for ln in source["lines"] if ln is not source_line]

    def _replacement_order(
        self: Any,
        order: Record,
        order_lines: Sequence[ReturnedOrderLine],
        fulfillment_lines: Sequence[ReturnedFulfillmentLine],
    ) -> Record:
        quantities: dict[str, list[Any]] = {}
        for order_line, quantity in [(i.line, i.quantity) for i in order_lines] + [
            (i.line["orderLine"], i.quantity) for i in fulfillment_lines
        ]:
            entry = quantities.setdefault(order_line["id"], [order_line, 0])
            entry[1] += quantity
        lines = [
            (order_line["variant"], quantity, order_line["unitPrice"]["gross"]["amount"])
            for order_line, quantity in quantities.values()
        ]
        draft = self.add_order(
            channel=order["channel"],
            lines=lines,
            user_email=order["userEmail"],
            customer=order["user"],
            shipping_address=order["shippingAddress"],
            billing_address=order["billingAddress"],
            status="DRAFT",
            metadata={item["key"]: item["value"] for item in order["metadata"]},
        )
        draft.update(origin="REISSUE", original=order["id"], events=[])
        self.add_order_event(draft, "DRAFT_CREATED_FROM_REPLACE")
        return draft
