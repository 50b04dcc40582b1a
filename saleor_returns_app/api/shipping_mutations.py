"""Staff mutations of the carrier layer (MANAGE_ORDERS).

Shipments: book (again), cancel, type a self-ship tracking number. Settings (MANAGE_APPS, as
the Dashboard asks for app configuration): carrier accounts (create, update, check
credentials) and a market's carrier rules (replaced whole).
Thin: decode ids, call one service, map its refusals to `errors` with field and code.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.db import transaction
from django.db.models import Q

from graphql import GraphQLResolveInfo
from saleor_returns_app.api.errors import ReturnError, errors_field, field_errors, payload_error
from saleor_returns_app.api.fields import enum_value
from saleor_returns_app.api.ids import pk_from_global_id
from saleor_returns_app.api.shipping_types import (
    CarrierAccountType,
    LabelFormatEnum,
    ReturnModeEnum,
    SelectionRuleType,
    SelectionStrategy,
)
from saleor_returns_app.api.staff_mutations import (
    StaffTransition,
    run_staff_action,
    settings_context,
    staff_context,
)
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.models import Market, ReturnRequest
from saleor_returns_app.shipping import booking, cancelling, tracking
from saleor_returns_app.shipping.accounts import AccountInput, check_account, save_account
from saleor_returns_app.shipping.models import CarrierAccount, SelectionRule


class ReturnShipmentBook(StaffTransition):
    """Book the return's shipment: again after a refusal or a cancel, or with another
    account. The booking happens in a worker; the shipment shows its progress."""

    class Arguments:
        id = graphene.ID(required=True)
        carrier_account_id = graphene.ID(description="Default: the market's rules choose.")

    @classmethod
    def mutate(
        cls, _root: None, info: GraphQLResolveInfo, id: str, carrier_account_id: str | None = None
    ) -> StaffTransition:
        context = staff_context(info)
        account_pk = None
        if carrier_account_id:
            account_pk = pk_from_global_id(carrier_account_id, "CarrierAccount")
            exists = account_pk is not None and (
                CarrierAccount.objects.for_installation(context.installation)
                .filter(pk=account_pk, is_active=True)
                .exists()
            )
            if not exists:
                return cls(
                    errors=[
                        payload_error(
                            "NOT_FOUND",
                            "No active carrier account with this id.",
                            "carrierAccountId",
                        )
                    ]
                )

        def book(**kwargs: Any) -> ReturnRequest:
            booking.book_again(**kwargs, account_id=account_pk)
            return _return_of(kwargs)

        return cls._payload(info, run_staff_action(info, id, book))


def _return_of(kwargs: dict[str, Any]) -> ReturnRequest:
    return ReturnRequest.objects.get(pk=kwargs["return_request_id"])


class ReturnShipmentCancel(StaffTransition):
    """Cancel the return's shipment at the carrier, within its cancel window."""

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def mutate(cls, _root: None, info: GraphQLResolveInfo, id: str) -> StaffTransition:
        def cancel(**kwargs: Any) -> ReturnRequest:
            cancelling.request_cancel(**kwargs)
            return _return_of(kwargs)

        return cls._payload(info, run_staff_action(info, id, cancel))


class ReturnShipmentTrackingUpdate(StaffTransition):
    """The tracking number of a parcel the shopper sent on their own (self-ship)."""

    class Arguments:
        id = graphene.ID(required=True)
        tracking_number = graphene.String(required=True)

    @classmethod
    def mutate(
        cls, _root: None, info: GraphQLResolveInfo, id: str, tracking_number: str
    ) -> StaffTransition:
        staff_context(info)
        number = tracking_number.strip()
        if not number or len(number) > 255:
            return cls(
                errors=[
                    payload_error(
                        "REQUIRED",
                        "Give the tracking number (up to 255 characters).",
                        "trackingNumber",
                    )
                ]
            )

        def update(**kwargs: Any) -> ReturnRequest:
            tracking.update_tracking_number(**kwargs, tracking_number=number)
            return _return_of(kwargs)

        return cls._payload(info, run_staff_action(info, id, update))


# --- settings -------------------------------------------------------------------------------


class CarrierAddressInput(graphene.InputObjectType):
    name = graphene.String(required=True)
    company = graphene.String()
    street_lines = graphene.List(graphene.NonNull(graphene.String), required=True)
    postal_code = graphene.String(required=True)
    city = graphene.String(required=True)
    county = graphene.String()
    country_code = graphene.String(required=True)
    phone = graphene.String()
    email = graphene.String()


