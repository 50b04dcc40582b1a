"""What proves an order is the viewer's, for the services that read Saleor's order."""

from __future__ import annotations

from saleor_returns_app.api.context import RequestContext, ViewerKind
from saleor_returns_app.api.errors import api_error, permission_denied
from saleor_returns_app.core.ratelimit import Limit, allow
from saleor_returns_app.returns.selectors import CustomerScope
from saleor_returns_app.returns.services import CustomerProof, ProofKind

# A guest proves ownership with the order's email, so guesses are limited per caller and per
# order: enough for typos, far too few to find an email (or an order) by trying.
GUEST_LIMIT_PER_CALLER = Limit(count=20, seconds=600)
GUEST_LIMIT_PER_ORDER = Limit(count=8, seconds=600)


def customer_proof(
    context: RequestContext, *, order_id: str, guest_email: str | None = None
) -> CustomerProof:
    """Staff (MANAGE_ORDERS) may act on any order of the store, a shopper on their own, and a
    guest on an order whose email they give (rate-limited)."""
    viewer = context.viewer
    if viewer.kind is ViewerKind.STAFF:
        if not viewer.manages_orders:
            raise permission_denied()
        return CustomerProof(ProofKind.STAFF, email=viewer.email, user_id=viewer.user_id)
    if viewer.kind is ViewerKind.SHOPPER:
        return CustomerProof(ProofKind.SHOPPER, email=viewer.email, user_id=viewer.user_id)
    email = (guest_email or "").strip()
    if not email:
        raise api_error(
            "AUTHENTICATION_REQUIRED", "Sign in, or give the order's email, to return its items."
        )
    store = context.installation.pk
    if not (
        allow("guest-caller", f"{store}:{context.client_ip}", GUEST_LIMIT_PER_CALLER)
        and allow("guest-order", f"{store}:{order_id}", GUEST_LIMIT_PER_ORDER)
    ):
        raise api_error("RATE_LIMITED", "Too many attempts. Try again in a few minutes.")
    return CustomerProof(ProofKind.GUEST, email=email)


def customer_scope(proof: CustomerProof) -> CustomerScope | None:
    """Which returns the asker may see: all of the store's for staff, else their own."""
    if proof.kind is ProofKind.STAFF:
        return None
    return CustomerScope(email=proof.email, user_id=proof.user_id)


def language_of(context: RequestContext, language_code: str | None) -> str:
    """`pl`, `PL_PL`, `pl-PL` → `pl-pl`: the argument wins over `Accept-Language`."""
    return (language_code or context.language).replace("_", "-").lower()
