"""Who may read which returns: the store from `saleor-api-url`, the viewer from the token."""

from __future__ import annotations

import requests

from saleor_returns_app.testing.factories import make_installation, make_return_request

from .helpers import Api, error_codes, gid

ONE = "query One($id: ID!) { returnRequest(id: $id) { rma customerEmail } }"
ALL = "{ returnRequests(first: 10) { totalCount edges { node { rma } } } }"


def test_request_without_saleor_api_url_is_not_registered(live_server, installed):
    body = Api(live_server.url, None).call(ALL)
    assert error_codes(body) == ["NOT_REGISTERED"]


def test_request_for_a_saleor_without_the_app_is_not_registered(live_server, other_saleor):
    body = Api(live_server.url, other_saleor.api_url).call(ALL)
    assert error_codes(body) == ["NOT_REGISTERED"]


def test_expired_dashboard_token_is_refused(api, saleor, installed):
    token = saleor.mint_dashboard_token(installed, expires_in=-60)
    assert error_codes(api.call(ALL, staff=token)) == ["TOKEN_EXPIRED"]


def test_dashboard_token_sent_as_a_customer_token_is_refused(api, staff_token):
    assert error_codes(api.call(ALL, shopper=staff_token)) == ["WRONG_TOKEN_TYPE"]


def test_staff_see_every_return_of_the_store(api, installation, staff_token):
    # given two customers' returns
    first = make_return_request(installation, customer_email="ana@example.com")
    second = make_return_request(installation, customer_email="bob@example.com")
    # when staff list them
    body = api.call(ALL, staff=staff_token)
    # then both are there
    rmas = {edge["node"]["rma"] for edge in body["data"]["returnRequests"]["edges"]}
    assert rmas == {first.rma, second.rma}


def test_staff_without_manage_orders_are_refused(api, saleor, installed, installation):
    return_request = make_return_request(installation)
    token = saleor.mint_dashboard_token(installed, user_permissions=("MANAGE_PRODUCTS",))
    body = api.call(ONE, {"id": gid(return_request)}, staff=token)
    assert body["data"]["returnRequest"] is None
    assert error_codes(body) == ["PERMISSION_DENIED"]


def test_shopper_sees_their_return_whatever_the_email_case(api, saleor, installation):
    return_request = make_return_request(installation, customer_email="Ana@Example.com")
    token = saleor.mint_shopper_token(email="ana@example.com")
    body = api.call(ONE, {"id": gid(return_request)}, shopper=token)
    assert body["data"]["returnRequest"]["rma"] == return_request.rma


def test_shopper_sees_returns_linked_to_their_user_id(api, saleor, installation):
    return_request = make_return_request(
        installation, customer_email="old@example.com", customer_user_id="VXNlcjo0Mg=="
    )
    token = saleor.mint_shopper_token(email="new@example.com", user_id="VXNlcjo0Mg==")
    body = api.call(ONE, {"id": gid(return_request)}, shopper=token)
    assert body["data"]["returnRequest"]["rma"] == return_request.rma


def test_shopper_does_not_see_another_customers_return(api, saleor, installation):
    return_request = make_return_request(installation, customer_email="bob@example.com")
    token = saleor.mint_shopper_token(email="ana@example.com")
    body = api.call(ONE, {"id": gid(return_request)}, shopper=token)
    assert body == {"data": {"returnRequest": None}}


def test_shopper_lists_only_their_returns(api, saleor, installation):
    mine = make_return_request(installation, customer_email="ana@example.com")
    make_return_request(installation, customer_email="bob@example.com")
    token = saleor.mint_shopper_token(email="ana@example.com")
    connection = api.call(ALL, shopper=token)["data"]["returnRequests"]
    assert connection["totalCount"] == 1
    assert [edge["node"]["rma"] for edge in connection["edges"]] == [mine.rma]


def test_anonymous_callers_see_nothing(api, installation):
    return_request = make_return_request(installation)
    assert api.call(ONE, {"id": gid(return_request)}) == {"data": {"returnRequest": None}}
    connection = api.call(ALL)["data"]["returnRequests"]
    assert (connection["totalCount"], connection["edges"]) == (0, [])


def test_another_stores_return_looks_like_an_unknown_id(api, installation, staff_token):
    # given a return of another store, and an id that was never issued
    elsewhere = make_return_request(make_installation())
    unknown = "UmV0dXJuUmVxdWVzdDo5OTk5OTk="  # ReturnRequest:999999
    # when staff of this store ask for each
    foreign = api.call(ONE, {"id": gid(elsewhere)}, staff=staff_token)
    missing = api.call(ONE, {"id": unknown}, staff=staff_token)
    # then both answers are the same: not found
    assert foreign == missing == {"data": {"returnRequest": None}}


def test_get_is_not_served(live_server, installed):
    response = requests.get(f"{live_server.url}/graphql/", timeout=10)
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "METHOD_NOT_ALLOWED"


def test_a_body_that_is_not_a_graphql_request_is_refused(api, installed):
    response = requests.post(api.url, data=b"nope", timeout=10)
    assert response.status_code == 400
    assert error_codes(response.json()) == ["INVALID_REQUEST"]
