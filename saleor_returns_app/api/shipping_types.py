"""GraphQL types of the carrier layer: shipments, tracking, service points, carriers."""

from __future__ import annotations

import json
from typing import Any

import graphene

from graphql import GraphQLResolveInfo
from saleor_returns_app.api.context import RequestContext, ViewerKind
from saleor_returns_app.api.fields import blank_as_null
from saleor_returns_app.api.ids import global_id
from saleor_returns_app.carriers.base import (
    CancelWindow,
    LabelFormat,
    PointKind,
    ReturnMode,
    TrackingStatus,
)
from saleor_returns_app.returns.markets import return_count
from saleor_returns_app.returns.models import Market, PolicyVersion
from saleor_returns_app.returns.policy_form import effective_rules, latest_version
from saleor_returns_app.shipping.files import signed_label_token
from saleor_returns_app.shipping.models import CarrierAccount, SelectionRule, Shipment
from saleor_returns_app.shipping.points import FoundPoint


def _enum(name: str, values: list[str], description: str) -> type[graphene.Enum]:
    return graphene.Enum(name, [(v, v) for v in values], description=description)


ShipmentStatus = _enum(
    "ShipmentStatus", list(Shipment.Status.values), "Where the booking of a shipment stands."
)
TrackingStatusEnum = _enum(
    "TrackingStatus", [s.value for s in TrackingStatus], "One status set for every carrier."
)
ReturnModeEnum = _enum(
    "CarrierReturnMode", [m.value for m in ReturnMode], "How a parcel starts its way back."
)
LabelFormatEnum = _enum("LabelFormat", [f.value for f in LabelFormat], "Label paper and language.")
CancelWindowEnum = _enum(
    "CancelWindow", [w.value for w in CancelWindow], "Until when a carrier cancels a booking."
)
PointKindEnum = _enum("ServicePointKind", [k.value for k in PointKind], "Locker or staffed point.")
SelectionStrategy = _enum(
    "CarrierSelectionStrategy",
    list(SelectionRule.Strategy.values),
    "FIXED: the rule's account; CHEAPEST: the lowest quote among matching accounts.",
)


def _is_staff(info: GraphQLResolveInfo) -> bool:
    return info.context.viewer.kind is ViewerKind.STAFF


class PickupWindowType(graphene.ObjectType):
    start = graphene.DateTime(required=True)
    end = graphene.DateTime(required=True)

    class Meta:
        name = "PickupWindow"


class TrackingEventType(graphene.ObjectType):
    status = graphene.Field(TrackingStatusEnum, required=True)
    occurred_at = graphene.DateTime(required=True)
    description = graphene.String(required=True)
    location = graphene.String(required=True)

    class Meta:
        name = "TrackingEvent"


class ShipmentDocumentType(graphene.ObjectType):
    kind = graphene.String(required=True)
    content_type = graphene.String(required=True)

    class Meta:
        name = "ShipmentDocument"


