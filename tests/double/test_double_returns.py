"""orderFulfillmentReturnProducts and productVariantStocksUpdate, as Saleor 3.24 runs them."""

from __future__ import annotations

from typing import Any

from saleor_returns_app.testing.saleor_double import SaleorDouble

RETURN_PRODUCTS = """
mutation Return($order: ID!, $input: OrderReturnProductsInput!) {
  orderFulfillmentReturnProducts(order: $order, input: $input) {
    returnFulfillment { id status reason lines { quantity reason orderLine { id } } }
    replaceFulfillment { id status lines { quantity } }
    order { id status fulfillments { id status } }
    replaceOrder { id status userEmail lines { productSku quantity quantityFulfilled } }
    errors { field code message }
  }
}
"""
STOCKS_UPDATE = """
mutation Stocks($variantId: ID, $sku: String, $stocks: [StockInput!]!) {
  productVariantStocksUpdate(variantId: $variantId, sku: $sku, stocks: $stocks) {
    productVariant { id stocks { warehouse { id } quantity } }
    errors { field code message index }
  }
}
"""


def _return(double: SaleorDouble, token: str, order: dict, **input_: Any) -> dict[str, Any]:
    body = double.post_graphql(
        RETURN_PRODUCTS, {"order": order["id"], "input": input_}, token=token
    )
    return body.json()["data"]["orderFulfillmentReturnProducts"]


def _fulfilled(double: SaleorDouble, shop: dict[str, Any]) -> tuple[dict, dict]:
    order = shop["order"]
    fulfillment = double.store.fulfill(order, tracking_number="TRACK-1")
    return order, fulfillment


def test_returning_part_of_a_fulfilment_creates_a_returned_fulfilment(double, shop) -> None:
    # given
    order, fulfillment = _fulfilled(double, shop)
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    small_line = fulfillment["lines"][0]

    # when
    payload = _return(
        double,
        app.token,
        order,
        fulfillmentLines=[
            {"fulfillmentLineId": small_line["id"], "quantity": 1, "reason": "Too small"}
        ],
        reason="R-2026-000001",
    )

    # then
    assert payload["errors"] == []
    returned = payload["returnFulfillment"]
    assert returned["status"] == "RETURNED"
    assert returned["reason"] == "R-2026-000001"
    assert returned["lines"] == [
        {"quantity": 1, "reason": "Too small", "orderLine": {"id": small_line["orderLine"]["id"]}}
    ]
    assert payload["order"]["status"] == "PARTIALLY_RETURNED"
    assert small_line["quantity"] == 1
    assert fulfillment in order["fulfillments"]
    assert [event.event_type for event in double.pending_events] == ["ORDER_UPDATED"]


def test_returning_everything_deletes_the_original_fulfilment(double, shop) -> None:
    # given
    order, fulfillment = _fulfilled(double, shop)
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    lines = [
        {"fulfillmentLineId": ln["id"], "quantity": ln["quantity"]} for ln in fulfillment["lines"]
    ]

    # when
    payload = _return(double, app.token, order, fulfillmentLines=lines)

    # then
    assert payload["order"]["status"] == "RETURNED"
    assert [f["status"] for f in payload["order"]["fulfillments"]] == ["RETURNED"]
    assert all(line["quantityFulfilled"] == line["quantity"] for line in order["lines"])


def test_replace_creates_a_replaced_fulfilment_and_a_draft_order(double, shop) -> None:
    # given
    order, fulfillment = _fulfilled(double, shop)
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    small_line = fulfillment["lines"][0]

    # when
    payload = _return(
        double,
        app.token,
        order,
        fulfillmentLines=[{"fulfillmentLineId": small_line["id"], "quantity": 2, "replace": True}],
    )

    # then
    assert payload["errors"] == []
    assert payload["replaceFulfillment"]["status"] == "REPLACED"
    assert payload["replaceFulfillment"]["lines"] == [{"quantity": 2}]
    draft = payload["replaceOrder"]
    assert draft["status"] == "DRAFT"
    assert draft["userEmail"] == "jane@example.com"
    assert draft["lines"] == [{"productSku": "SHIRT-S", "quantity": 2, "quantityFulfilled": 0}]
    assert payload["returnFulfillment"]["lines"] == []
    # replaced units do not count as returned: the medium shirt is still out there
    assert payload["order"]["status"] == "FULFILLED"
    events = [event.event_type for event in double.pending_events]
    assert events == ["ORDER_UPDATED", "DRAFT_ORDER_CREATED"]