class CarrierCredentialInput(graphene.InputObjectType):
    key = graphene.String(required=True)
    value = graphene.String(required=True)


class CarrierRateInput(graphene.InputObjectType):
    max_weight_grams = graphene.Int(required=True)
    price = graphene.Decimal(required=True)


class CarrierAccountInput(graphene.InputObjectType):
    carrier = graphene.String(required=True, description="A code from `carriers`.")
    name = graphene.String(required=True)
    market_id = graphene.ID(description="Empty: every market of the store.")
    credentials = graphene.List(
        graphene.NonNull(CarrierCredentialInput),
        description="Replaces the stored credentials; omit to keep them.",
    )
    test_mode = graphene.Boolean()
    base_url = graphene.String(description="Overrides the carrier's host.")
    enabled_modes = graphene.List(graphene.NonNull(ReturnModeEnum), required=True)
    return_address = CarrierAddressInput(required=True)
    label_format = LabelFormatEnum()
    rate_table = graphene.List(graphene.NonNull(CarrierRateInput))
    is_active = graphene.Boolean()


def _account_input(data: dict[str, Any], market_pk: int | None) -> AccountInput:
    credentials = data.get("credentials")
    return AccountInput(
        carrier=data["carrier"].strip().lower(),
        name=data["name"],
        market_id=market_pk,
        credentials=(
            {item["key"]: item["value"] for item in credentials}
            if credentials is not None
            else None
        ),
        test_mode=bool(data.get("test_mode")),
        base_url=(data.get("base_url") or "").strip(),
        enabled_modes=[enum_value(mode) for mode in data["enabled_modes"]],
        return_address=dict(data["return_address"]),
        label_format=enum_value(data.get("label_format") or "PDF_A6"),
        rate_table=[
            {"max_weight_grams": row["max_weight_grams"], "price": row["price"]}
            for row in data.get("rate_table") or []
        ],
        is_active=data.get("is_active", True) is not False,
    )


def _market_pk(value: str | None) -> tuple[int | None, list[ReturnError]]:
    if not value:
        return None, []
    pk = pk_from_global_id(value, "Market")
    if pk is None:
        return None, [payload_error("NOT_FOUND", "No such market in this store.", "marketId")]
    return pk, []


class CarrierAccountPayload(graphene.Mutation):
    carrier_account = graphene.Field(CarrierAccountType)
    errors = errors_field()

    class Meta:
        abstract = True


class CarrierAccountCreate(CarrierAccountPayload):
    class Arguments:
        input = CarrierAccountInput(required=True)

    @classmethod
    def mutate(
        cls, _root: None, info: GraphQLResolveInfo, input: dict[str, Any]
    ) -> CarrierAccountCreate:
        context = settings_context(info)
        market_pk, errors = _market_pk(input.get("market_id"))
        if errors:
            return cls(errors=errors)
        account, refusals = save_account(context.installation, _account_input(input, market_pk))
        return cls(carrier_account=account, errors=field_errors(refusals))


class CarrierAccountUpdate(CarrierAccountPayload):
    """Replace the account's settings with `input`, except the credentials, which are kept
    when `input.credentials` is omitted (they are never shown, so cannot be sent back)."""

    class Arguments:
        id = graphene.ID(required=True)
        input = CarrierAccountInput(required=True)

    @classmethod
    def mutate(
        cls, _root: None, info: GraphQLResolveInfo, id: str, input: dict[str, Any]
    ) -> CarrierAccountUpdate:
        context = settings_context(info)
        account = _account(context.installation, id)
        if account is None:
            return cls(errors=[payload_error("NOT_FOUND", "No such carrier account.", "id")])
        market_pk, errors = _market_pk(input.get("market_id"))
        if errors:
            return cls(errors=errors)
        saved, refusals = save_account(
            context.installation, _account_input(input, market_pk), account
        )
        return cls(carrier_account=saved, errors=field_errors(refusals))


def _account(installation: Installation, id: str) -> CarrierAccount | None:
    pk = pk_from_global_id(id, "CarrierAccount")
    if pk is None:
        return None
    return CarrierAccount.objects.for_installation(installation).filter(pk=pk).first()


