"""Returns and restocking: ``orderFulfillmentReturnProducts``, ``productVariantStocksUpdate``.

Checks follow Saleor 3.24 (``FulfillmentReturnProducts.clean_input`` and
``ProductVariantStocksUpdate``); the first failing check ends the mutation with nothing
changed. Permissions come from the schema (MANAGE_ORDERS / MANAGE_PRODUCTS).
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLResolveInfo

from .ids import from_global_id
from .mutations import MutationError, _missing_node, _payload
from .records import Record
from .registry import resolver
from .resolvers import context_of
from .store import Store
from .store_returns import ReturnedFulfillmentLine, ReturnedOrderLine

_RETURNABLE_FULFILLMENT_STATUSES = ("FULFILLED", "REFUNDED", "WAITING_FOR_APPROVAL")


def node_id_or_error(global_id: str, expected: str, field: str) -> str:
    """Check the type of a global id, with Saleor's GRAPHQL_ERROR for a wrong one."""
    try:
        type_name, _pk = from_global_id(global_id)
    except ValueError as exc:
        raise MutationError(field, "GRAPHQL_ERROR", str(exc)) from exc
    if type_name != expected:
        raise MutationError(
            field, "GRAPHQL_ERROR", f"Must receive a {expected} id, received {type_name}."
        )
    return global_id


def _order_or_error(store: Store, global_id: str, field: str) -> Record:
    node_id_or_error(global_id, "Order", field)
    order = store.orders.get(global_id)
    if order is None:
        raise _missing_node(field, global_id)
    return order


def _line_error(message: str, field: str, code: str = "INVALID_QUANTITY") -> MutationError:
    return MutationError(field, code, message)


def _clean_order_lines(order: Record, data: list[dict[str, Any]]) -> list[ReturnedOrderLine]:
    by_id = {line["id"]: line for line in order["lines"]}
    cleaned = []
    for item in data:
        node_id_or_error(item["orderLineId"], "OrderLine", "orderLines")
        line = by_id.get(item["orderLineId"])
        if line is None:
            raise MutationError(
                "orderLines", "GRAPHQL_ERROR", f"Couldn't resolve id: {[item['orderLineId']]}."
            )
        quantity = item["quantity"]
        if line["quantity"] < quantity:
            raise _line_error(
                "Provided quantity is bigger than quantity from order line.", "orderLineId"
            )
        if line["quantityToFulfill"] < quantity:
            raise _line_error(
                "Provided quantity is bigger than unfulfilled quantity.", "orderLineId"
            )
        if item.get("replace") and line["variant"] is None:
            raise _line_error(
                "Unable to replace line as the assigned product doesn't exist.", "orderLineId"
            )
        cleaned.append(
            ReturnedOrderLine(line, quantity, bool(item.get("replace")), item.get("reason"))
        )
    return cleaned


def _clean_fulfillment_lines(
    store: Store, order: Record, data: list[dict[str, Any]]
) -> list[ReturnedFulfillmentLine]:
    cleaned = []
    for item in data:
        global_id = node_id_or_error(
            item["fulfillmentLineId"], "FulfillmentLine", "fulfillmentLines"
        )
        line = store.fulfillment_line_by_id(order, global_id)
        if line is None:
            raise MutationError(
                "fulfillmentLines", "GRAPHQL_ERROR", f"Couldn't resolve id: {[global_id]}."
            )
        quantity = item["quantity"]
        if line["quantity"] < quantity:
            raise _line_error(
                "Provided quantity is bigger than quantity from fulfillment line",
                "fulfillmentLineId",
            )
        fulfillment = store.fulfillment_of_line(line)
        if fulfillment is None or fulfillment["status"] not in _RETURNABLE_FULFILLMENT_STATUSES:
            allowed = ", ".join(status.lower() for status in _RETURNABLE_FULFILLMENT_STATUSES)
            raise _line_error(
                "Unable to process action for fulfillmentLine with different status than "
                f"{allowed}.",
                "fulfillmentLineId",
                code="INVALID",
            )
        if item.get("replace") and line["orderLine"]["variant"] is None:
            raise _line_error(
                "Unable to replace line as the assigned product doesn't exist.", "orderLineId"
            )
        cleaned.append(
            ReturnedFulfillmentLine(line, quantity, bool(item.get("replace")), item.get("reason"))
        )
    return cleaned


