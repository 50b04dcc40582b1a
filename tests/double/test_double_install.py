"""Installing and uninstalling apps the way Saleor's install task does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests

from saleor_returns_app.testing.saleor_double import InstallError, SaleorDouble
from saleor_returns_app.testing.saleor_double.app_stub import AppStub, StubReply, StubRequest

APP_QUERY = "{ app { id } }"


def test_install_fetches_manifest_and_posts_the_token(
    double: SaleorDouble, app_stub: AppStub, serve_manifest: Callable[..., str]
) -> None:
    # given
    manifest_url = serve_manifest()

    # when
    installed = double.install_app(manifest_url)

    # then
    [manifest_request] = app_stub.to("/api/manifest")
    assert manifest_request.method == "GET"
    assert manifest_request.headers["Saleor-Schema-Version"] == "3.24"
    [register] = app_stub.to("/api/register")
    assert register.method == "POST"
    assert register.json() == {"auth_token": installed.token}
    assert register.headers["Saleor-Api-Url"] == double.api_url
    assert register.headers["Saleor-Domain"] == double.domain
    assert register.headers["X-Saleor-Domain"] == double.domain
    assert register.headers["Saleor-Schema-Version"] == "3.24"
    assert len(installed.token or "") == 30


def test_installed_app_gets_manifest_webhooks_extensions_and_permissions(
    double: SaleorDouble, serve_manifest: Callable[..., str]
) -> None:
    # when
    installed = double.install_app(serve_manifest())

    # then
    assert [hook["name"] for hook in installed.webhooks] == ["Order fulfilled", "App deleted"]
    assert installed.webhooks[0]["_events"] == ["ORDER_FULFILLED"]
    assert installed.app["_permissions"] == {"MANAGE_ORDERS"}
    assert installed.app["identifier"] == "saleor.returns.test"
    assert [ext["mountName"] for ext in installed.extensions] == ["NAVIGATION_ORDERS"]


def test_token_works_while_the_app_registers(
    double: SaleorDouble, app_stub: AppStub, serve_manifest: Callable[..., str]
) -> None:
    # given: the register endpoint calls back `{ app { id } }` with the token, as the SDK does
    seen: dict[str, Any] = {}

    def register(request: StubRequest) -> StubReply:
        token = request.json()["auth_token"]
        seen["app"] = double.post_graphql(APP_QUERY, token=token).json()["data"]["app"]
        return StubReply(200, {"success": True})

    app_stub.on("/api/register", register)

    # when
    installed = double.install_app(serve_manifest())

    # then
    assert seen["app"] == {"id": installed.id}


def test_redirecting_manifest_fails_the_install(
    double: SaleorDouble, app_stub: AppStub, serve_manifest: Callable[..., str]
) -> None:
    # given: Django's APPEND_SLASH answering the manifest URL with a 301
    manifest_url = serve_manifest()
    app_stub.reply("/api/manifest", StubReply(301, b"", {"Location": manifest_url + "/"}))

    # when
    with pytest.raises(InstallError) as failure:
        double.install_app(manifest_url)

    # then
    assert failure.value.status == 301
    assert double.store.apps == {}
    assert app_stub.to("/api/manifest/") == []


def test_register_refusal_fails_the_install_with_the_apps_message(
    double: SaleorDouble, app_stub: AppStub, serve_manifest: Callable[..., str]
) -> None:
    # given
    refusal = {"success": False, "error": {"code": "SALEOR_URL_PROHIBITED", "message": "Nope"}}
    app_stub.reply("/api/register", StubReply(403, refusal))

    # when
    with pytest.raises(InstallError) as failure:
        double.install_app(serve_manifest())

    # then
    assert failure.value.message == "Nope"
    assert failure.value.status == 403
    assert failure.value.body == refusal
    assert double.store.apps == {}
    assert double.store.webhooks == {}


def test_register_error_without_message_reports_internal_error(
    double: SaleorDouble, app_stub: AppStub, serve_manifest: Callable[..., str]
) -> None:
    # given
    app_stub.reply("/api/register", StubReply(500, b"boom"))

    # when
    with pytest.raises(InstallError) as failure:
        double.install_app(serve_manifest())

    # then
    assert failure.value.message == (
        "App internal error (500). Try later or contact with app support."
    )
    assert failure.value.body == "boom"


def test_invalid_webhook_query_in_manifest_fails_the_install(
    double: SaleorDouble,
    app_stub: AppStub,
    make_manifest: Callable[..., dict[str, Any]],
    serve_manifest: Callable[..., str],
) -> None:
    # given
    webhooks = make_manifest()["webhooks"]
    webhooks[0]["query"] = "subscription { event { ... on OrderFulfilled { order { nope } } } }"
    manifest_url = serve_manifest(webhooks=webhooks)

    # when
    with pytest.raises(InstallError) as failure:
        double.install_app(manifest_url)

    # then
    assert "Subscription query is not valid" in failure.value.message
    assert app_stub.to("/api/register") == []
    assert double.store.apps == {}


def test_granted_permissions_may_be_fewer_than_requested(
    double: SaleorDouble, serve_manifest: Callable[..., str]
) -> None:
    # given
    manifest_url = serve_manifest(permissions=["MANAGE_ORDERS", "MANAGE_USERS"], extensions=[])

    # when
    installed = double.install_app(manifest_url, permissions=["MANAGE_ORDERS"])

    # then
    assert installed.app["_permissions"] == {"MANAGE_ORDERS"}


def test_extension_needing_an_ungranted_permission_fails_the_install(
    double: SaleorDouble, serve_manifest: Callable[..., str]
) -> None:
    # given
    manifest_url = serve_manifest()

    # when
    with pytest.raises(InstallError) as failure:
        double.install_app(manifest_url, permissions=[])

    # then
    assert "Extension permission must be listed in App's permissions." in failure.value.message


def test_app_page_with_an_absolute_url_fails_the_install(
    double: SaleorDouble, serve_manifest: Callable[..., str], app_stub
) -> None:
    # given an app page declared with an absolute URL, which Saleor's validation refuses
    manifest_url = serve_manifest(
        extensions=[
            {
                "label": "Returns",
                "mount": "NAVIGATION_ORDERS",
                "target": "APP_PAGE",
                "permissions": ["MANAGE_ORDERS"],
                "url": app_stub.url("/returns/"),
            }
        ]
    )

    # when
    with pytest.raises(InstallError) as failure:
        double.install_app(manifest_url)

    # then
    assert "Url cannot start with protocol when target == APP_PAGE" in failure.value.message


def test_unsupported_saleor_version_fails_the_install(
    double: SaleorDouble, serve_manifest: Callable[..., str]
) -> None:
    # given
    manifest_url = serve_manifest(requiredSaleorVersion=">=3.25")

    # when
    with pytest.raises(InstallError) as failure:
        double.install_app(manifest_url)

    # then
    assert "Saleor version 3.24.0 is not supported by the app." in failure.value.message


def test_same_identifier_cannot_be_installed_twice(
    double: SaleorDouble, serve_manifest: Callable[..., str]
) -> None:
    # given
    manifest_url = serve_manifest()
    double.install_app(manifest_url)

    # when
    with pytest.raises(InstallError) as failure:
        double.install_app(manifest_url)

    # then
    assert "App with the same identifier is already installed: Returns" in failure.value.message


def test_uninstall_sends_app_deleted_to_the_app_and_revokes_the_token(
    double: SaleorDouble, app_stub: AppStub, serve_manifest: Callable[..., str]
) -> None:
    # given
    installed = double.install_app(serve_manifest())
    app_stub.reply("/webhooks/app-deleted", StubReply(200, {}))

    # when
    responses = double.uninstall_app(installed)

    # then
    assert [response.status_code for response in responses] == [200]
    [delivery] = app_stub.to("/webhooks/app-deleted")
    assert delivery.headers["Saleor-Event"] == "app_deleted"
    assert delivery.json()["app"] == {"id": installed.id}
    assert delivery.json()["recipient"] == {"id": installed.id}
    assert double.post_graphql(APP_QUERY, token=installed.token).json()["data"] == {"app": None}


def test_jwks_can_be_made_unavailable(double: SaleorDouble) -> None:
    # given
    double.serve_jwks = False

    # when
    with requests.Session() as session:
        session.trust_env = False
        response = session.get(double.jwks_url, timeout=(2, 18))
    double.serve_jwks = True

    # then
    assert response.status_code == 404


def test_a_removed_apps_delivery_can_still_be_built(
    double: SaleorDouble, serve_manifest: Callable[..., str]
) -> None:
    # given
    installed = double.install_app(serve_manifest())
    double.uninstall_app(installed)
    order = double.store.add_order(
        lines=[(double.store.add_product("Cap", variants=[{"sku": "C"}]).variants[0], 1)],
        user_email="a@example.com",
    )

    # when
    delivery = double.build_delivery(installed, "ORDER_FULFILLED", order=order)

    # then
    assert double.build_deliveries("ORDER_FULFILLED", order=order) == []
    assert delivery.app["id"] == installed.id
    assert delivery.headers["Saleor-Event"] == "order_fulfilled"
