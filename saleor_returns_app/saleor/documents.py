"""The GraphQL documents the app sends to Saleor, with the fragments they spread.

Operations under `graphql/queries` and `graphql/mutations` are loaded by operation name;
webhook subscriptions are the files in `webhooks/`. Each file holds one operation, fragments
live in a `fragments/` folder beside them and are appended to the documents that spread them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from graphql import (
    FragmentDefinitionNode,
    FragmentSpreadNode,
    OperationDefinitionNode,
    OperationType,
    Visitor,
    parse,
    print_ast,
    visit,
)


class DocumentNotFound(KeyError):
    """No operation of that name exists in `graphql/`."""


@dataclass(frozen=True)
class Document:
    name: str
    source: str
    is_mutation: bool


class _SpreadCollector(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_args: object) -> None:
        self.names.add(node.name.value)


def _spreads(node: OperationDefinitionNode | FragmentDefinitionNode) -> set[str]:
    collector = _SpreadCollector()
    visit(node, collector)
    return collector.names


def _operation(path: Path) -> OperationDefinitionNode:
    (definition,) = parse(path.read_text(), no_location=True).definitions
    if not isinstance(definition, OperationDefinitionNode) or definition.name is None:
        raise ValueError(f"{path} must hold exactly one named operation")
    return definition


@cache
def _fragments(root: str) -> dict[str, FragmentDefinitionNode]:
    fragments = {}
    for path in sorted((Path(root) / "fragments").glob("*.graphql")):
        for definition in parse(path.read_text(), no_location=True).definitions:
            fragments[definition.name.value] = definition
    return fragments


def _compose(operation: OperationDefinitionNode, fragments: dict) -> str:
    needed: dict[str, FragmentDefinitionNode] = {}
    pending = list(_spreads(operation))
    while pending:
        name = pending.pop()
        if name not in needed:
            needed[name] = fragments[name]
            pending.extend(_spreads(fragments[name]))
    return "\n\n".join([print_ast(operation)] + [print_ast(needed[n]) for n in sorted(needed)])


@cache
def _operations(root: str) -> dict[str, Document]:
    documents = {}
    for folder in ("queries", "mutations"):
        for path in sorted((Path(root) / folder).glob("*.graphql")):
            operation = _operation(path)
            documents[operation.name.value] = Document(
                name=operation.name.value,
                source=_compose(operation, _fragments(root)),
                is_mutation=operation.operation == OperationType.MUTATION,
            )
    return documents


def load_document(name: str) -> Document:
    try:
        return _operations(str(settings.GRAPHQL_DOCUMENTS_DIR))[name]
    except KeyError:
        raise DocumentNotFound(name) from None


@cache
def load_subscription(name: str) -> str:
    """The subscription document of webhook `name` (`webhooks/<name>.graphql`)."""
    root = Path(settings.WEBHOOK_DOCUMENTS_DIR)
    return _compose(_operation(root / f"{name}.graphql"), _fragments(str(root)))
