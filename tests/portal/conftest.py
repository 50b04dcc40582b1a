"""Fixtures of the portal tests: the shop of `shop.py` installed in the Saleor double."""

from __future__ import annotations

import io

import pytest
from api.helpers import Api
from PIL import Image

from .shop import Shop, make_shop


@pytest.fixture
def shop(saleor, installation) -> Shop:
    return make_shop(saleor, installation)


def png_bytes(colour: str = "red") -> bytes:
    """A small real PNG, as a phone would upload (after the browser resized it)."""
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def api(live_server, saleor) -> Api:
    """The app's GraphQL API over HTTP, as a storefront calls it."""
    return Api(live_server.url, saleor.api_url)
