"""Signed tokens that carry the portal's state between pages, so it needs no server session.

Three kinds, each with its own salt so one can never be replayed as another:

- an order link (`/portal/<slug>/order/<token>`): which order, and who proved it is theirs. A
  shopper's deep link from the storefront lives for days; the link a guest gets after the
  order number + email check lives for an hour.
- a points link: the store, market and country a locker/drop-off search is for.
- a request (hidden in the review page): everything the shopper chose, photos included, with
  the idempotency key that makes "Confirm" create one return however often it is sent.

Every token names the installation and is refused by any other store.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from cryptography.fernet import InvalidToken
from django.core import signing

from saleor_returns_app.core.encryption import decrypt, encrypt
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.services import CustomerProof, ProofKind

SHOPPER_LINK_MAX_AGE = timedelta(days=7)
GUEST_LINK_MAX_AGE = timedelta(hours=1)
POINTS_MAX_AGE = timedelta(hours=2)
REQUEST_MAX_AGE = timedelta(hours=1)

_ORDER_SALTS = {
    ProofKind.SHOPPER: ("saleor-returns.portal.shopper-link", SHOPPER_LINK_MAX_AGE),
    ProofKind.GUEST: ("saleor-returns.portal.guest-link", GUEST_LINK_MAX_AGE),
}
_POINTS_SALT = "saleor-returns.portal.points"
_REQUEST_SALT = "saleor-returns.portal.request"


@dataclass(frozen=True)
class OrderAccess:
    """An order the bearer of a portal link may return items of."""

    order_id: str
    customer: CustomerProof
    # The language the shopper came in (the storefront's, or the one the guest chose).
    language: str = ""


def order_token(installation: Installation, access: OrderAccess) -> str:
    """A link token for a SHOPPER or GUEST proof of `access.order_id` in this store."""
    salt, _max_age = _ORDER_SALTS[access.customer.kind]
    data = {
        "i": installation.pk,
        "o": access.order_id,
        # Signing only encodes: the email is encrypted so that it is not readable in URLs
        # (browser history, proxy logs).
        "e": encrypt(access.customer.email),
        "u": access.customer.user_id,
        "l": access.language,
    }
    return signing.dumps(data, salt=salt, compress=True)


def read_order_token(installation: Installation, token: str) -> OrderAccess | None:
    """The access a genuine, unexpired link of this store grants; None for any other."""
    for kind, (salt, max_age) in _ORDER_SALTS.items():
        try:
            data = signing.loads(token, salt=salt, max_age=max_age)
        except signing.BadSignature:
            continue
        if data.get("i") != installation.pk:
            return None
        try:
            email = decrypt(data.get("e", ""))
        except InvalidToken:
            return None
        proof = CustomerProof(kind, email=email, user_id=data.get("u", ""))
        return OrderAccess(order_id=data["o"], customer=proof, language=data.get("l", ""))
    return None


@dataclass(frozen=True)
class PointsScope:
    market_id: int | None
    country_code: str


def points_token(installation: Installation, scope: PointsScope) -> str:
    data = {"i": installation.pk, "m": scope.market_id, "c": scope.country_code}
    return signing.dumps(data, salt=_POINTS_SALT, compress=True)


def read_points_token(installation: Installation, token: str) -> PointsScope | None:
    try:
        data = signing.loads(token, salt=_POINTS_SALT, max_age=POINTS_MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("i") != installation.pk:
        return None
    return PointsScope(market_id=data.get("m"), country_code=data.get("c", ""))


def request_token(installation: Installation, access: OrderAccess, chosen: Mapping) -> str:
    """The review page's hidden state: what the shopper chose, for this order and proof."""
    data = {
        "i": installation.pk,
        "k": str(access.customer.kind),
        "o": access.order_id,
        "e": access.customer.email,
        "u": access.customer.user_id,
        "l": access.language,
        "r": dict(chosen),
    }
    return signing.dumps(data, salt=_REQUEST_SALT, compress=True)


def read_request_token(
    installation: Installation, token: str
) -> tuple[OrderAccess, dict[str, Any]] | None:
    try:
        data = signing.loads(token, salt=_REQUEST_SALT, max_age=REQUEST_MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("i") != installation.pk or data.get("k") not in _ORDER_SALTS:
        return None
    proof = CustomerProof(ProofKind(data["k"]), email=data.get("e", ""), user_id=data.get("u", ""))
    access = OrderAccess(order_id=data["o"], customer=proof, language=data.get("l", ""))
    return access, data["r"]
