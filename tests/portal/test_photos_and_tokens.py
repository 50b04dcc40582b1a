"""What the portal accepts as a photo, and which links it honours (services, no browser)."""

from __future__ import annotations

import io
import time
import zlib
from datetime import timedelta

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.portal import photos
from saleor_returns_app.portal.access import (
    GUEST_LINK_MAX_AGE,
    OrderAccess,
    order_token,
    read_order_token,
)
from saleor_returns_app.returns.services import CustomerProof, ProofKind

from .helpers import text_of
from .shop import BRAND, SLUG


def _image(image_format: str, size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "blue").save(buffer, format=image_format)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("image_format", "extension"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")]
)
def test_jpeg_png_and_webp_photos_are_taken_whatever_their_name(image_format, extension):
    upload = SimpleUploadedFile("photo.bin", _image(image_format), content_type="text/plain")

    ((_content, stored_as),) = photos.check_photos([upload])

    assert stored_as == extension


@pytest.mark.parametrize("image_format", ["GIF", "BMP"])
def test_other_image_formats_are_refused(image_format):
    upload = SimpleUploadedFile("photo.jpg", _image(image_format), content_type="image/jpeg")

    with pytest.raises(photos.PhotoRefused, match=r"Use a JPEG, PNG or WebP photo\."):
        photos.check_photos([upload])


def test_a_photo_over_10_mb_is_refused_before_it_is_decoded():
    upload = SimpleUploadedFile("huge.jpg", b"\xff" * (photos.MAX_PHOTO_BYTES + 1))

    with pytest.raises(photos.PhotoRefused, match="at most 10 MB"):
        photos.check_photos([upload])


def test_a_truncated_photo_is_refused():
    upload = SimpleUploadedFile("cut.png", _image("PNG")[:60])

    with pytest.raises(photos.PhotoRefused):
        photos.check_photos([upload])


def _access(email: str = "agnieszka@example.pl") -> OrderAccess:
    return OrderAccess("T3JkZXI6MQ==", CustomerProof(ProofKind.GUEST, email=email), language="pl")


def test_a_link_is_honoured_only_by_its_own_store(installation, other_saleor, manifest_url):
    token = order_token(installation, _access())
    other_saleor.install_app(manifest_url)
    other_store = Installation.objects.get(saleor_api_url=other_saleor.api_url)

    assert read_order_token(installation, token) == _access()
    assert read_order_token(other_store, token) is None


def test_a_guests_link_expires_after_an_hour(installation, monkeypatch):
    token = order_token(installation, _access())
    later = GUEST_LINK_MAX_AGE + timedelta(seconds=5)
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + later.total_seconds())

    assert read_order_token(installation, token) is None


def test_the_portal_wears_the_stores_brand(client, shop):
    page = client.get(f"/portal/{SLUG}/")
    css = client.get(f"/portal/{SLUG}/brand.css")

    assert BRAND in text_of(page)
    assert "pomoc@len.example" in text_of(page)
    assert css.content.decode() == ":root { --brand: #0F766E; }\n"
    assert "script-src 'self'" in page["Content-Security-Policy"]


def test_the_email_cannot_be_read_from_a_guests_link(installation):
    token = order_token(installation, _access("agnieszka@example.pl"))

    # a compressed payload: "." then base64 of the zlib stream, then ":timestamp:signature"
    payload = zlib.decompress(signing.b64_decode(token.split(":")[0][1:].encode())).decode()

    assert "agnieszka" not in payload
    assert read_order_token(installation, token).customer.email == "agnieszka@example.pl"
