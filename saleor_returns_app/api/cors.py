"""CORS for storefronts calling `/graphql/` from the browser.

Allowed origins will be a per-installation setting; until that field exists they come from
the `STOREFRONT_ORIGINS` environment variable (comma-separated, e.g.
`https://shop.example.com,https://www.shop.example.com`), read on every request so a Django
setting of the same name (tests) wins. A preflight carries no `saleor-api-url`, so it is
answered from the same list. An origin not on the list gets no CORS headers at all.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from saleor_returns_app.saleor import headers

ALLOWED_HEADERS = ", ".join(
    [
        "Content-Type",
        "Authorization",
        headers.AUTHORIZATION_BEARER,
        headers.SALEOR_API_URL,
        "Accept-Language",
    ]
)
MAX_AGE_SECONDS = 600


def allowed_origins() -> frozenset[str]:
    configured = getattr(settings, "STOREFRONT_ORIGINS", None)
    if configured is None:
        configured = os.environ.get("STOREFRONT_ORIGINS", "")
    if isinstance(configured, str):
        configured = configured.split(",")
    return frozenset(origin.strip().rstrip("/") for origin in configured if origin.strip())


def allowed_origin(request: HttpRequest) -> str | None:
    origin = request.headers.get("Origin", "")
    return origin if origin and origin in allowed_origins() else None


def with_cors(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    response["Vary"] = "Origin"
    origin = allowed_origin(request)
    if origin is not None:
        response["Access-Control-Allow-Origin"] = origin
    return response


def preflight(request: HttpRequest) -> HttpResponse:
    """Answer an OPTIONS preflight: 204 with the allowances, or 403 without CORS headers."""
    if allowed_origin(request) is None:
        return with_cors(request, HttpResponse(status=403))
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = "POST, OPTIONS"
    response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response["Access-Control-Max-Age"] = str(MAX_AGE_SECONDS)
    return with_cors(request, response)
