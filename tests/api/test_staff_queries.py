"""What the Dashboard views read besides returns: reasons, warehouses, a refund's quote."""

from __future__ import annotations

from decimal import Decimal

from saleor_returns_app.api.ids import global_id
from saleor_returns_app.returns.models import ReturnLine
from saleor_returns_app.testing.factories import make_return_request

REASONS = "query R($lang: String) { returnReasons(languageCode: $lang) { code label family } }"
WAREHOUSES = "{ warehouses { id name } }"
QUOTE = """
query Q($id: ID!) {
  returnRequest(id: $id) {
    lines { restockWarehouseId }
    refundQuote {
      itemsValue { amount } restockingFee { amount } shippingFee { amount }
      refundAmount { amount currency }
    }
  }
}
"""


def test_staff_read_the_reason_catalogue_in_their_language(api, staff_token):
    english = api.call(REASONS, staff=staff_token)["data"]["returnReasons"]
    romanian = api.call(REASONS, {"lang": "ro"}, staff=staff_token)["data"]["returnReasons"]

    assert "TOO_SMALL" in {r["code"] for r in english}
    assert [r["code"] for r in english] == [r["code"] for r in romanian]
    assert [r["label"] for r in english] != [r["label"] for r in romanian]


def test_staff_list_the_stores_warehouses_from_saleor(api, staff_token, saleor):
    saleor.store.add_warehouse("Depozit Cluj", country="RO", city="Cluj")
    saleor.store.add_warehouse("Depozit Bucuresti", country="RO", city="Bucuresti")

    found = api.call(WAREHOUSES, staff=staff_token)["data"]["warehouses"]

    assert [w["name"] for w in found] == ["Depozit Bucuresti", "Depozit Cluj"]
    assert all(w["id"] for w in found)


def test_reasons_and_warehouses_are_for_staff_only(api, saleor, installed):
    shopper = saleor.mint_shopper_token(email="stefan@example.ro")

    for query in (REASONS, WAREHOUSES):
        body = api.call(query, shopper=shopper)
        assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


def test_a_received_return_quotes_its_refund_for_staff(api, staff_token, installation):
    return_request = make_return_request(installation, status="RECEIVED", shipping_fee="15")
    ReturnLine.objects.filter(return_request=return_request).update(
        received_quantity=1, restock=True, restock_warehouse_id="V2FyZWhvdXNlOjE="
    )
    line = return_request.lines.get()

    found = api.call(
        QUOTE, {"id": global_id("ReturnRequest", return_request.pk)}, staff=staff_token
    )["data"]["returnRequest"]

    quote = found["refundQuote"]
    assert Decimal(quote["itemsValue"]["amount"]) == line.unit_price
    assert Decimal(quote["shippingFee"]["amount"]) == Decimal("15")
    assert Decimal(quote["refundAmount"]["amount"]) == line.unit_price - Decimal("15")
    assert found["lines"] == [{"restockWarehouseId": "V2FyZWhvdXNlOjE="}]


def test_no_quote_before_the_items_arrived(api, staff_token, installation):
    return_request = make_return_request(installation, status="APPROVED")

    found = api.call(
        QUOTE, {"id": global_id("ReturnRequest", return_request.pk)}, staff=staff_token
    )["data"]["returnRequest"]

    assert found["refundQuote"] is None
