"""Settings: a store's markets and their return policies (MANAGE_APPS to change them).

Thin: decode ids, call one service (`returns.markets`, `returns.policy_form`), map its field
errors to `errors`. A policy is published as the market's next version, never edited.
"""

from __future__ import annotations

from typing import Any

import graphene

from graphql import GraphQLResolveInfo
from saleor_returns_app.api.errors import errors_field, field_errors, payload_error
from saleor_returns_app.api.ids import global_id, pk_from_global_id
from saleor_returns_app.api.shipping_types import MarketType
from saleor_returns_app.api.staff_mutations import settings_context
from saleor_returns_app.api.types import ReturnMethod, ReturnResolution
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns import markets
from saleor_returns_app.returns.models import Market, PolicyVersion, RefundTrigger
from saleor_returns_app.returns.outcomes import Refused
from saleor_returns_app.returns.policy import WindowStart
from saleor_returns_app.returns.policy_form import publish_from_form, rules_over_defaults

PolicyWindowStart = graphene.Enum(
    "PolicyWindowStart",
    [(start.value, start.value) for start in WindowStart],
    description="What starts the return window; DELIVERY falls back to fulfilment.",
)


def _strings() -> graphene.NonNull:
    return graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))


# --- types ------------------------------------------------------------------------------------


class PolicyExclusionsType(graphene.ObjectType):
    """Products never returnable; resolved from the rules' `exclusions` object."""

    product_types = _strings()
    categories = _strings()
    collections = _strings()
    skus = _strings()
    final_sale_metadata_key = graphene.String(
        description='Products with this metadata key set to "true", "1" or "yes".'
    )

    class Meta:
        name = "PolicyExclusions"


class CustomerExceptionType(graphene.ObjectType):
    email = graphene.String(required=True)
    extra_days = graphene.Int(required=True)

    class Meta:
        name = "PolicyCustomerException"


class MethodFeeType(graphene.ObjectType):
    method = graphene.Field(ReturnMethod, required=True)
    amount = graphene.Decimal(required=True)

    class Meta:
        name = "PolicyMethodFee"


class PolicyRulesType(graphene.ObjectType):
    """Every rule of a policy, resolved from the stored rules JSON (amounts in the market's
    currency)."""

    window_days = graphene.Int(required=True)
    window_starts = graphene.Field(PolicyWindowStart, required=True)
    exclusions = graphene.Field(PolicyExclusionsType, required=True)
    discounted_lines_returnable = graphene.Boolean(required=True)
    min_order_total = graphene.Decimal(description="Null: any order total.")
    customer_exceptions = graphene.NonNull(
        graphene.List(graphene.NonNull(CustomerExceptionType)),
        description="Customers with extra days in their return window.",
    )
    allowed_methods = graphene.NonNull(graphene.List(graphene.NonNull(ReturnMethod)))
    method_fees = graphene.NonNull(graphene.List(graphene.NonNull(MethodFeeType)))
    restocking_fee_percent = graphene.Decimal(required=True)
    restocking_fee_fixed = graphene.Decimal(required=True)
    free_returns_over = graphene.Decimal(description="Null: returns are never free by value.")
    controllable_is_free = graphene.Boolean(
        required=True, description="Returns the store caused (damaged, wrong item) cost nothing."
    )
    auto_approve = graphene.Boolean(required=True)
    review_above_value = graphene.Decimal(description="Null: no review by value.")
    review_when_photo_missing = graphene.Boolean(required=True)
    allowed_resolutions = graphene.NonNull(graphene.List(graphene.NonNull(ReturnResolution)))

    class Meta:
        name = "PolicyRules"

    @staticmethod
    def resolve_customer_exceptions(
        rules: dict[str, Any], _info: GraphQLResolveInfo
    ) -> list[CustomerExceptionType]:
        return [
            CustomerExceptionType(email=email, extra_days=days)
            for email, days in sorted(rules["customer_exceptions"].items())
        ]

    @staticmethod
    def resolve_method_fees(rules: dict[str, Any], _info: GraphQLResolveInfo) -> list:
        return [MethodFeeType(method=m, amount=a) for m, a in rules["method_fees"].items()]


class PolicyVersionType(graphene.ObjectType):
    """One published, immutable version of a market's policy."""

    id = graphene.ID(required=True)
    version = graphene.Int(required=True)
    created_at = graphene.DateTime(required=True)
    created_by = graphene.String(required=True, description="Staff e-mail; empty if unknown.")
    rules = graphene.Field(PolicyRulesType, required=True, description="With defaults filled in.")

    class Meta:
        name = "PolicyVersion"

    @staticmethod
    def resolve_id(version: PolicyVersion, _info: GraphQLResolveInfo) -> str:
        return global_id("PolicyVersion", version.pk)

    @staticmethod
    def resolve_rules(version: PolicyVersion, _info: GraphQLResolveInfo) -> dict[str, Any]:
        return rules_over_defaults(version.rules)


# --- inputs -----------------------------------------------------------------------------------


class MarketInput(graphene.InputObjectType):
    name = graphene.String(required=True)
    countries = graphene.List(
        graphene.NonNull(graphene.String), description="ISO 3166 alpha-2 codes."
    )
    channels = graphene.List(graphene.NonNull(graphene.String), description="Saleor slugs.")
    currency = graphene.String(required=True, description="ISO 4217 code.")
    language = graphene.String(description="A locale code (ro, pl...); default en.")
    time_zone = graphene.String(description="An IANA time zone; default UTC.")
    is_default = graphene.Boolean(
        description="The market of orders no other market claims; moves from the previous one."
    )
    refund_trigger = graphene.String(description=f"One of {', '.join(RefundTrigger.values)}.")
    receive_on_delivery = graphene.Boolean()


