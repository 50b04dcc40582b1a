"""JSON error responses in the shape the Saleor app SDK uses."""

from __future__ import annotations

from django.http import JsonResponse


def json_error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(
        {"success": False, "error": {"code": code, "message": message}}, status=status
    )
