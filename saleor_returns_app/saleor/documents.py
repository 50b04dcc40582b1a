"""The GraphQL documents the app sends to Saleor, loaded by operation name from `graphql/`.

Each file under `graphql/queries` and `graphql/mutations` holds one operation; fragments live
in `graphql/fragments` and are appended to the operations that spread them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from graphql import (
    DocumentNode,
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


def _definitions(directory: Path) -> list[OperationDefinitionNode | FragmentDefinitionNode]:
    found = []
    for path in sorted(directory.rglob("*.graphql")):
        document: DocumentNode = parse(path.read_text(), no_location=True)
        found.extend(document.definitions)
    return found


@cache
def _index(root: str) -> dict[str, Document]:
    definitions = _definitions(Path(root))
    fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
    documents = {}
    for definition in definitions:
        if not isinstance(definition, OperationDefinitionNode) or definition.name is None:
            continue
        needed: dict[str, FragmentDefinitionNode] = {}
        pending = list(_spreads(definition))
        while pending:
            name = pending.pop()
            if name in needed:
                continue
            needed[name] = fragments[name]
            pending.extend(_spreads(fragments[name]))
        source = "\n\n".join(
            [print_ast(definition)] + [print_ast(needed[name]) for name in sorted(needed)]
        )
        documents[definition.name.value] = Document(
            name=definition.name.value,
            source=source,
            is_mutation=definition.operation == OperationType.MUTATION,
        )
    return documents


def load_document(name: str) -> Document:
    documents = _index(str(settings.GRAPHQL_DOCUMENTS_DIR))
    try:
        return documents[name]
    except KeyError:
        raise DocumentNotFound(name) from None