class ShipmentType(graphene.ObjectType):
    id = graphene.ID(required=True)
    attempt = graphene.Int(required=True)
    carrier = graphene.String(
        description="The carrier's code, e.g. `sameday`; empty until chosen.",
        resolver=blank_as_null("carrier"),
    )
    mode = graphene.Field(ReturnModeEnum, required=True)
    status = graphene.Field(ShipmentStatus, required=True)
    tracking_number = graphene.String(resolver=blank_as_null("tracking_number"))
    tracking_url = graphene.String(
        description="The carrier's tracking page.", resolver=blank_as_null("tracking_url")
    )
    tracking_status = graphene.Field(TrackingStatusEnum, resolver=blank_as_null("tracking_status"))
    drop_off_code = graphene.String(
        description="Label-less returns: the code the shopper shows or types at the point.",
        resolver=blank_as_null("drop_off_code"),
    )
    service_point_id = graphene.String(resolver=blank_as_null("service_point_id"))
    pickup_window = graphene.Field(PickupWindowType)
    label_url = graphene.String(
        description="A signed link to the label that expires; null until the label is ready."
    )
    label_format = graphene.Field(LabelFormatEnum, resolver=blank_as_null("label_format"))
    documents = graphene.NonNull(graphene.List(graphene.NonNull(ShipmentDocumentType)))
    delivered_at = graphene.DateTime()
    events = graphene.NonNull(
        graphene.List(graphene.NonNull(TrackingEventType)), description="Oldest first."
    )
    needs_attention = graphene.Boolean(description="Staff only: tracking or booking trouble.")
    error = graphene.String(description="Staff only: the carrier's last refusal.")
    error_code = graphene.String(description="Staff only.")
    service = graphene.String(description="Staff only: the carrier's service or courier.")
    account_name = graphene.String(description="Staff only.")

    class Meta:
        name = "Shipment"

    @staticmethod
    def resolve_id(shipment: Shipment, _info: GraphQLResolveInfo) -> str:
        return global_id("Shipment", shipment.pk)

    @staticmethod
    def resolve_pickup_window(
        shipment: Shipment, _info: GraphQLResolveInfo
    ) -> PickupWindowType | None:
        if shipment.pickup_start is None or shipment.pickup_end is None:
            return None
        return PickupWindowType(start=shipment.pickup_start, end=shipment.pickup_end)

    @staticmethod
    def resolve_label_url(shipment: Shipment, info: GraphQLResolveInfo) -> str | None:
        if not shipment.label_file or shipment.status != Shipment.Status.BOOKED:
            return None
        context: RequestContext = info.context
        return f"{context.base_url}/api/labels/{signed_label_token(shipment)}"

    @staticmethod
    def resolve_documents(shipment: Shipment, _info: GraphQLResolveInfo) -> list:
        return [
            ShipmentDocumentType(kind=d["kind"], content_type=d["type"]) for d in shipment.documents
        ]

    @staticmethod
    def resolve_events(shipment: Shipment, _info: GraphQLResolveInfo) -> list:
        return list(shipment.events.all())

    @staticmethod
    def resolve_needs_attention(shipment: Shipment, info: GraphQLResolveInfo) -> bool | None:
        return shipment.needs_attention if _is_staff(info) else None

    @staticmethod
    def resolve_error(shipment: Shipment, info: GraphQLResolveInfo) -> str | None:
        return (shipment.error or None) if _is_staff(info) else None

    @staticmethod
    def resolve_error_code(shipment: Shipment, info: GraphQLResolveInfo) -> str | None:
        return (shipment.error_code or None) if _is_staff(info) else None

    @staticmethod
    def resolve_service(shipment: Shipment, info: GraphQLResolveInfo) -> str | None:
        return (shipment.service or None) if _is_staff(info) else None

    @staticmethod
    def resolve_account_name(shipment: Shipment, info: GraphQLResolveInfo) -> str | None:
        if not _is_staff(info) or shipment.account_id is None:
            return None
        return shipment.account.name


class ServicePointType(graphene.ObjectType):
    id = graphene.ID(required=True, description="The carrier's point id, as given to returns.")
    carrier = graphene.String(required=True)
    kind = graphene.Field(PointKindEnum, required=True)
    name = graphene.String(required=True)
    street = graphene.String(required=True)
    postal_code = graphene.String(required=True)
    city = graphene.String(required=True)
    country_code = graphene.String(required=True)
    latitude = graphene.Float()
    longitude = graphene.Float()
    opening_hours = graphene.String(required=True)
    distance_km = graphene.Float(description="From the searched coordinates, when given.")

    class Meta:
        name = "ServicePoint"

    @staticmethod
    def from_found(found: FoundPoint) -> ServicePointType:
        point = found.point
        return ServicePointType(
            id=point.id,
            carrier=found.carrier,
            kind=PointKind(point.kind).value,
            name=point.name,
            street=point.street,
            postal_code=point.postal_code,
            city=point.city,
            country_code=point.country_code,
            latitude=point.latitude,
            longitude=point.longitude,
            opening_hours=point.opening_hours,
            distance_km=round(found.distance_km, 2) if found.distance_km is not None else None,
        )


class CarrierType(graphene.ObjectType):
    """A carrier driver and what it can do (the capability matrix)."""

    code = graphene.String(required=True)
    name = graphene.String(required=True)
    modes = graphene.NonNull(graphene.List(graphene.NonNull(ReturnModeEnum)))
    label_formats = graphene.NonNull(graphene.List(graphene.NonNull(LabelFormatEnum)))
    countries = graphene.NonNull(
        graphene.List(graphene.NonNull(graphene.String)), description="Empty: anywhere."
    )
    live_rates = graphene.Boolean(required=True)
    async_booking = graphene.Boolean(required=True)
    cancel_window = graphene.Field(CancelWindowEnum, required=True)
    international = graphene.Boolean(required=True)
    label_less = graphene.Boolean(required=True)
    pushes_tracking = graphene.Boolean(required=True)
    tracking_batch_size = graphene.Int(required=True)
    needs_account = graphene.Boolean(required=True)

    class Meta:
        name = "Carrier"


class RateRowType(graphene.ObjectType):
    max_weight_grams = graphene.Int(required=True)
    price = graphene.Decimal(required=True)

    class Meta:
        name = "CarrierRate"


class AddressType(graphene.ObjectType):
    name = graphene.String(required=True)
    company = graphene.String(required=True)
    street_lines = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    postal_code = graphene.String(required=True)
    city = graphene.String(required=True)
    county = graphene.String(required=True)
    country_code = graphene.String(required=True)
    phone = graphene.String(required=True)
    email = graphene.String(required=True)

    class Meta:
        name = "CarrierAddress"


