"""Tracking a carrier pushes to us: verified by the account's secret URL, parsed by its driver."""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils import timezone

from saleor_returns_app.carriers.base import TrackingEvent
from saleor_returns_app.shipping.accounts import driver_of
from saleor_returns_app.shipping.models import CarrierAccount, Shipment
from saleor_returns_app.shipping.tracking import record_tracking


@dataclass(frozen=True)
class PushResult:
    events: int
    shipments: int


def account_for_push(account_id: int, token: str) -> CarrierAccount | None:
    """The active account this push URL belongs to, if the secret matches."""
    account = CarrierAccount.objects.filter(pk=account_id, is_active=True).first()
    if account is None or not hmac.compare_digest(account.webhook_token.encode(), token.encode()):
        return None
    return account


def receive_push(account: CarrierAccount, headers: Mapping[str, str], body: bytes) -> PushResult:
    """Parse the push and record its events on this account's shipments (each event once:
    carriers resend on any doubt). Driver errors (`CarrierRejected`, `NotSupported`)
    propagate for the view to answer 4xx; events for unknown parcels are ignored."""
    events = driver_of(account).parse_webhook(headers, body)
    by_number: dict[str, list[TrackingEvent]] = {}
    for event in events:
        by_number.setdefault(event.tracking_number, []).append(event)
    shipments = Shipment.objects.filter(
        account=account,
        tracking_number__in=list(by_number),
        status__in=[Shipment.Status.BOOKED, Shipment.Status.CANCELLING],
    ).values_list("pk", "tracking_number")
    now = timezone.now()
    for shipment_id, number in shipments:
        record_tracking(shipment_id, by_number[number], now=now)
    return PushResult(events=len(events), shipments=len(shipments))
