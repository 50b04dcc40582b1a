"""Fixtures for the Saleor double's own tests (no Django needed).

One double is started per session (building the schema takes about a second) and reset
before each test; ``app_stub`` is a loopback HTTP server standing in for the app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from saleor_returns_app.testing.saleor_double import SaleorDouble
from saleor_returns_app.testing.saleor_double.app_stub import AppStub, StubReply

ORDER_FULFILLED_SUBSCRIPTION = """
subscription OrderFulfilled {
  event {
    ... on OrderFulfilled {
      issuedAt
      version
      recipient { id }
      order {
        id
        number
        status
        userEmail
        fulfillments { id status trackingNumber lines { quantity orderLine { id productSku } } }
      }
    }
  }
}
"""

APP_DELETED_SUBSCRIPTION = """
subscription AppDeleted { event { ... on AppDeleted { issuedAt recipient { id } app { id } } } }
"""


@pytest.fixture(scope="session")
def started_double() -> Iterator[SaleorDouble]:
    with SaleorDouble() as double:
        yield double


@pytest.fixture
def double(started_double: SaleorDouble) -> SaleorDouble:
    started_double.reset()
    return started_double


@pytest.fixture
def app_stub() -> Iterator[AppStub]:
    with AppStub() as stub:
        yield stub


@pytest.fixture
def order_fulfilled_subscription() -> str:
    return ORDER_FULFILLED_SUBSCRIPTION


@pytest.fixture
def make_manifest(app_stub: AppStub) -> Callable[..., dict[str, Any]]:
    """A valid returns-app manifest pointing at ``app_stub``; keyword args override keys."""

    def make(**overrides: Any) -> dict[str, Any]:
        manifest: dict[str, Any] = {
            "id": "saleor.returns.test",
            "name": "Returns",
            "version": "1.0.0",
            "about": "Returns portal",
            "permissions": ["MANAGE_ORDERS"],
            "appUrl": app_stub.url("/app/"),
            "tokenTargetUrl": app_stub.url("/api/register"),
            "requiredSaleorVersion": ">=3.21 <4",
            "webhooks": [
                {
                    "name": "Order fulfilled",
                    "asyncEvents": ["ORDER_FULFILLED"],
                    "query": ORDER_FULFILLED_SUBSCRIPTION,
                    "targetUrl": app_stub.url("/webhooks/order-fulfilled"),
                    "isActive": True,
                },
                {
                    "name": "App deleted",
                    "asyncEvents": ["APP_DELETED"],
                    "query": APP_DELETED_SUBSCRIPTION,
                    "targetUrl": app_stub.url("/webhooks/app-deleted"),
                    "isActive": True,
                },
            ],
            "extensions": [
                {
                    "label": "Returns",
                    "mount": "NAVIGATION_ORDERS",
                    "target": "APP_PAGE",
                    "permissions": ["MANAGE_ORDERS"],
                    "url": "/returns/",
                }
            ],
        }
        manifest.update(overrides)
        return manifest

    return make


@pytest.fixture
def serve_manifest(
    app_stub: AppStub, make_manifest: Callable[..., dict[str, Any]]
) -> Callable[..., str]:
    """Serve a manifest (plus a 200 register endpoint unless routed); returns its URL."""

    def serve(**overrides: Any) -> str:
        app_stub.reply("/api/manifest", StubReply(200, make_manifest(**overrides)))
        if "/api/register" not in app_stub.routes:
            app_stub.reply("/api/register", StubReply(200, {"success": True}))
        return app_stub.url("/api/manifest")

    return serve


@pytest.fixture
def shop(double: SaleorDouble) -> dict[str, Any]:
    """A channel, warehouse, product with two variants, a customer and a paid order."""
    store = double.store
    channel = store.add_channel()
    warehouse = store.add_warehouse("Main warehouse")
    product = store.add_product(
        "Linen shirt",
        variants=[
            {"sku": "SHIRT-S", "name": "S", "price": "120.00"},
            {"sku": "SHIRT-M", "name": "M", "price": "120.00"},
        ],
    )
    small, medium = product["variants"]
    store.set_stock(small, warehouse, 5)
    store.set_stock(medium, warehouse, 5)
    customer = store.add_customer("jane@example.com", "Jane", "Doe")
    order = store.add_order(
        channel=channel,
        lines=[(small, 2), (medium, 1)],
        customer=customer,
        shipping_address={"first_name": "Jane", "last_name": "Doe", "city": "Kraków"},
    )
    store.add_transaction(order, "360.00")
    return {
        "channel": channel,
        "warehouse": warehouse,
        "product": product,
        "customer": customer,
        "order": order,
    }
