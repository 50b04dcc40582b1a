"""Turn a request's bearer token into a ``Requester``, as Saleor's auth backends do."""

from __future__ import annotations

from collections.abc import Mapping

import jwt

from .keys import SigningKey
from .permissions import ANONYMOUS, Requester
from .store import APP_TOKEN_LENGTH, Store
from .tokens import ACCESS_TYPE, OWNER, THIRDPARTY_TYPE

# Saleor reads ``Authorization-Bearer`` first, then ``Authorization: Bearer|JWT <token>``.
_AUTH_PREFIXES = ("JWT", "BEARER")


def token_from_headers(headers: Mapping[str, str]) -> str | None:
    """The bearer token of a request, or ``None``."""
    lowered = {name.lower(): value for name, value in headers.items()}
    token = lowered.get("authorization-bearer")
    if token:
        return token
    parts = lowered.get("authorization", "").split(maxsplit=1)
    if len(parts) == 2 and parts[0].upper() in _AUTH_PREFIXES:
        return parts[1]
    return None


def _is_saleor_jwt(token: str) -> bool:
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return False
    return claims.get("owner") == OWNER


def authenticate(store: Store, key: SigningKey, token: str | None) -> Requester:
    """App for a 30-character app token, user for a Saleor JWT, otherwise anonymous."""
    if not token:
        return ANONYMOUS
    if len(token) == APP_TOKEN_LENGTH:
        app = store.app_by_token(token)
        if app is not None:
            return Requester(app=app, permissions=frozenset(app["_permissions"]))
    if not _is_saleor_jwt(token):
        return ANONYMOUS
    try:
        return _user_requester(store, key, token)
    except jwt.PyJWTError as exc:
        return Requester(auth_error=exc)


def _user_requester(store: Store, key: SigningKey, token: str) -> Requester:
    claims = key.decode_jwt(token)
    if claims.get("type") not in (ACCESS_TYPE, THIRDPARTY_TYPE):
        raise jwt.InvalidTokenError("Invalid token. Create new one by using tokenCreate mutation.")
    user = store.user_by_email(str(claims.get("email", "")))
    if not claims.get("token"):
        raise jwt.InvalidTokenError("Invalid token. Create new one by using tokenCreate mutation.")
    if user is None or not user["isActive"]:
        raise jwt.InvalidTokenError("Invalid token. User does not exist or is inactive.")
    if user["_jwt_token_key"] != claims["token"]:
        raise jwt.InvalidTokenError("Invalid token. Create new one by using tokenCreate mutation.")
    permissions = frozenset(user["_permissions"])
    is_staff = bool(user["isStaff"])
    if claims.get("permissions") is not None:
        # Tokens handed to apps carry the app ∩ user permissions; they replace the user's.
        permissions = frozenset(claims["permissions"])
        is_staff = bool(permissions)
    if claims.get("is_staff"):
        is_staff = True
    return Requester(user=user, permissions=permissions, is_staff=is_staff)
