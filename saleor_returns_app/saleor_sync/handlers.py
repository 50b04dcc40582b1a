"""One function per operation kind: look in Saleor for an earlier attempt, else write.

A handler runs inside the operation's row lock and returns an `Outcome`; it raises
`SaleorUnavailable` (retry later), `SyncError` / `SaleorMutationError` (failed for good).
Every write carries `operation.reference`, which is how a retry after a crash between
Saleor's answer and our commit finds the first attempt's result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from saleor_returns_app.returns.models import ReturnRequest
from saleor_returns_app.returns.status import Status
from saleor_returns_app.saleor.client import (
    SaleorAuthError,
    SaleorClient,
    SaleorGraphQLError,
    SaleorMutationError,
)
from saleor_returns_app.saleor_sync.models import SaleorOperation
from saleor_returns_app.saleor_sync.services import Outcome, Planned, SyncError

Kind = SaleorOperation.Kind
Handler = Callable[[SaleorOperation, SaleorClient], Outcome]

GIFT_CARD_REFERENCE_KEY = "saleor-returns.operation"
# Returns that no longer count as open on the Saleor order.
_FINISHED = (Status.CLOSED, Status.CANCELLED, Status.REJECTED)
# Saleor's granted refund statuses once a refund was requested.
_REQUESTED = frozenset({"PENDING", "SUCCESS"})
_RETURNABLE_FULFILMENTS = frozenset({"FULFILLED", "REFUNDED"})
STAFF_MUST_SEND = (
    "The refund is granted in Saleor but was not sent to the payment provider: "
    "send it from the Saleor order page."
)


def _order(operation: SaleorOperation, client: SaleorClient) -> dict[str, Any]:
    order = client.execute("OrderForReturn", {"id": operation.return_request.order_id})["order"]
    if order is None:
        raise SyncError(f"Order {operation.return_request.order_id} is not in Saleor.")
    return order


def _reason(operation: SaleorOperation) -> str:
    return f"Return {operation.return_request.rma} [{operation.reference}]"


# -- note and metadata ----------------------------------------------------------------------


def add_note(operation: SaleorOperation, client: SaleorClient) -> Outcome:
    message = f"{operation.payload['message']} [{operation.reference}]"
    order = client.execute("OrderNotes", {"id": operation.return_request.order_id})["order"]
    for event in (order or {}).get("events") or ():
        if event["type"] == "NOTE_ADDED" and operation.reference in (event["message"] or ""):
            return Outcome({"event_id": event["id"], "found": True})
    payload = client.mutate(
        "OrderNoteAdd", {"order": operation.return_request.order_id, "message": message}
    )
    return Outcome({"event_id": (payload.get("event") or {}).get("id")})


def order_summary(return_request: ReturnRequest) -> dict[str, str]:
    """The metadata staff see on the Saleor order, from our rows as they are now."""
    returns = ReturnRequest.objects.for_installation(return_request.installation_id).filter(
        order_id=return_request.order_id
    )
    latest = returns.order_by("-created_at", "-id").first() or return_request
    return {
        "returns.status": latest.status,
        "returns.latest_rma": latest.rma,
        "returns.open_count": str(returns.exclude(status__in=_FINISHED).count()),
    }


def update_metadata(operation: SaleorOperation, client: SaleorClient) -> Outcome:
    # Computed when sent, not when planned: a late operation never writes an older status.
    # Setting keys is idempotent, so no look-up is needed.
    summary = order_summary(operation.return_request)
    client.mutate(
        "OrderMetadataUpdate",
        {
            "id": operation.return_request.order_id,
            "input": [{"key": key, "value": value} for key, value in summary.items()],
        },
    )
    return Outcome({"metadata": summary})


# -- returned products and restock ----------------------------------------------------------


def _fulfilment_lines(order: Mapping[str, Any], lines: list[dict[str, Any]]) -> list[dict]:
    """Shipped units as `fulfillmentLines` (`orderLines` only take unfulfilled quantities)."""
    chosen = []
    for line in lines:
        needed = int(line["quantity"])
        for fulfilment in order.get("fulfillments") or ():
            if fulfilment["status"] not in _RETURNABLE_FULFILMENTS or needed == 0:
                continue
            for fulfilment_line in fulfilment.get("lines") or ():
                if fulfilment_line["orderLine"]["id"] != line["order_line_id"] or needed == 0:
                    continue
                taken = min(needed, int(fulfilment_line["quantity"]))
                needed -= taken
                chosen.append(
                    {
                        "fulfillmentLineId": fulfilment_line["id"],
                        "quantity": taken,
                        "replace": bool(line.get("replace")),
                        "reason": line.get("reason") or None,
                    }
                )
        if needed:
            raise SyncError(
                f"Saleor shows {needed} fewer shipped units of line {line['order_line_id']} "
                "than were received."
            )
    return chosen


def return_products(operation: SaleorOperation, client: SaleorClient) -> Outcome:
    order = _order(operation, client)
    follow_ups = [Planned.from_data(item) for item in operation.payload.get("then", ())]
    done = [
        f for f in order.get("fulfillments") or () if operation.reference in (f.get("reason") or "")
    ]
    if done:
        result = {"fulfillment_ids": [f["id"] for f in done], "found": True}
    else:
        payload = client.mutate(
            "OrderFulfillmentReturnProducts",
            {
                "order": order["id"],
                "input": {
                    "fulfillmentLines": _fulfilment_lines(order, operation.payload["lines"]),
                    "includeShippingCosts": False,
                    "reason": _reason(operation),
                },
            },
        )
        fulfilments = [payload.get("returnFulfillment"), payload.get("replaceFulfillment")]
        result = {
            "fulfillment_ids": [f["id"] for f in fulfilments if f],
            "replace_order_id": (payload.get("replaceOrder") or {}).get("id"),
        }
    return Outcome(result, follow_ups=follow_ups, events=[("SALEOR_RETURNED", result)])


def restock_target(operation: SaleorOperation, client: SaleorClient) -> None:
    """Fix the quantity to set once: Saleor's stock now plus the restocked units.

    `productVariantStocksUpdate` sets, it does not add; a retry resends this stored target
    instead of adding the units to a stock that may already include them.
    """
    if "target" in operation.payload:
        return
    variant = client.execute("VariantStocks", {"id": operation.payload["variant_id"]})[
        "productVariant"
    ]
    if variant is None:
        raise SyncError(f"Variant {operation.payload['variant_id']} is not in Saleor.")
    warehouse_id = operation.payload["warehouse_id"]
    current = next(
        (
            int(stock["quantity"])
            for stock in variant.get("stocks") or ()
            if stock["warehouse"]["id"] == warehouse_id
        ),
        0,
    )
    operation.payload = {
        **operation.payload,
        "base": current,
        "target": current + int(operation.payload["quantity"]),
    }
    operation.save(update_fields=["payload", "updated_at"])


def restock(operation: SaleorOperation, client: SaleorClient) -> Outcome:
    payload = operation.payload
    client.mutate(
        "ProductVariantStocksUpdate",
        {
            "variantId": payload["variant_id"],
            "stocks": [{"warehouse": payload["warehouse_id"], "quantity": payload["target"]}],
        },
    )
    result = {key: payload[key] for key in ("variant_id", "warehouse_id", "base", "target")}
    return Outcome(result, events=[("SALEOR_RESTOCKED", {**result, "sku": payload.get("sku")})])


# -- money ----------------------------------------------------------------------------------


def _charged_transaction(order: Mapping[str, Any]) -> str:
    for transaction in order.get("transactions") or ():
        if Decimal(str(transaction["chargedAmount"]["amount"])) > 0:
            return transaction["id"]
    raise SyncError("The order has no charged transaction to refund.")


def grant_refund(operation: SaleorOperation, client: SaleorClient) -> Outcome:
    order = _order(operation, client)
    payload = operation.payload
    granted = next(
        (
            g
            for g in order.get("grantedRefunds") or ()
            if operation.reference in (g.get("reason") or "")
        ),
        None,
    )
    found = granted is not None
    if granted is None:
        granted = client.mutate(
            "OrderGrantRefundCreate",
            {
                "id": order["id"],
                "input": {
                    "amount": payload["amount"],
                    "reason": _reason(operation),
                    "lines": [
                        {"id": line["order_line_id"], "quantity": line["quantity"]}
                        for line in payload["lines"]
                    ],
                    "grantRefundForShipping": bool(payload.get("include_shipping")),
                    "transactionId": _charged_transaction(order),
                },
            },
        )["grantedRefund"]
    result = {
        "granted_refund_id": granted["id"],
        "transaction_id": (granted.get("transaction") or {}).get("id"),
        "amount": str(granted["amount"]["amount"]),
        "found": found,
    }
    # Planned by the grant's success: the request needs the granted refund's id.
    request = Planned(
        Kind.REQUEST_REFUND,
        "refund",
        {"granted_refund_id": granted["id"], "transaction_id": result["transaction_id"]},
    )
    return Outcome(result, follow_ups=[request], events=[("SALEOR_REFUND_GRANTED", result)])


def _not_sent(reason: str, error: Exception, granted_refund_id: str) -> Outcome:
    result = {"granted_refund_id": granted_refund_id, "not_sent": reason, "error": str(error)}
    # Staff read it on the Saleor order too, where they have to act.
    note = Planned(Kind.NOTE, "refund-not-sent", {"message": STAFF_MUST_SEND})
    return Outcome(
        result,
        status=SaleorOperation.Status.SKIPPED,
        follow_ups=[note],
        events=[("REFUND_NOT_SENT", {**result, "message": STAFF_MUST_SEND})],
    )


def request_refund(operation: SaleorOperation, client: SaleorClient) -> Outcome:
    granted_refund_id = operation.payload["granted_refund_id"]
    order = _order(operation, client)
    granted = next(
        (g for g in order.get("grantedRefunds") or () if g["id"] == granted_refund_id), None
    )
    if granted is None:
        raise SyncError(f"Granted refund {granted_refund_id} is not on the order.")
    if granted["status"] in _REQUESTED:
        result = {"granted_refund_id": granted_refund_id, "status": granted["status"]}
        return Outcome({**result, "found": True}, events=[("SALEOR_REFUND_REQUESTED", result)])
    try:
        client.mutate(
            "TransactionRequestRefundForGrantedRefund",
            {
                "grantedRefundId": granted_refund_id,
                "transactionId": operation.payload.get("transaction_id"),
            },
        )
    except SaleorAuthError as exc:
        if not isinstance(exc.__cause__, SaleorGraphQLError):
            raise  # our token was refused as a whole: not a missing permission
        return _not_sent("NO_HANDLE_PAYMENTS", exc, granted_refund_id)
    except SaleorMutationError as exc:
        codes = {error.get("code") for error in exc.errors}
        if "MISSING_TRANSACTION_ACTION_REQUEST_WEBHOOK" in codes:
            return _not_sent("NO_PAYMENT_APP", exc, granted_refund_id)
        raise
    result = {"granted_refund_id": granted_refund_id, "status": "PENDING"}
    return Outcome(result, events=[("SALEOR_REFUND_REQUESTED", result)])


def create_gift_card(operation: SaleorOperation, client: SaleorClient) -> Outcome:
    payload = operation.payload
    found = client.execute(
        "GiftCardsByMetadata", {"key": GIFT_CARD_REFERENCE_KEY, "value": operation.reference}
    )["giftCards"]["edges"]
    if found:
        card = found[0]["node"]
    else:
        card = client.mutate(
            "GiftCardCreate",
            {
                "input": {
                    "balance": {"amount": payload["amount"], "currency": payload["currency"]},
                    "userEmail": payload["email"],
                    "channel": payload["channel"],
                    "isActive": True,
                    "note": f"Store credit for return {operation.return_request.rma}",
                    "metadata": [{"key": GIFT_CARD_REFERENCE_KEY, "value": operation.reference}],
                }
            },
        )["giftCard"]
    # The code is a bearer secret: Saleor mails it to the shopper; we keep the last 4 only.
    result = {"gift_card_id": card["id"], "last4": card["last4CodeChars"], "found": bool(found)}
    return Outcome(
        result, events=[("SALEOR_GIFT_CARD_ISSUED", {**result, "amount": payload["amount"]})]
    )


HANDLERS: dict[SaleorOperation.Kind, Handler] = {
    Kind.NOTE: add_note,
    Kind.METADATA: update_metadata,
    Kind.RETURN_PRODUCTS: return_products,
    Kind.RESTOCK: restock,
    Kind.GRANT_REFUND: grant_refund,
    Kind.REQUEST_REFUND: request_refund,
    Kind.GIFT_CARD: create_gift_card,
}
PREPARERS: dict[SaleorOperation.Kind, Callable[[SaleorOperation, SaleorClient], None]] = {
    Kind.RESTOCK: restock_target,
}
