"""What the Dashboard views need besides returns (MANAGE_ORDERS): the store's reason
catalogue in the staff member's language, and Saleor's warehouses for restocking."""

from __future__ import annotations

import graphene
from django.utils import translation

from graphql import GraphQLResolveInfo
from saleor_returns_app.api.errors import api_error
from saleor_returns_app.api.proofs import language_of
from saleor_returns_app.api.returnability import ReturnReasonOption, reason_options
from saleor_returns_app.api.staff_mutations import staff_context
from saleor_returns_app.returns import selectors
from saleor_returns_app.returns.catalogue import policy_reasons
from saleor_returns_app.returns.policy import default_reasons
from saleor_returns_app.saleor.client import SaleorClient, SaleorError

# Saleor pages warehouses by 100; a store with more is rare, so a few pages are read.
MAX_WAREHOUSE_PAGES = 5


class WarehouseType(graphene.ObjectType):
    id = graphene.ID(required=True, description="The Saleor warehouse id.")
    name = graphene.String(required=True)

    class Meta:
        name = "Warehouse"


class StaffQuery(graphene.ObjectType):
    return_reasons = graphene.NonNull(
        graphene.List(graphene.NonNull(ReturnReasonOption)),
        language_code=graphene.String(description="E.g. `ro`; else Accept-Language."),
        description="Staff only: the store's active return reasons, labelled.",
    )
    warehouses = graphene.NonNull(
        graphene.List(graphene.NonNull(WarehouseType)),
        description="Staff only: the store's Saleor warehouses, by name.",
    )

    @staticmethod
    def resolve_return_reasons(
        _root: None, info: GraphQLResolveInfo, language_code: str | None = None
    ) -> list[ReturnReasonOption]:
        context = staff_context(info)
        reasons = policy_reasons(installation=context.installation) or default_reasons()
        language = language_of(context, language_code)
        labels = selectors.reason_labels(installation=context.installation, language=language)
        # The engine's own labels (for codes the store did not label) are gettext messages.
        with translation.override(language):
            return reason_options(tuple(reasons.values()), labels)

    @staticmethod
    def resolve_warehouses(_root: None, info: GraphQLResolveInfo) -> list[WarehouseType]:
        context = staff_context(info)
        client = SaleorClient.for_installation(context.installation)
        found: list[WarehouseType] = []
        after = None
        try:
            for _ in range(MAX_WAREHOUSE_PAGES):
                page = client.execute("Warehouses", {"after": after})["warehouses"]
                found.extend(WarehouseType(**edge["node"]) for edge in page["edges"])
                if not page["pageInfo"]["hasNextPage"]:
                    break
                after = page["pageInfo"]["endCursor"]
        except SaleorError as error:
            raise api_error("SALEOR_UNAVAILABLE", "Saleor did not list its warehouses.") from error
        return found
