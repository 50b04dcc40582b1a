"""Fetching and reading a Saleor instance's JSON Web Key Set."""

from __future__ import annotations

import json
from functools import lru_cache
from urllib.parse import urlsplit

import jwt
import requests
from django.conf import settings


class JwksUnavailable(Exception):
    """Saleor's JWKS could not be fetched or is not a key set."""


def jwks_url(saleor_api_url: str) -> str:
    parts = urlsplit(saleor_api_url)
    return f"{parts.scheme}://{parts.netloc}/.well-known/jwks.json"


def fetch_jwks(saleor_api_url: str) -> dict:
    try:
        response = requests.get(
            jwks_url(saleor_api_url),
            timeout=(settings.SALEOR_CONNECT_TIMEOUT, settings.SALEOR_READ_TIMEOUT),
            allow_redirects=False,
        )
    except requests.RequestException as exc:
        raise JwksUnavailable(f"JWKS request failed: {exc}") from exc
    if response.status_code != 200:
        raise JwksUnavailable(f"JWKS answered HTTP {response.status_code}")
    try:
        jwks = response.json()
    except ValueError as exc:
        raise JwksUnavailable("JWKS is not JSON") from exc
    if not isinstance(jwks, dict) or not isinstance(jwks.get("keys"), list) or not jwks["keys"]:
        raise JwksUnavailable("JWKS has no keys")
    try:
        _parse(json.dumps(jwks, sort_keys=True))
    except jwt.PyJWTError as exc:
        raise JwksUnavailable(f"JWKS keys are unusable: {exc}") from exc
    return jwks


def signing_keys(jwks: dict) -> dict[str | None, jwt.PyJWK]:
    """Keys by `kid`, parsed once per distinct key set (parsing RSA keys is not free)."""
    return _parse(json.dumps(jwks, sort_keys=True))


@lru_cache(maxsize=256)
def _parse(jwks_json: str) -> dict[str | None, jwt.PyJWK]:
    key_set = jwt.PyJWKSet.from_json(jwks_json)
    return {key.key_id: key for key in key_set.keys}
