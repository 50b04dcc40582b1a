"""Real rows for tests that need stored state without going through Saleor."""

from __future__ import annotations

import itertools
from typing import Any

from django.utils import timezone

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.models import Market, RefundTrigger, ReturnLine, ReturnRequest
from saleor_returns_app.returns.numbering import next_rma

_sequence = itertools.count(1)


def make_installation(**overrides: Any) -> Installation:
    n = next(_sequence)
    values = {
        "saleor_api_url": f"https://shop-{n}.example.com/graphql/",
        "slug": f"shop-{n}",
        "app_id": f"QXBwOj{n}",
        "token": f"token-{n}",
        "jwks": {"keys": []},
        "jwks_fetched_at": timezone.now(),
        "installed_at": timezone.now(),
        **overrides,
    }
    return Installation.objects.create(**values)


def make_return_request(installation: Installation, **overrides: Any) -> ReturnRequest:
    n = next(_sequence)
    values = {
        "rma": next_rma(installation=installation, year=timezone.now().year),
        "order_id": f"T3JkZXI6{n}",
        "order_number": str(1000 + n),
        "customer_email": f"shopper{n}@example.com",
        "channel_slug": "default-channel",
        "country_code": "RO",
        "currency": "RON",
        "method": "SELF_SHIP",
        "resolution": "REFUND",
        **overrides,
    }
    return_request = ReturnRequest.objects.create(installation=installation, **values)
    ReturnLine.objects.create(
        return_request=return_request,
        order_line_id=f"T3JkZXJMaW5lOj{n}",
        sku="SKU-1",
        quantity=1,
        unit_price="99.00",
        reason_code="TOO_SMALL",
    )
    return return_request


def make_market(installation: Installation, **overrides: Any) -> Market:
    """The store's default market: Romania (channel `ro`), RON, Bucharest time, refunds by staff."""
    values = {
        "name": "Romania",
        "countries": ["RO"],
        "channels": ["ro"],
        "currency": "RON",
        "time_zone": "Europe/Bucharest",
        "is_default": True,
        "refund_trigger": RefundTrigger.MANUAL,
        **overrides,
    }
    return Market.objects.create(installation=installation, **values)
