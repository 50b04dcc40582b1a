"""Installing the app into Saleor, end to end over HTTP, as Saleor's install task does it."""

from __future__ import annotations

import pytest
import requests
from django.db import connection
from django.utils.text import slugify

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.models import ReturnReason
from saleor_returns_app.testing.saleor_double import InstallError


def test_install_stores_the_verified_app_with_its_keys(saleor, manifest_url):
    # when the merchant installs the app from its manifest URL
    app = saleor.install_app(manifest_url)
    # then the app knows this Saleor, the app id Saleor gave it, its token and its keys
    installation = Installation.objects.get(saleor_api_url=saleor.api_url)
    assert installation.is_active
    assert installation.app_id == app.id
    assert installation.token == app.token
    assert installation.jwks == saleor.jwks()
    assert installation.domain == saleor.domain
    assert installation.schema_version == "3.24"
    # and the store's portal address is named after its domain
    host = saleor.domain.split(":")[0]
    assert installation.slug == slugify(host.replace(".", "-"))
    # and Saleor created the webhooks the manifest declares
    assert {w["name"] for w in app.webhooks} == {
        "app-deleted",
        "order-fulfilled",
        "fulfillment-created",
    }


def test_token_is_encrypted_at_rest(installed, saleor):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT token FROM installations_installation WHERE saleor_api_url = %s",
            [saleor.api_url],
        )
        (stored,) = cursor.fetchone()
    assert installed.token not in stored
    assert stored


def test_reinstall_overwrites_the_previous_installation(saleor, manifest_url):
    # given an app installed, removed in Saleor without the app hearing of it, then installed
    first = saleor.install_app(manifest_url)
    slug_after_first = Installation.objects.get(saleor_api_url=saleor.api_url).slug
    saleor.store.remove_app(first.app)
    second = saleor.install_app(manifest_url)
    # then one installation remains, with the new app id and token
    installation = Installation.objects.get(saleor_api_url=saleor.api_url)
    assert Installation.objects.count() == 1
    assert (installation.app_id, installation.token) == (second.id, second.token)
    assert first.id != second.id
    # and the portal keeps its address: shoppers' links stay valid
    assert installation.slug == slug_after_first


def test_disallowed_saleor_cannot_install(saleor, manifest_url, settings):
    # given the app only accepts the store's own Saleor
    settings.ALLOWED_SALEOR_URLS = r"https://shop\.example\.com/graphql/"
    # when another Saleor tries to install it
    with pytest.raises(InstallError) as failure:
        saleor.install_app(manifest_url)
    # then the install fails with the SDK's code, and nothing is stored
    assert failure.value.status == 403
    assert failure.value.body["error"]["code"] == "SALEOR_URL_PROHIBITED"
    assert not Installation.objects.exists()


def test_register_refuses_a_token_saleor_does_not_know(live_server, saleor):
    response = requests.post(
        f"{live_server.url}/api/register",
        json={"auth_token": "not-a-token-of-this-saleor"},
        headers={"Saleor-Api-Url": saleor.api_url, "Saleor-Domain": saleor.domain},
        timeout=10,
    )
    assert response.status_code == 401
    assert response.json() == {
        "success": False,
        "error": {"code": "UNKNOWN_APP_ID", "message": "Failed fetching app ID"},
    }
    assert not Installation.objects.exists()


def test_register_refuses_when_saleor_serves_no_keys(live_server, saleor):
    # given a Saleor whose JWKS endpoint is down
    app = saleor.create_app("Returns", permissions=["MANAGE_ORDERS"])
    saleor.serve_jwks = False
    # when the token is delivered
    response = requests.post(
        f"{live_server.url}/api/register",
        json={"auth_token": app.token},
        headers={"Saleor-Api-Url": saleor.api_url},
        timeout=10,
    )
    # then the install fails, and nothing is stored
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "JWKS_NOT_AVAILABLE"
    assert not Installation.objects.exists()


@pytest.mark.parametrize(
    ("method", "headers", "body", "status", "code"),
    [
        ("get", {"Saleor-Api-Url": "https://shop/graphql/"}, None, 405, "METHOD_NOT_ALLOWED"),
        ("post", {}, {"auth_token": "t"}, 400, "MISSING_SALEOR_API_URL_HEADER"),
        ("post", {"Saleor-Api-Url": "https://shop/graphql/"}, {}, 400, "MISSING_AUTH_TOKEN"),
        ("post", {"Saleor-Api-Url": "https://shop/graphql/"}, "[1]", 400, "MISSING_AUTH_TOKEN"),
    ],
)
def test_register_rejects_malformed_requests(live_server, method, headers, body, status, code):
    kwargs = {"data": body} if isinstance(body, str) else {"json": body}
    response = getattr(requests, method)(
        f"{live_server.url}/api/register", headers=headers, timeout=10, **kwargs
    )
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert not Installation.objects.exists()


def test_a_new_store_starts_with_the_default_reasons_in_its_languages(installation):
    damaged = ReturnReason.objects.get(installation=installation, code="DAMAGED")
    assert (damaged.labels["en"], damaged.labels["pl"]) == ("Arrived damaged", "Dotarł uszkodzony")
    assert damaged.requires_photo
