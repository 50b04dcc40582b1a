"""order_facts turns the OrderForReturn payload, as the double serves it, into OrderFacts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from saleor_returns_app.returns.saleor_order import order_facts, saleor_returned_quantities
from saleor_returns_app.saleor.client import SaleorClient
from saleor_returns_app.testing.saleor_double import SaleorDouble


@pytest.fixture(scope="module")
def double() -> Iterator[SaleorDouble]:
    with SaleorDouble() as started:
        yield started


@pytest.fixture
def saleor(double: SaleorDouble) -> SaleorDouble:
    double.reset()
    return double


@pytest.fixture
def client(saleor: SaleorDouble) -> SaleorClient:
    app = saleor.create_app("R", permissions=["MANAGE_ORDERS"])
    return SaleorClient(saleor.api_url, app.token)


@pytest.fixture
def order(saleor: SaleorDouble) -> Any:
    store = saleor.store
    store.add_channel("pl", currency="PLN", country="PL")
    store.add_warehouse("Main")
    dress = store.add_product(
        "Dress",
        variants=[
            {"sku": "DRESS-M", "name": "M", "price": "200.00", "metadata": {"final_sale": "yes"}}
        ],
        product_type="Dresses",
        category="Women",
        collections=["Summer 2026", "Outlet"],
        metadata={"final_sale": "no", "material": "linen"},
        thumbnail_url="https://cdn.example.com/dress.png",
    )
    socks = store.add_product(
        "Socks", variants=[{"sku": "SOCKS", "price": "19.99"}], category="Accessories"
    )
    customer = store.add_customer("jane@example.com")
    return store.add_order(
        lines=[(dress["variants"][0], 2, "150.00"), (socks["variants"][0], 3)],
        customer=customer,
        shipping_address={"city": "Praha", "country_code": "cz"},
        shipping_price="10.00",
    )


def _payload(client: SaleorClient, order: Any) -> dict[str, Any]:
    return client.execute("OrderForReturn", {"id": order["id"]})["order"]


def test_order_level_facts(client, order) -> None:
    # when
    facts = order_facts(order=_payload(client, order), returned_quantities={})

    # then
    assert facts.order_id == order["id"]
    assert facts.number == order["number"]
    assert facts.channel_slug == "pl"
    assert facts.country_code == "CZ"
    assert facts.currency == "PLN"
    assert facts.total == Decimal("369.97")
    assert facts.customer_email == "jane@example.com"
    assert facts.customer_id == order["user"]["id"]


def test_line_prices_and_catalogue_keys(client, order) -> None:
    # when
    facts = order_facts(order=_payload(client, order), returned_quantities={})

    # then
    dress, socks = facts.lines
    assert (dress.unit_price, dress.undiscounted_unit_price) == (
        Decimal("150.00"),
        Decimal("200.00"),
    )
    assert socks.unit_price == Decimal("19.99")
    assert (dress.sku, dress.product_type, dress.category) == ("DRESS-M", "dresses", "women")
    assert dress.collections == frozenset({"summer-2026", "outlet"})
    assert dress.variant_id == order["lines"][0]["variant"]["id"]


def test_variant_metadata_wins_over_product_metadata(client, order) -> None:
    # when
    facts = order_facts(order=_payload(client, order), returned_quantities={})

    # then
    assert dict(facts.lines[0].metadata) == {"final_sale": "yes", "material": "linen"}


def test_quantities_come_from_saleor_and_our_returns(client, saleor, order) -> None:
    # given
    dress_line, socks_line = order["lines"]
    saleor.store.fulfill(order, [(dress_line, 2), (socks_line, 1)])

    # when
    facts = order_facts(order=_payload(client, order), returned_quantities={dress_line["id"]: 1})

    # then
    dress, socks = facts.lines
    assert (dress.quantity, dress.quantity_fulfilled, dress.quantity_returned) == (2, 2, 1)
    assert (socks.quantity, socks.quantity_fulfilled, socks.quantity_returned) == (3, 1, 0)


def test_unfulfilled_line_has_no_fulfilment_date(client, order) -> None:
    # when
    facts = order_facts(order=_payload(client, order), returned_quantities={})

    # then
    assert [line.fulfilled_at for line in facts.lines] == [None, None]
    assert [line.delivered_at for line in facts.lines] == [None, None]


def test_fulfilled_at_is_the_latest_fulfilment_of_the_line(client, saleor, order) -> None:
    # given
    _dress_line, socks_line = order["lines"]
    first = saleor.store.fulfill(order, [(socks_line, 1)])
    first["created"] = "2026-03-01T10:00:00+00:00"
    second = saleor.store.fulfill(order, [(socks_line, 2)])
    second["created"] = "2026-03-05T10:00:00+00:00"

    # when
    facts = order_facts(order=_payload(client, order), returned_quantities={})

    # then
    assert facts.lines[1].fulfilled_at == datetime(2026, 3, 5, 10, tzinfo=UTC)


def test_fallback_dates_cover_fulfilments_saleor_deleted(client, saleor, order) -> None:
    # given: a full return makes Saleor delete the original fulfilment
    fulfillment = saleor.store.fulfill(order)
    shipped_at = datetime(2026, 3, 1, 10, tzinfo=UTC)
    payload = client.mutate(
        "OrderFulfillmentReturnProducts",
        {
            "order": order["id"],
            "input": {
                "fulfillmentLines": [
                    {"fulfillmentLineId": line["id"], "quantity": line["quantity"]}
                    for line in fulfillment["lines"]
                ]
            },
        },
    )
    assert payload["order"]["status"] == "RETURNED"
    fallback = {line["id"]: shipped_at for line in order["lines"]}

    # when
    facts = order_facts(
        order=_payload(client, order), returned_quantities={}, fulfilled_at_fallback=fallback
    )

    # then
    assert [line.fulfilled_at for line in facts.lines] == [shipped_at, shipped_at]


def test_saleor_returned_quantities_count_returned_fulfilments(client, saleor, order) -> None:
    # given
    dress_line, _socks_line = order["lines"]
    fulfillment = saleor.store.fulfill(order)
    client.mutate(
        "OrderFulfillmentReturnProducts",
        {
            "order": order["id"],
            "input": {
                "fulfillmentLines": [
                    {"fulfillmentLineId": fulfillment["lines"][0]["id"], "quantity": 1}
                ]
            },
        },
    )

    # when
    returned = saleor_returned_quantities(_payload(client, order))

    # then
    assert returned == {dress_line["id"]: 1}


def test_guest_order_uses_the_order_email(client, saleor) -> None:
    # given
    product = saleor.store.add_product("Cap", variants=[{"sku": "CAP", "price": "30"}])
    guest_order = saleor.store.add_order(
        lines=[(product["variants"][0], 1)], user_email="guest@example.com"
    )

    # when
    facts = order_facts(order=_payload(client, guest_order), returned_quantities={})

    # then
    assert (facts.customer_email, facts.customer_id) == ("guest@example.com", None)


def test_country_falls_back_to_the_channel_without_addresses(client, saleor) -> None:
    # given
    channel = saleor.store.add_channel("de", currency="EUR", country="DE")
    product = saleor.store.add_product("Cap", variants=[{"sku": "CAP", "price": "30"}])
    order = saleor.store.add_order(
        channel=channel, lines=[(product["variants"][0], 1)], user_email="a@example.com"
    )

    # when
    facts = order_facts(order=_payload(client, order), returned_quantities={})

    # then
    assert (facts.country_code, facts.currency) == ("DE", "EUR")