@resolver("Mutation.orderFulfillmentReturnProducts")
def resolve_order_fulfillment_return_products(
    _root: Any, info: GraphQLResolveInfo, *, order: str, input: dict[str, Any]
) -> Record:
    context = context_of(info)
    store = context.store
    empty = {
        "order": None,
        "returnFulfillment": None,
        "replaceFulfillment": None,
        "replaceOrder": None,
    }
    try:
        target = _order_or_error(store, order, "order")
        if input.get("refund"):
            # Only legacy payment plugins refund here; the double has no legacy payments,
            # so a Transactions-API order is refused as on a live 3.24.
            raise MutationError("order", "CANNOT_REFUND", "Order cannot be refunded.")
        order_lines = _clean_order_lines(target, list(input.get("orderLines") or []))
        fulfillment_lines = _clean_fulfillment_lines(
            store, target, list(input.get("fulfillmentLines") or [])
        )
    except MutationError as error:
        return _payload(
            "FulfillmentReturnProducts", "orderErrors", errors=[error.as_record], **empty
        )
    requester = context.requester
    result = store.return_products(
        target,
        order_lines=order_lines,
        fulfillment_lines=fulfillment_lines,
        reason=input.get("reason") or "",
        user=requester.user,
        app=requester.app,
    )
    context.emit("ORDER_UPDATED", order=target)
    if result.replace_order is not None:
        context.emit("DRAFT_ORDER_CREATED", order=result.replace_order)
    return _payload(
        "FulfillmentReturnProducts",
        "orderErrors",
        order=target,
        returnFulfillment=result.return_fulfillment,
        replaceFulfillment=result.replace_fulfillment,
        replaceOrder=result.replace_order,
    )


# -- stocks ---------------------------------------------------------------------------------


def _variant_or_error(store: Store, variant_id: str | None, sku: str | None) -> Record:
    if variant_id and sku:
        raise MutationError(
            None, "GRAPHQL_ERROR", "Argument 'sku' cannot be combined with 'variant_id'"
        )
    if not variant_id and not sku:
        raise MutationError(
            None, "GRAPHQL_ERROR", "At least one of arguments is required: 'sku', 'variant_id'."
        )
    if sku:
        try:
            return store.variant_by_sku(sku)
        except KeyError:
            raise MutationError("sku", "NOT_FOUND", f"Couldn't resolve to a node: {sku}") from None
    node_id_or_error(str(variant_id), "ProductVariant", "id")
    variant = store.variants.get(str(variant_id))
    if variant is None:
        raise _missing_node("id", str(variant_id))
    return variant


def _stock_errors(store: Store, stocks: list[dict[str, Any]]) -> list[Record]:
    warehouse_ids = [stock["warehouse"] for stock in stocks]
    errors = []
    for duplicated in sorted({wid for wid in warehouse_ids if warehouse_ids.count(wid) > 1}):
        index = max(i for i, wid in enumerate(warehouse_ids) if wid == duplicated)
        errors.append(
            Record(
                field="warehouse", code="UNIQUE", message="Duplicated warehouse ID.", index=index
            )
        )
    if errors:
        return errors
    missing = [wid for wid in warehouse_ids if wid not in store.warehouses]
    if missing:
        return [
            Record(
                field="warehouse",
                code="GRAPHQL_ERROR",
                message=f"Couldn't resolve id: {missing}.",
                index=None,
            )
        ]
    return []


@resolver("Mutation.productVariantStocksUpdate")
def resolve_product_variant_stocks_update(
    _root: Any,
    info: GraphQLResolveInfo,
    *,
    stocks: list[dict[str, Any]],
    variantId: str | None = None,
    sku: str | None = None,
) -> Record:
    """Set (not add) each warehouse's on-hand quantity, creating missing stocks."""
    context = context_of(info)
    store = context.store
    try:
        variant = _variant_or_error(store, variantId, sku)
    except MutationError as error:
        return _payload(
            "ProductVariantStocksUpdate",
            "bulkStockErrors",
            errors=[error.as_record],
            productVariant=None,
        )
    errors = _stock_errors(store, stocks)
    if errors:
        return _payload(
            "ProductVariantStocksUpdate", "bulkStockErrors", errors=errors, productVariant=None
        )
    for item in stocks:
        warehouse = store.warehouses[item["warehouse"]]
        before = store.stock_of(variant, warehouse)
        stock = store.set_stock(variant, warehouse, item["quantity"])
        allocated = stock["quantityAllocated"]
        old_available = None if before is None else before - allocated
        new_available = item["quantity"] - allocated
        if (old_available is None and new_available > 0) or (
            old_available is not None and old_available <= 0 < new_available
        ):
            context.emit(
                "PRODUCT_VARIANT_BACK_IN_STOCK", product_variant=variant, warehouse=warehouse
            )
        if old_available is not None and old_available > 0 >= new_available:
            context.emit(
                "PRODUCT_VARIANT_OUT_OF_STOCK", product_variant=variant, warehouse=warehouse
            )
        context.emit("PRODUCT_VARIANT_STOCK_UPDATED", product_variant=variant, warehouse=warehouse)
    return _payload("ProductVariantStocksUpdate", "bulkStockErrors", productVariant=variant)
