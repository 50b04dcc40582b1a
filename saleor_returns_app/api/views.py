"""`POST /graphql/`: GraphQL over HTTP with a JSON body, for storefronts and dashboard views.

Answers 200 with `{"data", "errors"}` for anything GraphQL can express (including an unknown
store or a token that does not verify, as an error with `extensions.code`), 400 for a body
that is not a GraphQL request, 405 for other methods. Unexpected failures are logged and
shown as INTERNAL_ERROR without details; Saleor not answering is SALEOR_UNAVAILABLE.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from graphql import ExecutionResult, GraphQLError
from saleor_returns_app.api.context import ContextError, request_context
from saleor_returns_app.api.cors import preflight, with_cors
from saleor_returns_app.api.schema import schema
from saleor_returns_app.core.http import json_error
from saleor_returns_app.saleor.client import SaleorUnavailable

logger = logging.getLogger(__name__)


def _error(code: str, message: str) -> dict[str, Any]:
    return {"message": message, "extensions": {"code": code}}


def _unexpected(error: GraphQLError, original: Exception) -> dict[str, Any]:
    if isinstance(original, SaleorUnavailable):
        logger.warning("Saleor unavailable: %s", original)
        formatted = _error("SALEOR_UNAVAILABLE", "Saleor did not answer; try again shortly.")
    else:
        logger.error("GraphQL resolver failed", exc_info=original)
        formatted = _error("INTERNAL_ERROR", "The app failed to handle the request.")
    if error.path:
        formatted["path"] = error.path
    return formatted


def _formatted(error: GraphQLError) -> dict[str, Any]:
    original = error.original_error
    if original is not None and not isinstance(original, GraphQLError):
        return _unexpected(error, original)
    formatted = error.formatted
    formatted.setdefault("extensions", {}).setdefault("code", "GRAPHQL_ERROR")
    return formatted


def _body(result: ExecutionResult) -> dict[str, Any]:
    body: dict[str, Any] = {"data": result.data}
    if result.errors:
        body["errors"] = [_formatted(error) for error in result.errors]
    return body


def _parse(request: HttpRequest) -> dict[str, Any] | None:
    try:
        payload = json.loads(request.body or b"null")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
        return None
    if not isinstance(payload.get("variables") or {}, dict):
        return None
    return payload


def _execute(request: HttpRequest) -> JsonResponse:
    payload = _parse(request)
    if payload is None:
        body = {"errors": [_error("INVALID_REQUEST", "Send JSON with a `query` string.")]}
        return JsonResponse(body, status=400)
    try:
        context = request_context(request)
    except ContextError as error:
        return JsonResponse({"errors": [_error(error.code, error.message)]})
    result = schema.execute(
        payload["query"],
        variable_values=payload.get("variables") or {},
        operation_name=payload.get("operationName"),
        context_value=context,
    )
    return JsonResponse(_body(result))


@csrf_exempt
def graphql_view(request: HttpRequest) -> HttpResponse:
    if request.method == "OPTIONS":
        return preflight(request)
    if request.method != "POST":
        response = json_error(405, "METHOD_NOT_ALLOWED", "Send GraphQL requests with POST.")
        response["Allow"] = "POST, OPTIONS"
        return with_cors(request, response)
    return with_cors(request, _execute(request))
