"""CORS for storefronts calling `/graphql/` from the browser.

Each store lists its storefront origins (`Installation.storefront_origins`); the
`STOREFRONT_ORIGINS` environment variable (comma-separated, read on every request so a Django
setting of the same name wins) adds origins allowed for every store of the deployment.

A preflight carries no `saleor-api-url` value, so it cannot know the store: it is allowed for
an origin that any active store lists. The request itself is then answered with CORS headers
only when its own store lists the origin, so no store's data reaches another store's pages.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.installations.selectors import active_installation
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


def _store_origins(saleor_api_url: str) -> frozenset[str]:
    installation = active_installation(saleor_api_url) if saleor_api_url else None
    return frozenset(installation.storefront_origins) if installation else frozenset()


def _any_store_lists(origin: str) -> bool:
    return any(
        origin in origins
        for origins in Installation.objects.filter(is_active=True).values_list(
            "storefront_origins", flat=True
        )
    )


def with_cors(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Add CORS headers when the request's own store (or the deployment) allows its origin."""
    response["Vary"] = "Origin"
    origin = request.headers.get("Origin", "").rstrip("/")
    store = _store_origins(request.headers.get(headers.SALEOR_API_URL, ""))
    if origin and (origin in allowed_origins() or origin in store):
        response["Access-Control-Allow-Origin"] = origin
    return response


def preflight(request: HttpRequest) -> HttpResponse:
    """Answer an OPTIONS preflight: 204 with the allowances, or 403 without CORS headers."""
    origin = request.headers.get("Origin", "").rstrip("/")
    if not origin or not (origin in allowed_origins() or _any_store_lists(origin)):
        response = HttpResponse(status=403)
        response["Vary"] = "Origin"
        return response
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = "POST, OPTIONS"
    response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response["Access-Control-Max-Age"] = str(MAX_AGE_SECONDS)
    response["Access-Control-Allow-Origin"] = origin
    response["Vary"] = "Origin"
    return response
