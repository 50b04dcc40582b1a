"""Saleor protocol endpoints: the manifest and the install-time token delivery."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from saleor_returns_app.core.http import json_error
from saleor_returns_app.saleor import headers
from saleor_returns_app.saleor.manifest import build_manifest
from saleor_returns_app.saleor.register import RegisterError, register_installation
from saleor_returns_app.saleor.versions import parse_schema_version


def base_url(request: HttpRequest) -> str:
    return settings.APP_URL or request.build_absolute_uri("/").rstrip("/")


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    schema_version = parse_schema_version(request.headers.get(headers.SALEOR_SCHEMA_VERSION))
    return JsonResponse(build_manifest(base_url=base_url(request), schema_version=schema_version))


@csrf_exempt
def register(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return json_error(405, "METHOD_NOT_ALLOWED", "Use POST.")
    saleor_api_url = request.headers.get(headers.SALEOR_API_URL)
    if not saleor_api_url:
        return json_error(400, "MISSING_SALEOR_API_URL_HEADER", "Missing saleor-api-url header.")
    try:
        body = json.loads(request.body or b"null")
    except ValueError:
        body = None
    auth_token = body.get("auth_token") if isinstance(body, dict) else None
    if not isinstance(auth_token, str) or not auth_token:
        return json_error(400, "MISSING_AUTH_TOKEN", "Missing auth token.")
    try:
        register_installation(
            saleor_api_url=saleor_api_url,
            auth_token=auth_token,
            domain=request.headers.get(headers.SALEOR_DOMAIN, ""),
            schema_version=request.headers.get(headers.SALEOR_SCHEMA_VERSION, ""),
        )
    except RegisterError as error:
        return json_error(error.status, error.code, error.message)
    return JsonResponse({"success": True})
