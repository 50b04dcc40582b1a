"""Registering an installation from the token Saleor POSTs at install time.

Mirrors the official app SDK's register handler: allow-list, prove the token by fetching the
app id, fetch the JWKS, store everything keyed by the Saleor API URL.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.installations.services import save_installation
from saleor_returns_app.returns.catalogue import ensure_default_reasons
from saleor_returns_app.saleor.client import SaleorClient, SaleorError
from saleor_returns_app.saleor.jwks import JwksUnavailable, fetch_jwks

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RegisterError(Exception):
    status: int
    code: str
    message: str


@cache
def _allowed_urls(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def is_allowed_saleor_url(saleor_api_url: str) -> bool:
    parts = urlsplit(saleor_api_url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return False
    return _allowed_urls(settings.ALLOWED_SALEOR_URLS).fullmatch(saleor_api_url) is not None


def register_installation(
    *, saleor_api_url: str, auth_token: str, domain: str, schema_version: str
) -> Installation:
    if not is_allowed_saleor_url(saleor_api_url):
        raise RegisterError(
            403,
            "SALEOR_URL_PROHIBITED",
            "This app expects to be installed only in allowed Saleor instances",
        )
    try:
        data = SaleorClient(saleor_api_url, auth_token).execute("AppId")
    except SaleorError as exc:
        logger.warning("register: app id not retrieved from %s: %s", saleor_api_url, exc)
        data = {}
    app_id = (data.get("app") or {}).get("id")
    if not app_id:
        raise RegisterError(401, "UNKNOWN_APP_ID", "Failed fetching app ID")
    try:
        jwks = fetch_jwks(saleor_api_url)
    except JwksUnavailable as exc:
        logger.warning("register: JWKS of %s unavailable: %s", saleor_api_url, exc)
        raise RegisterError(401, "JWKS_NOT_AVAILABLE", "Can't fetch the remote JWKS.") from exc
    try:
        installation = save_installation(
            saleor_api_url=saleor_api_url,
            app_id=app_id,
            token=auth_token,
            jwks=jwks,
            domain=domain,
            schema_version=schema_version,
        )
        # A new store starts with the default reason catalogue, labelled in EN/RO/PL/CS.
        ensure_default_reasons(installation=installation)
    except DatabaseError as exc:
        logger.exception("register: could not store the installation of %s", saleor_api_url)
        raise RegisterError(
            500, "APL_SAVE_FAILED", "Registration failed: could not save the auth data."
        ) from exc
    return installation