def test_returning_more_than_the_fulfilment_line_holds_is_refused(double, shop) -> None:
    # given
    order, fulfillment = _fulfilled(double, shop)
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    line = fulfillment["lines"][0]

    # when
    payload = _return(
        double,
        app.token,
        order,
        fulfillmentLines=[{"fulfillmentLineId": line["id"], "quantity": 3}],
    )

    # then
    assert payload["errors"] == [
        {
            "field": "fulfillmentLineId",
            "code": "INVALID_QUANTITY",
            "message": "Provided quantity is bigger than quantity from fulfillment line",
        }
    ]
    assert payload["returnFulfillment"] is None
    assert [f["status"] for f in order["fulfillments"]] == ["FULFILLED"]
    assert double.pending_events == []


def test_order_lines_input_takes_only_unfulfilled_units(double, shop) -> None:
    # given
    order, _fulfillment = _fulfilled(double, shop)
    app = double.create_app("Returns", ["MANAGE_ORDERS"])

    # when
    payload = _return(
        double,
        app.token,
        order,
        orderLines=[{"orderLineId": order["lines"][0]["id"], "quantity": 1}],
    )

    # then
    assert payload["errors"][0]["code"] == "INVALID_QUANTITY"
    assert (
        payload["errors"][0]["message"] == "Provided quantity is bigger than unfulfilled quantity."
    )


def test_refund_flag_fails_on_a_transactions_api_order(double, shop) -> None:
    # given
    order, fulfillment = _fulfilled(double, shop)
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    line = fulfillment["lines"][0]

    # when
    payload = _return(
        double,
        app.token,
        order,
        fulfillmentLines=[{"fulfillmentLineId": line["id"], "quantity": 1}],
        refund=True,
    )

    # then
    assert payload["errors"] == [
        {"field": "order", "code": "CANNOT_REFUND", "message": "Order cannot be refunded."}
    ]


def test_return_products_needs_manage_orders(double, shop) -> None:
    # given
    order, fulfillment = _fulfilled(double, shop)
    app = double.create_app("Returns", ["MANAGE_PRODUCTS"])
    variables = {
        "order": order["id"],
        "input": {
            "fulfillmentLines": [
                {"fulfillmentLineId": fulfillment["lines"][0]["id"], "quantity": 1}
            ]
        },
    }

    # when
    body = double.post_graphql(RETURN_PRODUCTS, variables, token=app.token).json()

    # then
    assert body["data"]["orderFulfillmentReturnProducts"] is None
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_stocks_update_sets_the_quantity(double, shop) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_PRODUCTS"])
    variant = shop["product"]["variants"][0]
    warehouse = shop["warehouse"]

    # when
    body = double.post_graphql(
        STOCKS_UPDATE,
        {"variantId": variant["id"], "stocks": [{"warehouse": warehouse["id"], "quantity": 7}]},
        token=app.token,
    ).json()

    # then
    payload = body["data"]["productVariantStocksUpdate"]
    assert payload["errors"] == []
    assert payload["productVariant"]["stocks"] == [
        {"warehouse": {"id": warehouse["id"]}, "quantity": 7}
    ]
    assert double.store.stock_of(variant, warehouse) == 7


def test_stocks_update_creates_a_stock_in_a_new_warehouse(double, shop) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_PRODUCTS"])
    variant = shop["product"]["variants"][0]
    returns_warehouse = double.store.add_warehouse("Returns")

    # when
    double.post_graphql(
        STOCKS_UPDATE,
        {
            "variantId": variant["id"],
            "stocks": [{"warehouse": returns_warehouse["id"], "quantity": 1}],
        },
        token=app.token,
    )

    # then
    assert double.store.stock_of(variant, returns_warehouse) == 1
    assert double.store.stock_of(variant, shop["warehouse"]) == 5


def test_stocks_update_refuses_duplicated_warehouses(double, shop) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_PRODUCTS"])
    variant = shop["product"]["variants"][0]
    warehouse_id = shop["warehouse"]["id"]
    stocks = [
        {"warehouse": warehouse_id, "quantity": 1},
        {"warehouse": warehouse_id, "quantity": 2},
    ]

    # when
    body = double.post_graphql(
        STOCKS_UPDATE, {"variantId": variant["id"], "stocks": stocks}, token=app.token
    ).json()

    # then
    assert body["data"]["productVariantStocksUpdate"]["errors"] == [
        {"field": "warehouse", "code": "UNIQUE", "message": "Duplicated warehouse ID.", "index": 1}
    ]
    assert double.store.stock_of(variant, shop["warehouse"]) == 5


def test_stocks_update_needs_manage_products(double, shop) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    variant = shop["product"]["variants"][0]

    # when
    body = double.post_graphql(
        STOCKS_UPDATE,
        {
            "variantId": variant["id"],
            "stocks": [{"warehouse": shop["warehouse"]["id"], "quantity": 9}],
        },
        token=app.token,
    ).json()

    # then
    assert body["data"]["productVariantStocksUpdate"] is None
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert double.store.stock_of(variant, shop["warehouse"]) == 5
