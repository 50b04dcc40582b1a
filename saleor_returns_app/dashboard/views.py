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

from saleor_returns_app.core.http import json_error
from saleor_returns_app.saleor import headers
from saleor_returns_app.saleor.auth import TokenError, verify_dashboard_token


@xframe_options_exempt
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    response = render(request, "dashboard/home.html")
    response["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        f"connect-src 'self'; frame-ancestors {settings.DASHBOARD_FRAME_ANCESTORS}"
    )
    return response


@require_GET
def session(request: HttpRequest) -> JsonResponse:
    """Who the Dashboard says is using the app: proves the token round trip works."""
    try:
        user = verify_dashboard_token(
            request.headers.get(headers.AUTHORIZATION_BEARER),
            request.headers.get(headers.SALEOR_API_URL),
            required_permissions=("MANAGE_ORDERS",),
        )
    except TokenError as error:
        status = 403 if error.code == "MISSING_PERMISSIONS" else 401
        return json_error(status, error.code, error.message)
    return JsonResponse(
        {
            "saleorApiUrl": user.installation.saleor_api_url,
            "email": user.email,
            "permissions": sorted(user.user_permissions),
        }
    )
