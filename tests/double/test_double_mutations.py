"""Mutations the returns app uses: webhooks, metadata and order notes."""

from __future__ import annotations

from typing import Any

from saleor_returns_app.testing.saleor_double import SaleorDouble, to_global_id

WEBHOOK_CREATE = """
mutation WebhookCreate($input: WebhookCreateInput!) {
  webhookCreate(input: $input) {
    errors { field code message }
    webhook { id name targetUrl isActive asyncEvents { eventType } app { id } }
  }
}
"""
WEBHOOK_UPDATE = """
mutation WebhookUpdate($id: ID!, $input: WebhookUpdateInput!) {
  webhookUpdate(id: $id, input: $input) {
    errors { field code message }
    webhook { id targetUrl isActive asyncEvents { eventType } }
  }
}
"""
WEBHOOK_DELETE = """
mutation WebhookDelete($id: ID!) {
  webhookDelete(id: $id) { errors { field code message } webhook { id } }
}
"""
APP_WEBHOOKS = "{ app { webhooks { id targetUrl } } }"
VALID_SUBSCRIPTION = "subscription { event { ... on OrderUpdated { order { id } } } }"


def _create_webhook(double: SaleorDouble, token: str, **input_overrides: Any) -> dict[str, Any]:
    webhook_input = {
        "name": "Order updated",
        "targetUrl": "https://returns.example.com/webhooks/order-updated",
        "asyncEvents": ["ORDER_UPDATED"],
        "query": VALID_SUBSCRIPTION,
        **input_overrides,
    }
    response = double.post_graphql(WEBHOOK_CREATE, {"input": webhook_input}, token=token)
    return response.json()["data"]["webhookCreate"]


def test_webhook_create_adds_a_webhook_to_the_calling_app(double: SaleorDouble) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])

    # when
    payload = _create_webhook(double, app.token)

    # then
    assert payload["errors"] == []
    assert payload["webhook"]["app"] == {"id": app.id}
    assert payload["webhook"]["asyncEvents"] == [{"eventType": "ORDER_UPDATED"}]
    listed = double.post_graphql(APP_WEBHOOKS, token=app.token).json()["data"]["app"]["webhooks"]
    assert listed == [
        {"id": payload["webhook"]["id"], "targetUrl": payload["webhook"]["targetUrl"]}
    ]


def test_webhook_create_takes_events_from_the_query(double: SaleorDouble) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])

    # when
    payload = _create_webhook(double, app.token, asyncEvents=None)

    # then
    assert payload["webhook"]["asyncEvents"] == [{"eventType": "ORDER_UPDATED"}]


def test_webhook_create_rejects_a_query_invalid_for_the_schema(double: SaleorDouble) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    invalid = "subscription { event { ... on OrderUpdated { order { nonexistent } } } }"

    # when
    payload = _create_webhook(double, app.token, query=invalid)

    # then
    assert payload["webhook"] is None
    [error] = payload["errors"]
    assert error["field"] == "query"
    assert error["code"] == "GRAPHQL_ERROR"
    assert "nonexistent" in error["message"]
    assert double.store.webhooks == {}


def test_webhook_create_rejects_a_query_that_is_not_a_subscription(double: SaleorDouble) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])

    # when
    payload = _create_webhook(double, app.token, query="query { shop { name } }")

    # then
    assert payload["errors"] == [
        {
            "field": "query",
            "code": "MISSING_SUBSCRIPTION",
            "message": "Subscription operation can't be found.",
        }
    ]


def test_webhook_create_reports_syntax_errors(double: SaleorDouble) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])

    # when
    payload = _create_webhook(double, app.token, query="subscription { event {")

    # then
    assert payload["errors"][0]["code"] == "SYNTAX"


def test_webhook_create_needs_an_app_or_manage_apps(double: SaleorDouble) -> None:
    # given
    token = double.mint_shopper_token(email="jane@example.com")

    # when
    response = double.post_graphql(
        WEBHOOK_CREATE, {"input": {"targetUrl": "https://x.example.com/"}}, token=token
    )

    # then
    assert response.json()["data"] == {"webhookCreate": None}
    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_webhook_update_changes_target_and_state(double: SaleorDouble) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    webhook_id = _create_webhook(double, app.token)["webhook"]["id"]
    new_input = {"targetUrl": "https://returns.example.com/v2/hook", "isActive": False}

    # when
    response = double.post_graphql(
        WEBHOOK_UPDATE, {"id": webhook_id, "input": new_input}, token=app.token
    )

    # then
    payload = response.json()["data"]["webhookUpdate"]
    assert payload["errors"] == []
    assert payload["webhook"]["targetUrl"] == "https://returns.example.com/v2/hook"
    assert payload["webhook"]["isActive"] is False


