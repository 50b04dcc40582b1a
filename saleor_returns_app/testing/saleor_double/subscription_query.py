"""Validate a webhook subscription document the way Saleor's ``SubscriptionQuery`` does.

Saleor checks webhook documents in ``webhookCreate``/``webhookUpdate`` and in the manifest
at install time, with the same error codes (``WebhookErrorCode``) in both places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    parse,
    validate,
)


@dataclass(frozen=True)
class SubscriptionCheck:
    """Outcome of checking one subscription document."""

    is_valid: bool
    error_code: str | None = None
    error_msg: str = ""
    # Event names as WebhookEventTypeAsyncEnum values, e.g. ("ORDER_FULFILLED",).
    events: tuple[str, ...] = field(default=())


def to_snake_case(name: str) -> str:
    """``OrderFulfilled`` -> ``order_fulfilled`` (graphene's conversion)."""
    partial = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", partial).lower()


def _failure(code: str, *messages: str) -> SubscriptionCheck:
    # Saleor joins the distinct messages with ";".
    return SubscriptionCheck(is_valid=False, error_code=code, error_msg=";".join(set(messages)))


def check_subscription(schema: GraphQLSchema, query: str) -> SubscriptionCheck:
    """Parse, validate and extract the events of a webhook subscription document."""
    try:
        document = parse(query)
    except GraphQLError as exc:
        return _failure("SYNTAX", exc.message)
    errors = validate(schema, document)
    if errors:
        return _failure("GRAPHQL_ERROR", *(error.message for error in errors))
    subscription = _subscription_operation(document)
    if subscription is None:
        return _failure("MISSING_SUBSCRIPTION", "Subscription operation can't be found.")
    names = [_field_name(selection) for selection in subscription.selection_set.selections]
    if len(names) > 1 and set(names) != {"event"}:
        return _failure("INVALID", "Subscription must select only one top field.")
    if names[0] != "event":
        events = [to_snake_case(name) for name in names]
    else:
        events = _events_under_event_field(document, subscription)
        if events is None:
            return _failure("UNABLE_TO_PARSE", "Event field can't be found.")
        if not events:
            return _failure("MISSING_EVENT", "Can't find a single event.")
    return SubscriptionCheck(is_valid=True, events=tuple(name.upper() for name in events))


def _subscription_operation(document: DocumentNode) -> OperationDefinitionNode | None:
    for definition in document.definitions:
        if (
            isinstance(definition, OperationDefinitionNode)
            and definition.operation == OperationType.SUBSCRIPTION
        ):
            return definition
    return None


def _field_name(selection: object) -> str:
    if isinstance(selection, FieldNode):
        return selection.name.value
    if isinstance(selection, FragmentSpreadNode):
        return selection.name.value
    return ""


def _events_under_event_field(
    document: DocumentNode, subscription: OperationDefinitionNode
) -> list[str] | None:
    event_fields = [
        selection
        for selection in subscription.selection_set.selections
        if isinstance(selection, FieldNode) and selection.name.value == "event"
    ]
    if not event_fields:
        return None
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    # Type conditions name events (``... on OrderFulfilled``); a spread of a fragment on
    # ``Event`` is opened one level, as Saleor does.
    found: dict[str, bool] = {}
    for event_field in event_fields:
        _collect_type_conditions(event_field, found)
    for name, is_fragment in list(found.items()):
        if is_fragment and name in fragments:
            _collect_type_conditions(fragments[name], found)
    events = sorted(to_snake_case(name) for name, is_fragment in found.items() if not is_fragment)
    return events


def _collect_type_conditions(
    node: FieldNode | FragmentDefinitionNode, found: dict[str, bool]
) -> None:
    if isinstance(node, FragmentDefinitionNode) and node.type_condition.name.value != "Event":
        found[node.type_condition.name.value] = False
        return
    if node.selection_set is None:
        return
    for selection in node.selection_set.selections:
        if isinstance(selection, InlineFragmentNode) and selection.type_condition:
            found[selection.type_condition.name.value] = False
        if isinstance(selection, FragmentSpreadNode):
            found[selection.name.value] = True
