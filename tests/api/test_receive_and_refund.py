"""Staff receive a parcel, refund and close it, and file returns for shoppers, through HTTP."""

from __future__ import annotations

import pytest

from saleor_returns_app.returns.models import Market, RefundTrigger, ReturnRequest

from .helpers import error_codes
from .test_returnability_and_create import EMAIL, _input

DETAILS = (
    "returnRequest { id status refundAmount { amount } "
    "lines { id receivedQuantity condition restock } }"
)
CREATE_FOR_CUSTOMER = f"""
mutation C($input: ReturnRequestCreateInput!) {{
  returnRequestCreateForCustomer(input: $input) {{ {DETAILS} errors {{ field code }} }}
}}
"""
RECEIVE = f"""
mutation R($id: ID!, $lines: [ReturnLineReceivedInput!]!) {{
  returnRequestReceive(id: $id, lines: $lines) {{ {DETAILS} errors {{ field code message }} }}
}}
"""
REFUND = f"""
mutation F($id: ID!, $amount: Decimal) {{
  returnRequestRefund(id: $id, amount: $amount) {{ {DETAILS} errors {{ field code message }} }}
}}
"""
CLOSE = f"""
mutation X($id: ID!) {{ returnRequestClose(id: $id) {{ {DETAILS} errors {{ code }} }} }}
"""


def _receive(api, staff_token, filed, *lines) -> dict:
    """Staff record what arrived of `filed`; the mutation's payload."""
    variables = {"id": filed["id"], "lines": list(lines)}
    return api.call(RECEIVE, variables, staff=staff_token)["data"]["returnRequestReceive"]


@pytest.fixture
def order(saleor, installed):
    channel = saleor.store.add_channel(slug="pl", currency="PLN", country="PL")
    warehouse = saleor.store.add_warehouse("Magazyn Łódź")
    boots = saleor.store.add_product(
        "Buty", variants=[{"sku": "B-42", "name": "42", "price": "300"}]
    )
    saleor.store.set_stock(boots.variants[0], warehouse, 5)
    order = saleor.store.add_order(
        channel=channel, lines=[(boots.variants[0], 2)], user_email=EMAIL
    )
    saleor.fulfill(order, deliver=False)
    order["_warehouse_id"] = warehouse["id"]
    return order


@pytest.fixture
def filed(api, order, staff_token):
    body = api.call(
        CREATE_FOR_CUSTOMER,
        {
            "input": _input(
                order,
                lines=[
                    {"orderLineId": order["lines"][0]["id"], "quantity": 2, "reason": "TOO_SMALL"}
                ],
            )
        },
        staff=staff_token,
    )
    payload = body["data"]["returnRequestCreateForCustomer"]
    assert payload["errors"] == [], payload
    return payload["returnRequest"]


def test_staff_file_a_return_for_the_shopper(filed):
    assert filed["status"] == "APPROVED"
    assert ReturnRequest.objects.get().customer_email == EMAIL


def test_shoppers_cannot_use_the_staff_form(api, order, saleor):
    token = saleor.mint_shopper_token(email=EMAIL)
    body = api.call(CREATE_FOR_CUSTOMER, {"input": _input(order)}, shopper=token)
    assert error_codes(body) == ["PERMISSION_DENIED"]


def test_receiving_refunds_at_once_by_default_then_staff_close(api, order, staff_token, filed):
    (line,) = filed["lines"]
    # when the parcel arrives with both boots, one damaged and not restocked
    received = _receive(
        api,
        staff_token,
        filed,
        {"lineId": line["id"], "quantity": 2, "condition": "DAMAGED", "restock": False},
    )
    assert received["errors"] == []
    # then the store's default market refunds it on receipt
    assert received["returnRequest"]["status"] == "REFUNDED"
    assert received["returnRequest"]["refundAmount"]["amount"] == "600.00"
    assert received["returnRequest"]["lines"][0]["condition"] == "DAMAGED"
    # and staff close it
    closed = api.call(CLOSE, {"id": filed["id"]}, staff=staff_token)["data"]["returnRequestClose"]
    assert closed["returnRequest"]["status"] == "CLOSED"


