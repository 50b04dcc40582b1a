"""JWKS, key rotation, webhook signatures and JWT claims, checked with PyJWT."""

from __future__ import annotations

import base64
import json
import time

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa

from saleor_returns_app.testing.saleor_double import SaleorDouble, from_global_id
from saleor_returns_app.testing.saleor_double.keys import rfc7638_thumbprint


def _served_jwks(double: SaleorDouble) -> dict:
    with requests.Session() as session:
        session.trust_env = False
        response = session.get(double.jwks_url, timeout=(2, 18))
    response.raise_for_status()
    return response.json()


def _verify_detached(double: SaleorDouble, signature: str, body: bytes) -> dict:
    [jwk] = _served_jwks(double)["keys"]
    key = jwt.PyJWK(jwk).key
    return jwt.api_jws.decode_complete(signature, key, algorithms=["RS256"], detached_payload=body)


def _decode_with_jwks(double: SaleorDouble, token: str) -> dict:
    [jwk] = _served_jwks(double)["keys"]
    assert jwt.get_unverified_header(token)["kid"] == jwk["kid"]
    return jwt.decode(
        token, jwt.PyJWK(jwk).key, algorithms=["RS256"], options={"verify_aud": False}
    )


def test_thumbprint_matches_the_rfc_7638_example() -> None:
    # given: the key of RFC 7638 section 3.1
    n = (
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECP"
        "ebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY"
        "368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0f"
        "M4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"
    )
    padded = n + "=" * (-len(n) % 4)
    modulus = int.from_bytes(base64.urlsafe_b64decode(padded), "big")
    public_key = rsa.RSAPublicNumbers(e=65537, n=modulus).public_key()

    # when
    thumbprint = rfc7638_thumbprint(public_key)

    # then
    assert thumbprint == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"


def test_jwks_publishes_the_current_key_as_saleor_does(double: SaleorDouble) -> None:
    # when
    jwks = _served_jwks(double)

    # then
    [jwk] = jwks["keys"]
    assert jwk["kty"] == "RSA"
    assert (jwk["use"], jwk["alg"], jwk["kid"]) == ("sig", "RS256", double.kid)
    assert jwk["kid"] == rfc7638_thumbprint(jwt.PyJWK(jwk).key)


def test_signature_is_a_detached_unencoded_jws(double: SaleorDouble) -> None:
    # given
    body = b'{"order": {"id": "T3JkZXI6MQ=="}}'

    # when
    signature = double.sign(body)

    # then
    header_segment, payload_segment, _ = signature.split(".")
    assert payload_segment == ""
    header = json.loads(base64.urlsafe_b64decode(header_segment + "=" * (-len(header_segment) % 4)))
    assert header["alg"] == "RS256"
    assert header["b64"] is False
    assert header["crit"] == ["b64"]
    assert header["kid"] == double.kid


def test_signature_verifies_with_the_served_jwks(double: SaleorDouble) -> None:
    # given
    body = b'{"order": {"id": "T3JkZXI6MQ=="}}'
    signature = double.sign(body)

    # when
    decoded = _verify_detached(double, signature, body)

    # then
    assert decoded["payload"] == body


def test_signature_fails_for_a_tampered_body(double: SaleorDouble) -> None:
    # given
    signature = double.sign(b'{"amount": 10}')

    # when / then
    with pytest.raises(jwt.InvalidSignatureError):
        _verify_detached(double, signature, b'{"amount": 1000}')


def test_rotate_key_changes_kid_and_stops_serving_the_old_key(double: SaleorDouble) -> None:
    # given
    old_kid = double.kid
    old_signature = double.sign(b"{}")

    # when
    new_kid = double.rotate_key()

    # then
    assert new_kid != old_kid
    assert [jwk["kid"] for jwk in _served_jwks(double)["keys"]] == [new_kid]
    with pytest.raises(jwt.InvalidSignatureError):
        _verify_detached(double, old_signature, b"{}")


def test_dashboard_token_carries_saleor_app_bridge_claims(double: SaleorDouble) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS", "MANAGE_PRODUCTS"])

    # when
    token = double.mint_dashboard_token(
        app, email="staff@example.com", user_permissions=["MANAGE_ORDERS", "MANAGE_USERS"]
    )

    # then
    claims = _decode_with_jwks(double, token)
    assert claims["iss"] == double.api_url
    assert claims["type"] == "thirdparty"
    assert claims["owner"] == "saleor"
    assert claims["app"] == app.id
    assert claims["email"] == "staff@example.com"
    assert from_global_id(claims["user_id"])[0] == "User"
    assert claims["is_staff"] is True
    assert claims["permissions"] == ["MANAGE_ORDERS"]
    assert claims["user_permissions"] == ["MANAGE_ORDERS", "MANAGE_USERS"]
    assert claims["exp"] - claims["iat"] == 300
    assert "app_extension" not in claims
    assert "aud" not in claims


def test_extension_token_names_the_extension(double: SaleorDouble) -> None:
    # given
    app = double.create_app("Returns", ["MANAGE_ORDERS"])

    # when
    token = double.mint_dashboard_token(app, app_extension_id=7)

    # then
    assert _decode_with_jwks(double, token)["app_extension"] == "QXBwRXh0ZW5zaW9uOjc="


def test_shopper_token_matches_token_create(double: SaleorDouble) -> None:
    # when
    before = int(time.time())
    token = double.mint_shopper_token(email="jane@example.com", audience="returns")

    # then
    claims = _decode_with_jwks(double, token)
    assert claims["type"] == "access"
    assert claims["email"] == "jane@example.com"
    assert claims["is_staff"] is False
    assert claims["owner"] == "saleor"
    assert claims["iss"] == double.api_url
    assert claims["aud"] == "custom:returns"
    assert claims["token"]
    assert from_global_id(claims["user_id"])[0] == "User"
    assert claims["iat"] >= before
    assert claims["exp"] - claims["iat"] == 300
