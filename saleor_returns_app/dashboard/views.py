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


@xframe_options_exempt
@require_GET
def settings_page(request: HttpRequest) -> HttpResponse:
    """The app's settings: carrier accounts and each market's carrier rules. Reading needs
    MANAGE_ORDERS, changing MANAGE_APPS; the API decides both with the Dashboard token."""
    return _framed_page(request, "dashboard/settings.html")


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


@xframe_options_exempt
@require_GET
def order_widget(request: HttpRequest) -> HttpResponse:
    """The order's returns at a glance (`ORDER_DETAILS_WIDGETS`, WIDGET with a GET target:
    framed with App Bridge, so the token comes over postMessage like every other view)."""
    return _framed_page(request, "dashboard/order_widget.html")


@xframe_options_exempt
@require_GET
def create_return(request: HttpRequest) -> HttpResponse:
    """Staff file a return for the order's shopper (`ORDER_DETAILS_MORE_ACTIONS`, POPUP)."""
    return _framed_page(request, "dashboard/create_return.html")
