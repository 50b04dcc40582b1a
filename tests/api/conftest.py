"""Fixtures of the API tests: the API of the `saleor` double's store, a staff token."""

from __future__ import annotations

import pytest

from .helpers import Api


@pytest.fixture
def api(live_server, saleor) -> Api:
    return Api(live_server.url, saleor.api_url)


@pytest.fixture
def staff_token(saleor, installed) -> str:
    return saleor.mint_dashboard_token(
        installed, email="olga@shop.example", user_permissions=("MANAGE_ORDERS",)
    )
