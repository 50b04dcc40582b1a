"""Views mounted in the Saleor Dashboard (templates and assets live in `dashboard_extension/`).

The page itself carries no data: it gets a token from the Dashboard over App Bridge and calls
the API with it, so every piece of data is authorised by a verified dashboard token.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from saleor_returns_app.dashboard.staff import staff_or_error


def _framed_page(request: HttpRequest, template: str, context: dict | None = None) -> HttpResponse:
    """A view the Dashboard frames: no data in the page (it comes over the API with the
    Dashboard token), framable only by the Dashboard, scripts and styles only our own."""
    response = render(request, template, context or {})
    response["Content-Security-Policy"] = (
        # Product images come from the store's media host, whatever it is.
        "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; "
        f"connect-src 'self'; frame-ancestors {settings.DASHBOARD_FRAME_ANCESTORS}"
    )
    return response


@xframe_options_exempt
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The returns inbox (`NAVIGATION_ORDERS`)."""
    return _framed_page(request, "dashboard/home.html")


@xframe_options_exempt
@require_GET
def return_detail(request: HttpRequest, return_id: str) -> HttpResponse:
    """One return; `return_id` is the API's global id, read by the page's script."""
    return _framed_page(request, "dashboard/return_detail.html", {"return_id": return_id})


@require_GET
def session(request: HttpRequest) -> JsonResponse:
    """Who the Dashboard says is using the app: proves the token round trip works."""
    user = staff_or_error(request)
    if isinstance(user, HttpResponse):
        return user
    return JsonResponse(
        {
            "saleorApiUrl": user.installation.saleor_api_url,
            "email": user.email,
            "permissions": sorted(user.user_permissions),
        }
    )
