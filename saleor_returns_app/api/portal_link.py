"""`returnPortalLinkCreate(orderId, languageCode)`: the storefront's "Return items" link.

A signed-in shopper (Saleor customer token) gets a link into the hosted portal for one of
their own orders, so the portal needs no login of its own. The link is signed, salted, bound
to the store, the order and the customer, and expires (see `portal.access`).
"""

from __future__ import annotations

from datetime import datetime

import graphene
from django.utils import timezone

from graphql import GraphQLResolveInfo
from saleor_returns_app.api.context import RequestContext, ViewerKind
from saleor_returns_app.api.errors import api_error, errors_field, payload_error
from saleor_returns_app.core.l10n import languages_of
from saleor_returns_app.portal.access import SHOPPER_LINK_MAX_AGE
from saleor_returns_app.portal.services import shopper_link
from saleor_returns_app.returns import services


class ReturnPortalLinkCreate(graphene.Mutation):
    """A link into the hosted return portal for one of the signed-in shopper's orders."""

    url = graphene.String(description="Absolute: open it in the shopper's browser.")
    path = graphene.String(description="`/portal/<store slug>/order/<signed token>`.")
    expires_at = graphene.DateTime()
    errors = errors_field()

    class Arguments:
        order_id = graphene.ID(required=True)
        language_code = graphene.String(
            description="The storefront's language, e.g. `ro`; else the order's, then its "
            "market's, then the browser's of the shopper who opens the link."
        )

    @classmethod
    def mutate(
        cls,
        _root: None,
        info: GraphQLResolveInfo,
        order_id: str,
        language_code: str | None = None,
    ) -> ReturnPortalLinkCreate:
        context: RequestContext = info.context
        viewer = context.viewer
        if viewer.kind is not ViewerKind.SHOPPER:
            # Guests use the portal's order number + email form; staff have the Dashboard.
            raise api_error("AUTHENTICATION_REQUIRED", "Sign in as the order's customer.")
        customer = services.CustomerProof(
            services.ProofKind.SHOPPER, email=viewer.email, user_id=viewer.user_id
        )
        # Only a language the app ships; without one the link takes the order's, its market's,
        # and at last the browser of the shopper who opens it (not the storefront server's).
        language = next(iter(languages_of([language_code or ""])), "")
        try:
            path = shopper_link(
                installation=context.installation,
                order_id=order_id,
                customer=customer,
                language=language,
            )
        except services.OrderNotFound:
            return cls(errors=[payload_error("NOT_FOUND", "No such order.", "orderId")])
        expires_at: datetime = timezone.now() + SHOPPER_LINK_MAX_AGE
        return cls(url=f"{context.base_url}{path}", path=path, expires_at=expires_at, errors=[])
