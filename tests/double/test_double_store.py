"""Arranging data through the double's store."""

from __future__ import annotations

from typing import Any

import pytest

from saleor_returns_app.testing.saleor_double import SaleorDouble, from_global_id


def test_records_read_as_attributes_too(shop: dict[str, Any]) -> None:
    # given
    order = shop["order"]

    # when
    variant = shop["product"].variants[0]

    # then
    assert variant is shop["product"]["variants"][0]
    assert order.id == order["id"]
    assert order.user_email == order.userEmail == "jane@example.com"
    with pytest.raises(AttributeError):
        _ = order.no_such_field


def test_orders_get_uuid_ids_and_sequential_numbers(double: SaleorDouble) -> None:
    # given
    variant = double.store.add_product("Cap", variants=[{"sku": "CAP", "price": "10"}]).variants[0]

    # when
    first = double.store.add_order(lines=[(variant, 1)], user_email="a@example.com")
    second = double.store.add_order(lines=[(variant, 1)], user_email="b@example.com")

    # then
    assert (first.number, second.number) == ("1", "2")
    type_name, pk = from_global_id(first.id)
    assert type_name == "Order"
    assert len(pk) == 36


def test_order_totals_come_from_the_lines(shop: dict[str, Any]) -> None:
    # given
    order = shop["order"]

    # then
    assert order.total == order.subtotal
    assert order.total["gross"] == {
        "__typename": "Money",
        "currency": "PLN",
        "amount": 360.0,
        "fractionalAmount": 36000,
        "fractionDigits": 2,
    }
    assert order.lines[0].totalPrice["gross"]["amount"] == 240.0


def test_transactions_update_the_charge_status(double: SaleorDouble, shop: dict[str, Any]) -> None:
    # given: the shop fixture's order is fully charged
    order = shop["order"]

    # then
    assert order.chargeStatus == "FULL"
    assert order.isPaid is True
    assert order.totalCharged["amount"] == 360.0


def test_partial_fulfilment_updates_lines_status_and_stock(
    double: SaleorDouble, shop: dict[str, Any]
) -> None:
    # given
    order = shop["order"]
    line = order.lines[0]

    # when
    fulfillment = double.store.fulfill(order, [(line, 1)], tracking_number="T-1")

    # then
    assert (line.quantityFulfilled, line.quantityToFulfill) == (1, 1)
    assert order.status == "PARTIALLY_FULFILLED"
    assert fulfillment.fulfillmentOrder == 1
    assert fulfillment.lines[0].orderLine is line
    assert line.variant.stocks[0].quantity == 4
    assert order.events[-1].type == "FULFILLMENT_FULFILLED_ITEMS"


def test_fulfilling_more_than_ordered_is_refused(
    double: SaleorDouble, shop: dict[str, Any]
) -> None:
    # given
    order = shop["order"]

    # when / then
    with pytest.raises(ValueError, match="can be fulfilled"):
        double.store.fulfill(order, [(order.lines[0], 3)])


def test_reset_forgets_everything(double: SaleorDouble, shop: dict[str, Any]) -> None:
    # given
    double.create_app("Returns")

    # when
    double.reset()

    # then
    assert double.store.orders == {}
    assert double.store.apps == {}
    assert double.requests == []
