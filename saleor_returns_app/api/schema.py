"""The schema of the app's GraphQL API; its SDL is committed as `graphql/app-schema.graphql`."""

from __future__ import annotations

import graphene

from saleor_returns_app.api.create_mutation import (
    ReturnRequestCreate,
    ReturnRequestCreateForCustomer,
)
from saleor_returns_app.api.portal_link import ReturnPortalLinkCreate
from saleor_returns_app.api.queries import ReturnRequestQuery
from saleor_returns_app.api.returnability import ReturnabilityQuery
from saleor_returns_app.api.settings_markets import MarketMutations
from saleor_returns_app.api.settings_store import StoreSettingsMutations, StoreSettingsQuery
from saleor_returns_app.api.shipping_mutations import ShippingMutations
from saleor_returns_app.api.shipping_queries import ShippingQuery
from saleor_returns_app.api.staff_mutations import StaffMutations
from saleor_returns_app.api.staff_queries import StaffQuery
from saleor_returns_app.api.warehouse_mutations import WarehouseMutations


class Query(ReturnabilityQuery, ReturnRequestQuery, ShippingQuery, StaffQuery, StoreSettingsQuery):
    pass


class Mutation(
    StaffMutations,
    WarehouseMutations,
    ShippingMutations,
    StoreSettingsMutations,
    MarketMutations,
):
    return_request_create = ReturnRequestCreate.Field()
    return_request_create_for_customer = ReturnRequestCreateForCustomer.Field()
    return_portal_link_create = ReturnPortalLinkCreate.Field()


schema = graphene.Schema(query=Query, mutation=Mutation)


def schema_sdl() -> str:
    """The SDL as committed: `python -m saleor_returns_app export_app_schema` writes it."""
    return str(schema).strip() + "\n"
