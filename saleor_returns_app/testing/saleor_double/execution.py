"""Execute documents against the real schema with the store as data source."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLEnumType,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    GraphQLSchema,
    execute,
)

from .permissions import Requester, field_rules
from .records import now_iso
from .registry import Resolver
from .store import Store

EventSink = Callable[..., None]


def _ignore_event(_event_type: str, **_context: Any) -> None:
    return None


@dataclass
class RequestContext:
    """``info.context`` of every resolver."""

    schema: GraphQLSchema
    store: Store
    requester: Requester
    resolvers: Mapping[str, Resolver]
    # Mutations announce the webhook events Saleor would fire (``emit("ORDER_UPDATED",
    # order=...)``); the double queues them, because Saleor delivers them asynchronously.
    emit: EventSink = field(default=_ignore_event)


# Values for non-null scalars that a record does not carry, so that selecting any
# non-null field of a stored object succeeds, as it does against a real instance.
_SCALAR_PLACEHOLDERS: dict[str, Callable[[], Any]] = {
    "String": str,
    "ID": str,
    "Int": int,
    "PositiveInt": int,
    "Float": float,
    "PositiveDecimal": float,
    "Decimal": float,
    "Boolean": bool,
    "DateTime": now_iso,
    "Date": lambda: now_iso()[:10],
    "UUID": lambda: str(uuid.uuid4()),
    "JSON": dict,
    "Metadata": dict,
    "JSONString": lambda: "{}",
}


def placeholder(return_type: GraphQLOutputType) -> Any:
    """A neutral value for a field missing from its record (``None`` when nullable)."""
    if not isinstance(return_type, GraphQLNonNull):
        return None
    inner = return_type.of_type
    if isinstance(inner, GraphQLList):
        return []
    if isinstance(inner, GraphQLEnumType):
        return next(iter(inner.values))
    if isinstance(inner, GraphQLScalarType):
        factory = _SCALAR_PLACEHOLDERS.get(inner.name)
        return factory() if factory else None
    if isinstance(inner, GraphQLObjectType):
        return {"__typename": inner.name}
    return None


def resolve_field(source: Any, info: GraphQLResolveInfo, **arguments: Any) -> Any:
    """Permission check from the schema, then a registered resolver or the record key."""
    context: RequestContext = info.context
    key = f"{info.parent_type.name}.{info.field_name}"
    requirements = field_rules(context.schema).get(key)
    if requirements:
        context.requester.require_one_of(requirements, source)
    function = context.resolvers.get(key) or context.resolvers.get(f"*.{info.field_name}")
    if function is not None:
        return function(source, info, **arguments)
    if isinstance(source, Mapping):
        if info.field_name in source:
            return source[info.field_name]
        return placeholder(info.return_type)
    return getattr(source, info.field_name, None)


def execute_document(
    context: RequestContext,
    document: DocumentNode,
    *,
    variables: Mapping[str, Any] | None = None,
    operation_name: str | None = None,
    root_value: Any = None,
) -> ExecutionResult:
    """Run a validated document synchronously, holding the store lock for consistency."""
    with context.store.lock:
        result = execute(
            context.schema,
            document,
            root_value=root_value,
            context_value=context,
            variable_values=dict(variables) if variables else None,
            operation_name=operation_name,
            field_resolver=resolve_field,
        )
    if not isinstance(result, ExecutionResult):
        raise TypeError("The double's resolvers must be synchronous")
    return result


def format_error(error: GraphQLError) -> dict[str, Any]:
    """Saleor's error shape: graphql's fields plus ``extensions.exception.code``."""
    formatted: dict[str, Any] = dict(error.formatted)
    original = error.original_error
    code = type(original).__name__ if original is not None else "GraphQLError"
    extensions = dict(formatted.get("extensions") or {})
    extensions["exception"] = {"code": code}
    formatted["extensions"] = extensions
    return formatted