class CarrierAccountCheck(CarrierAccountPayload):
    """Ask the carrier whether the account's credentials work (its cheapest signed-in call)."""

    ok = graphene.Boolean()

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def mutate(cls, _root: None, info: GraphQLResolveInfo, id: str) -> CarrierAccountCheck:
        context = settings_context(info)
        account = _account(context.installation, id)
        if account is None:
            return cls(errors=[payload_error("NOT_FOUND", "No such carrier account.", "id")])
        result = check_account(account)
        return cls(carrier_account=account, ok=result.ok, errors=[])


class CarrierRuleInput(graphene.InputObjectType):
    account_id = graphene.ID(description="Required for FIXED; on CHEAPEST, limits the pool.")
    strategy = SelectionStrategy()
    countries = graphene.List(graphene.NonNull(graphene.String))
    categories = graphene.List(graphene.NonNull(graphene.String))
    modes = graphene.List(graphene.NonNull(ReturnModeEnum))
    min_weight_grams = graphene.Int()
    max_weight_grams = graphene.Int()
    is_fallback = graphene.Boolean()


class CarrierRulesSet(graphene.Mutation):
    """Replace a market's carrier rules with `rules`, tried in the order given."""

    rules = graphene.List(graphene.NonNull(SelectionRuleType))
    errors = errors_field()

    class Arguments:
        market_id = graphene.ID(required=True)
        rules = graphene.List(graphene.NonNull(CarrierRuleInput), required=True)

    @classmethod
    def mutate(
        cls, _root: None, info: GraphQLResolveInfo, market_id: str, rules: list[dict[str, Any]]
    ) -> CarrierRulesSet:
        context = settings_context(info)
        pk = pk_from_global_id(market_id, "Market")
        market = (
            Market.objects.for_installation(context.installation).filter(pk=pk).first()
            if pk
            else None
        )
        if market is None:
            return cls(errors=[payload_error("NOT_FOUND", "No such market.", "marketId")])
        rows, errors = _rule_rows(context.installation, market, rules)
        if errors:
            return cls(errors=errors)
        with transaction.atomic():
            SelectionRule.objects.filter(market=market).delete()
            SelectionRule.objects.bulk_create(rows)
        return cls(rules=list(market.carrier_rules.all()), errors=[])


def _rule_rows(
    installation: Installation, market: Market, rules: list[dict[str, Any]]
) -> tuple[list[SelectionRule], list[ReturnError]]:
    # The market's own accounts and the store-wide ones: those its bookings can use.
    accounts = set(
        CarrierAccount.objects.for_installation(installation)
        .filter(Q(market__isnull=True) | Q(market=market))
        .values_list("pk", flat=True)
    )
    rows, errors = [], []
    for index, rule in enumerate(rules):
        path = f"rules.{index}"
        strategy = enum_value(rule.get("strategy") or "FIXED")
        account_pk = None
        if rule.get("account_id"):
            account_pk = pk_from_global_id(rule["account_id"], "CarrierAccount")
            if account_pk not in accounts:
                errors.append(
                    payload_error("NOT_FOUND", "No such carrier account.", f"{path}.accountId")
                )
                continue
        elif strategy == "FIXED":
            errors.append(
                payload_error("REQUIRED", "A FIXED rule names its account.", f"{path}.accountId")
            )
            continue
        low, high = rule.get("min_weight_grams"), rule.get("max_weight_grams")
        if (
            (low is not None and low < 0)
            or (high is not None and high < 0)
            or (low is not None and high is not None and low > high)
        ):
            errors.append(
                payload_error(
                    "INVALID", "Weights are 0 or more, min ≤ max.", f"{path}.minWeightGrams"
                )
            )
            continue
        rows.append(
            SelectionRule(
                installation=installation,
                market=market,
                position=index,
                account_id=account_pk,
                strategy=strategy,
                countries=sorted({c.strip().upper() for c in rule.get("countries") or []}),
                categories=sorted(set(rule.get("categories") or [])),
                modes=sorted({enum_value(m) for m in rule.get("modes") or []}),
                min_weight_grams=low,
                max_weight_grams=high,
                is_fallback=bool(rule.get("is_fallback")),
            )
        )
    return rows, errors


class ShippingMutations(graphene.ObjectType):
    return_shipment_book = ReturnShipmentBook.Field()
    return_shipment_cancel = ReturnShipmentCancel.Field()
    return_shipment_tracking_update = ReturnShipmentTrackingUpdate.Field()
    carrier_account_create = CarrierAccountCreate.Field()
    carrier_account_update = CarrierAccountUpdate.Field()
    carrier_account_check = CarrierAccountCheck.Field()
    carrier_rules_set = CarrierRulesSet.Field()
