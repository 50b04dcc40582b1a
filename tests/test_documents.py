"""Every GraphQL document the app sends to Saleor validates against Saleor's real schema."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

from graphql import GraphQLSchema, OperationType, build_schema, parse, validate
from saleor_returns_app.saleor.documents import load_document

REPO = Path(__file__).resolve().parent.parent
OPERATIONS = sorted((REPO / "graphql").glob("[qm]*/*.graphql"))
SUBSCRIPTIONS = sorted((REPO / "webhooks").glob("*.graphql"))


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
def test_webhook_subscription_is_valid_against_saleor(path):
    document = parse(path.read_text())
    (operation,) = document.definitions
    assert operation.operation == OperationType.SUBSCRIPTION
    errors = validate(saleor_schema(), document)
    assert errors == [], [e.message for e in errors]


def test_graphql_folder_is_not_a_python_package():
    # a `graphql` package at the top level would shadow graphql-core
    assert not (REPO / "graphql" / "__init__.py").exists()
