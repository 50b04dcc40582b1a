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


STORE_ORIGIN = "https://magazin.example.ro"


def test_a_stores_own_storefront_may_call_the_api_for_that_store(api, installation):
    # given the store lists its storefront (and the deployment lists none of its own)
    installation.storefront_origins = [STORE_ORIGIN]
    installation.save(update_fields=["storefront_origins"])
    # then the browser's preflight and the request are both allowed
    assert _preflight(api, STORE_ORIGIN).headers["Access-Control-Allow-Origin"] == STORE_ORIGIN
    response = api.post(QUERY, headers={"Origin": STORE_ORIGIN})
    assert response.headers["Access-Control-Allow-Origin"] == STORE_ORIGIN


def test_a_storefront_of_one_store_cannot_read_another_stores_answers(
    live_server, installation, other_saleor, manifest_url
):
    # given two stores on one deployment, only the first listing the storefront
    installation.storefront_origins = [STORE_ORIGIN]
    installation.save(update_fields=["storefront_origins"])
    other_saleor.install_app(manifest_url)
    other_store = Api(live_server.url, other_saleor.api_url)
    # when that storefront's page calls the API for the second store
    response = other_store.post(QUERY, headers={"Origin": STORE_ORIGIN})
    # then the browser is not allowed to read the answer
    assert "Access-Control-Allow-Origin" not in response.headers
