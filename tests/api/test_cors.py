"""CORS: storefront origins on the allow-list may call the API from the browser."""

from __future__ import annotations

import pytest
import requests

from .helpers import Api

SHOP = "https://shop.example.com"
QUERY = "{ returnRequests(first: 1) { totalCount } }"


@pytest.fixture(autouse=True)
def _storefronts(settings):
    settings.STOREFRONT_ORIGINS = f"{SHOP}, https://www.shop.example.com"


def _preflight(api: Api, origin: str) -> requests.Response:
    return requests.options(
        api.url,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, saleor-api-url, content-type",
        },
        timeout=10,
    )


def test_preflight_from_an_allowed_origin_is_answered(api, installed):
    response = _preflight(api, SHOP)
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == SHOP
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    allowed = response.headers["Access-Control-Allow-Headers"].lower()
    assert {"authorization", "saleor-api-url", "content-type"} <= {
        h.strip() for h in allowed.split(",")
    }


def test_preflight_from_another_origin_gets_no_cors_headers(api, installed):
    response = _preflight(api, "https://evil.example.com")
    assert response.status_code == 403
    assert "Access-Control-Allow-Origin" not in response.headers


def test_response_to_an_allowed_origin_may_be_read_by_it(api, installed):
    response = api.post(QUERY, headers={"Origin": SHOP})
    assert response.headers["Access-Control-Allow-Origin"] == SHOP
    assert response.headers["Vary"] == "Origin"


def test_response_to_another_origin_may_not_be_read_by_it(api, installed):
    response = api.post(QUERY, headers={"Origin": "https://evil.example.com"})
    assert "Access-Control-Allow-Origin" not in response.headers
