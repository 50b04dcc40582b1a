"""Errors in Saleor's style: mutation payloads carry `errors: [ReturnError]` with an enum
code; top-level GraphQL errors (with `extensions.code`) are kept for auth and transport."""

from __future__ import annotations

import graphene

from graphql import GraphQLError
from saleor_returns_app.returns.policy import IneligibilityCode, RequestErrorCode

_API_CODES = ("NOT_FOUND", "INVALID_TRANSITION", "REQUIRED", "INVALID")

ReturnErrorCode = graphene.Enum(
    "ReturnErrorCode",
    [(code, code) for code in _API_CODES]
    + [(code.value, code.value) for code in IneligibilityCode]
    + [(code.value, code.value) for code in RequestErrorCode],
    description="Why a returns mutation changed nothing.",
)


class ReturnError(graphene.ObjectType):
    field = graphene.String(description="The input field at fault; null for the whole request.")
    code = graphene.Field(ReturnErrorCode, required=True)
    message = graphene.String(required=True)


def payload_error(code: str, message: str, field: str | None = None) -> ReturnError:
    return ReturnError(field=field, code=code, message=message)


def api_error(code: str, message: str) -> GraphQLError:
    """A top-level error: the request is refused before or instead of resolving a field."""
    return GraphQLError(message, extensions={"code": code})


def permission_denied() -> GraphQLError:
    return api_error("PERMISSION_DENIED", "You need the MANAGE_ORDERS permission.")
