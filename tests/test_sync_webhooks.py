"""After an upgrade, the app brings its webhooks in Saleor in line with this version."""

from __future__ import annotations

from io import StringIO

import pytest
import requests
from django.core.management import CommandError, call_command

from saleor_returns_app.webhooks.registry import WEBHOOKS

LIST = "{ app { webhooks { id name targetUrl } } }"


def _as_app(saleor, token, query, variables=None):
    response = requests.post(
        saleor.api_url,
        json={"query": query, "variables": variables or {}},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    response.raise_for_status()
    return response.json()["data"]


def _webhooks(saleor, token):
    return {w["name"]: w for w in _as_app(saleor, token, LIST)["app"]["webhooks"]}


def test_sync_creates_updates_and_deletes_to_match_the_registry(installed, saleor, live_server):
    # given an installation whose webhooks drifted: one missing, one stale, one obsolete
    webhooks = _webhooks(saleor, installed.token)
    _as_app(
        saleor,
        installed.token,
        "mutation($id: ID!) { webhookDelete(id: $id) { errors { code } } }",
        {"id": webhooks["app-deleted"]["id"]},
    )
    _as_app(
        saleor,
        installed.token,
        "mutation($id: ID!, $url: String) { webhookUpdate(id: $id, input: {targetUrl: $url}) "
        "{ errors { code } } }",
        {"id": webhooks["order-fulfilled"]["id"], "url": "https://old-host.example/hook"},
    )
    _as_app(
        saleor,
        installed.token,
        'mutation { webhookCreate(input: {name: "legacy", targetUrl: "https://old/x", '
        'asyncEvents: [ORDER_CREATED], query: "subscription { event { ... on OrderCreated '
        '{ order { id } } } }"}) { errors { code } } }',
    )
    out = StringIO()
    # when the operator runs the sync
    call_command("sync_webhooks", app_url=live_server.url, stdout=out)
    # then Saleor holds exactly the registry's webhooks, pointing at this app
    synced = _webhooks(saleor, installed.token)
    assert set(synced) == {definition.name for definition in WEBHOOKS}
    for definition in WEBHOOKS:
        assert synced[definition.name]["targetUrl"] == f"{live_server.url}{definition.path}"
    assert "created 1, updated 1, deleted 1, unchanged 1" in out.getvalue()


def test_sync_twice_changes_nothing_the_second_time(installed, saleor, live_server):
    call_command("sync_webhooks", app_url=live_server.url, stdout=StringIO())
    before = _webhooks(saleor, installed.token)
    out = StringIO()
    call_command("sync_webhooks", app_url=live_server.url, stdout=out)
    assert _webhooks(saleor, installed.token) == before
    assert f"unchanged {len(WEBHOOKS)}" in out.getvalue()


def test_sync_needs_the_public_url(installed, settings):
    settings.APP_URL = ""
    with pytest.raises(CommandError, match="APP_URL"):
        call_command("sync_webhooks", app_url="", stdout=StringIO())
