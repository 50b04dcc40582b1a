"""Two Saleor stores share one app deployment and never see each other's data."""

from __future__ import annotations

import pytest
import requests

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.orders.selectors import fulfilments_for_order
from saleor_returns_app.testing.waiting import wait_for
from saleor_returns_app.webhooks.models import WebhookEvent


def _order(saleor, email):
    channel = saleor.store.add_channel(slug="default-channel", currency="RON", country="RO")
    product = saleor.store.add_product(
        "Mug", variants=[{"sku": "MUG", "name": "Mug", "price": "20"}]
    )
    return saleor.store.add_order(
        channel=channel, lines=[(product.variants[0], 1)], user_email=email
    )


@pytest.mark.worker
def test_same_order_id_in_two_stores_stays_apart(saleor, other_saleor, manifest_url, celery_worker):
    # given the app installed in two Saleor stores, each shipping an order
    saleor.install_app(manifest_url)
    other_saleor.install_app(manifest_url)
    first, second = _order(saleor, "a@one.example"), _order(other_saleor, "b@two.example")
    saleor.fulfill(first)
    other_saleor.fulfill(second)
    one = Installation.objects.get(saleor_api_url=saleor.api_url)
    two = Installation.objects.get(saleor_api_url=other_saleor.api_url)
    # when each store's fulfilments are read
    wait_for(lambda: fulfilments_for_order(installation=one, order_id=first.id))
    wait_for(lambda: fulfilments_for_order(installation=two, order_id=second.id))
    # then each sees only its own
    assert fulfilments_for_order(installation=one, order_id=second.id) == []
    assert fulfilments_for_order(installation=two, order_id=first.id) == []
    assert {e.installation_id for e in WebhookEvent.objects.for_installation(one)} == {one.pk}


def test_a_store_token_is_useless_against_another_store(
    saleor, other_saleor, manifest_url, live_server
):
    saleor.install_app(manifest_url)
    other_app = other_saleor.install_app(manifest_url)
    # a staff token of store two, presented as if it came from store one
    token = other_saleor.mint_dashboard_token(other_app)
    response = requests.get(
        f"{live_server.url}/api/session",
        headers={"Authorization-Bearer": token, "Saleor-Api-Url": saleor.api_url},
        timeout=10,
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] in {"INVALID_TOKEN", "WRONG_ISSUER"}
