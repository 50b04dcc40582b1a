"""Load the real Saleor SDL once per process and make it executable for the double."""

from __future__ import annotations

import os
import threading
from functools import cache
from pathlib import Path
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLResolveInfo,
    GraphQLSchema,
    GraphQLUnionType,
    build_schema,
)

SCHEMA_PATH_ENV = "SALEOR_SCHEMA_PATH"

_SCHEMAS: dict[Path, GraphQLSchema] = {}
# Building the 1 MB SDL takes about a second; parallel test workers in one process must
# not build it twice, and nobody may see a half-patched schema.
_BUILD_LOCK = threading.Lock()


def default_schema_path() -> Path:
    """``$SALEOR_SCHEMA_PATH``, else the pinned schema beside the repository."""
    from_env = os.environ.get(SCHEMA_PATH_ENV)
    if from_env:
        return Path(from_env)
    # The package lives at <repo>/saleor_returns_app/testing/saleor_double.
    repo_root = Path(__file__).resolve().parent.parents[2]
    return repo_root.parent / "shared" / "saleor" / "schema.graphql"


def load_schema(path: str | os.PathLike[str] | None = None) -> GraphQLSchema:
    """Return the executable schema for ``path``, building it at most once per process."""
    resolved = Path(path if path is not None else default_schema_path()).resolve()
    with _BUILD_LOCK:
        schema = _SCHEMAS.get(resolved)
        if schema is None:
            schema = build_schema(resolved.read_text(encoding="utf-8"))
            _install_type_resolvers(schema)
            _SCHEMAS[resolved] = schema
    return schema


def _resolve_type_from_typename(value: Any, _info: GraphQLResolveInfo, _type: Any) -> Any:
    # Store records carry their concrete type, so interfaces (Event, Node,
    # ObjectWithMetadata) and unions (IssuingPrincipal) resolve without per-type code.
    if isinstance(value, dict):
        return value.get("__typename")
    return getattr(value, "__typename", None)


def _install_type_resolvers(schema: GraphQLSchema) -> None:
    # Custom scalars (DateTime, JSON, UUID, Decimal, Metadata...) need nothing: an SDL-built
    # scalar serialises and parses values unchanged, so the store keeps them ready to send.
    for graphql_type in schema.type_map.values():
        if isinstance(graphql_type, GraphQLInterfaceType | GraphQLUnionType):
            graphql_type.resolve_type = _resolve_type_from_typename


def enum_values(schema: GraphQLSchema, enum_name: str) -> tuple[str, ...]:
    """Names of the values of ``enum_name`` in schema order."""
    enum = schema.type_map[enum_name]
    if not isinstance(enum, GraphQLEnumType):
        raise TypeError(f"{enum_name} is not an enum")
    return tuple(enum.values)


@cache
def _event_sets(schema: GraphQLSchema) -> tuple[frozenset[str], frozenset[str]]:
    return (
        frozenset(enum_values(schema, "WebhookEventTypeAsyncEnum")),
        frozenset(enum_values(schema, "WebhookEventTypeSyncEnum")),
    )


def async_event_types(schema: GraphQLSchema) -> frozenset[str]:
    """Every asynchronous webhook event name the schema knows (``ORDER_FULFILLED``...)."""
    return _event_sets(schema)[0]


def sync_event_types(schema: GraphQLSchema) -> frozenset[str]:
    """Every synchronous webhook event name the schema knows."""
    return _event_sets(schema)[1]


def permission_names(schema: GraphQLSchema) -> frozenset[str]:
    """Every permission code Saleor can grant (``MANAGE_ORDERS``...)."""
    return frozenset(enum_values(schema, "PermissionEnum"))
