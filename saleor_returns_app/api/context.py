"""Who is asking, for which store: resolved once per request, before any resolver runs.

The installation comes from the `saleor-api-url` header; the viewer from a dashboard token in
`authorization-bearer` (staff), a Saleor customer token in `Authorization: Bearer` (shopper),
or nothing (anonymous). Tokens are verified by `saleor.auth`, with the installation's keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.http import HttpRequest

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.installations.selectors import active_installation
from saleor_returns_app.returns.lifecycle import Actor
from saleor_returns_app.returns.models import ReturnEvent
from saleor_returns_app.returns.selectors import CustomerScope
from saleor_returns_app.saleor import headers
from saleor_returns_app.saleor.auth import TokenError, verify_dashboard_token, verify_shopper_token

MANAGE_ORDERS = "MANAGE_ORDERS"
MANAGE_APPS = "MANAGE_APPS"


class ViewerKind(StrEnum):
    STAFF = "STAFF"
    SHOPPER = "SHOPPER"
    ANONYMOUS = "ANONYMOUS"


@dataclass(frozen=True)
class Viewer:
    kind: ViewerKind
    user_id: str = ""
    email: str = ""
    permissions: frozenset[str] = frozenset()

    @property
    def manages_orders(self) -> bool:
        return self.kind is ViewerKind.STAFF and MANAGE_ORDERS in self.permissions

    @property
    def manages_apps(self) -> bool:
        """Store settings (markets, carriers) are the app's configuration: MANAGE_APPS."""
        return self.kind is ViewerKind.STAFF and MANAGE_APPS in self.permissions

    @property
    def customer(self) -> CustomerScope | None:
        """The shopper's scope; None for staff and anonymous (callers check the kind)."""
        if self.kind is not ViewerKind.SHOPPER:
            return None
        return CustomerScope(email=self.email, user_id=self.user_id)

    @property
    def actor(self) -> Actor:
        kinds = {ViewerKind.STAFF: ReturnEvent.Actor.STAFF}
        kind = kinds.get(self.kind, ReturnEvent.Actor.SHOPPER)
        return Actor(kind, id=self.user_id, email=self.email)


ANONYMOUS = Viewer(ViewerKind.ANONYMOUS)


@dataclass(frozen=True)
class RequestContext:
    installation: Installation
    viewer: Viewer
    language: str
    client_ip: str = ""
    base_url: str = ""  # where this app is reached, for links in answers
    # What resolvers compute once per request and read for every row (the store's SLA).
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)


class ContextError(Exception):
    """The request cannot be served: unknown store or a token that does not verify."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _bearer(request: HttpRequest) -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def _viewer(request: HttpRequest, saleor_api_url: str) -> Viewer:
    dashboard_token = request.headers.get(headers.AUTHORIZATION_BEARER)
    if dashboard_token:
        user = verify_dashboard_token(dashboard_token, saleor_api_url)
        return Viewer(ViewerKind.STAFF, user.user_id, user.email, user.user_permissions)
    shopper_token = _bearer(request)
    if shopper_token:
        shopper = verify_shopper_token(shopper_token, saleor_api_url)
        return Viewer(ViewerKind.SHOPPER, shopper.user_id, shopper.email)
    return ANONYMOUS


def _language(request: HttpRequest) -> str:
    first = request.headers.get("Accept-Language", "").split(",")[0]
    return first.split(";")[0].strip() or "en"


def client_ip(request: HttpRequest) -> str:
    """The caller's address: behind `TRUSTED_PROXIES` proxies, the one they saw."""
    proxies = settings.TRUSTED_PROXIES
    forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",") if a]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def request_context(request: HttpRequest) -> RequestContext:
    """The context of one API request, or `ContextError`."""
    saleor_api_url = request.headers.get(headers.SALEOR_API_URL, "")
    installation = active_installation(saleor_api_url) if saleor_api_url else None
    if installation is None:
        raise ContextError("NOT_REGISTERED", "The app is not installed in this Saleor.")
    try:
        viewer = _viewer(request, saleor_api_url)
    except TokenError as error:
        raise ContextError(error.code, error.message) from error
    return RequestContext(
        installation=installation,
        viewer=viewer,
        language=_language(request),
        client_ip=client_ip(request),
        base_url=settings.APP_URL or request.build_absolute_uri("/").rstrip("/"),
    )
