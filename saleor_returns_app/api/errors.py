"""Errors in Saleor's style: mutation payloads carry `errors: [ReturnError]` with an enum
code; top-level GraphQL errors (with `extensions.code`) are kept for auth and transport."""

from __future__ import annotations

from collections.abc import Iterable

import graphene

from graphql import GraphQLError
from saleor_returns_app.returns.outcomes import FieldError
from saleor_returns_app.returns.policy import IneligibilityCode, RequestErrorCode

_API_CODES = ("NOT_FOUND", "INVALID_TRANSITION", "REQUIRED", "INVALID", "CONFLICT", "IN_USE")
# Codes of the receiving and refund services (see `returns.receiving`, `returns.refunds`).
_WAREHOUSE_CODES = (
    "INVALID_CONDITION",
    "WAREHOUSE_REQUIRED",
    "CANNOT_RESTOCK",
    "NOTHING_RECEIVED",
    "NOT_RECEIVED",
    "ALREADY_REFUNDED",
    "NOTHING_TO_REFUND",
    "AMOUNT_TOO_HIGH",
    "EXCHANGE_HAS_NO_REFUND",
    "SHIPPING_ALREADY_REFUNDED",
)
# Codes of the carrier layer (see `shipping` and the driver errors in `carriers.base`).
_SHIPPING_CODES = (
    "UNKNOWN_CARRIER",
    "MODE_NOT_SUPPORTED",
    "FORMAT_NOT_SUPPORTED",
    "INSECURE_URL",
    "INVALID_RATE",
    "NO_CARRIER",
    "NO_SHIPMENT",
    "SHIPMENT_ACTIVE",
    "NOT_CANCELLABLE",
    "BUSY",
    "CARRIER_TRACKED",
)
_ALL_CODES = dict.fromkeys(
    [*_API_CODES, *_WAREHOUSE_CODES, *_SHIPPING_CODES]
    + [code.value for code in IneligibilityCode]
    + [code.value for code in RequestErrorCode]
)

ReturnErrorCode = graphene.Enum(
    "ReturnErrorCode",
    [(code, code) for code in _ALL_CODES],
    description="Why a returns mutation changed nothing.",
)


class ReturnError(graphene.ObjectType):
    field = graphene.String(description="The input field at fault; null for the whole request.")
    code = graphene.Field(ReturnErrorCode, required=True)
    message = graphene.String(required=True)


def payload_error(code: str, message: str, field: str | None = None) -> ReturnError:
    return ReturnError(field=field, code=code, message=message)


def errors_field() -> graphene.NonNull:
    """A payload's `errors: [ReturnError!]!`."""
    return graphene.NonNull(graphene.List(graphene.NonNull(ReturnError)))


def field_errors(errors: Iterable[FieldError]) -> list[ReturnError]:
    """A service's field errors as the payload's errors."""
    return [payload_error(e.code, e.message, e.field) for e in errors]


def api_error(code: str, message: str) -> GraphQLError:
    """A top-level error: the request is refused before or instead of resolving a field."""
    return GraphQLError(message, extensions={"code": code})


def permission_denied(permission: str = "MANAGE_ORDERS") -> GraphQLError:
    return api_error("PERMISSION_DENIED", f"You need the {permission} permission.")
