"""Webhook deliveries rendered from subscription documents, signed and sent as Saleor does."""

from __future__ import annotations

import json
from typing import Any

import jwt
import pytest

from saleor_returns_app.testing.saleor_double import InstalledApp, SaleorDouble
from saleor_returns_app.testing.saleor_double.app_stub import AppStub, StubReply

TARGET = "/webhooks/order-fulfilled"


@pytest.fixture
def returns_app(
    double: SaleorDouble, app_stub: AppStub, order_fulfilled_subscription: str
) -> InstalledApp:
    """An app with MANAGE_ORDERS subscribed to ORDER_FULFILLED at ``app_stub``."""
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    double.store.add_webhook(
        app.app,
        name="Order fulfilled",
        target_url=app_stub.url(TARGET),
        events=["ORDER_FULFILLED"],
        query=order_fulfilled_subscription,
    )
    app_stub.reply(TARGET, StubReply(200, {}))
    return app


def _verify(double: SaleorDouble, signature: str, body: bytes) -> dict[str, Any]:
    [jwk] = double.jwks()["keys"]
    return jwt.api_jws.decode_complete(
        signature, jwt.PyJWK(jwk).key, algorithms=["RS256"], detached_payload=body
    )


def test_order_fulfilled_payload_comes_from_the_subscription(
    double: SaleorDouble, returns_app: InstalledApp, shop: dict[str, Any]
) -> None:
    # given
    order = shop["order"]
    fulfillment = double.store.fulfill(order, tracking_number="TRACK-1")

    # when
    [delivery] = double.build_deliveries("ORDER_FULFILLED", order=order)

    # then
    payload = json.loads(delivery.body)
    assert payload["recipient"] == {"id": returns_app.id}
    assert payload["version"] == "3.24.0"
    assert payload["issuedAt"].endswith("+00:00")
    assert payload["order"]["id"] == order["id"]
    assert payload["order"]["status"] == "FULFILLED"
    assert payload["order"]["fulfillments"] == [
        {
            "id": fulfillment["id"],
            "status": "FULFILLED",
            "trackingNumber": "TRACK-1",
            "lines": [
                {
                    "quantity": 2,
                    "orderLine": {"id": order["lines"][0]["id"], "productSku": "SHIRT-S"},
                },
                {
                    "quantity": 1,
                    "orderLine": {"id": order["lines"][1]["id"], "productSku": "SHIRT-M"},
                },
            ],
        }
    ]


def test_delivery_body_is_json_dumps_of_the_event(
    double: SaleorDouble, returns_app: InstalledApp, shop: dict[str, Any]
) -> None:
    # given
    order = shop["order"]

    # when
    [delivery] = double.build_deliveries("ORDER_FULFILLED", order=order)

    # then
    assert delivery.body == json.dumps(json.loads(delivery.body)).encode()


def test_delivery_headers_match_saleor(
    double: SaleorDouble, returns_app: InstalledApp, shop: dict[str, Any]
) -> None:
    # when
    [delivery] = double.build_deliveries("ORDER_FULFILLED", order=shop["order"])

    # then
    headers = delivery.headers
    assert headers["Content-Type"] == "application/json"
    assert headers["Saleor-Event"] == headers["X-Saleor-Event"] == "order_fulfilled"
    assert headers["Saleor-Domain"] == headers["X-Saleor-Domain"] == double.domain
    assert headers["Saleor-Api-Url"] == double.api_url
    assert headers["Saleor-Signature"] == headers["X-Saleor-Signature"]


def test_delivery_signature_verifies_and_tampering_breaks_it(
    double: SaleorDouble, returns_app: InstalledApp, shop: dict[str, Any]
) -> None:
    # given
    [delivery] = double.build_deliveries("ORDER_FULFILLED", order=shop["order"])
    signature = delivery.headers["Saleor-Signature"]

    # when
    verified = _verify(double, signature, delivery.body)
    delivery.body = delivery.body.replace(b"jane@example.com", b"evil@example.com")

    # then
    assert verified["header"]["kid"] == double.kid
    with pytest.raises(jwt.InvalidSignatureError):
        _verify(double, signature, delivery.body)


