"""Saleor's signed webhooks: verified, recorded exactly once, refused when anything is off."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import requests

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.orders.selectors import fulfilments_for_order, shipped_at_by_line
from saleor_returns_app.testing.waiting import wait_for
from saleor_returns_app.webhooks.models import WebhookEvent


@pytest.fixture
def order(saleor):
    channel = saleor.store.add_channel(slug="pl", currency="PLN", country="PL")
    product = saleor.store.add_product(
        "Linen shirt", variants=[{"sku": "LS-M", "name": "M", "price": "199.00"}]
    )
    return saleor.store.add_order(
        channel=channel, lines=[(product.variants[0], 2)], user_email="ana@example.com"
    )


def _fulfilled_delivery(saleor, order):
    saleor.fulfill(order, deliver=False)
    (delivery,) = saleor.build_deliveries("ORDER_FULFILLED", order=order)
    return delivery


def _error_code(response: requests.Response) -> str:
    return response.json()["error"]["code"]


def test_signed_delivery_is_recorded_once_even_when_delivered_three_times(installed, saleor, order):
    # given one ORDER_FULFILLED delivery
    delivery = _fulfilled_delivery(saleor, order)
    # when Saleor delivers it three times (e.g. our answers were lost)
    responses = [saleor.deliver(delivery) for _ in range(3)]
    # then every delivery is acknowledged and the event is stored once
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert [r.json()["duplicate"] for r in responses] == [False, True, True]
    event = WebhookEvent.objects.get()
    assert event.event_type == "ORDER_FULFILLED"
    assert event.payload["order"]["id"] == order.id
    assert event.saleor_version == "3.24.0"


def test_tampered_body_is_refused_and_nothing_stored(installed, saleor, order):
    delivery = _fulfilled_delivery(saleor, order)
    tampered = replace(delivery, body=delivery.body.replace(b"ana@example.com", b"eve@example.com"))
    response = saleor.deliver(tampered)
    assert response.status_code == 401
    assert _error_code(response) == "SIGNATURE_VERIFICATION_FAILED"
    assert not WebhookEvent.objects.exists()


def test_body_signed_by_another_key_is_refused(installed, saleor, other_saleor, order):
    delivery = _fulfilled_delivery(saleor, order)
    forged = replace(
        delivery,
        headers={**delivery.headers, "Saleor-Signature": other_saleor.sign(delivery.body)},
    )
    response = saleor.deliver(forged)
    assert response.status_code == 401
    assert _error_code(response) == "SIGNATURE_VERIFICATION_FAILED"
    assert not WebhookEvent.objects.exists()


def test_delivery_from_a_saleor_without_the_app_is_refused(installed, saleor, other_saleor, order):
    delivery = _fulfilled_delivery(saleor, order)
    unknown = replace(
        delivery,
        headers={
            **delivery.headers,
            "Saleor-Api-Url": other_saleor.api_url,
            "Saleor-Signature": other_saleor.sign(delivery.body),
        },
    )
    response = saleor.deliver(unknown)
    assert response.status_code == 401
    assert _error_code(response) == "NOT_REGISTERED"
    assert not WebhookEvent.objects.exists()


def test_event_for_another_app_is_refused(installed, saleor, order):
    # given a genuine Saleor signature over an event addressed to another app
    delivery = _fulfilled_delivery(saleor, order)
    payload = json.loads(delivery.body)
    payload["recipient"]["id"] = saleor.create_app("Other", permissions=[]).id
    body = json.dumps(payload).encode()
    misaddressed = replace(
        delivery, body=body, headers={**delivery.headers, "Saleor-Signature": saleor.sign(body)}
    )
    # when it reaches our app
    response = saleor.deliver(misaddressed)
    # then it is refused and not stored
    assert response.status_code == 403
    assert _error_code(response) == "WRONG_RECIPIENT"
    assert not WebhookEvent.objects.exists()


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("Saleor-Api-Url", "MISSING_SALEOR_API_URL_HEADER"),
        ("Saleor-Event", "MISSING_SALEOR_EVENT_HEADER"),
        ("Saleor-Signature", "MISSING_SIGNATURE_HEADER"),
    ],
)
def test_delivery_missing_a_header_is_refused(installed, saleor, order, header, code):
    delivery = _fulfilled_delivery(saleor, order)
    headers = {
        k: v
        for k, v in delivery.headers.items()
        if k.lower() not in (header.lower(), f"x-{header.lower()}")
    }
    response = saleor.deliver(replace(delivery, headers=headers))
    assert response.status_code == 400
    assert _error_code(response) == code
    assert not WebhookEvent.objects.exists()


def test_event_sent_to_the_wrong_webhook_url_is_refused(installed, saleor, order, live_server):
    delivery = _fulfilled_delivery(saleor, order)
    response = saleor.deliver(
        replace(delivery, target_url=f"{live_server.url}/api/webhooks/app-deleted")
    )
    assert response.status_code == 400
    assert _error_code(response) == "WRONG_EVENT"
    assert not WebhookEvent.objects.exists()


def test_unknown_webhook_name_is_not_found(installed, saleor, order, live_server):
    delivery = _fulfilled_delivery(saleor, order)
    response = saleor.deliver(replace(delivery, target_url=f"{live_server.url}/api/webhooks/nope"))
    assert response.status_code == 404
    assert not WebhookEvent.objects.exists()


def test_rotated_key_is_learned_and_the_delivery_accepted(installed, saleor, order):
    # given Saleor rotated its signing key after the app was installed
    old_jwks = Installation.objects.get().jwks
    saleor.rotate_key()
    # when a delivery signed with the new key arrives
    response = saleor.deliver(_fulfilled_delivery(saleor, order))
    # then the app refetched the JWKS and accepted it
    assert response.status_code == 200
    assert Installation.objects.get().jwks == saleor.jwks() != old_jwks
    assert WebhookEvent.objects.count() == 1


@pytest.mark.worker
def test_order_fulfilled_records_when_the_order_shipped(installed, saleor, order, celery_worker):
    # when Saleor fulfils the order and tells the app
    fulfilment = saleor.fulfill(order, tracking_number="TRACK-1")
    installation = Installation.objects.get()
    # then a worker records the fulfilment date: the return window will start there
    shipped = wait_for(lambda: shipped_at_by_line(installation=installation, order_id=order.id))
    (recorded,) = fulfilments_for_order(installation=installation, order_id=order.id)
    assert recorded.fulfilment_id == fulfilment.id
    assert recorded.tracking_number == "TRACK-1"
    assert recorded.fulfilled_at.isoformat() == fulfilment.created.replace("Z", "+00:00")
    assert recorded.lines[0]["quantity"] == 2
    assert shipped == {order["lines"][0]["id"]: recorded.fulfilled_at}
    assert wait_for(lambda: not WebhookEvent.objects.filter(status="pending").exists())


@pytest.mark.worker
def test_app_deleted_deactivates_the_installation(installed, saleor, order, celery_worker):
    # when the merchant uninstalls the app in Saleor
    responses = saleor.uninstall_app(installed)
    assert [r.status_code for r in responses] == [200]
    # then a worker drops the credentials
    installation = wait_for(lambda: Installation.objects.filter(is_active=False, token="").first())
    assert installation.uninstalled_at is not None
    # and later deliveries from that Saleor are refused
    later = saleor.deliver(_fulfilled_delivery_for_app(saleor, order, installed))
    assert later.status_code == 401
    assert _error_code(later) == "NOT_REGISTERED"


def _fulfilled_delivery_for_app(saleor, order, app):
    """A delivery as it would have reached the removed app."""
    saleor.fulfill(order, deliver=False)
    return saleor.build_delivery(app, "ORDER_FULFILLED", order=order)
