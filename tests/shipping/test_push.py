"""Carriers that push tracking (InPost's webhooks) reach the return through a secret URL."""

from __future__ import annotations

import json

import pytest
import requests

from saleor_returns_app.returns.policy import Method
from saleor_returns_app.shipping import booking
from saleor_returns_app.shipping.models import Shipment

from .conftest import add_account, polish_order, request_return

pytestmark = pytest.mark.django_db(transaction=True)


def push_url(live_server, account, token: str | None = None) -> str:
    return f"{live_server.url}/api/carrier-webhooks/{account.pk}/{token or account.webhook_token}"


def inpost_event(inpost, tracking_number: str, status: str) -> bytes:
    return json.dumps(
        {
            "event_ts": "2026-11-27 10:15:00 +0100",
            "event": "shipment_status_changed",
            "organization_id": int(inpost.credentials["organization_id"]),
            "payload": {"shipment_id": 1, "status": status, "tracking_number": tracking_number},
        }
    ).encode()


@pytest.fixture
def booked(shop, inpost, in_process):
    account = add_account(shop.installation, "inpost", stub=inpost, country="PL")
    return_request = request_return(
        shop, method=Method.LOCKER, service_point_id="LOD01M", order=polish_order(shop)
    )
    shipment = Shipment.objects.get(return_request=return_request)
    booking.book(shipment.pk)
    # ShipX buys the shipment asynchronously: the tracking number comes with the confirmation
    booking.poll(shipment.pk)
    shipment.refresh_from_db()
    assert shipment.tracking_number
    return account, shipment


def test_a_pushed_scan_moves_the_return_in_transit(live_server, inpost, booked):
    account, shipment = booked

    body = inpost_event(inpost, shipment.tracking_number, "collected_from_sender")
    answer = requests.post(push_url(live_server, account), data=body, timeout=10)
    # the carrier resends on any doubt: the same event twice is recorded once
    again = requests.post(push_url(live_server, account), data=body, timeout=10)

    assert answer.status_code == 200, answer.text
    assert answer.json() == {"events": 1, "shipments": 1}
    assert again.status_code == 200
    shipment.refresh_from_db()
    assert [e.status for e in shipment.events.all()] == ["PICKED_UP"]
    assert shipment.return_request.status == "IN_TRANSIT"


def test_a_wrong_secret_is_refused_and_changes_nothing(live_server, inpost, booked):
    account, shipment = booked

    body = inpost_event(inpost, shipment.tracking_number, "delivered")
    answer = requests.post(push_url(live_server, account, "guessed"), data=body, timeout=10)

    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "NOT_FOUND"
    assert not shipment.events.exists()


def test_a_body_that_is_not_the_carriers_is_a_400(live_server, booked):
    account, _ = booked

    answer = requests.post(push_url(live_server, account), data=b"{}", timeout=10)

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "INVALID_PAYLOAD"


def test_carriers_that_do_not_push_have_no_webhook(live_server, shop, sameday):
    account = add_account(shop.installation, "sameday", stub=sameday)

    answer = requests.post(push_url(live_server, account), data=b"{}", timeout=10)

    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "NOT_SUPPORTED"
