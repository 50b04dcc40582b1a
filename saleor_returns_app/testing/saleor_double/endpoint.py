"""``POST /graphql/``: Saleor's HTTP contract around GraphQL execution.

Unparsable bodies, syntax errors and documents invalid against the schema get HTTP 400
with ``{"errors": [...]}`` (as Saleor's ``GraphQLView``); everything else is executed
and answered with HTTP 200, errors included in the body.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLError, GraphQLSchema, parse, validate

from .auth import authenticate, token_from_headers
from .execution import EventSink, RequestContext, execute_document, format_error
from .keys import SigningKey
from .permissions import Requester
from .registry import Resolver
from .store import Store

JSON_CONTENT_TYPE = "application/json"


@dataclass
class RecordedRequest:
    """An accepted GraphQL request, for assertions on what the app sent."""

    operation_name: str | None
    query: str
    variables: dict[str, Any]
    headers: dict[str, str]
    requester: Requester = field(repr=False)


@dataclass
class HttpAnswer:
    status: int
    body: bytes
    content_type: str = JSON_CONTENT_TYPE


def _json_answer(status: int, payload: Any) -> HttpAnswer:
    return HttpAnswer(status, json.dumps(payload).encode("utf-8"))


def _error_answer(message: str) -> HttpAnswer:
    return _json_answer(400, {"errors": [format_error(GraphQLError(message))]})


class GraphQLEndpoint:
    """Executes GraphQL requests and keeps the logs tests assert on."""

    def __init__(
        self,
        schema: GraphQLSchema,
        store: Store,
        *,
        signing_key: Callable[[], SigningKey],
        resolvers: Mapping[str, Resolver],
        emit: EventSink,
    ) -> None:
        self.schema = schema
        self.store = store
        self.resolvers = resolvers
        self.requests: list[RecordedRequest] = []
        self.rejected_documents: list[str] = []
        self._signing_key = signing_key
        self._emit = emit
        self._failures: list[int] = []
        self._lock = threading.Lock()

    def fail_next(self, count: int = 1, status: int = 502) -> None:
        """Answer the next ``count`` requests with ``status`` before doing anything else."""
        with self._lock:
            self._failures.extend([status] * count)

    def reset(self) -> None:
        """Clear the logs and pending injected failures."""
        with self._lock:
            self._failures.clear()
        self.requests.clear()
        self.rejected_documents.clear()

    def _injected_failure(self) -> int | None:
        with self._lock:
            return self._failures.pop(0) if self._failures else None

    def handle(self, body: bytes, headers: Mapping[str, str]) -> HttpAnswer:
        """Answer one HTTP request body."""
        failure = self._injected_failure()
        if failure is not None:
            return HttpAnswer(failure, b"Injected failure", "text/plain")
        try:
            data = json.loads(body or b"null")
        except ValueError:
            return _error_answer("Unable to parse query.")
        if isinstance(data, list):
            # Saleor accepts batches; the status is the worst of the operations.
            answers = [self._handle_operation(item, headers) for item in data]
            status = max((status for status, _ in answers), default=200)
            return _json_answer(status, [payload for _, payload in answers])
        status, payload = self._handle_operation(data, headers)
        return _json_answer(status, payload)

    def _handle_operation(self, data: Any, headers: Mapping[str, str]) -> tuple[int, Any]:
        if not isinstance(data, dict):
            return 400, {"errors": [format_error(GraphQLError("Unable to parse query."))]}
        query = data.get("query")
        if not query or not isinstance(query, str):
            return 400, {"errors": [format_error(GraphQLError("Must provide a query string."))]}
        try:
            document = parse(query)
        except GraphQLError as error:
            self.rejected_documents.append(query)
            return 400, {"errors": [format_error(error)]}
        errors = validate(self.schema, document)
        if errors:
            self.rejected_documents.append(query)
            return 400, {"errors": [format_error(error) for error in errors]}
        variables = data.get("variables") or {}
        operation_name = data.get("operationName")
        requester = authenticate(self.store, self._signing_key(), token_from_headers(headers))
        self.requests.append(
            RecordedRequest(
                operation_name=operation_name,
                query=query,
                variables=dict(variables),
                headers=dict(headers),
                requester=requester,
            )
        )
        context = RequestContext(
            schema=self.schema,
            store=self.store,
            requester=requester,
            resolvers=self.resolvers,
            emit=self._emit,
        )
        result = execute_document(
            context, document, variables=variables, operation_name=operation_name
        )
        payload: dict[str, Any] = {}
        if result.errors:
            payload["errors"] = [format_error(error) for error in result.errors]
        if result.data is None and result.errors and all(e.path is None for e in result.errors):
            # Bad variables or a missing operation name: the request never ran, and
            # Saleor marks such results invalid (HTTP 400, no "data").
            return 400, payload
        payload["data"] = result.data
        return 200, payload
