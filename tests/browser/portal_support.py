"""The portal's browser tests: the shop of `tests/portal/shop.py`, a photo on disk to upload,
and the storefront's deep link for a signed-in shopper."""

from __future__ import annotations

import io
from pathlib import Path

from api.helpers import Api
from PIL import Image
from portal.shop import SHOPPER_EMAIL, Shop

LINK = """
mutation L($orderId: ID!, $languageCode: String) {
  returnPortalLinkCreate(orderId: $orderId, languageCode: $languageCode) { url errors { code } }
}
"""
PHONE = {"width": 390, "height": 844}


def photo_file(directory: Path, name: str = "kubek-pekniety.jpg") -> Path:
    """A real JPEG, as a phone camera would give it."""
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), "#c0392b").save(buffer, format="JPEG")
    path = directory / name
    path.write_bytes(buffer.getvalue())
    return path


def storefront_link(live_url: str, shop: Shop, language: str) -> str:
    """What the storefront's order page asks for a signed-in shopper's "Return items" link."""
    token = shop.saleor.mint_shopper_token(email=SHOPPER_EMAIL)
    body = Api(live_url, shop.saleor.api_url).call(
        LINK, {"orderId": shop.romanian_order["id"], "languageCode": language}, shopper=token
    )
    created = body["data"]["returnPortalLinkCreate"]
    assert created["errors"] == [], created
    return created["url"]
