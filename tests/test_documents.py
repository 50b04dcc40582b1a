"""Every GraphQL document the app sends to Saleor validates against Saleor's real schema."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

from graphql import GraphQLSchema, OperationType, build_schema, parse, validate
from saleor_returns_app.saleor.documents import load_document, load_subscription

REPO = Path(__file__).resolve().parent.parent
OPERATIONS = sorted((REPO / "graphql").glob("[qm]*/*.graphql"))
SUBSCRIPTIONS = sorted((REPO / "webhooks").glob("*.graphql"))
FRAGMENTS = sorted((REPO / "graphql" / "fragments").glob("*.graphql")) + sorted(
    (REPO / "webhooks" / "fragments").glob("*.graphql")
)


@cache
def saleor_schema() -> GraphQLSchema:
    path = os.environ.get("SALEOR_SCHEMA_PATH", str(REPO.parent / "shared/saleor/schema.graphql"))
    return build_schema(Path(path).read_text())


def _operation_name(path: Path) -> str:
    (operation,) = parse(path.read_text()).definitions
    return operation.name.value


@pytest.mark.parametrize("path", OPERATIONS, ids=lambda p: p.name)
def test_operation_with_its_fragments_is_valid_against_saleor(path, settings):
    document = load_document(_operation_name(path))
    errors = validate(saleor_schema(), parse(document.source))
    assert errors == [], [e.message for e in errors]


@pytest.mark.parametrize("path", SUBSCRIPTIONS, ids=lambda p: p.name)
def test_webhook_subscription_with_its_fragments_is_valid_against_saleor(path):
    document = parse(load_subscription(path.stem))
    assert document.definitions[0].operation == OperationType.SUBSCRIPTION
    errors = validate(saleor_schema(), document)
    assert errors == [], [e.message for e in errors]


def test_every_fragment_is_used():
    # an unused fragment is dead code that nobody validates in context
    sent = [load_document(_operation_name(p)).source for p in OPERATIONS] + [
        load_subscription(p.stem) for p in SUBSCRIPTIONS
    ]
    for path in FRAGMENTS:
        (fragment,) = parse(path.read_text()).definitions
        assert any(f"...{fragment.name.value}" in source for source in sent), path.name


def test_graphql_folder_is_not_a_python_package():
    # a `graphql` package at the top level would shadow graphql-core
    assert not (REPO / "graphql" / "__init__.py").exists()
