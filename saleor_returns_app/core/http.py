"""JSON error responses in the shape the Saleor app SDK uses, for every /api/ failure."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found
from django.views.defaults import server_error as django_server_error


def json_error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(
        {"success": False, "error": {"code": code, "message": message}}, status=status
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404s under /api/ answer JSON like every other API error; pages keep Django's page."""
    if request.path.startswith("/api/"):
        return json_error(404, "NOT_FOUND", "No such endpoint.")
    return page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return json_error(500, "INTERNAL_ERROR", "The app failed to handle the request.")
    return django_server_error(request)