class PolicyExclusionsInput(graphene.InputObjectType):
    product_types = graphene.List(graphene.NonNull(graphene.String))
    categories = graphene.List(graphene.NonNull(graphene.String))
    collections = graphene.List(graphene.NonNull(graphene.String))
    skus = graphene.List(graphene.NonNull(graphene.String))
    final_sale_metadata_key = graphene.String()


class CustomerExceptionInput(graphene.InputObjectType):
    email = graphene.String(required=True)
    extra_days = graphene.Int(required=True)


class MethodFeeInput(graphene.InputObjectType):
    method = ReturnMethod(required=True)
    amount = graphene.Decimal(required=True)


class PolicyRulesInput(graphene.InputObjectType):
    """Every rule of the next version; an omitted or null rule takes the engine's default
    (for the optional amounts: none)."""

    window_days = graphene.Int()
    window_starts = PolicyWindowStart()
    exclusions = PolicyExclusionsInput()
    discounted_lines_returnable = graphene.Boolean()
    min_order_total = graphene.Decimal()
    customer_exceptions = graphene.List(graphene.NonNull(CustomerExceptionInput))
    allowed_methods = graphene.List(graphene.NonNull(ReturnMethod))
    method_fees = graphene.List(graphene.NonNull(MethodFeeInput))
    restocking_fee_percent = graphene.Decimal()
    restocking_fee_fixed = graphene.Decimal()
    free_returns_over = graphene.Decimal()
    controllable_is_free = graphene.Boolean()
    auto_approve = graphene.Boolean()
    review_above_value = graphene.Decimal()
    review_when_photo_missing = graphene.Boolean()
    allowed_resolutions = graphene.List(graphene.NonNull(ReturnResolution))


# --- mutations --------------------------------------------------------------------------------


def _market_input(data: dict[str, Any]) -> markets.MarketInput:
    return markets.MarketInput(
        name=data["name"],
        countries=list(data.get("countries") or []),
        channels=list(data.get("channels") or []),
        currency=data["currency"],
        language=data.get("language") or "en",
        time_zone=data.get("time_zone") or "UTC",
        is_default=bool(data.get("is_default")),
        refund_trigger=data.get("refund_trigger") or RefundTrigger.ON_RECEIPT,
        receive_on_delivery=bool(data.get("receive_on_delivery")),
    )


def _market(installation: Installation, id: str) -> Market | None:
    pk = pk_from_global_id(id, "Market")
    if pk is None:
        return None
    return Market.objects.for_installation(installation).filter(pk=pk).first()


class MarketPayload(graphene.Mutation):
    market = graphene.Field(MarketType)
    errors = errors_field()

    class Meta:
        abstract = True


class MarketCreate(MarketPayload):
    class Arguments:
        input = MarketInput(required=True)

    @classmethod
    def mutate(cls, _root: None, info: GraphQLResolveInfo, input: dict[str, Any]) -> MarketCreate:
        context = settings_context(info)
        market, errors = markets.save_market(context.installation, _market_input(input))
        return cls(market=market, errors=field_errors(errors))


class MarketUpdate(MarketPayload):
    """Replace the market's settings with `input`."""

    class Arguments:
        id = graphene.ID(required=True)
        input = MarketInput(required=True)

    @classmethod
    def mutate(
        cls, _root: None, info: GraphQLResolveInfo, id: str, input: dict[str, Any]
    ) -> MarketUpdate:
        context = settings_context(info)
        market = _market(context.installation, id)
        if market is None:
            return cls(errors=[payload_error("NOT_FOUND", "No such market.", "id")])
        saved, errors = markets.save_market(context.installation, _market_input(input), market)
        return cls(market=saved, errors=field_errors(errors))


class MarketDelete(graphene.Mutation):
    """Delete a market with its policy versions and carrier rules; refused (IN_USE) once
    returns were filed in it."""

    deleted_id = graphene.ID()
    errors = errors_field()

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def mutate(cls, _root: None, info: GraphQLResolveInfo, id: str) -> MarketDelete:
        context = settings_context(info)
        market = _market(context.installation, id)
        if market is None:
            return cls(errors=[payload_error("NOT_FOUND", "No such market.", "id")])
        try:
            markets.delete_market(context.installation, market)
        except Refused as refusal:
            return cls(errors=[payload_error(refusal.code, refusal.message, "id")])
        return cls(deleted_id=id, errors=[])


class MarketPolicyPublish(graphene.Mutation):
    """Publish `input` as the market's next policy version; returns filed from now on are
    decided by it, earlier ones keep theirs."""

    market = graphene.Field(MarketType)
    policy = graphene.Field(PolicyVersionType)
    errors = errors_field()

    class Arguments:
        market_id = graphene.ID(required=True)
        input = PolicyRulesInput(required=True)

    @classmethod
    def mutate(
        cls, _root: None, info: GraphQLResolveInfo, market_id: str, input: dict[str, Any]
    ) -> MarketPolicyPublish:
        context = settings_context(info)
        market = _market(context.installation, market_id)
        if market is None:
            return cls(errors=[payload_error("NOT_FOUND", "No such market.", "marketId")])
        version, errors = publish_from_form(market, input, created_by=context.viewer.email)
        if errors:
            return cls(errors=field_errors(errors))
        return cls(market=market, policy=version, errors=[])


class MarketMutations(graphene.ObjectType):
    market_create = MarketCreate.Field()
    market_update = MarketUpdate.Field()
    market_delete = MarketDelete.Field()
    market_policy_publish = MarketPolicyPublish.Field()
