"""`/track/<token>`: the shopper's tracking page, its JSON twin the page polls, and the
stylesheet that carries a store's brand colour (the CSP allows no inline styles)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from saleor_returns_app.api.context import client_ip
from saleor_returns_app.core.l10n import choose_language, shipped_languages
from saleor_returns_app.core.ratelimit import Limit, allow
from saleor_returns_app.returns.models import ReturnRequest
from saleor_returns_app.track import services

# Every lookup counts (page loads and polls alike): a page polling every 20 s stays far
# below it, while guessing tokens is held to a trickle per address.
LOOKUP_LIMIT = Limit(count=60, seconds=60)
DEFAULT_POLL_SECONDS = 20
_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _private(response: HttpResponse) -> HttpResponse:
    # The token is the key to the return: never cached, never sent on as a referrer.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["Content-Security-Policy"] = _CSP
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _language(request: HttpRequest, return_request: ReturnRequest | None) -> str:
    asked = request.GET.get("lang", "")
    market = return_request.market if return_request else None
    return choose_language(
        asked if asked in shipped_languages() else None,
        return_request.locale if return_request else None,
        market.language if market else None,
        accept_language=request.headers.get("Accept-Language", ""),
    )


def _lookup(request: HttpRequest, token: str, *, as_json: bool) -> ReturnRequest | HttpResponse:
    """The return, or an answer that says nothing about why (unknown token or rate limit)."""
    if not allow("track-lookup", client_ip(request), LOOKUP_LIMIT):
        response = _nothing_here(request, status=429, as_json=as_json)
        response["Retry-After"] = str(LOOKUP_LIMIT.seconds)
        return response
    return_request = services.find_return(token)
    if return_request is None:
        return _nothing_here(request, status=404, as_json=as_json)
    return return_request


def _nothing_here(request: HttpRequest, *, status: int, as_json: bool) -> HttpResponse:
    language = _language(request, None)
    if as_json:
        code = "RATE_LIMITED" if status == 429 else "NOT_FOUND"
        return _private(JsonResponse({"error": code}, status=status))
    with translation.override(language):
        response = render(
            request,
            "track/not_found.html",
            {"language": language, "limited": status == 429},
            status=status,
        )
    return _private(response)


@require_GET
def page(request: HttpRequest, token: str) -> HttpResponse:
    found = _lookup(request, token, as_json=False)
    if isinstance(found, HttpResponse):
        return found
    language = _language(request, found)
    with translation.override(language):
        state = services.tracking_state(found, language)
        brand = services.brand_of(found)
        response = render(
            request,
            "track/page.html",
            {
                "language": language,
                "state": state,
                "brand": brand,
                "version": services.state_version(found, language),
                "status_url": f"{reverse('track-status', kwargs={'token': token})}?lang={language}",
                "poll_seconds": getattr(settings, "TRACK_POLL_SECONDS", DEFAULT_POLL_SECONDS),
                "languages": [
                    (code, _LANGUAGE_NAMES.get(code, code), f"?lang={code}")
                    for code in shipped_languages()
                ],
            },
        )
    return _private(response)


@require_GET
def status(request: HttpRequest, token: str) -> HttpResponse:
    """The page's state as JSON; `If-None-Match` with the current ETag answers 304."""
    found = _lookup(request, token, as_json=True)
    if isinstance(found, HttpResponse):
        return found
    language = _language(request, found)
    version = services.state_version(found, language)
    etag = f'"{version}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        with translation.override(language):
            state = services.tracking_state(found, language)
            html = render(request, "track/_state.html", {"state": state}).content.decode()
        response = JsonResponse({"version": version, **state.as_json(), "html": html})
    response["ETag"] = etag
    return _private(response)


@require_GET
def theme(request: HttpRequest, color: str) -> HttpResponse:
    """The brand colour as CSS custom properties; `color` is six hex digits (the URL says so)."""
    response = HttpResponse(
        services.theme_css(color.upper()), content_type="text/css; charset=utf-8"
    )
    response["Cache-Control"] = "public, max-age=86400"
    return response
