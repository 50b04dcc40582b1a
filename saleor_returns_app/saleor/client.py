"""The one client for every call the app makes to Saleor's GraphQL API."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import requests
from django.conf import settings

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.saleor.documents import load_document

RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})


class SaleorError(Exception):
    """Base of every failure talking to Saleor."""


class SaleorUnavailable(SaleorError):
    """Network failure, timeout or 5xx: worth retrying later."""


class SaleorAuthError(SaleorError):
    """Saleor refused our credentials (401, or `PermissionDenied` on the whole request)."""


@dataclass
class SaleorGraphQLError(SaleorError):
    """Saleor answered with top-level GraphQL `errors`."""

    errors: list[dict]

    def __str__(self) -> str:
        return "; ".join(str(error.get("message")) for error in self.errors)

    @property
    def codes(self) -> set[str]:
        return {
            str((error.get("extensions") or {}).get("exception", {}).get("code", ""))
            for error in self.errors
        }


@dataclass
class SaleorMutationError(SaleorError):
    """A mutation's payload carried `errors` (`field`, `code`, `message`)."""

    operation: str
    errors: list[dict] = field(default_factory=list)

    def __str__(self) -> str:
        details = ", ".join(
            f"{e.get('field')}: {e.get('code')} {e.get('message')}" for e in self.errors
        )
        return f"{self.operation} failed: {details}"


class SaleorClient:
    """Sends documents from `graphql/` by operation name.

    Queries are retried with backoff on transient faults; mutations are sent once, since
    Saleor's mutations are not idempotent: callers (workers) own their retry policy.
    """

    def __init__(
        self,
        api_url: str,
        token: str | None = None,
        *,
        session: requests.Session | None = None,
        query_attempts: int = 3,
        backoff_seconds: float = 0.5,
    ) -> None:
        self.api_url = api_url
        self._token = token
        self._session = session or requests.Session()
        self._query_attempts = query_attempts
        self._backoff = backoff_seconds

    @classmethod
    def for_installation(cls, installation: Installation) -> SaleorClient:
        return cls(installation.saleor_api_url, installation.token)

    def execute(self, operation: str, variables: Mapping[str, Any] | None = None) -> dict:
        """Run one operation and return its `data`; raise on any error."""
        document = load_document(operation)
        attempts = 1 if document.is_mutation else self._query_attempts
        body = {
            "query": document.source,
            "variables": dict(variables or {}),
            "operationName": operation,
        }
        attempt = 1
        while True:
            try:
                return self._send(body)
            except SaleorUnavailable:
                if attempt >= attempts:
                    raise
                time.sleep(self._backoff * 2 ** (attempt - 1))
                attempt += 1

    def mutate(self, operation: str, variables: Mapping[str, Any] | None = None) -> dict:
        """Run a mutation and return its payload; payload `errors` become an exception."""
        data = self.execute(operation, variables)
        (payload,) = data.values()
        if payload is None:
            raise SaleorMutationError(operation, [{"message": "empty payload"}])
        errors = payload.get("errors") or []
        if errors:
            raise SaleorMutationError(operation, errors)
        return payload

    def _send(self, body: dict) -> dict:
        headers = {"Content-Type": "application/json"}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        try:
            response = self._session.post(
                self.api_url,
                json=body,
                headers=headers,
                timeout=(settings.SALEOR_CONNECT_TIMEOUT, settings.SALEOR_READ_TIMEOUT),
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            raise SaleorUnavailable(f"{body['operationName']}: {exc}") from exc
        if response.status_code in RETRYABLE_STATUSES or response.status_code >= 500:
            raise SaleorUnavailable(f"{body['operationName']}: HTTP {response.status_code}")
        if response.status_code == 401:
            raise SaleorAuthError(f"{body['operationName']}: HTTP 401")
        try:
            result = response.json()
        except ValueError as exc:
            raise SaleorError(
                f"{body['operationName']}: HTTP {response.status_code}, not JSON"
            ) from exc
        errors = result.get("errors") if isinstance(result, dict) else None
        if errors:
            error = SaleorGraphQLError(errors)
            if "PermissionDenied" in error.codes:
                raise SaleorAuthError(str(error)) from error
            raise error
        if response.status_code != 200 or not isinstance(result.get("data"), dict):
            raise SaleorError(f"{body['operationName']}: HTTP {response.status_code}")
        return result["data"]
