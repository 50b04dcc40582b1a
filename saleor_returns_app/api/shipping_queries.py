"""`servicePoints`, `carriers`, `carrierAccounts` and `carrierRules`.

Service points are public to the store's storefront (shoppers pick a locker before they
have a return), rate-limited per caller; accounts and rules are for staff.
"""

from __future__ import annotations

import graphene

from graphql import GraphQLResolveInfo
from saleor_returns_app.api.context import RequestContext
from saleor_returns_app.api.errors import api_error
from saleor_returns_app.api.ids import pk_from_global_id
from saleor_returns_app.api.shipping_types import (
    CarrierAccountType,
    CarrierType,
    MarketType,
    SelectionRuleType,
    ServicePointType,
)
from saleor_returns_app.api.staff_mutations import staff_context
from saleor_returns_app.carriers.base import ServicePointQuery
from saleor_returns_app.carriers.registry import carrier_codes, driver_for
from saleor_returns_app.core.ratelimit import Limit, allow
from saleor_returns_app.returns.models import Market
from saleor_returns_app.returns.policies import market_for
from saleor_returns_app.shipping.models import CarrierAccount, SelectionRule
from saleor_returns_app.shipping.points import search_points

MAX_POINTS = 100
POINTS_LIMIT = Limit(count=60, seconds=60)


def carrier_matrix() -> list[CarrierType]:
    matrix = []
    for code in carrier_codes():
        driver = driver_for(code)
        caps = driver.capabilities
        matrix.append(
            CarrierType(
                code=code,
                name=driver.name,
                # Values, not the StrEnum members: graphene's enums accept only their own.
                modes=sorted(mode.value for mode in caps.modes),
                label_formats=sorted(label.value for label in caps.label_formats),
                countries=sorted(caps.countries),
                live_rates=caps.live_rates,
                async_booking=caps.async_booking,
                cancel_window=caps.cancel_window.value,
                international=caps.international,
                label_less=caps.label_less,
                pushes_tracking=caps.pushes_tracking,
                tracking_batch_size=caps.tracking_batch_size,
                needs_account=caps.needs_account,
            )
        )
    return matrix


class ShippingQuery(graphene.ObjectType):
    service_points = graphene.NonNull(
        graphene.List(graphene.NonNull(ServicePointType)),
        country_code=graphene.String(required=True),
        postal_code=graphene.String(),
        city=graphene.String(),
        latitude=graphene.Float(),
        longitude=graphene.Float(),
        carrier=graphene.String(description="Only this carrier's points."),
        channel=graphene.String(description="The shopper's channel, to pick the market."),
        first=graphene.Int(description=f"1 to {MAX_POINTS}; default 20."),
        description="Lockers and drop-off points where this store's carriers take returns.",
    )
    carriers = graphene.NonNull(
        graphene.List(graphene.NonNull(CarrierType)),
        description="Every carrier driver and what it can do.",
    )
    markets = graphene.NonNull(
        graphene.List(graphene.NonNull(MarketType)), description="Staff only."
    )
    carrier_accounts = graphene.NonNull(
        graphene.List(graphene.NonNull(CarrierAccountType)), description="Staff only."
    )
    carrier_rules = graphene.NonNull(
        graphene.List(graphene.NonNull(SelectionRuleType)),
        market_id=graphene.ID(required=True),
        description="Staff only: a market's carrier rules, in order.",
    )

    @staticmethod
    def resolve_service_points(
        _root: None,
        info: GraphQLResolveInfo,
        country_code: str,
        postal_code: str = "",
        city: str = "",
        latitude: float | None = None,
        longitude: float | None = None,
        carrier: str = "",
        channel: str = "",
        first: int | None = None,
    ) -> list[ServicePointType]:
        context: RequestContext = info.context
        first = 20 if first is None else first
        if not 1 <= first <= MAX_POINTS:
            raise api_error("INVALID_PAGINATION", f"first must be 1 to {MAX_POINTS}.")
        if (latitude is None) != (longitude is None):
            raise api_error("INVALID", "Give both latitude and longitude, or neither.")
        if not allow("points", f"{context.installation.pk}:{context.client_ip}", POINTS_LIMIT):
            raise api_error("RATE_LIMITED", "Too many searches. Try again in a minute.")
        market = market_for(
            installation=context.installation, channel_slug=channel, country_code=country_code
        )
        found = search_points(
            installation=context.installation,
            market=market,
            query=ServicePointQuery(
                country_code=country_code.strip().upper(),
                postal_code=(postal_code or "").strip(),
                city=(city or "").strip(),
                latitude=latitude,
                longitude=longitude,
                limit=first,
            ),
            carrier=(carrier or "").strip().lower(),
        )
        return [ServicePointType.from_found(point) for point in found]

    @staticmethod
    def resolve_carriers(_root: None, _info: GraphQLResolveInfo) -> list[CarrierType]:
        return carrier_matrix()

    @staticmethod
    def resolve_markets(_root: None, info: GraphQLResolveInfo) -> list[Market]:
        context = staff_context(info)
        return list(Market.objects.for_installation(context.installation).order_by("name"))

    @staticmethod
    def resolve_carrier_accounts(_root: None, info: GraphQLResolveInfo) -> list[CarrierAccount]:
        context = staff_context(info)
        return list(CarrierAccount.objects.for_installation(context.installation))

    @staticmethod
    def resolve_carrier_rules(
        _root: None, info: GraphQLResolveInfo, market_id: str
    ) -> list[SelectionRule]:
        context = staff_context(info)
        pk = pk_from_global_id(market_id, "Market")
        market = (
            Market.objects.for_installation(context.installation).filter(pk=pk).first()
            if pk
            else None
        )
        return list(market.carrier_rules.all()) if market else []
