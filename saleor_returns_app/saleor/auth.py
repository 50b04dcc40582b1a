"""Verification of everything Saleor signs: webhook payloads and the JWTs of staff and shoppers.

The installation is always found first, by the Saleor API URL the request names, and only its
stored JWKS and app id are trusted: nothing in a token or body decides which keys verify it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

import jwt
from django.conf import settings
from django.core.cache import cache

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.installations.selectors import active_installation
from saleor_returns_app.installations.services import store_jwks
from saleor_returns_app.saleor.jwks import JwksUnavailable, fetch_jwks, signing_keys

T = TypeVar("T")

DASHBOARD_TOKEN_TYPE = "thirdparty"  # noqa: S105 - a claim value, not a secret
SHOPPER_TOKEN_TYPE = "access"  # noqa: S105 - a claim value, not a secret
CLOCK_SKEW_SECONDS = 5


class InvalidSignature(Exception):
    """A signature or token did not verify with the installation's keys."""


@dataclass(frozen=True)
class TokenError(Exception):
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


@dataclass(frozen=True)
class DashboardUser:
    installation: Installation
    user_id: str
    email: str
    user_permissions: frozenset[str]
    claims: dict


@dataclass(frozen=True)
class Shopper:
    installation: Installation
    user_id: str
    email: str
    claims: dict


def _with_refetch(installation: Installation, verify: Callable[[dict], T]) -> T:
    """Verify with the stored JWKS; on failure refetch it once, since Saleor rotates keys.

    Refetches are throttled per installation so that forged requests cannot make the app
    hammer Saleor's JWKS endpoint. `JwksUnavailable` means we could not learn the keys:
    callers treat it as transient.
    """
    try:
        return verify(installation.jwks)
    except InvalidSignature:
        throttle_key = f"jwks-refetch:{installation.pk}"
        if not cache.add(throttle_key, 1, timeout=settings.JWKS_REFETCH_INTERVAL):
            raise
        fresh = fetch_jwks(installation.saleor_api_url)
        if fresh == installation.jwks:
            raise
        store_jwks(installation, fresh)
        return verify(fresh)


def _key_for(jwks: dict, kid: str | None) -> jwt.PyJWK:
    keys = signing_keys(jwks)
    key = keys.get(kid)
    if key is None and kid is None and len(keys) == 1:
        key = next(iter(keys.values()))
    if key is None:
        raise InvalidSignature(f"unknown key id {kid!r}")
    return key


def verify_webhook_signature(installation: Installation, body: bytes, signature: str) -> None:
    """Verify Saleor's detached JWS (RFC 7797, unencoded payload) over the raw body."""

    def verify(jwks: dict) -> None:
        try:
            header = jwt.get_unverified_header(signature)
            jwt.api_jws.decode_complete(
                signature,
                key=_key_for(jwks, header.get("kid")),
                algorithms=["RS256"],
                detached_payload=body,
            )
        except jwt.PyJWTError as exc:
            raise InvalidSignature(str(exc)) from exc

    _with_refetch(installation, verify)


def _decode_token(installation: Installation, token: str) -> dict:
    def verify(jwks: dict) -> dict:
        try:
            header = jwt.get_unverified_header(token)
            return jwt.decode(
                token,
                key=_key_for(jwks, header.get("kid")),
                algorithms=["RS256"],
                leeway=CLOCK_SKEW_SECONDS,
                options={"verify_aud": False, "require": ["exp", "iat"]},
            )
        except jwt.ExpiredSignatureError as exc:
            # PyJWT checks the signature before the claims: this token is genuine but old.
            raise TokenError("TOKEN_EXPIRED", "The token has expired.") from exc
        except jwt.PyJWTError as exc:
            raise InvalidSignature(str(exc)) from exc

    try:
        claims = _with_refetch(installation, verify)
    except InvalidSignature as exc:
        raise TokenError("INVALID_TOKEN", "The token's signature is not valid.") from exc
    except JwksUnavailable as exc:
        raise TokenError("JWKS_NOT_AVAILABLE", "Saleor's signing keys are unavailable.") from exc
    if claims.get("iss") != installation.saleor_api_url:
        raise TokenError("WRONG_ISSUER", "The token was issued by another Saleor.")
    return claims


def _installation(saleor_api_url: str | None) -> Installation:
    if not saleor_api_url:
        raise TokenError("MISSING_SALEOR_API_URL", "The saleor-api-url header is required.")
    installation = active_installation(saleor_api_url)
    if installation is None:
        raise TokenError("NOT_REGISTERED", "The app is not installed in this Saleor.")
    return installation


def _permissions(claims: dict) -> frozenset[str]:
    value = claims.get("user_permissions") or []
    if isinstance(value, str):
        # Saleor has serialised permission lists as JSON strings in some token kinds.
        value = json.loads(value)
    return frozenset(value)


def _verified_claims(
    token: str | None, saleor_api_url: str | None, *, token_type: str, what: str
) -> tuple[Installation, dict]:
    installation = _installation(saleor_api_url)
    if not token:
        raise TokenError("MISSING_TOKEN", f"{what} is required.")
    claims = _decode_token(installation, token)
    if claims.get("type") != token_type:
        raise TokenError("WRONG_TOKEN_TYPE", f"{what} is required.")
    return installation, claims


def verify_dashboard_token(
    token: str | None,
    saleor_api_url: str | None,
    *,
    required_permissions: Iterable[str] = (),
) -> DashboardUser:
    """A staff user acting in one of our Dashboard views, with the permissions the action needs."""
    installation, claims = _verified_claims(
        token, saleor_api_url, token_type=DASHBOARD_TOKEN_TYPE, what="A Saleor Dashboard token"
    )
    if claims.get("app") != installation.app_id:
        raise TokenError("WRONG_APP", "The token was issued for another app.")
    granted = _permissions(claims)
    missing = sorted(set(required_permissions) - granted)
    if missing:
        raise TokenError("MISSING_PERMISSIONS", "Missing permissions: " + ", ".join(missing))
    return DashboardUser(
        installation=installation,
        user_id=str(claims.get("user_id", "")),
        email=str(claims.get("email", "")),
        user_permissions=granted,
        claims=claims,
    )


def verify_shopper_token(token: str | None, saleor_api_url: str | None) -> Shopper:
    """A shopper signed in to the storefront with Saleor's `tokenCreate`."""
    installation, claims = _verified_claims(
        token, saleor_api_url, token_type=SHOPPER_TOKEN_TYPE, what="A Saleor customer token"
    )
    if not claims.get("user_id") or not claims.get("email"):
        raise TokenError("INVALID_TOKEN", "The token names no customer.")
    return Shopper(
        installation=installation,
        user_id=str(claims["user_id"]),
        email=str(claims["email"]),
        claims=claims,
    )
