"""The reads the sync added to the Saleor double behave as Saleor's (permissions, filters)."""

from __future__ import annotations

from saleor_returns_app.saleor.documents import load_document

STOCKS = load_document("VariantStocks").source
GIFT_CARDS = load_document("GiftCardsByMetadata").source


def test_variant_stocks_need_manage_products_or_orders(saleor):
    product = saleor.store.add_product("Shirt", variants=[{"sku": "S-1", "price": "10"}])
    variant = product["variants"][0]
    saleor.store.set_stock(variant, saleor.store.add_warehouse("Main"), 4)
    stranger = saleor.create_app("Stranger")
    clerk = saleor.create_app("Clerk", permissions=["MANAGE_PRODUCTS"])

    denied = saleor.post_graphql(STOCKS, {"id": variant["id"]}, token=stranger.token).json()
    allowed = saleor.post_graphql(STOCKS, {"id": variant["id"]}, token=clerk.token).json()

    assert denied["data"]["productVariant"]["stocks"] is None
    assert denied["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert [s["quantity"] for s in allowed["data"]["productVariant"]["stocks"]] == [4]


def test_gift_cards_are_filtered_by_metadata_for_manage_gift_card_only(saleor):
    saleor.store.add_gift_card(amount="10", currency="RON", metadata={"ref": "a"})
    wanted = saleor.store.add_gift_card(amount="20", currency="RON", metadata={"ref": "b"})
    stranger = saleor.create_app("Stranger")
    cashier = saleor.create_app("Cashier", permissions=["MANAGE_GIFT_CARD"])
    variables = {"key": "ref", "value": "b"}

    denied = saleor.post_graphql(GIFT_CARDS, variables, token=stranger.token).json()
    found = saleor.post_graphql(GIFT_CARDS, variables, token=cashier.token).json()

    assert denied["data"]["giftCards"] is None
    assert [e["node"]["id"] for e in found["data"]["giftCards"]["edges"]] == [wanted["id"]]
