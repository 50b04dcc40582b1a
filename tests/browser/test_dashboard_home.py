"""The /dashboard/ view (the returns inbox) in headless Chromium: App Bridge and security.

The inbox's own behaviour is in test_inbox.py.
"""

from __future__ import annotations

from inbox_support import make_return
from playwright.sync_api import Request, expect

INBOX = "#inbox"
ERROR = "#error-text"


def _graphql_requests(page) -> list[Request]:
    requests: list[Request] = []
    page.on("request", lambda r: requests.append(r) if r.url.endswith("/graphql/") else None)
    return requests


def _loaded(app) -> None:
    expect(app.locator(INBOX)).to_have_attribute("aria-busy", "false")


def test_the_bridge_starts_where_third_party_storage_is_denied(
    saleor, installed, installation, dashboard_host
):
    # Given a browser that denies storage to cross-site frames (Safari, Firefox strict,
    # Chrome with third-party cookies blocked, this Chromium) and a return to list
    return_request = make_return(installation)
    token = saleor.mint_dashboard_token(installed)

    # When the Dashboard embeds the view
    app = dashboard_host.open(
        "/dashboard/", token=token, saleor_api_url=saleor.api_url, app_id=installed.id
    )

    # Then the bridge still talks to the Dashboard and the inbox loads
    dashboard_host.wait_for_message("notifyReady")
    expect(app.locator("#rows tr", has_text=return_request.rma)).to_have_count(1)


def test_handshake_connects_the_page_as_the_dashboard_user(
    saleor, installed, installation, dashboard_host, page, save_screenshot
):
    # Given a Dashboard token minted by Saleor for the installed app and a staff user
    return_request = make_return(installation)
    token = saleor.mint_dashboard_token(installed, email="staff@example.com")
    requests = _graphql_requests(page)

    # When the Dashboard embeds the view and answers its notifyReady with a handshake
    app = dashboard_host.open(
        "/dashboard/", token=token, saleor_api_url=saleor.api_url, app_id=installed.id
    )

    # Then the page calls the API with that token for this Saleor, and lists the store's returns
    expect(app.locator("#rows tr", has_text=return_request.rma)).to_have_count(1)
    assert requests
    assert {r.header_value("authorization-bearer") for r in requests} == {token}
    assert {r.header_value("saleor-api-url") for r in requests} == {saleor.api_url}
    ready = dashboard_host.messages("notifyReady")
    assert len(ready) == 1
    assert ready[0]["origin"] == dashboard_host.app_url
    save_screenshot("dashboard-home")


def test_a_token_without_manage_orders_is_refused(saleor, installed, installation, dashboard_host):
    # Given a Dashboard token for a staff user who lacks MANAGE_ORDERS, and a return
    make_return(installation)
    token = saleor.mint_dashboard_token(installed, email="clerk@example.com", user_permissions=())

    # When the Dashboard hands it to the view
    app = dashboard_host.open(
        "/dashboard/", token=token, saleor_api_url=saleor.api_url, app_id=installed.id
    )

    # Then the page shows the API's refusal and no returns
    expect(app.locator(ERROR)).to_have_text("You need the MANAGE_ORDERS permission.")
    expect(app.locator("#rows tr")).to_have_count(0)


def test_messages_from_another_origin_are_ignored(saleor, installed, dashboard_host, page):
    # Given a view connected through the Dashboard
    token = saleor.mint_dashboard_token(installed)
    requests = _graphql_requests(page)
    app = dashboard_host.open(
        "/dashboard/", token=token, saleor_api_url=saleor.api_url, app_id=installed.id
    )
    _loaded(app)
    app.evaluate(
        "() => { window.seen = []; addEventListener('message', e => seen.push(e.origin)); }"
    )

    # When a frame on a third origin posts a forged handshake, token, theme and locale
    foreign = dashboard_host.open_foreign_frame()
    foreign.evaluate(
        """() => {
            const app = parent.frames[0];
            app.postMessage({type: "handshake", payload: {token: "forged", version: 1}}, "*");
            app.postMessage({type: "tokenRefresh", payload: {token: "forged"}}, "*");
            app.postMessage({type: "theme", payload: {theme: "dark"}}, "*");
            app.postMessage({type: "localeChanged", payload: {locale: "ro"}}, "*");
        }"""
    )
    app.wait_for_function("() => window.seen.length >= 4")  # all were delivered
    # ...and, as a barrier, the Dashboard refreshes the token and staff switch tabs
    dashboard_host.send_token_refresh(token)
    app.wait_for_function("() => window.seen.length >= 5")
    with page.expect_request(lambda r: r.url.endswith("/graphql/")):
        app.locator('[data-tab="NEEDS_REVIEW"]').click()
    _loaded(app)

    # Then the view acted on none: every call with the real token, theme and language unchanged
    foreign_origin = dashboard_host.foreign_origin
    assert app.evaluate("() => window.seen") == [foreign_origin] * 4 + [dashboard_host.origin]
    assert {r.header_value("authorization-bearer") for r in requests} == {token}
    assert app.evaluate("() => document.documentElement.dataset.theme") == "light"
    expect(app.locator("h1")).to_have_text("Returns")


def test_theme_message_switches_the_theme(saleor, installed, dashboard_host):
    # Given a view opened in the light theme
    token = saleor.mint_dashboard_token(installed)
    app = dashboard_host.open(
        "/dashboard/", token=token, saleor_api_url=saleor.api_url, app_id=installed.id
    )
    expect(app.locator("html")).to_have_attribute("data-theme", "light")

    # When the Dashboard switches to dark
    dashboard_host.send_theme("dark")

    # Then the document inside the iframe follows
    expect(app.locator("html")).to_have_attribute("data-theme", "dark")


def test_the_view_may_be_framed_by_the_dashboard(saleor, installed, dashboard_host):
    # Given an installed app
    token = saleor.mint_dashboard_token(installed)

    # When the Dashboard, on another origin, embeds the view
    app = dashboard_host.open(
        "/dashboard/", token=token, saleor_api_url=saleor.api_url, app_id=installed.id
    )

    # Then the response allows framing through CSP frame-ancestors, not X-Frame-Options
    headers = dashboard_host.app_response.all_headers()
    assert "frame-ancestors" in headers["content-security-policy"]
    assert "'unsafe-inline'" not in headers["content-security-policy"]
    assert headers.get("x-frame-options", "").upper() != "DENY"
    # ...and Chromium did render it inside the Dashboard's frame, styled by our own sheet
    expect(app.locator("h1")).to_have_text("Returns")
    expect(app.locator("h1")).to_have_css("font-weight", "600")


def test_an_unanswering_app_says_so_instead_of_waiting_forever(
    saleor, installed, dashboard_host, page
):
    # Given the app's API answers with a proxy's HTML error page
    page.route(
        "**/graphql/",
        lambda route: route.fulfill(status=502, content_type="text/html", body="<h1>502</h1>"),
    )
    token = saleor.mint_dashboard_token(installed)

    # When the Dashboard embeds the view
    app = dashboard_host.open(
        "/dashboard/", token=token, saleor_api_url=saleor.api_url, app_id=installed.id
    )

    # Then the page tells the user rather than staying on "Loading…"
    expect(app.locator(ERROR)).to_have_text(
        "The app did not answer. Check your connection and try again."
    )
    expect(app.locator("#loading")).to_be_hidden()
