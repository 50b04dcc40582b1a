"""A shopper asks what they can return, then asks to return it, through HTTP."""

from __future__ import annotations

from decimal import Decimal

import pytest

from saleor_returns_app.returns.catalogue import ensure_default_reasons
from saleor_returns_app.returns.models import ReturnRequest

from .helpers import error_codes

RETURNABILITY = """
query R($orderId: ID!, $languageCode: String) {
  orderReturnability(orderId: $orderId, languageCode: $languageCode) {
    returnable currency deadline
    lines {
      orderLineId productName variantName sku quantity unitPrice { amount currency }
      eligible returnableQuantity code message
    }
    methods { method fee { amount currency } }
    reasons { code label family }
    resolutions
  }
}
"""
CREATE = """
mutation C($input: ReturnRequestCreateInput!) {
  returnRequestCreate(input: $input) {
    returnRequest { rma status customerEmail lines { orderLineId quantity reason } }
    errors { field code message }
  }
}
"""
EMAIL = "stefan@example.ro"


@pytest.fixture
def order(saleor, installed):
    channel = saleor.store.add_channel(slug="ro", currency="RON", country="RO")
    shirt = saleor.store.add_product(
        "Cămașă de in", variants=[{"sku": "CAM-M", "name": "M", "price": "200.00"}]
    )
    order = saleor.store.add_order(
        channel=channel, lines=[(shirt.variants[0], 2)], user_email=EMAIL
    )
    saleor.fulfill(order, deliver=False)
    return order


@pytest.fixture
def shopper(saleor) -> str:
    return saleor.mint_shopper_token(email=EMAIL)


def _input(order, **overrides):
    line = {"orderLineId": order["lines"][0]["id"], "quantity": 1, "reason": "TOO_SMALL"}
    return {
        "orderId": order["id"],
        "lines": [line],
        "method": "SELF_SHIP",
        "resolution": "REFUND",
        **overrides,
    }


def test_shopper_sees_what_of_their_order_can_be_returned(api, order, shopper):
    body = api.call(RETURNABILITY, {"orderId": order["id"]}, shopper=shopper)
    answer = body["data"]["orderReturnability"]
    assert answer, body
    assert (answer["returnable"], answer["currency"]) == (True, "RON")
    (line,) = answer["lines"]
    assert (line["eligible"], line["returnableQuantity"], line["code"]) == (True, 2, None)
    shown = (line["productName"], line["variantName"], line["sku"], line["quantity"])
    assert shown == ("Cămașă de in", "M", "CAM-M", 2)
    assert (Decimal(line["unitPrice"]["amount"]), line["unitPrice"]["currency"]) == (200, "RON")
    assert "REFUND" in answer["resolutions"]
    assert answer["methods"]


@pytest.mark.parametrize(
    ("language_code", "headers"),
    [("pl-PL", {}), (None, {"Accept-Language": "pl,en;q=0.8"})],
    ids=["argument", "accept-language"],
)
def test_reasons_are_labelled_in_the_shoppers_language(
    api, order, shopper, installation, language_code, headers
):
    # given the store's catalogue, labelled in Polish among others
    ensure_default_reasons(installation=installation)
    # when the shopper asks in Polish
    variables = {"orderId": order["id"], "languageCode": language_code}
    body = api.call(RETURNABILITY, variables, shopper=shopper, headers=headers)
    # then the reasons are labelled in Polish
    reasons = body["data"]["orderReturnability"]["reasons"]
    assert {"code": "TOO_SMALL", "label": "Za mały", "family": "CUSTOMER"} in reasons


def test_staff_may_ask_about_any_order_of_the_store(api, order, staff_token):
    body = api.call(RETURNABILITY, {"orderId": order["id"]}, staff=staff_token)
    assert body["data"]["orderReturnability"]["returnable"] is True


def test_someone_elses_order_looks_unknown(api, order, saleor):
    other = saleor.mint_shopper_token(email="ana@example.com")
    body = api.call(RETURNABILITY, {"orderId": order["id"]}, shopper=other)
    assert body == {"data": {"orderReturnability": None}}


def test_anonymous_callers_must_sign_in_or_give_the_orders_email(api, order):
    body = api.call(RETURNABILITY, {"orderId": order["id"]})
    assert error_codes(body) == ["AUTHENTICATION_REQUIRED"]


def test_shopper_creates_a_return_the_policy_approves(api, order, shopper):
    body = api.call(CREATE, {"input": _input(order)}, shopper=shopper)
    payload = body["data"]["returnRequestCreate"]
    assert payload["errors"] == []
    created = payload["returnRequest"]
    assert (created["status"], created["customerEmail"]) == ("APPROVED", EMAIL)
    assert created["lines"] == [
        {"orderLineId": order["lines"][0]["id"], "quantity": 1, "reason": "TOO_SMALL"}
    ]


def test_engine_errors_name_the_input_fields(api, order, shopper):
    line = {"orderLineId": order["lines"][0]["id"], "quantity": 5, "reason": "NOPE"}
    body = api.call(CREATE, {"input": _input(order, lines=[line])}, shopper=shopper)
    payload = body["data"]["returnRequestCreate"]
    assert payload["returnRequest"] is None
    assert {(e["field"], e["code"]) for e in payload["errors"]} == {
        ("lines.0.quantity", "QUANTITY_TOO_HIGH"),
        ("lines.0.reason", "UNKNOWN_REASON"),
    }
    assert not ReturnRequest.objects.exists()


def test_an_unknown_order_line_is_reported_on_order_line_id(api, order, shopper):
    line = {"orderLineId": "T3JkZXJMaW5lOm5vcGU=", "quantity": 1, "reason": "TOO_SMALL"}
    body = api.call(CREATE, {"input": _input(order, lines=[line])}, shopper=shopper)
    errors = body["data"]["returnRequestCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("lines.0.orderLineId", "UNKNOWN_LINE")]


def test_the_same_idempotency_key_twice_creates_one_return(api, order, shopper):
    variables = {"input": _input(order, idempotencyKey="checkout-42")}
    first = api.call(CREATE, variables, shopper=shopper)["data"]["returnRequestCreate"]
    again = api.call(CREATE, variables, shopper=shopper)["data"]["returnRequestCreate"]
    assert first["returnRequest"]["rma"] == again["returnRequest"]["rma"]
    assert ReturnRequest.objects.count() == 1


def test_another_shoppers_idempotency_key_does_not_reveal_their_return(api, order, shopper, saleor):
    variables = {"input": _input(order, idempotencyKey="shared-key")}
    api.call(CREATE, variables, shopper=shopper)
    other = saleor.mint_shopper_token(email="ana@example.com")
    payload = api.call(CREATE, variables, shopper=other)["data"]["returnRequestCreate"]
    assert payload["returnRequest"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("idempotencyKey", "INVALID")]


def test_someone_elses_order_cannot_be_returned(api, order, saleor):
    other = saleor.mint_shopper_token(email="ana@example.com")
    payload = api.call(CREATE, {"input": _input(order)}, shopper=other)["data"][
        "returnRequestCreate"
    ]
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("orderId", "NOT_FOUND")]
    assert not ReturnRequest.objects.exists()


def test_saleor_not_answering_is_reported_as_such(api, order, shopper, saleor):
    # given Saleor failing every call for a while
    saleor.fail_next(10, status=502)
    # when the shopper asks about their order
    body = api.call(RETURNABILITY, {"orderId": order["id"]}, shopper=shopper)
    # then they are told to retry, with no internals
    assert body["data"] == {"orderReturnability": None}
    assert error_codes(body) == ["SALEOR_UNAVAILABLE"]
