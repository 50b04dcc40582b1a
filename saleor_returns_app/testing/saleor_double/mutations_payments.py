"""Refunds and store credit: ``orderGrantRefundCreate``,
``transactionRequestRefundForGrantedRefund`` and ``giftCardCreate``, as in Saleor 3.24.

Permissions come from the schema: MANAGE_ORDERS, HANDLE_PAYMENTS and MANAGE_GIFT_CARD;
a caller without them gets a null payload and a top-level ``PermissionDenied``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from graphql import GraphQLResolveInfo

from .mutations import MutationError, _missing_node, _payload
from .mutations_returns import node_id_or_error
from .records import Record, amount_of, fraction_digits, to_decimal
from .registry import resolver
from .resolvers import context_of
from .store import Store

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# -- granted refunds ------------------------------------------------------------------------


def _required_one_of_errors() -> list[Record]:
    message = "You must provide at least one of `amount`, `lines`, `grantRefundForShipping`."
    return [
        Record(field=field, code="REQUIRED", message=message, lines=None)
        for field in ("amount", "lines", "grantRefundForShipping")
    ]


def _clean_grant_lines(
    store: Store, order: Record, data: list[dict[str, Any]]
) -> list[tuple[Record, int, str | None]]:
    by_id = {line["id"]: line for line in order["lines"]}
    already = store.granted_quantities(order)
    line_errors: list[Record] = []
    cleaned = []
    for item in data:
        line_id = item["id"]
        try:
            node_id_or_error(line_id, "OrderLine", "id")
        except MutationError as error:
            line_errors.append(
                Record(lineId=line_id, field="id", code="GRAPHQL_ERROR", message=str(error))
            )
            continue
        line = by_id.get(line_id)
        if line is None:
            line_errors.append(
                Record(
                    lineId=line_id,
                    field="id",
                    code="NOT_FOUND",
                    message="Could not resolve to a line.",
                )
            )
            continue
        available = line["quantity"] - already.get(line_id, 0)
        if item["quantity"] > available:
            line_errors.append(
                Record(
                    lineId=line_id,
                    field="quantity",
                    code="QUANTITY_GREATER_THAN_AVAILABLE",
                    message=(
                        "Cannot grant refund for more than the available quantity of the "
                        f"line ({available})."
                    ),
                )
            )
            continue
        cleaned.append((line, item["quantity"], item.get("reason")))
    if line_errors:
        error = MutationError("lines", "INVALID", "Provided input for lines is invalid.")
        error.as_record["lines"] = line_errors
        raise error
    return cleaned


def _transaction_of(order: Record, transaction_id: str, field: str) -> Record:
    node_id_or_error(transaction_id, "TransactionItem", field)
    for transaction in order["transactions"]:
        if transaction["id"] == transaction_id:
            return transaction
    raise MutationError(field, "NOT_FOUND", f"Couldn't resolve to a node: {transaction_id}")


def _amount(value: Any) -> Decimal:
    try:
        return to_decimal(value)
    except InvalidOperation as exc:
        raise MutationError("amount", "GRAPHQL_ERROR", f"Invalid decimal: {value}") from exc


@resolver("Mutation.orderGrantRefundCreate")
def resolve_order_grant_refund_create(
    _root: Any, info: GraphQLResolveInfo, *, id: str, input: dict[str, Any]
) -> Record:
    context = context_of(info)
    store = context.store
    lines_input = list(input.get("lines") or [])
    for_shipping = bool(input.get("grantRefundForShipping"))
    try:
        node_id_or_error(id, "Order", "id")
        order = store.orders.get(id)
        if order is None:
            raise _missing_node("id", id)
        if input.get("amount") is None and not lines_input and not for_shipping:
            return _payload(
                "OrderGrantRefundCreate",
                None,
                errors=_required_one_of_errors(),
                order=None,
                grantedRefund=None,
            )
        lines = _clean_grant_lines(store, order, lines_input) if lines_input else []
        if for_shipping and any(g["shippingCostsIncluded"] for g in order["grantedRefunds"]):
            raise MutationError(
                "grantRefundForShipping",
                "SHIPPING_COSTS_ALREADY_GRANTED",
                "Shipping costs have already been granted.",
            )
        transaction = _transaction_of(order, input["transactionId"], "transactionId")
        charged = amount_of(transaction["chargedAmount"])
        if input.get("amount") is None:
            amount = sum(
                (amount_of(line["unitPrice"]) * quantity for line, quantity, _ in lines),
                Decimal(0),
            )
            if for_shipping:
                amount += amount_of(order["shippingPrice"])
            amount = min(amount, charged)
        else:
            amount = _amount(input["amount"])
            if amount > charged:
                raise MutationError(
                    "amount",
                    "AMOUNT_GREATER_THAN_AVAILABLE",
                    "Amount cannot be greater than the charged amount of provided transaction.",
                )
    except MutationError as error:
        error.as_record.setdefault("lines", None)
        return _payload(
            "OrderGrantRefundCreate", None, errors=[error.as_record], order=None, grantedRefund=None
        )
    requester = context.requester
    granted = store.add_granted_refund(
        order,
        amount=amount,
        transaction=transaction,
        lines=lines,
        reason=input.get("reason") or "",
        shipping_costs_included=for_shipping,
        user=requester.user,
        app=requester.app,
    )
    return _payload("OrderGrantRefundCreate", None, order=order, grantedRefund=granted)


# -- refund requests ------------------------------------------------------------------------


def _granted_refund_or_error(store: Store, global_id: str) -> Record:
    node_id_or_error(global_id, "OrderGrantedRefund", "grantedRefundId")
    granted = store.granted_refund_by_id(global_id)
    if granted is None:
        raise _missing_node("grantedRefundId", global_id)
    return granted


def _refund_transaction(
    store: Store, granted: Record, transaction_id: str | None, token: str | None
) -> Record:
    if granted["transaction"] is not None:
        transaction = granted["transaction"]
        if granted["status"] == "PENDING":
            raise MutationError(
                "grantedRefundId",
                "REFUND_IS_PENDING",
                "The refund request is already in progress.",
            )
        if granted["status"] == "SUCCESS":
            raise MutationError(
                "grantedRefundId",
                "REFUND_ALREADY_PROCESSED",
                "The granted refund is already processed.",
            )
        charged = amount_of(transaction["chargedAmount"])
        amount = amount_of(granted["amount"])
        if charged < amount:
            raise MutationError(
                "grantedRefundId",
                "AMOUNT_GREATER_THAN_AVAILABLE",
                f"The granted refund amount {amount} is greater than available charged "
                f"amount on transactionItem ({charged}).Update the order granted refund "
                "amount to process the grant refund.",
            )
        return transaction
    if bool(transaction_id) == bool(token):
        raise MutationError(
            None,
            "GRAPHQL_ERROR",
            "Argument 'id' cannot be combined with 'token'"
            if transaction_id
            else "At least one of arguments is required: 'id', 'token'.",
        )
    wanted = transaction_id or ""
    for order in store.orders.values():
        for transaction in order["transactions"]:
            if transaction["id"] == wanted or transaction["token"] == token:
                if order is not granted["_order"]:
                    raise MutationError(
                        "grantedRefundId",
                        "INVALID",
                        "The granted refund belongs to different order than transaction.",
                    )
                granted["transaction"] = transaction
                return transaction
    raise MutationError("id", "NOT_FOUND", f"Couldn't resolve to a node: {wanted or token}")


@resolver("Mutation.transactionRequestRefundForGrantedRefund")
def resolve_transaction_request_refund_for_granted_refund(
    _root: Any,
    info: GraphQLResolveInfo,
    *,
    grantedRefundId: str,
    id: str | None = None,
    token: str | None = None,
) -> Record:
    context = context_of(info)
    store = context.store
    try:
        granted = _granted_refund_or_error(store, grantedRefundId)
        transaction = _refund_transaction(store, granted, id, token)
    except MutationError as error:
        return _payload(
            "TransactionRequestRefundForGrantedRefund",
            None,
            errors=[error.as_record],
            transaction=None,
        )
    charged = amount_of(transaction["chargedAmount"])
    value = min(amount_of(granted["amount"]) or charged, charged)
    requester = context.requester
    sent = store.request_refund(granted, transaction, value, user=requester.user, app=requester.app)
    if not sent:
        error = MutationError(
            None,
            "MISSING_TRANSACTION_ACTION_REQUEST_WEBHOOK",
            "No app or plugin is configured to handle payment action requests.",
        )
        return _payload(
            "TransactionRequestRefundForGrantedRefund",
            None,
            errors=[error.as_record],
            transaction=None,
        )
    return _payload("TransactionRequestRefundForGrantedRefund", None, transaction=transaction)


# -- gift cards -----------------------------------------------------------------------------


def _clean_balance(balance: dict[str, Any]) -> tuple[Decimal, str]:
    currency = str(balance["currency"]).upper()
    try:
        amount = to_decimal(balance["amount"])
    except InvalidOperation as exc:
        raise MutationError("balance", "INVALID", "Enter a valid amount.") from exc
    digits = fraction_digits(currency)
    if amount != amount.quantize(Decimal(1).scaleb(-digits)):
        raise MutationError(
            "balance", "INVALID", f"Value cannot have more than {digits} decimal places."
        )
    if not amount > 0:
        raise MutationError("balance", "INVALID", "Balance amount have to be greater than 0.")
    return amount, currency


@resolver("Mutation.giftCardCreate")
def resolve_gift_card_create(
    _root: Any, info: GraphQLResolveInfo, *, input: dict[str, Any]
) -> Record:
    context = context_of(info)
    store = context.store
    try:
        amount, currency = _clean_balance(input["balance"])
        email = input.get("userEmail")
        if email:
            if not _EMAIL.match(email):
                raise MutationError("email", "INVALID", "Provided email is invalid.")
            if not input.get("channel"):
                raise MutationError(
                    "channel",
                    "REQUIRED",
                    "Channel slug must be specified when user_email is provided.",
                )
    except MutationError as error:
        error.as_record["tags"] = None
        return _payload("GiftCardCreate", "giftCardErrors", errors=[error.as_record], giftCard=None)
    requester = context.requester
    card = store.add_gift_card(
        amount=amount,
        currency=currency,
        is_active=bool(input["isActive"]),
        sent_to=email or None,
        channel=input.get("channel"),
        note=input.get("note"),
        metadata={item["key"]: item["value"] for item in input.get("metadata") or []},
        user=requester.user,
        app=requester.app,
    )
    context.emit("GIFT_CARD_CREATED", gift_card=card)
    return _payload("GiftCardCreate", "giftCardErrors", giftCard=card)