def test_receiving_more_than_requested_is_refused_with_the_field(api, staff_token, filed):
    (line,) = filed["lines"]
    body = _receive(
        api,
        staff_token,
        filed,
        {"lineId": line["id"], "quantity": 3, "condition": "AS_NEW", "restock": False},
    )
    errors = body["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("lines.0.quantity", "QUANTITY_TOO_HIGH")]
    assert ReturnRequest.objects.get().status == "APPROVED"


def test_restocking_needs_a_warehouse(api, staff_token, filed):
    (line,) = filed["lines"]
    body = _receive(
        api,
        staff_token,
        filed,
        {"lineId": line["id"], "quantity": 1, "condition": "AS_NEW", "restock": True},
    )
    errors = body["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        ("lines.0.warehouseId", "WAREHOUSE_REQUIRED")
    ]


def test_a_refund_before_the_parcel_arrived_is_refused(api, staff_token, filed):
    body = api.call(REFUND, {"id": filed["id"]}, staff=staff_token)
    assert [e["code"] for e in body["data"]["returnRequestRefund"]["errors"]] == ["NOT_RECEIVED"]


def test_staff_refund_with_their_own_amount_in_a_manual_market(
    api, staff_token, installation, order
):
    Market.objects.create(
        installation=installation,
        name="Poland",
        countries=["PL"],
        currency="PLN",
        refund_trigger=RefundTrigger.MANUAL,
    )
    body = api.call(CREATE_FOR_CUSTOMER, {"input": _input(order)}, staff=staff_token)
    filed = body["data"]["returnRequestCreateForCustomer"]["returnRequest"]
    (line,) = filed["lines"]
    received = _receive(
        api,
        staff_token,
        filed,
        {
            "lineId": line["id"],
            "quantity": 1,
            "condition": "AS_NEW",
            "restock": True,
            "warehouseId": order["_warehouse_id"],
        },
    )
    assert received["returnRequest"]["status"] == "RECEIVED"
    body = api.call(REFUND, {"id": filed["id"], "amount": "9999"}, staff=staff_token)
    errors = body["data"]["returnRequestRefund"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("amount", "AMOUNT_TOO_HIGH")]
    body = api.call(REFUND, {"id": filed["id"], "amount": "250.00"}, staff=staff_token)
    refunded = body["data"]["returnRequestRefund"]
    assert refunded["errors"] == []
    assert (refunded["returnRequest"]["status"], refunded["returnRequest"]["refundAmount"]) == (
        "REFUNDED",
        {"amount": "250.00"},
    )


INSPECT = f"""
mutation I($id: ID!) {{ returnRequestInspect(id: $id) {{ {DETAILS} errors {{ code }} }} }}
"""


def test_a_market_that_refunds_on_inspection_refunds_when_staff_inspect(
    api, staff_token, installation, order
):
    Market.objects.create(
        installation=installation,
        name="Poland",
        countries=["PL"],
        currency="PLN",
        refund_trigger=RefundTrigger.ON_INSPECTION,
    )
    body = api.call(CREATE_FOR_CUSTOMER, {"input": _input(order)}, staff=staff_token)
    filed = body["data"]["returnRequestCreateForCustomer"]["returnRequest"]
    (line,) = filed["lines"]
    lines = [{"lineId": line["id"], "quantity": 1, "condition": "OPENED", "restock": False}]
    received = _receive(api, staff_token, filed, *lines)
    assert received["returnRequest"]["status"] == "RECEIVED"
    inspected = api.call(INSPECT, {"id": filed["id"]}, staff=staff_token)["data"]
    assert inspected["returnRequestInspect"]["returnRequest"]["status"] == "REFUNDED"
    again = api.call(INSPECT, {"id": filed["id"]}, staff=staff_token)["data"]
    assert [e["code"] for e in again["returnRequestInspect"]["errors"]] == ["INVALID_TRANSITION"]
