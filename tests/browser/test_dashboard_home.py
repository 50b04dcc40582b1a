"""The /dashboard/ view in headless Chromium, embedded by a stand-in for the Saleor Dashboard."""

from __future__ import annotations

from playwright.sync_api import Request, expect

STATUS = "#status"


def _session_requests(page) -> list[Request]:
    requests: list[Request] = []
    page.on("request", lambda r: requests.append(r) if r.url.endswith("/api/session") else None)
    return requests


def test_handshake_connects_the_page_as_the_dashboard_user(
    saleor, installed, dashboard_host, save_screenshot
):
    # Given a Dashboard token minted by Saleor for the installed app and a staff user
    token = saleor.mint_dashboard_token(installed, email="staff@example.com")

    # When the Dashboard embeds the view and answers its notifyReady with a handshake
    app = dashboard_host.open(
        "/dashboard/", token=token, saleor_api_url=saleor.api_url, app_id=installed.id
    )

    # Then the page has checked the token with the API and says who is connected where
    expect(app.locator(STATUS)).to_have_text(f"Connected to {saleor.api_url} as staff@example.com.")
    ready = dashboard_host.messages("notifyReady")
    assert len(ready) == 1
    assert ready[0]["origin"] == dashboard_host.app_url
    save_screenshot("dashboard-home")


def test_a_token_without_manage_orders_is_refused(saleor, installed, dashboard_host):
    # Given a Dashboard token for a staff user who lacks MANAGE_ORDERS
    token = saleor.mint_dashboard_token(installed, email="clerk@example.com", user_permissions=())

    # When the Dashboard hands it to the view
    app = dashboard_host.open(
        "/dashboard/", token=token, saleor_api_url=saleor.api_url, app_id=installed.id
    )

    # Then the page shows the API's refusal
    expect(app.locator(STATUS)).to_have_text("Not connected: Missing permissions: MANAGE_ORDERS")


def test_messages_from_another_origin_are_ignored(saleor, installed, dashboard_host, page):
    # Given a view connected through the Dashboard
    token = saleor.mint_dashboard_token(installed)
    session_requests = _session_requests(page)
    app = dashboard_host.open(
        "/dashboard/", token=token, saleor_api_url=saleor.api_url, app_id=installed.id
    )
    connected = f"Connected to {saleor.api_url} as staff@example.com."
    expect(app.locator(STATUS)).to_have_text(connected)
    app.evaluate(
        "() => { window.seen = []; addEventListener('message', e => seen.push(e.origin)); }"
    )

    # When a frame on a third origin posts a forged handshake and a theme to the view
    foreign = dashboard_host.open_foreign_frame()
    foreign.evaluate(
        """() => {
            const app = parent.frames[0];
            app.postMessage({type: "handshake", payload: {token: "forged", version: 1}}, "*");
            app.postMessage({type: "theme", payload: {theme: "dark"}}, "*");
        }"""
    )
    app.wait_for_function("() => window.seen.length >= 2")  # both were delivered
    # ...and, as a barrier, the Dashboard refreshes the token: its /api/session call comes last
    with page.expect_request(lambda r: r.url.endswith("/api/session")):
        dashboard_host.send_token_refresh(token)
    expect(app.locator(STATUS)).to_have_text(connected)

    # Then the view acted on neither: no call with the forged token, theme unchanged
    foreign_origin = dashboard_host.foreign_origin
    assert app.evaluate("() => window.seen") == [
        foreign_origin,
        foreign_origin,
        dashboard_host.origin,
    ]
    assert [r.header_value("authorization-bearer") for r in session_requests] == [token, token]
    assert app.evaluate("() => document.documentElement.dataset.theme") == "light"


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
    assert headers.get("x-frame-options", "").upper() != "DENY"
    # ...and Chromium did render it inside the Dashboard's frame
    expect(app.locator("h1")).to_have_text("Returns")


def test_an_unanswering_app_says_so_instead_of_waiting_forever(
    saleor, installed, dashboard_host, page
):
    # Given the app's API answers with a proxy's HTML error page
    page.route(
        "**/api/session",
        lambda route: route.fulfill(status=502, content_type="text/html", body="<h1>502</h1>"),
    )
    token = saleor.mint_dashboard_token(installed)

    # When the Dashboard embeds the view
    app = dashboard_host.open(
        "/dashboard/", token=token, saleor_api_url=saleor.api_url, app_id=installed.id
    )

    # Then the page tells the user rather than staying on "Connecting…"
    expect(app.locator(STATUS)).to_have_text(
        "Not connected: the app did not answer. Reload to try again."
    )
