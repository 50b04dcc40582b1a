"""Tokens from the Saleor Dashboard (staff) and from the storefront (shoppers)."""

from __future__ import annotations

import pytest
import requests

from saleor_returns_app.saleor.auth import TokenError, verify_shopper_token


def _session(live_server, saleor, token, api_url=None):
    return requests.get(
        f"{live_server.url}/api/session",
        headers={"Authorization-Bearer": token, "Saleor-Api-Url": api_url or saleor.api_url},
        timeout=10,
    )


def test_dashboard_token_of_a_staff_member_is_accepted(live_server, installed, saleor):
    token = saleor.mint_dashboard_token(
        installed, email="olga@shop.example", user_permissions=("MANAGE_ORDERS",)
    )
    response = _session(live_server, saleor, token)
    assert response.status_code == 200
    assert response.json() == {
        "saleorApiUrl": saleor.api_url,
        "email": "olga@shop.example",
        "permissions": ["MANAGE_ORDERS"],
    }


@pytest.mark.parametrize(
    ("mint_kwargs", "status", "code"),
    [
        ({"expires_in": -60}, 401, "TOKEN_EXPIRED"),
        ({"issuer": "https://another-shop.example/graphql/"}, 401, "WRONG_ISSUER"),
        ({"token_type": "access"}, 401, "WRONG_TOKEN_TYPE"),
        ({"user_permissions": ("MANAGE_PRODUCTS",)}, 403, "MISSING_PERMISSIONS"),
    ],
    ids=["expired", "wrong-issuer", "wrong-type", "missing-permission"],
)
def test_dashboard_token_is_refused(live_server, installed, saleor, mint_kwargs, status, code):
    token = saleor.mint_dashboard_token(installed, **mint_kwargs)
    response = _session(live_server, saleor, token)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


def test_token_of_another_app_on_the_same_saleor_is_refused(live_server, installed, saleor):
    other_app = saleor.create_app("Another app", permissions=["MANAGE_ORDERS"])
    token = saleor.mint_dashboard_token(other_app)
    response = _session(live_server, saleor, token)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "WRONG_APP"


def test_token_signed_by_another_saleor_is_refused(live_server, installed, saleor, other_saleor):
    forged = other_saleor.mint_dashboard_token(installed, issuer=saleor.api_url)
    response = _session(live_server, saleor, forged)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "INVALID_TOKEN"


def test_token_for_a_saleor_without_the_app_is_refused(live_server, installed, other_saleor):
    token = other_saleor.mint_dashboard_token(installed)
    response = _session(live_server, other_saleor, token)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "NOT_REGISTERED"


def test_missing_token_is_refused(live_server, installed, saleor):
    response = requests.get(
        f"{live_server.url}/api/session", headers={"Saleor-Api-Url": saleor.api_url}, timeout=10
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "MISSING_TOKEN"


def test_shopper_token_names_the_customer(installed, saleor):
    token = saleor.mint_shopper_token(email="ana@example.com", user_id="VXNlcjoxMg==")
    shopper = verify_shopper_token(token, saleor.api_url)
    assert (shopper.email, shopper.user_id) == ("ana@example.com", "VXNlcjoxMg==")


@pytest.mark.parametrize(
    ("mint_kwargs", "code"),
    [
        ({"expires_in": -60}, "TOKEN_EXPIRED"),
        ({"extra_claims": {"iss": "https://elsewhere/graphql/"}}, "WRONG_ISSUER"),
        ({"extra_claims": {"type": "refresh"}}, "WRONG_TOKEN_TYPE"),
    ],
    ids=["expired", "wrong-issuer", "refresh-token"],
)
def test_shopper_token_is_refused(installed, saleor, mint_kwargs, code):
    token = saleor.mint_shopper_token(email="ana@example.com", **mint_kwargs)
    with pytest.raises(TokenError) as refused:
        verify_shopper_token(token, saleor.api_url)
    assert refused.value.code == code


def test_dashboard_token_is_not_a_shopper_token(installed, saleor):
    with pytest.raises(TokenError) as refused:
        verify_shopper_token(saleor.mint_dashboard_token(installed), saleor.api_url)
    assert refused.value.code == "WRONG_TOKEN_TYPE"
