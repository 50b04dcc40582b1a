"""The manifest Saleor reads at install, and the committed snapshot of it."""

from __future__ import annotations

import json
import struct

import pytest

from graphql import parse
from saleor_returns_app.core.management.commands.write_manifest import render_snapshot
from saleor_returns_app.saleor.extensions import ExtensionDefinition
from saleor_returns_app.saleor.manifest import build_manifest

pytestmark = pytest.mark.django_db


def test_committed_manifest_matches_the_code(settings):
    # given the defaults `make run` uses
    settings.MANIFEST_APP_ID = "saleor.app.returns"
    settings.MANIFEST_APP_NAME = "Returns"
    settings.DATA_PRIVACY_URL = ""
    settings.SUPPORT_URL = ""
    # when the snapshot is rendered again
    rendered = render_snapshot()
    # then it equals manifest.json (run `make manifest` after changing the manifest code)
    assert (settings.REPO_ROOT / "manifest.json").read_text() == rendered


def test_manifest_is_served_without_redirect_with_absolute_urls(client, settings):
    # given a public URL configured for the app
    settings.APP_URL = "https://returns.example.com"
    # when Saleor fetches the manifest
    response = client.get("/api/manifest", HTTP_SALEOR_SCHEMA_VERSION="3.24")
    # then it is served directly, and every URL in it is absolute on that host
    assert response.status_code == 200
    manifest = response.json()
    assert manifest["tokenTargetUrl"] == "https://returns.example.com/api/register"
    assert manifest["appUrl"] == "https://returns.example.com/dashboard/"
    assert all(
        w["targetUrl"].startswith("https://returns.example.com/api/webhooks/")
        for w in manifest["webhooks"]
    )
    assert manifest["brand"]["logo"]["default"].endswith(".png")


def test_manifest_urls_follow_the_request_host_when_no_app_url_is_set(client, settings):
    settings.APP_URL = ""
    response = client.get("/api/manifest", HTTP_HOST="shop-returns.local:8100")
    assert response.json()["tokenTargetUrl"] == "http://shop-returns.local:8100/api/register"


@pytest.mark.parametrize("path", ["/api/manifest/", "/api/register/", "/api/webhooks/app-deleted/"])
def test_protocol_urls_never_redirect(client, path):
    # Saleor follows no redirects: a trailing-slash redirect would break install and webhooks
    response = client.get(path)
    assert response.status_code not in (301, 302, 307, 308)


def test_manifest_never_asks_for_manage_apps(client):
    manifest = client.get("/api/manifest").json()
    assert "MANAGE_APPS" not in manifest["permissions"]
    assert "MANAGE_ORDERS" in manifest["permissions"]
    for extension in manifest["extensions"]:
        assert set(extension["permissions"]) <= set(manifest["permissions"])


def test_every_subscription_carries_what_the_receiver_checks(client):
    manifest = client.get("/api/manifest").json()
    for webhook in manifest["webhooks"]:
        document = parse(webhook["query"])
        printed = json.dumps(document.to_dict())
        for field in ("issuedAt", "version", "recipient"):
            assert f'"value": "{field}"' in printed, (webhook["name"], field)


def test_features_newer_than_the_installing_saleor_are_left_out():
    # given an extension that needs Saleor 3.22 (widgets)
    widget = ExtensionDefinition(
        identifier="order-returns",
        label="Returns",
        mount="ORDER_DETAILS_WIDGETS",
        target="WIDGET",
        path="/dashboard/order-widget",
        permissions=("MANAGE_ORDERS",),
    )
    # when Saleor 3.21 and Saleor 3.24 ask for the manifest
    old = build_manifest(base_url="https://a", schema_version=(3, 21), extensions=[widget])
    new = build_manifest(base_url="https://a", schema_version=(3, 24), extensions=[widget])
    # then only the newer Saleor is offered the widget
    assert old["extensions"] == []
    assert [e["mount"] for e in new["extensions"]] == ["ORDER_DETAILS_WIDGETS"]


def test_logo_is_a_square_png_of_at_least_256_px(client):
    logo_url = client.get("/api/manifest").json()["brand"]["logo"]["default"]
    path = logo_url.split("://", 1)[1].split("/", 1)[1]
    response = client.get(f"/{path}")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", content[16:24])
    assert width == height >= 256


def test_the_order_page_gets_a_returns_widget_and_a_create_return_action(client):
    # when Saleor 3.24 asks for the manifest
    manifest = client.get("/api/manifest", HTTP_SALEOR_SCHEMA_VERSION="3.24").json()
    by_mount = {extension["mount"]: extension for extension in manifest["extensions"]}
    # then the order page shows our returns in a widget framed with App Bridge (GET: the token
    # comes over postMessage, never in a form post) ...
    widget = by_mount["ORDER_DETAILS_WIDGETS"]
    assert widget["label"] == "Returns"
    assert widget["target"] == "WIDGET"
    assert widget["options"] == {"widgetTarget": {"method": "GET"}}
    assert widget["url"].endswith("/dashboard/order-widget/")
    # ... and a "Create return" popup in the order's menu
    action = by_mount["ORDER_DETAILS_MORE_ACTIONS"]
    assert (action["label"], action["target"]) == ("Create return", "POPUP")
    assert action["url"].endswith("/dashboard/create-return/")
    for extension in (widget, action):
        assert extension["permissions"] == ["MANAGE_ORDERS"]
        # the views are served (framable by the Dashboard), without a redirect
        path = extension["url"].split("://", 1)[1].split("/", 1)[1]
        response = client.get(f"/{path}")
        assert response.status_code == 200
        assert "frame-ancestors" in response["Content-Security-Policy"]


def test_saleor_3_21_gets_the_create_return_action_but_no_widget(client):
    manifest = client.get("/api/manifest", HTTP_SALEOR_SCHEMA_VERSION="3.21").json()
    mounts = [extension["mount"] for extension in manifest["extensions"]]
    assert "ORDER_DETAILS_MORE_ACTIONS" in mounts
    assert "ORDER_DETAILS_WIDGETS" not in mounts
