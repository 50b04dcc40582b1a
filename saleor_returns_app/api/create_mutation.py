"""`returnRequestCreate(input)`: a shopper (or staff for them) asks to return order lines.

The policy engine's errors come back in the payload, with its field paths renamed to the
input's names (`lines.0.line_id` → `lines.0.orderLineId`); nothing is stored when there are
errors. The same `idempotencyKey` twice gives the first return back.
"""

from __future__ import annotations

import re
from typing import Any

import graphene
from django.utils import timezone, translation

from graphql import GraphQLResolveInfo
from saleor_returns_app.api.context import RequestContext
from saleor_returns_app.api.errors import (
    ReturnError,
    errors_field,
    payload_error,
    permission_denied,
)
from saleor_returns_app.api.fields import enum_value
from saleor_returns_app.api.proofs import customer_proof, customer_scope, language_of
from saleor_returns_app.api.types import ReturnMethod, ReturnRequestType, ReturnResolution
from saleor_returns_app.returns import selectors, services
from saleor_returns_app.returns.policy import Method, RequestedLine, RequestError, Resolution

MAX_IDEMPOTENCY_KEY = 128
# Engine field names (the last part of a path) → the input's names.
_FIELD_NAMES = {"line_id": "orderLineId", "reason_code": "reason", "photo_count": "photos"}


class ReturnRequestLineInput(graphene.InputObjectType):
    order_line_id = graphene.ID(required=True)
    quantity = graphene.Int(required=True)
    reason = graphene.String(required=True, description="A code from the store's reasons.")
    comment = graphene.String()
    exchange_variant_id = graphene.ID(
        description="For an EXCHANGE: another variant of the same product, wanted instead."
    )


class ReturnPickupAddressInput(graphene.InputObjectType):
    first_name = graphene.String()
    last_name = graphene.String()
    company_name = graphene.String()
    street_address_1 = graphene.String(name="streetAddress1")
    street_address_2 = graphene.String(name="streetAddress2")
    city = graphene.String()
    city_area = graphene.String()
    postal_code = graphene.String()
    country = graphene.String(description="ISO 3166 alpha-2 code.")
    country_area = graphene.String()
    phone = graphene.String()


class ReturnRequestCreateInput(graphene.InputObjectType):
    order_id = graphene.ID(required=True)
    lines = graphene.NonNull(graphene.List(graphene.NonNull(ReturnRequestLineInput)))
    method = ReturnMethod(required=True)
    service_point_id = graphene.String()
    pickup_address = ReturnPickupAddressInput()
    resolution = ReturnResolution(required=True)
    idempotency_key = graphene.String(description="Retries with the same key create one return.")
    email = graphene.String(description="Guests (no customer token): the order's email.")


def api_field(path: str | None) -> str | None:
    """`lines.0.line_id` → `lines.0.orderLineId`; `method` stays `method`."""
    if path is None:
        return None
    *head, last = path.split(".")
    return ".".join([*head, _FIELD_NAMES.get(last, last)])


def _error(error: RequestError) -> ReturnError:
    return payload_error(str(error.code), error.message, api_field(error.field))


def _lines(lines: list[dict[str, Any]]) -> list[RequestedLine]:
    return [
        RequestedLine(
            line_id=line["order_line_id"],
            quantity=line["quantity"],
            reason_code=line["reason"],
            comment=(line.get("comment") or "").strip(),
        )
        for line in lines
    ]


def _exchanges(lines: list[dict[str, Any]]) -> dict[str, str]:
    return {
        line["order_line_id"]: line["exchange_variant_id"]
        for line in lines
        if line.get("exchange_variant_id")
    }


def _address(address: dict[str, Any] | None) -> dict[str, str] | None:
    if not address:
        return None
    return {re.sub(r"_(\w)", lambda m: m[1].upper(), k): v for k, v in address.items() if v}


class ReturnRequestCreate(graphene.Mutation):
    return_request = graphene.Field(ReturnRequestType)
    errors = errors_field()

    class Arguments:
        input = ReturnRequestCreateInput(required=True)

    @classmethod
    def mutate(
        cls, _root: None, info: GraphQLResolveInfo, input: dict[str, Any]
    ) -> ReturnRequestCreate:
        context: RequestContext = info.context
        customer = customer_proof(
            context, order_id=input["order_id"], guest_email=input.get("email")
        )
        key = (input.get("idempotency_key") or "").strip()
        if len(key) > MAX_IDEMPOTENCY_KEY:
            message = f"At most {MAX_IDEMPOTENCY_KEY} characters."
            return cls(errors=[payload_error("INVALID", message, "idempotencyKey")])
        language = language_of(context, None)
        with translation.override(language):
            try:
                result = services.create_return_request(
                    installation=context.installation,
                    order_id=input["order_id"],
                    lines=_lines(input["lines"]),
                    method=Method(enum_value(input["method"])),
                    resolution=Resolution(enum_value(input["resolution"])),
                    service_point_id=(input.get("service_point_id") or "").strip(),
                    pickup_address=_address(input.get("pickup_address")),
                    idempotency_key=key,
                    customer=customer,
                    actor=context.viewer.actor,
                    locale=language,
                    now=timezone.now(),
                    exchange_variants=_exchanges(input["lines"]),
                )
            except services.OrderNotFound:
                return cls(errors=[payload_error("NOT_FOUND", "No such order.", "orderId")])
            except services.ExchangeNotOffered as refused:
                index = [line["order_line_id"] for line in input["lines"]].index(refused.line_id)
                field = f"lines.{index}.exchangeVariantId"
                return cls(errors=[payload_error("INVALID", refused.message, field)])
        if result.return_request is None:
            return cls(errors=[_error(error) for error in result.errors])
        return cls._created(context, result.return_request.pk, customer_scope(customer))

    @classmethod
    def _created(
        cls, context: RequestContext, pk: int, scope: selectors.CustomerScope | None
    ) -> ReturnRequestCreate:
        visible = selectors.return_request_for(
            installation=context.installation, id=pk, customer=scope
        )
        if visible is None:
            # A replayed key that belongs to someone else's return: never show it.
            message = "This idempotency key was already used."
            return cls(errors=[payload_error("INVALID", message, "idempotencyKey")])
        return cls(return_request=visible, errors=[])


class ReturnRequestCreateForCustomer(ReturnRequestCreate):
    """Staff (MANAGE_ORDERS) file a return on the shopper's behalf, with the same eligibility."""

    class Arguments:
        input = ReturnRequestCreateInput(required=True)

    @classmethod
    def mutate(
        cls, root: None, info: GraphQLResolveInfo, input: dict[str, Any]
    ) -> ReturnRequestCreate:
        context: RequestContext = info.context
        if not context.viewer.manages_orders:
            raise permission_denied()
        return super().mutate(root, info, input)
