"""Staff see the shopper's photos of a returned item through short-lived signed links."""

from __future__ import annotations

import io

import pytest
import requests
from PIL import Image

from saleor_returns_app.api.ids import global_id
from saleor_returns_app.portal.photos import store_photos
from saleor_returns_app.returns.models import ReturnLine
from saleor_returns_app.testing.factories import make_return_request

pytestmark = pytest.mark.django_db(transaction=True)

PHOTOS = """
query P($id: ID!) { returnRequest(id: $id) { lines { photoUrls } } }
"""


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def with_photo(installation):
    return_request = make_return_request(installation, customer_email="stefan@example.ro")
    (path,) = store_photos(installation, [(_png(), "png")])
    ReturnLine.objects.filter(return_request=return_request).update(photos=[path])
    return return_request


def test_staff_open_the_shoppers_photo_from_the_link_they_are_given(api, staff_token, with_photo):
    body = api.call(PHOTOS, {"id": global_id("ReturnRequest", with_photo.pk)}, staff=staff_token)

    (url,) = body["data"]["returnRequest"]["lines"][0]["photoUrls"]
    response = requests.get(url, timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert Image.open(io.BytesIO(response.content)).size == (8, 8)


def test_a_tampered_link_shows_nothing(api, staff_token, with_photo):
    body = api.call(PHOTOS, {"id": global_id("ReturnRequest", with_photo.pk)}, staff=staff_token)
    (url,) = body["data"]["returnRequest"]["lines"][0]["photoUrls"]

    response = requests.get(url[:-3] + "abc", timeout=10)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NOT_FOUND"


def test_shoppers_are_not_given_photo_links(api, saleor, with_photo):
    shopper = saleor.mint_shopper_token(email="stefan@example.ro")

    body = api.call(PHOTOS, {"id": global_id("ReturnRequest", with_photo.pk)}, shopper=shopper)

    assert body["data"]["returnRequest"]["lines"][0]["photoUrls"] == []
