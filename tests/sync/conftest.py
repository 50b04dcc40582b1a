"""A Romanian shop in the Saleor double: one shipped, paid order with stock in a warehouse."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from saleor_returns_app.testing.saleor_double import Record, SaleorDouble

INITIAL_STOCK = 10


@dataclass(frozen=True)
class Shop:
    saleor: SaleorDouble
    channel: Record
    warehouse: Record
    order: Record
    transaction: Record
    payments: Record

    def stock(self, index: int) -> int | None:
        variant = self.order["lines"][index]["variant"]
        return self.saleor.store.stock_of(variant, self.warehouse)

    @property
    def fulfilments(self) -> list[Record]:
        return list(self.order["fulfillments"])

    def notes(self) -> list[str]:
        return [e["message"] for e in self.order["events"] if e["type"] == "NOTE_ADDED"]

    def metadata(self) -> dict[str, str]:
        return {item["key"]: item["value"] for item in self.order["metadata"]}


@pytest.fixture
def granted_permissions() -> list[str] | None:
    """What the installer grants; None grants all the manifest asks for."""
    return None


@pytest.fixture
def installed(saleor: SaleorDouble, manifest_url: str, granted_permissions):
    return saleor.install_app(manifest_url, permissions=granted_permissions)


@pytest.fixture
def shop(saleor: SaleorDouble, installed) -> Shop:
    channel = saleor.store.add_channel(slug="ro", currency="RON", country="RO")
    warehouse = saleor.store.add_warehouse("Depozit Bucuresti", country="RO", city="Bucuresti")
    shirt = saleor.store.add_product(
        "Camasa de in",
        variants=[
            {"sku": "CAM-M", "name": "M", "price": "200.00"},
            {"sku": "CAM-L", "name": "L", "price": "150.00"},
        ],
    )
    for variant in shirt["variants"]:
        saleor.store.set_stock(variant, warehouse, INITIAL_STOCK)
    payments = saleor.store.add_payment_app(handles_refunds=True)
    order = saleor.store.add_order(
        channel=channel,
        lines=[(shirt["variants"][0], 2), (shirt["variants"][1], 1)],
        user_email="stefan@example.ro",
        shipping_price="20.00",
    )
    transaction = saleor.store.add_transaction(order, "570.00", app=payments)
    saleor.fulfill(order, warehouse=warehouse, deliver=False)
    return Shop(saleor, channel, warehouse, order, transaction, payments)


@pytest.fixture
def no_enqueue(monkeypatch) -> None:
    """Operations are run by the test in this process, never by a worker."""
    monkeypatch.setattr("saleor_returns_app.saleor_sync.services._enqueue", lambda _pk: None)