class CarrierAccountType(graphene.ObjectType):
    """A store's account at a carrier. Credentials are write-only: only their names show."""

    id = graphene.ID(required=True)
    carrier = graphene.String(required=True)
    name = graphene.String(required=True)
    market_id = graphene.ID()
    credential_keys = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    test_mode = graphene.Boolean(required=True)
    base_url = graphene.String(resolver=blank_as_null("base_url"))
    enabled_modes = graphene.NonNull(graphene.List(graphene.NonNull(ReturnModeEnum)))
    return_address = graphene.Field(AddressType, required=True)
    label_format = graphene.Field(LabelFormatEnum, required=True)
    rate_table = graphene.NonNull(graphene.List(graphene.NonNull(RateRowType)))
    is_active = graphene.Boolean(required=True)
    checked_at = graphene.DateTime()
    check_error = graphene.String(resolver=blank_as_null("check_error"))
    webhook_url = graphene.String(
        required=True,
        description="Where the carrier pushes tracking (for carriers that push); keep secret.",
    )

    class Meta:
        name = "CarrierAccount"

    @staticmethod
    def resolve_webhook_url(account: CarrierAccount, info: GraphQLResolveInfo) -> str:
        context: RequestContext = info.context
        return f"{context.base_url}/api/carrier-webhooks/{account.pk}/{account.webhook_token}"

    @staticmethod
    def resolve_id(account: CarrierAccount, _info: GraphQLResolveInfo) -> str:
        return global_id("CarrierAccount", account.pk)

    @staticmethod
    def resolve_market_id(account: CarrierAccount, _info: GraphQLResolveInfo) -> str | None:
        return global_id("Market", account.market_id) if account.market_id else None

    @staticmethod
    def resolve_credential_keys(account: CarrierAccount, _info: GraphQLResolveInfo) -> list:
        return sorted(json.loads(account.credentials or "{}"))

    @staticmethod
    def resolve_return_address(account: CarrierAccount, _info: GraphQLResolveInfo) -> AddressType:
        return AddressType(**{k: account.return_address.get(k) or "" for k in _ADDRESS_KEYS})

    @staticmethod
    def resolve_rate_table(account: CarrierAccount, _info: GraphQLResolveInfo) -> list:
        return [RateRowType(**row) for row in account.rate_table]


_ADDRESS_KEYS = (
    "name",
    "company",
    "street_lines",
    "postal_code",
    "city",
    "county",
    "country_code",
    "phone",
    "email",
)


class SelectionRuleType(graphene.ObjectType):
    account_id = graphene.ID(description="Null on a CHEAPEST rule over every account.")
    strategy = graphene.Field(SelectionStrategy, required=True)
    countries = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    categories = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    modes = graphene.NonNull(graphene.List(graphene.NonNull(ReturnModeEnum)))
    min_weight_grams = graphene.Int()
    max_weight_grams = graphene.Int()
    is_fallback = graphene.Boolean(required=True)

    class Meta:
        name = "CarrierSelectionRule"

    @staticmethod
    def resolve_account_id(rule: SelectionRule, _info: GraphQLResolveInfo) -> str | None:
        return global_id("CarrierAccount", rule.account_id) if rule.account_id else None


class MarketType(graphene.ObjectType):
    """A store's market: its settings, its current policy and the returns filed in it
    (staff only)."""

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    countries = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    channels = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    currency = graphene.String(required=True)
    language = graphene.String(required=True)
    time_zone = graphene.String(required=True)
    is_default = graphene.Boolean(required=True)
    refund_trigger = graphene.String(required=True)
    receive_on_delivery = graphene.Boolean(required=True)
    # By import path: the policy types build on `api.types`, which imports this module.
    policy = graphene.Field(
        "saleor_returns_app.api.settings_markets.PolicyVersionType",
        description="The latest published version; null while the engine's defaults apply.",
    )
    policy_rules = graphene.Field(
        "saleor_returns_app.api.settings_markets.PolicyRulesType",
        required=True,
        description="The rules in force: the latest version's over the engine's defaults.",
    )
    return_count = graphene.Int(required=True, description="Returns filed in this market.")

    class Meta:
        name = "Market"

    @staticmethod
    def resolve_id(market: Market, _info: GraphQLResolveInfo) -> str:
        return global_id("Market", market.pk)

    @staticmethod
    def resolve_policy(market: Market, _info: GraphQLResolveInfo) -> PolicyVersion | None:
        return latest_version(market)

    @staticmethod
    def resolve_policy_rules(market: Market, _info: GraphQLResolveInfo) -> dict[str, Any]:
        return effective_rules(market)

    @staticmethod
    def resolve_return_count(market: Market, _info: GraphQLResolveInfo) -> int:
        return return_count(market)