def test_webhook_update_of_unknown_id_is_not_found(double: SaleorDouble) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    unknown = to_global_id("Webhook", 999)

    # when
    response = double.post_graphql(
        WEBHOOK_UPDATE, {"id": unknown, "input": {"isActive": False}}, token=app.token
    )

    # then
    assert response.json()["data"]["webhookUpdate"]["errors"] == [
        {"field": "id", "code": "NOT_FOUND", "message": f"Couldn't resolve to a node: {unknown}"}
    ]


def test_an_app_cannot_update_another_apps_webhook(double: SaleorDouble) -> None:
    # given
    owner = double.create_app("Returns", ["MANAGE_ORDERS"])
    intruder = double.create_app("Intruder", ["MANAGE_ORDERS"])
    webhook_id = _create_webhook(double, owner.token)["webhook"]["id"]

    # when
    response = double.post_graphql(
        WEBHOOK_UPDATE, {"id": webhook_id, "input": {"isActive": False}}, token=intruder.token
    )

    # then
    assert response.json()["data"]["webhookUpdate"]["errors"][0]["code"] == "NOT_FOUND"
    assert double.store.webhooks[webhook_id]["isActive"] is True


def test_webhook_update_validates_the_new_query(double: SaleorDouble) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    webhook_id = _create_webhook(double, app.token)["webhook"]["id"]

    # when
    response = double.post_graphql(
        WEBHOOK_UPDATE,
        {"id": webhook_id, "input": {"query": "subscription { event { nope } }"}},
        token=app.token,
    )

    # then
    [error] = response.json()["data"]["webhookUpdate"]["errors"]
    assert (error["field"], error["code"]) == ("query", "GRAPHQL_ERROR")


def test_webhook_delete_removes_the_webhook(double: SaleorDouble) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    webhook_id = _create_webhook(double, app.token)["webhook"]["id"]

    # when
    response = double.post_graphql(WEBHOOK_DELETE, {"id": webhook_id}, token=app.token)

    # then
    assert response.json()["data"]["webhookDelete"] == {"errors": [], "webhook": {"id": webhook_id}}
    assert double.store.webhooks == {}


def test_update_metadata_on_an_order_queues_metadata_event(
    double: SaleorDouble, shop: dict[str, Any]
) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    mutation = """
    mutation($id: ID!, $input: [MetadataInput!]!) {
      updatePrivateMetadata(id: $id, input: $input) {
        errors { field code }
        item { ... on Order { privateMetafield(key: "returns.case") } }
      }
    }
    """

    # when
    response = double.post_graphql(
        mutation,
        {"id": shop["order"]["id"], "input": [{"key": "returns.case", "value": "RMA-1"}]},
        token=app.token,
    )

    # then
    payload = response.json()["data"]["updatePrivateMetadata"]
    assert payload == {"errors": [], "item": {"privateMetafield": "RMA-1"}}
    assert [event.event_type for event in double.pending_events] == ["ORDER_METADATA_UPDATED"]


def test_update_metadata_without_permission_is_denied(
    double: SaleorDouble, shop: dict[str, Any]
) -> None:
    # given
    app = double.create_app("Other app", ["MANAGE_PRODUCTS"])
    mutation = """
    mutation($id: ID!) {
      updateMetadata(id: $id, input: [{key: "a", value: "b"}]) { errors { code } }
    }
    """

    # when
    response = double.post_graphql(mutation, {"id": shop["order"]["id"]}, token=app.token)

    # then
    assert response.json()["data"] == {"updateMetadata": None}
    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert shop["order"]["metadata"] == []


def test_order_note_add_records_a_note_by_the_app(
    double: SaleorDouble, shop: dict[str, Any]
) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    mutation = """
    mutation($order: ID!, $message: String!) {
      orderNoteAdd(order: $order, input: {message: $message}) {
        errors { field code message }
        event { type message app { id } }
        order { events { type } }
      }
    }
    """

    # when
    response = double.post_graphql(
        mutation, {"order": shop["order"]["id"], "message": "Return RMA-1 opened"}, token=app.token
    )

    # then
    payload = response.json()["data"]["orderNoteAdd"]
    assert payload["errors"] == []
    assert payload["event"] == {
        "type": "NOTE_ADDED",
        "message": "Return RMA-1 opened",
        "app": {"id": app.id},
    }
    assert payload["order"]["events"][-1] == {"type": "NOTE_ADDED"}
    assert [event.event_type for event in double.pending_events] == ["ORDER_UPDATED"]


def test_order_note_add_rejects_an_empty_message(
    double: SaleorDouble, shop: dict[str, Any]
) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    mutation = """
    mutation($order: ID!) {
      orderNoteAdd(order: $order, input: {message: "  "}) { errors { field code message } }
    }
    """

    # when
    response = double.post_graphql(mutation, {"order": shop["order"]["id"]}, token=app.token)

    # then
    assert response.json()["data"]["orderNoteAdd"]["errors"] == [
        {"field": "message", "code": "REQUIRED", "message": "Message can't be empty."}
    ]
