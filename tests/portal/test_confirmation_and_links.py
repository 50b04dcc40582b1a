"""After confirming: the RMA, then the label or the drop-off QR code once the carrier answers.
Before: the storefront's deep link for signed-in shoppers, and the locker picker's search."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from saleor_returns_app.returns.models import ReturnRequest
from saleor_returns_app.shipping.models import Shipment

from .helpers import guest_order_path, hidden_value, text_of
from .shop import SHOPPER_EMAIL, SLUG
from .test_return_flow import _locker_form

LINK = """
mutation L($orderId: ID!, $languageCode: String) {
  returnPortalLinkCreate(orderId: $orderId, languageCode: $languageCode) {
    url path expiresAt errors { field code message }
  }
}
"""


def _confirmed(client, shop) -> tuple[ReturnRequest, str]:
    path = guest_order_path(client, shop.polish_order["number"])
    review = client.post(path, _locker_form())
    done = client.post(
        f"/portal/{SLUG}/confirm", {"request": hidden_value(review.content.decode(), "request")}
    )
    return ReturnRequest.objects.get(), done["Location"]


def test_the_confirmation_waits_for_the_label_then_offers_it_and_the_qr_code(client, shop):
    return_request, location = _confirmed(client, shop)

    waiting = client.get(location)
    assert "We are preparing your label." in text_of(waiting)
    assert '<meta http-equiv="refresh"' in waiting.content.decode()

    shipment = Shipment.objects.get(return_request=return_request)
    shipment.status = Shipment.Status.BOOKED
    shipment.label_file = default_storage.save("labels/test/label.pdf", ContentFile(b"%PDF-1.4"))
    shipment.drop_off_code = "QR-771204"
    shipment.save()
    ready = client.get(location)

    html = ready.content.decode()
    assert "We are preparing your label." not in text_of(ready)
    assert "QR-771204" in text_of(ready)
    assert "<svg" in html
    label_href = html.split('id="label-link" href="')[1].split('"')[0]
    label = client.get(label_href)
    assert label.status_code == 200
    assert b"".join(label.streaming_content) == b"%PDF-1.4"
    assert f"/track/{return_request.public_token}" in html


def test_a_confirmation_link_of_another_return_token_is_not_found(client, shop):
    assert client.get(f"/portal/{SLUG}/return/not-a-token").status_code == 404


def test_a_signed_in_shopper_gets_a_deep_link_to_their_order_in_their_language(api, client, shop):
    token = shop.saleor.mint_shopper_token(email=SHOPPER_EMAIL)

    body = api.call(
        LINK, {"orderId": shop.romanian_order["id"], "languageCode": "ro"}, shopper=token
    )

    link = body["data"]["returnPortalLinkCreate"]
    assert link["errors"] == []
    assert link["path"].startswith(f"/portal/{SLUG}/order/")
    assert link["url"].endswith(link["path"])
    page = client.get(link["path"])
    assert page.status_code == 200
    assert page["Content-Language"] == "ro"
    assert "Cămașă de in" in text_of(page)


def test_without_a_language_the_deep_link_opens_in_the_language_of_the_orders_market(
    api, client, shop
):
    # The order was placed in a language the app does not ship; the storefront names none
    shop.romanian_order["languageCodeEnum"] = "DE_DE"
    token = shop.saleor.mint_shopper_token(email=SHOPPER_EMAIL)

    body = api.call(
        LINK,
        {"orderId": shop.romanian_order["id"]},
        shopper=token,
        headers={"Accept-Language": "pl"},
    )

    page = client.get(body["data"]["returnPortalLinkCreate"]["path"])
    assert page["Content-Language"] == "ro"


def test_another_shoppers_order_gets_no_link(api, shop):
    token = shop.saleor.mint_shopper_token(email="someone.else@example.ro")

    body = api.call(LINK, {"orderId": shop.romanian_order["id"]}, shopper=token)

    assert body["data"]["returnPortalLinkCreate"] == {
        "url": None,
        "path": None,
        "expiresAt": None,
        "errors": [{"field": "orderId", "code": "NOT_FOUND", "message": "No such order."}],
    }


def test_without_a_customer_token_there_is_no_deep_link(api, shop):
    body = api.call(LINK, {"orderId": shop.romanian_order["id"]})

    assert body["errors"][0]["extensions"]["code"] == "AUTHENTICATION_REQUIRED"


def test_the_picker_finds_lockers_by_postal_code_and_by_city(client, shop):
    page = client.get(guest_order_path(client, shop.polish_order["number"])).content.decode()
    url = page.split('data-points-url="')[1].split('"')[0]

    by_postal_code = client.get(url, {"q": "31-019", "method": "LOCKER"}).json()["points"]
    by_city = client.get(url, {"q": "Warszawa", "method": "LOCKER"}).json()["points"]
    drop_off = client.get(url, {"q": "Warszawa", "method": "DROP_OFF"}).json()["points"]

    assert [point["id"] for point in by_postal_code] == ["KRA01M"]
    assert sorted(point["id"] for point in by_city) == ["WAW01M", "WAW02M"]
    assert [point["id"] for point in drop_off] == ["WAW-POP"]
    assert client.get(url.replace("points/", "points/x"), {"q": "Warszawa"}).status_code == 404


CREATE = """
mutation C($input: ReturnRequestCreateInput!) {
  returnRequestCreate(input: $input) { returnRequest { rma } errors { field code } }
}
"""


def _exchange(shop, variant_id: str) -> dict:
    order = shop.romanian_order
    return {
        "orderId": order["id"],
        "method": "SELF_SHIP",
        "resolution": "EXCHANGE",
        "lines": [
            {
                "orderLineId": order["lines"][0]["id"],
                "quantity": 1,
                "reason": "TOO_SMALL",
                "exchangeVariantId": variant_id,
            }
        ],
    }


def test_a_storefront_exchange_keeps_the_wanted_size_and_refuses_another_product(api, shop):
    token = shop.saleor.mint_shopper_token(email=SHOPPER_EMAIL)
    shirt = shop.romanian_order["lines"][0]["variant"]["product"]
    size_l = next(variant for variant in shirt["variants"] if variant["name"] == "L")
    scarf = shop.romanian_order["lines"][1]["variant"]

    refused = api.call(CREATE, {"input": _exchange(shop, scarf["id"])}, shopper=token)
    created = api.call(CREATE, {"input": _exchange(shop, size_l["id"])}, shopper=token)

    assert refused["data"]["returnRequestCreate"]["errors"] == [
        {"field": "lines.0.exchangeVariantId", "code": "INVALID"}
    ]
    assert created["data"]["returnRequestCreate"]["errors"] == []
    assert ReturnRequest.objects.get().lines.get().exchange_variant_id == size_l["id"]
