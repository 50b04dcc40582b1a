"""Calling the app's GraphQL API through HTTP, as storefronts and dashboard views do."""

from __future__ import annotations

from typing import Any

import requests

from saleor_returns_app.api.ids import global_id


class Api:
    """`POST /graphql/` on the live server, for one Saleor (the `saleor-api-url` header)."""

    def __init__(self, base_url: str, saleor_api_url: str | None) -> None:
        self.url = f"{base_url}/graphql/"
        self.saleor_api_url = saleor_api_url

    def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        staff: str | None = None,
        shopper: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        sent = dict(headers or {})
        if self.saleor_api_url:
            sent["Saleor-Api-Url"] = self.saleor_api_url
        if staff:
            sent["Authorization-Bearer"] = staff
        if shopper:
            sent["Authorization"] = f"Bearer {shopper}"
        body = {"query": query, "variables": variables or {}}
        return requests.post(self.url, json=body, headers=sent, timeout=20)

    def call(self, query: str, variables: dict[str, Any] | None = None, **kwargs: Any) -> dict:
        response = self.post(query, variables, **kwargs)
        assert response.status_code == 200, response.text
        return response.json()


def gid(return_request) -> str:
    return global_id("ReturnRequest", return_request.pk)


def error_codes(body: dict) -> list[str]:
    return [error["extensions"]["code"] for error in body.get("errors", [])]