def test_fulfill_sends_saleors_events_in_order(
    double: SaleorDouble, returns_app: InstalledApp, app_stub: AppStub, shop: dict[str, Any]
) -> None:
    # given
    for event in ("FULFILLMENT_CREATED", "FULFILLMENT_APPROVED", "ORDER_UPDATED"):
        double.store.add_webhook(
            returns_app.app,
            name=event,
            target_url=app_stub.url(f"/webhooks/{event.lower()}"),
            events=[event],
            query="subscription { event { __typename } }",
        )
        app_stub.reply(f"/webhooks/{event.lower()}", StubReply(200, {}))

    # when
    fulfillment = double.fulfill(shop["order"], tracking_number="TRACK-2")

    # then
    sent = [delivery.event_type for delivery in double.sent_deliveries]
    assert sent == [
        "FULFILLMENT_CREATED",
        "FULFILLMENT_APPROVED",
        "ORDER_UPDATED",
        "ORDER_FULFILLED",
    ]
    assert [response.status_code for response in double.deliveries_log] == [200] * 4
    [received] = app_stub.to(TARGET)
    assert received.json()["order"]["fulfillments"][0]["id"] == fulfillment["id"]
    assert received.headers["User-Agent"] == "Saleor/3.24"


def test_partial_fulfilment_does_not_send_order_fulfilled(
    double: SaleorDouble, returns_app: InstalledApp, app_stub: AppStub, shop: dict[str, Any]
) -> None:
    # given
    first_line = shop["order"]["lines"][0]

    # when
    double.fulfill(shop["order"], lines=[(first_line, 1)])

    # then
    assert shop["order"]["status"] == "PARTIALLY_FULFILLED"
    assert app_stub.to(TARGET) == []


def test_apps_without_manage_orders_do_not_receive_order_events(
    double: SaleorDouble, app_stub: AppStub, shop: dict[str, Any], order_fulfilled_subscription: str
) -> None:
    # given
    app = double.create_app("Newsletter", ["MANAGE_USERS"])
    double.store.add_webhook(
        app.app,
        name="Order fulfilled",
        target_url=app_stub.url(TARGET),
        events=["ORDER_FULFILLED"],
        query=order_fulfilled_subscription,
    )

    # when
    deliveries = double.build_deliveries("ORDER_FULFILLED", order=shop["order"])

    # then
    assert deliveries == []


def test_app_deleted_goes_only_to_the_deleted_app(double: SaleorDouble, app_stub: AppStub) -> None:
    # given
    query = "subscription { event { ... on AppDeleted { app { id } } } }"
    apps = [double.create_app(name, ["MANAGE_ORDERS"]) for name in ("Returns", "Other")]
    for app in apps:
        double.store.add_webhook(
            app.app,
            name="bye",
            target_url=app_stub.url("/bye"),
            events=["APP_DELETED"],
            query=query,
        )

    # when
    deliveries = double.build_deliveries("APP_DELETED", app=apps[0])

    # then
    assert [delivery.app["id"] for delivery in deliveries] == [apps[0].id]


def test_filterable_subscription_is_wrapped_in_data(
    double: SaleorDouble, returns_app: InstalledApp, app_stub: AppStub, shop: dict[str, Any]
) -> None:
    # given
    double.store.webhooks.clear()
    double.store.add_webhook(
        returns_app.app,
        name="Order fulfilled (filterable)",
        target_url=app_stub.url(TARGET),
        events=["ORDER_FULFILLED"],
        query='subscription { orderFulfilled(channels: ["default-channel"]) { order { number } } }',
    )

    # when
    [delivery] = double.build_deliveries("ORDER_FULFILLED", order=shop["order"])

    # then
    assert json.loads(delivery.body) == {"data": {"orderFulfilled": {"order": {"number": "1"}}}}


def test_queued_mutation_events_are_sent_on_flush(
    double: SaleorDouble, app_stub: AppStub, shop: dict[str, Any]
) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    double.store.add_webhook(
        app.app,
        name="Order updated",
        target_url=app_stub.url("/webhooks/order-updated"),
        events=["ORDER_UPDATED"],
        query="subscription { event { ... on OrderUpdated { order { events { type } } } } }",
    )
    app_stub.reply("/webhooks/order-updated", StubReply(200, {}))
    mutation = """
    mutation($id: ID!) { orderNoteAdd(order: $id, input: {message: "hi"}) { errors { code } } }
    """
    double.post_graphql(mutation, {"id": shop["order"]["id"]}, token=app.token)

    # when
    responses = double.flush_events()

    # then
    assert [response.status_code for response in responses] == [200]
    [received] = app_stub.to("/webhooks/order-updated")
    assert received.json()["order"]["events"][-1] == {"type": "NOTE_ADDED"}
    assert double.pending_events == []
