"""The one client the app uses for Saleor: typed errors, safe retries, no redirects."""

from __future__ import annotations

import pytest

from saleor_returns_app.saleor.client import (
    SaleorAuthError,
    SaleorClient,
    SaleorMutationError,
    SaleorUnavailable,
)


@pytest.fixture
def client(installed, saleor):
    return SaleorClient(saleor.api_url, installed.token, backoff_seconds=0)


def test_query_returns_data(client, installed):
    assert client.execute("AppId") == {"app": {"id": installed.id}}


def test_query_is_retried_through_transient_faults(client, saleor, installed):
    saleor.fail_next(count=2, status=502)
    assert client.execute("AppId") == {"app": {"id": installed.id}}


def test_query_gives_up_after_three_attempts(client, saleor):
    saleor.fail_next(count=3, status=503)
    with pytest.raises(SaleorUnavailable):
        client.execute("AppId")


def test_mutation_is_sent_once_even_on_a_transient_fault(client, saleor):
    # Saleor may have applied the mutation before failing: only the caller may decide to retry
    saleor.fail_next(count=1, status=502)
    with pytest.raises(SaleorUnavailable):
        client.mutate("WebhookDelete", {"id": "V2ViaG9vazo5OTk="})
    # a retry would have reached Saleor and come back with its answer instead
    with pytest.raises(SaleorMutationError):
        client.mutate("WebhookDelete", {"id": "V2ViaG9vazo5OTk="})


def test_mutation_errors_are_raised_with_field_and_code(client):
    with pytest.raises(SaleorMutationError) as failure:
        client.mutate("WebhookDelete", {"id": "V2ViaG9vazo5OTk="})
    assert failure.value.errors[0]["code"] == "NOT_FOUND"


def test_unknown_token_is_an_auth_error(saleor):
    with pytest.raises(SaleorAuthError):
        SaleorClient(saleor.api_url, "wrong-token", backoff_seconds=0).execute("AppWebhooks")


def test_unreachable_saleor_is_transient():
    client = SaleorClient("http://127.0.0.1:9/graphql/", "t", backoff_seconds=0)
    with pytest.raises(SaleorUnavailable):
        client.execute("AppId")
