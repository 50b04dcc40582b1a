"""Walking the portal with Django's test client, as a shopper's browser would."""

from __future__ import annotations

import re
from html import unescape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from .conftest import png_bytes
from .shop import GUEST_EMAIL, SLUG


def guest_order_path(client: Client, number: str, email: str = GUEST_EMAIL, **headers) -> str:
    response = client.post(f"/portal/{SLUG}/", {"number": number, "email": email}, **headers)
    assert response.status_code == 303, response.content.decode()[:2000]
    return response["Location"]


def photo(name: str = "damage.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def hidden_value(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no hidden {name}"
    return unescape(match[1])


def text_of(response) -> str:
    """The page's text without tags, whitespace collapsed: what a shopper reads."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
