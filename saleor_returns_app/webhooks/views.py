"""`POST /api/webhooks/<name>`: the one receiver for every webhook in the registry."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from saleor_returns_app.core.http import json_error
from saleor_returns_app.saleor import headers
from saleor_returns_app.saleor.jwks import JwksUnavailable
from saleor_returns_app.webhooks.registry import get_webhook
from saleor_returns_app.webhooks.services import WebhookRejected, receive_webhook
from saleor_returns_app.webhooks.tasks import process_webhook_event


@csrf_exempt
def receive(request: HttpRequest, name: str) -> HttpResponse:
    if request.method != "POST":
        return json_error(405, "WRONG_METHOD", "Use POST.")
    webhook = get_webhook(name)
    if webhook is None:
        return json_error(404, "UNKNOWN_WEBHOOK", f"No webhook named {name!r}.")
    try:
        received = receive_webhook(
            webhook=webhook,
            saleor_api_url=request.headers.get(headers.SALEOR_API_URL),
            event_header=request.headers.get(headers.SALEOR_EVENT),
            signature=request.headers.get(headers.SALEOR_SIGNATURE),
            body=request.body,
            enqueue=process_webhook_event.delay,
        )
    except WebhookRejected as rejected:
        return json_error(rejected.status, rejected.code, rejected.message)
    except JwksUnavailable:
        # We could not learn Saleor's current keys: a passing fault, so let Saleor retry.
        return json_error(503, "JWKS_NOT_AVAILABLE", "Saleor's keys are unavailable; retry.")
    return JsonResponse({"success": True, "duplicate": received.duplicate})
