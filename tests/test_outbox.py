"""An accepted webhook is never lost, even when the broker is down at that moment."""

from __future__ import annotations

import pytest

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.orders.selectors import fulfilments_for_order
from saleor_returns_app.testing.waiting import wait_for
from saleor_returns_app.webhooks import tasks
from saleor_returns_app.webhooks.models import WebhookEvent


class BrokerDown(ConnectionError):
    pass


def _refuse(*_args, **_kwargs):
    raise BrokerDown("broker unreachable")


@pytest.mark.worker
def test_event_stored_while_the_broker_is_down_is_processed_later(
    installed, saleor, celery_worker, monkeypatch, settings
):
    channel = saleor.store.add_channel(slug="cz", currency="CZK", country="CZ")
    product = saleor.store.add_product(
        "Boots", variants=[{"sku": "B-42", "name": "42", "price": "2490"}]
    )
    order = saleor.store.add_order(
        channel=channel, lines=[(product.variants[0], 1)], user_email="jiri@example.cz"
    )
    # given the broker refuses messages while Saleor delivers
    monkeypatch.setattr(tasks.process_webhook_event, "delay", _refuse)
    saleor.fulfill(order)
    # then Saleor still got a 200 (no pointless retries) and the event waits in the inbox
    assert [r.status_code for r in saleor.deliveries_log[-2:]] == [200, 200]
    assert WebhookEvent.objects.filter(status="pending").count() == 2
    # when the broker is back and the beat sweeper runs
    monkeypatch.undo()
    settings.WEBHOOK_REDELIVERY_AFTER = 0
    assert tasks.requeue_stale_events() == 2
    # then the worker processes the events exactly once
    installation = Installation.objects.get()
    wait_for(lambda: not WebhookEvent.objects.filter(status="pending").exists())
    assert len(fulfilments_for_order(installation=installation, order_id=order.id)) == 1
    assert set(WebhookEvent.objects.values_list("status", "attempts")) == {("done", 1)}
