"""`orderReturnability(orderId, languageCode)`: what of an order can be returned, how, why not.

Messages and reason labels are in `languageCode`, else the `Accept-Language` header's first
language, else English. An order that is not the viewer's looks like an unknown one (null).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import graphene
from django.utils import timezone, translation

from graphql import GraphQLResolveInfo
from saleor_returns_app.api.context import RequestContext
from saleor_returns_app.api.proofs import customer_proof, language_of
from saleor_returns_app.api.types import Money, ReturnMethod, ReturnResolution
from saleor_returns_app.returns import selectors, services
from saleor_returns_app.returns.policy import (
    IneligibilityCode,
    LineEligibility,
    MethodOffer,
    Reason,
    ReasonFamily,
    reason_label,
)
from saleor_returns_app.returns.saleor_order import LineShown

ReturnIneligibilityCode = graphene.Enum(
    "ReturnIneligibilityCode",
    [(code.value, code.value) for code in IneligibilityCode],
    description="Why an order line cannot be returned.",
)
ReturnReasonFamily = graphene.Enum(
    "ReturnReasonFamily",
    [(family.value, family.value) for family in ReasonFamily],
    description="CONTROLLABLE: the store's fault; CUSTOMER: the shopper's choice.",
)


@dataclass(frozen=True)
class _Line:
    eligibility: LineEligibility
    shown: LineShown | None
    currency: str


class OrderLineReturnability(graphene.ObjectType):
    order_line_id = graphene.ID(required=True)
    product_name = graphene.String(required=True)
    variant_name = graphene.String(required=True)
    sku = graphene.String(required=True)
    thumbnail_url = graphene.String(description="The product's thumbnail, as Saleor serves it.")
    quantity = graphene.Int(required=True, description="Units ordered.")
    unit_price = graphene.Field(Money, required=True, description="Gross, as paid.")
    eligible = graphene.Boolean(required=True)
    returnable_quantity = graphene.Int(required=True)
    deadline = graphene.DateTime(description="The last instant of the line's return window.")
    code = graphene.Field(ReturnIneligibilityCode)
    message = graphene.String()

    @staticmethod
    def resolve_order_line_id(line: _Line, _info: GraphQLResolveInfo) -> str:
        return line.eligibility.line_id

    @staticmethod
    def resolve_product_name(line: _Line, _info: GraphQLResolveInfo) -> str:
        return line.shown.product_name if line.shown else ""

    @staticmethod
    def resolve_variant_name(line: _Line, _info: GraphQLResolveInfo) -> str:
        return line.shown.variant_name if line.shown else ""

    @staticmethod
    def resolve_sku(line: _Line, _info: GraphQLResolveInfo) -> str:
        return line.shown.sku if line.shown else ""

    @staticmethod
    def resolve_thumbnail_url(line: _Line, _info: GraphQLResolveInfo) -> str | None:
        return (line.shown.thumbnail_url or None) if line.shown else None

    @staticmethod
    def resolve_quantity(line: _Line, _info: GraphQLResolveInfo) -> int:
        return line.shown.quantity if line.shown else 0

    @staticmethod
    def resolve_unit_price(line: _Line, _info: GraphQLResolveInfo) -> Money:
        amount = line.shown.unit_price if line.shown else Decimal(0)
        return Money(amount=amount, currency=line.currency)

    @staticmethod
    def resolve_eligible(line: _Line, _info: GraphQLResolveInfo) -> bool:
        return line.eligibility.eligible

    @staticmethod
    def resolve_returnable_quantity(line: _Line, _info: GraphQLResolveInfo) -> int:
        return line.eligibility.returnable_quantity

    @staticmethod
    def resolve_deadline(line: _Line, _info: GraphQLResolveInfo) -> datetime | None:
        return line.eligibility.deadline

    @staticmethod
    def resolve_code(line: _Line, _info: GraphQLResolveInfo) -> str | None:
        code = line.eligibility.code
        return str(code) if code else None

    @staticmethod
    def resolve_message(line: _Line, _info: GraphQLResolveInfo) -> str | None:
        return line.eligibility.message


class ReturnMethodOffer(graphene.ObjectType):
    method = graphene.Field(ReturnMethod, required=True)
    fee = graphene.Field(Money, required=True, description="For a customer-driven return.")
    free_for_controllable = graphene.Boolean(required=True)

    @staticmethod
    def resolve_method(offer: MethodOffer, _info: GraphQLResolveInfo) -> str:
        return str(offer.method)

    @staticmethod
    def resolve_fee(offer: MethodOffer, _info: GraphQLResolveInfo) -> Money:
        return Money(amount=offer.fee, currency=offer.currency)


class ReturnReasonOption(graphene.ObjectType):
    code = graphene.String(required=True)
    label = graphene.String(required=True)
    family = graphene.Field(ReturnReasonFamily, required=True)
    requires_photo = graphene.Boolean(required=True)
    requires_comment = graphene.Boolean(required=True)


class OrderReturnability(graphene.ObjectType):
    order_id = graphene.ID(required=True)
    currency = graphene.String(required=True)
    returnable = graphene.Boolean(required=True, description="Whether any line can be returned.")
    deadline = graphene.DateTime(description="The latest deadline over the lines.")
    lines = graphene.NonNull(graphene.List(graphene.NonNull(OrderLineReturnability)))
    methods = graphene.NonNull(graphene.List(graphene.NonNull(ReturnMethodOffer)))
    reasons = graphene.NonNull(graphene.List(graphene.NonNull(ReturnReasonOption)))
    resolutions = graphene.NonNull(graphene.List(graphene.NonNull(ReturnResolution)))


def reason_options(reasons: tuple[Reason, ...], labels: dict[str, str]) -> list[ReturnReasonOption]:
    return [
        ReturnReasonOption(
            code=reason.code,
            label=labels.get(reason.code) or reason_label(reason),
            family=str(reason.family),
            requires_photo=reason.requires_photo,
            requires_comment=reason.requires_comment,
        )
        for reason in reasons
    ]


def _answer(answer: services.OrderReturnability, labels: dict[str, str]) -> OrderReturnability:
    returnability = answer.returnability
    return OrderReturnability(
        order_id=returnability.order_id,
        currency=returnability.currency,
        returnable=returnability.returnable,
        deadline=returnability.deadline,
        lines=[
            _Line(line, answer.lines_shown.get(line.line_id), returnability.currency)
            for line in returnability.lines
        ],
        methods=list(returnability.methods),
        reasons=reason_options(returnability.reasons, labels),
        resolutions=[str(resolution) for resolution in returnability.resolutions],
    )


class ReturnabilityQuery(graphene.ObjectType):
    order_returnability = graphene.Field(
        OrderReturnability,
        order_id=graphene.Argument(graphene.ID, required=True),
        language_code=graphene.String(description="E.g. `pl` or `pl-PL`; else Accept-Language."),
        email=graphene.String(description="Guests (no customer token): the order's email."),
    )

    @staticmethod
    def resolve_order_returnability(
        _root: None,
        info: GraphQLResolveInfo,
        order_id: str,
        language_code: str | None = None,
        email: str | None = None,
    ) -> OrderReturnability | None:
        context: RequestContext = info.context
        customer = customer_proof(context, order_id=order_id, guest_email=email)
        language = language_of(context, language_code)
        with translation.override(language):
            try:
                returnability = services.order_returnability(
                    installation=context.installation,
                    order_id=order_id,
                    customer=customer,
                    now=timezone.now(),
                )
            except services.OrderNotFound:
                return None
            labels = selectors.reason_labels(installation=context.installation, language=language)
            return _answer(returnability, labels)
