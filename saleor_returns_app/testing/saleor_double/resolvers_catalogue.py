"""``Query.productVariant`` and ``Query.giftCards``: reads the returns sync needs.

Permissions on nested fields (``ProductVariant.stocks``) and on ``giftCards``
(MANAGE_GIFT_CARD) come from the schema, as everywhere in the double.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError, GraphQLResolveInfo

from .records import Record
from .registry import resolver
from .resolvers import connection, context_of


@resolver("Query.productVariant")
def resolve_product_variant(
    _root: Any,
    info: GraphQLResolveInfo,
    *,
    id: str | None = None,
    sku: str | None = None,
    externalReference: str | None = None,
    channel: str | None = None,
) -> Record | None:
    store = context_of(info).store
    if not (id or sku or externalReference):
        raise GraphQLError("At least one of arguments is required: 'id', 'sku'.")
    for variant in store.variants.values():
        if (id and variant["id"] == id) or (sku and variant["sku"] == sku):
            return variant
        if externalReference and variant["externalReference"] == externalReference:
            return variant
    return None


def _matches_metadata(card: Record, filters: list[dict[str, Any]]) -> bool:
    items = {item["key"]: item["value"] for item in card["metadata"]}
    for wanted in filters:
        if wanted["key"] not in items:
            return False
        if wanted.get("value") is not None and items[wanted["key"]] != wanted["value"]:
            return False
    return True


@resolver("Query.giftCards")
def resolve_gift_cards(
    _root: Any,
    info: GraphQLResolveInfo,
    *,
    filter: dict[str, Any] | None = None,
    first: int | None = None,
    last: int | None = None,
    after: str | None = None,
    before: str | None = None,
    **_ignored: Any,
) -> Record:
    """Gift cards, oldest first; ``filter.metadata`` and ``filter.isActive`` are honoured."""
    store = context_of(info).store
    cards = list(store.gift_cards.values())
    wanted = dict(filter or {})
    if wanted.get("metadata"):
        cards = [card for card in cards if _matches_metadata(card, wanted["metadata"])]
    if wanted.get("isActive") is not None:
        cards = [card for card in cards if card["isActive"] == wanted["isActive"]]
    return connection(
        cards, field_name="giftCards", first=first, last=last, after=after, before=before
    )
