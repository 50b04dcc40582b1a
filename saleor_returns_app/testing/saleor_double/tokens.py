"""Claims of the JWTs Saleor 3.24 issues (``saleor/core/jwt.py``).

- ``tokenCreate`` access token: ``jwt_user_payload(user, "access", JWT_TTL_ACCESS)``.
- App Bridge / app-extension token: the same user payload with type ``thirdparty`` plus
  ``app``, ``permissions`` (app ∩ user), ``user_permissions``, optional ``aud`` (the
  manifest ``audience``) and ``app_extension``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from typing import Any

ACCESS_TYPE = "access"
THIRDPARTY_TYPE = "thirdparty"
OWNER = "saleor"
# Saleor's JWT_TTL_ACCESS and JWT_TTL_APP_ACCESS both default to 5 minutes.
DEFAULT_TTL_SECONDS = 300


def user_claims(
    *,
    issuer: str,
    user_id: str,
    email: str,
    is_staff: bool,
    token_key: str,
    token_type: str,
    expires_in: int | None = DEFAULT_TTL_SECONDS,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Base claims of every Saleor user token, then ``extra`` on top (as Saleor merges)."""
    now = int(time.time())
    claims: dict[str, Any] = {"iat": now, "owner": OWNER, "iss": issuer}
    if expires_in is not None:
        claims["exp"] = now + expires_in
    claims.update(
        {
            "token": token_key,
            "email": email,
            "type": token_type,
            "user_id": user_id,
            "is_staff": is_staff,
        }
    )
    if extra:
        claims.update(extra)
    return claims


def thirdparty_extra_claims(
    *,
    app_id: str,
    app_permissions: Iterable[str],
    user_permissions: Iterable[str],
    audience: str | None = None,
    app_extension_id: str | None = None,
) -> dict[str, Any]:
    """The claims Saleor adds for tokens handed to an app (dashboard or extension)."""
    user_perms = sorted(set(user_permissions))
    extra: dict[str, Any] = {
        "app": app_id,
        "permissions": sorted(set(app_permissions) & set(user_perms)),
        "user_permissions": user_perms,
    }
    if audience:
        extra["aud"] = audience
    if app_extension_id:
        extra["app_extension"] = app_extension_id
    return extra
