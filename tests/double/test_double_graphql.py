"""The double's GraphQL endpoint: HTTP contract, authentication and permissions."""

from __future__ import annotations

from typing import Any

from saleor_returns_app.testing.saleor_double import SaleorDouble

APP_QUERY = "query CurrentApp { app { id name } }"
ORDER_QUERY = """
query Order($id: ID!) {
  order(id: $id) { id number status userEmail lines { productSku quantity } }
}
"""


def test_invalid_document_is_rejected_with_400(double: SaleorDouble) -> None:
    # given
    document = "query Broken { app { idd } }"

    # when
    response = double.post_graphql(document)

    # then
    assert response.status_code == 400
    assert "Cannot query field 'idd' on type 'App'" in response.json()["errors"][0]["message"]
    assert "data" not in response.json()
    assert double.rejected_documents == [document]
    assert double.requests == []


def test_syntax_error_is_rejected_with_400(double: SaleorDouble) -> None:
    # given
    document = "query { app { id }"

    # when
    response = double.post_graphql(document)

    # then
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith("Syntax Error")
    assert double.rejected_documents == [document]


def test_app_token_authenticates_as_that_app(double: SaleorDouble) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])

    # when
    response = double.post_graphql(APP_QUERY, token=app.token)

    # then
    assert response.status_code == 200
    assert response.json() == {"data": {"app": {"id": app.id, "name": "Returns"}}}


def test_anonymous_app_query_is_denied_like_saleor(double: SaleorDouble) -> None:
    # when
    response = double.post_graphql(APP_QUERY)

    # then
    body = response.json()
    assert response.status_code == 200
    assert body["data"] == {"app": None}
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert body["errors"][0]["path"] == ["app"]


def test_unknown_token_is_anonymous(double: SaleorDouble) -> None:
    # given
    token = "x" * 30

    # when
    response = double.post_graphql(APP_QUERY, token=token)

    # then
    assert response.json()["data"] == {"app": None}


def test_accepted_requests_are_logged(double: SaleorDouble, shop: dict[str, Any]) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    variables = {"id": shop["order"]["id"]}

    # when
    double.post_graphql(ORDER_QUERY, variables, token=app.token, operation_name="Order")

    # then
    [request] = double.requests
    assert request.operation_name == "Order"
    assert request.variables == variables
    assert request.headers["Authorization"] == f"Bearer {app.token}"
    assert request.requester.app is app.app


def test_fail_next_answers_with_the_injected_status(double: SaleorDouble) -> None:
    # given
    app = double.create_app("Returns")
    double.fail_next(2, status=503)

    # when
    statuses = [double.post_graphql(APP_QUERY, token=app.token).status_code for _ in range(3)]

    # then
    assert statuses == [503, 503, 200]
    assert len(double.requests) == 1


def test_order_by_id_is_public(double: SaleorDouble, shop: dict[str, Any]) -> None:
    # given
    order = shop["order"]

    # when
    response = double.post_graphql(ORDER_QUERY, {"id": order["id"]})

    # then
    assert response.json()["data"]["order"] == {
        "id": order["id"],
        "number": order["number"],
        "status": "UNFULFILLED",
        "userEmail": "jane@example.com",
        "lines": [
            {"productSku": "SHIRT-S", "quantity": 2},
            {"productSku": "SHIRT-M", "quantity": 1},
        ],
    }


def test_private_metadata_needs_manage_orders(double: SaleorDouble, shop: dict[str, Any]) -> None:
    # given
    app = double.create_app("Other app", ["MANAGE_PRODUCTS"])
    query = 'query($id: ID!) { order(id: $id) { id privateMetafield(key: "k") } }'

    # when
    response = double.post_graphql(query, {"id": shop["order"]["id"]}, token=app.token)

    # then
    body = response.json()
    assert body["data"]["order"] == {"id": shop["order"]["id"], "privateMetafield": None}
    assert body["errors"][0]["message"] == (
        "To access this path, you need one of the following permissions: MANAGE_ORDERS"
    )


def test_orders_filter_by_number_and_customer(double: SaleorDouble, shop: dict[str, Any]) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])
    store = double.store
    other = store.add_order(
        lines=[(shop["product"]["variants"][0], 1)], user_email="bob@example.com"
    )
    query = """
    query($numbers: [String!], $customer: String) {
      orders(first: 10, filter: {numbers: $numbers, customer: $customer}) {
        totalCount
        edges { node { number userEmail } }
        pageInfo { hasNextPage }
      }
    }
    """

    # when
    by_number = double.post_graphql(query, {"numbers": [other["number"]]}, token=app.token)
    by_customer = double.post_graphql(query, {"customer": "JANE@example.com"}, token=app.token)

    # then
    assert by_number.json()["data"]["orders"]["edges"] == [
        {"node": {"number": other["number"], "userEmail": "bob@example.com"}}
    ]
    assert by_customer.json()["data"]["orders"]["totalCount"] == 1
    assert by_customer.json()["data"]["orders"]["edges"][0]["node"]["number"] == "1"


def test_orders_without_manage_orders_is_denied(double: SaleorDouble) -> None:
    # given
    app = double.create_app("Other app", [])

    # when
    response = double.post_graphql("{ orders(first: 1) { totalCount } }", token=app.token)

    # then
    assert response.json()["data"] == {"orders": None}
    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_orders_need_first_or_last(double: SaleorDouble) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])

    # when
    response = double.post_graphql("{ orders { totalCount } }", token=app.token)

    # then
    assert "You must provide a `first` or `last` value" in response.json()["errors"][0]["message"]


def test_shopper_token_authenticates_me_with_linked_orders_only(
    double: SaleorDouble, shop: dict[str, Any]
) -> None:
    # given
    double.store.add_order(
        lines=[(shop["product"]["variants"][0], 1)], user_email="jane@example.com"
    )  # a guest order with the same email is not linked to the account
    token = double.mint_shopper_token(email="jane@example.com")
    query = "{ me { email orders(first: 10) { edges { node { number } } } } }"

    # when
    response = double.post_graphql(query, token=token)

    # then
    assert response.json() == {
        "data": {
            "me": {
                "email": "jane@example.com",
                "orders": {"edges": [{"node": {"number": shop["order"]["number"]}}]},
            }
        }
    }


def test_expired_shopper_token_is_reported_like_saleor(double: SaleorDouble) -> None:
    # given
    token = double.mint_shopper_token(email="jane@example.com", expires_in=-10)

    # when
    response = double.post_graphql("{ me { email } }", token=token)

    # then
    body = response.json()
    assert body["data"] == {"me": None}
    assert body["errors"][0]["extensions"]["exception"]["code"] == "ExpiredSignatureError"


def test_token_signed_with_a_rotated_key_is_rejected(double: SaleorDouble) -> None:
    # given
    token = double.mint_shopper_token(email="jane@example.com")
    double.rotate_key()

    # when
    response = double.post_graphql("{ me { email } }", token=token)

    # then
    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == (
        "InvalidSignatureError"
    )
