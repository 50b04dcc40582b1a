"""Who is calling, and whether they may read a field — enforced as Saleor does.

Saleor documents each field's requirement in the schema description ("Requires one of
the following permissions: MANAGE_ORDERS, OWNER."), so the rules are read from the SDL
instead of being restated here. A denied field resolves to null with a
``PermissionDenied`` error, like Saleor's permission decorators.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from graphql import GraphQLObjectType, GraphQLSchema

from .records import Record

AUTHENTICATED_APP = "AUTHENTICATED_APP"
AUTHENTICATED_STAFF_USER = "AUTHENTICATED_STAFF_USER"
AUTHENTICATED_USER = "AUTHENTICATED_USER"
OWNER = "OWNER"
IS_OWNER = "IS_OWNER"

_RULE = re.compile(r"Requires one of the following permissions: ([A-Z_][A-Z_, ]*[A-Z_])")
_PRIVATE_METADATA_FIELDS = frozenset({"privateMetadata", "privateMetafield", "privateMetafields"})
# Saleor's PRIVATE_META_PERMISSION_MAP, for the types the double stores.
_PRIVATE_METADATA_RULES: dict[str, tuple[str, ...]] = {
    "Order": ("MANAGE_ORDERS",),
    "OrderLine": ("MANAGE_ORDERS",),
    "Fulfillment": ("MANAGE_ORDERS",),
    "TransactionItem": ("HANDLE_PAYMENTS",),
    "Product": ("MANAGE_PRODUCTS",),
    "ProductVariant": ("MANAGE_PRODUCTS",),
    "ProductType": ("MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",),
    "Category": ("MANAGE_PRODUCTS",),
    "Collection": ("MANAGE_PRODUCTS",),
    "Warehouse": ("MANAGE_PRODUCTS",),
    "Channel": ("MANAGE_CHANNELS",),
    "User": ("MANAGE_USERS", "MANAGE_STAFF"),
    "App": ("MANAGE_APPS", OWNER),
}
_STAFF_OR_APP = (AUTHENTICATED_STAFF_USER, AUTHENTICATED_APP)


class PermissionDenied(Exception):
    """Raised by resolvers; its class name becomes ``extensions.exception.code``."""

    def __init__(self, permissions: Iterable[str] = (), message: str | None = None) -> None:
        self.permissions = tuple(permissions)
        if message is None:
            if self.permissions:
                message = (
                    "To access this path, you need one of the following permissions: "
                    + ", ".join(self.permissions)
                )
            else:
                message = "You do not have permission to perform this action"
        super().__init__(message)


@dataclass(frozen=True)
class Requester:
    """The authenticated principal of one request (app, user or nobody).

    ``auth_error`` holds the reason a presented JWT was rejected; Saleor reports it on
    the first field that needs the user, so the double raises it from permission checks.
    """

    app: Record | None = None
    user: Record | None = None
    permissions: frozenset[str] = field(default_factory=frozenset)
    is_staff: bool = False
    auth_error: Exception | None = None

    def has_perm(self, permission: str) -> bool:
        return permission in self.permissions

    def raise_auth_error(self) -> None:
        """Surface a rejected token, as Saleor does when a resolver needs the user."""
        if self.auth_error is not None:
            raise self.auth_error

    def is_owner_of(self, source: Any) -> bool:
        """Saleor's OWNER filter: the object is the caller or belongs to the caller."""
        if not isinstance(source, Mapping):
            return False
        me = self.app if self.app is not None else self.user
        if me is None:
            return False
        if source.get("id") == me["id"]:
            return True
        owner_key = "app" if self.app is not None else "user"
        owner = source.get(owner_key)
        return isinstance(owner, Mapping) and owner.get("id") == me["id"]

    def satisfies(self, token: str, source: Any = None) -> bool:
        """Whether one requirement (permission code or auth filter) holds."""
        if token == AUTHENTICATED_APP:
            return self.app is not None
        if token == AUTHENTICATED_STAFF_USER:
            return self.user is not None and self.is_staff
        if token == AUTHENTICATED_USER:
            return self.user is not None
        if token in (OWNER, IS_OWNER):
            return self.is_owner_of(source)
        return self.has_perm(token)

    def require_one_of(self, requirements: Iterable[str], source: Any = None) -> None:
        """Raise ``PermissionDenied`` unless one requirement holds."""
        requirements = tuple(requirements)
        self.raise_auth_error()
        if not any(self.satisfies(token, source) for token in requirements):
            raise PermissionDenied(requirements)


ANONYMOUS = Requester()


def parse_rule(description: str | None) -> tuple[str, ...]:
    """Requirements stated in a field description, ``()`` when it states none."""
    if not description:
        return ()
    match = _RULE.search(description)
    if match is None:
        return ()
    return tuple(re.findall(r"[A-Z][A-Z_]+", match.group(1)))


@cache
def field_rules(schema: GraphQLSchema) -> dict[str, tuple[str, ...]]:
    """``{"Type.field": requirements}`` for every restricted object field of ``schema``."""
    rules: dict[str, tuple[str, ...]] = {}
    for type_name, graphql_type in schema.type_map.items():
        if not isinstance(graphql_type, GraphQLObjectType) or type_name.startswith("__"):
            continue
        for field_name, graphql_field in graphql_type.fields.items():
            if field_name in _PRIVATE_METADATA_FIELDS:
                rules[f"{type_name}.{field_name}"] = _PRIVATE_METADATA_RULES.get(
                    type_name, _STAFF_OR_APP
                )
                continue
            rule = parse_rule(graphql_field.description)
            if rule:
                rules[f"{type_name}.{field_name}"] = rule
    return rules
