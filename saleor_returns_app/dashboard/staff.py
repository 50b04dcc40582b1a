"""Who calls a staff endpoint outside GraphQL (downloads, exports): the Dashboard's token."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from saleor_returns_app.core.http import json_error
from saleor_returns_app.saleor import headers
from saleor_returns_app.saleor.auth import DashboardUser, TokenError, verify_dashboard_token


def staff_or_error(
    request: HttpRequest, permissions: tuple[str, ...] = ("MANAGE_ORDERS",)
) -> DashboardUser | HttpResponse:
    """The verified staff user, or the JSON error to answer: 401 for a missing or bad token,
    403 for a user without `permissions`."""
    try:
        return verify_dashboard_token(
            request.headers.get(headers.AUTHORIZATION_BEARER),
            request.headers.get(headers.SALEOR_API_URL),
            required_permissions=permissions,
        )
    except TokenError as error:
        status = 403 if error.code == "MISSING_PERMISSIONS" else 401
        return json_error(status, error.code, error.message)
