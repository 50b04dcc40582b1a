"""Receiving webhooks (verify, de-duplicate, persist, enqueue) and processing stored events."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from saleor_returns_app.core.outbox import TRANSIENT_ERRORS, stale_ids
from saleor_returns_app.installations.selectors import active_installation
from saleor_returns_app.saleor.auth import InvalidSignature, verify_webhook_signature
from saleor_returns_app.webhooks.models import WebhookEvent
from saleor_returns_app.webhooks.registry import WebhookDefinition, get_webhook

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WebhookRejected(Exception):
    """A delivery Saleor must not retry (4xx), with the SDK's error code."""

    status: int
    code: str
    message: str


@dataclass(frozen=True)
class Received:
    event_id: int
    duplicate: bool


def receive_webhook(
    *,
    webhook: WebhookDefinition,
    saleor_api_url: str | None,
    event_header: str | None,
    signature: str | None,
    body: bytes,
    enqueue: Callable[[int], object],
) -> Received:
    """Accept one delivery: every check passes before anything is written."""
    if not saleor_api_url:
        raise WebhookRejected(400, "MISSING_SALEOR_API_URL_HEADER", "Saleor-Api-Url is missing.")
    if not event_header:
        raise WebhookRejected(400, "MISSING_SALEOR_EVENT_HEADER", "Saleor-Event is missing.")
    if event_header.lower() != webhook.event_header:
        raise WebhookRejected(400, "WRONG_EVENT", f"This URL accepts {webhook.event_header}.")
    if not signature:
        raise WebhookRejected(400, "MISSING_SIGNATURE_HEADER", "Saleor-Signature is missing.")
    if not body:
        raise WebhookRejected(400, "MISSING_REQUEST_BODY", "The request has no body.")
    installation = active_installation(saleor_api_url)
    if installation is None:
        raise WebhookRejected(401, "NOT_REGISTERED", "The app is not installed in this Saleor.")
    try:
        verify_webhook_signature(installation, body, signature)
    except InvalidSignature as exc:
        raise WebhookRejected(
            401, "SIGNATURE_VERIFICATION_FAILED", "The signature does not verify."
        ) from exc
    try:
        payload = json.loads(body)
    except ValueError as exc:
        raise WebhookRejected(400, "CANT_BE_PARSED", "The body is not JSON.") from exc
    recipient = (payload.get("recipient") or {}).get("id") if isinstance(payload, dict) else None
    if recipient != installation.app_id:
        raise WebhookRejected(403, "WRONG_RECIPIENT", "The event was sent to another app.")

    issued_at = parse_datetime(payload["issuedAt"]) if payload.get("issuedAt") else None
    body_sha256 = hashlib.sha256(body).hexdigest()
    try:
        # One INSERT is atomic by itself; an explicit transaction would only add two round
        # trips (BEGIN, COMMIT) to the hottest path of the app.
        event = WebhookEvent.objects.create(
            installation=installation,
            webhook_name=webhook.name,
            event_type=webhook.event,
            body_sha256=body_sha256,
            payload=payload,
            issued_at=issued_at,
            saleor_version=str(payload.get("version") or "")[:32],
        )
    except IntegrityError:
        duplicate = WebhookEvent.objects.get(
            installation=installation,
            webhook_name=webhook.name,
            body_sha256=body_sha256,
        )
        return Received(event_id=duplicate.pk, duplicate=True)
    # After commit, so a worker never looks for a row it cannot see yet (when called inside
    # a transaction); robust, because the event is stored and a broker outage must not fail
    # the delivery: the sweeper enqueues what was missed.
    transaction.on_commit(lambda: enqueue(event.pk), robust=True)
    return Received(event_id=event.pk, duplicate=False)


def process_event(event_id: int) -> None:
    """Run the handler of one stored event, at most once to completion.

    The row lock makes concurrent workers wait, and the status check makes the second one a
    no-op. Transient faults propagate (the task retries); anything else marks the event failed.
    """
    try:
        with transaction.atomic():
            event = (
                WebhookEvent.objects.select_for_update()
                .select_related("installation")
                .get(pk=event_id)
            )
            if event.status != WebhookEvent.Status.PENDING:
                return
            definition = get_webhook(event.webhook_name)
            if definition is not None:
                definition.handler(event)
            event.status = WebhookEvent.Status.DONE
            event.attempts += 1
            event.processed_at = timezone.now()
            event.last_error = ""
            event.save(update_fields=["status", "attempts", "processed_at", "last_error"])
    except TRANSIENT_ERRORS as exc:
        _record_attempt(event_id, exc, status=WebhookEvent.Status.PENDING)
        raise
    except Exception as exc:
        logger.exception("webhook event %s failed", event_id)
        _record_attempt(event_id, exc, status=WebhookEvent.Status.FAILED)


def _record_attempt(event_id: int, exc: Exception, *, status: str) -> None:
    WebhookEvent.objects.filter(pk=event_id, status=WebhookEvent.Status.PENDING).update(
        status=status, attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"
    )


def stale_pending_event_ids() -> list[int]:
    return stale_ids(
        WebhookEvent.objects.filter(status=WebhookEvent.Status.PENDING),
        since_field="received_at",
        older_than=settings.WEBHOOK_REDELIVERY_AFTER,
    )
