"""The storefront embed in headless Chromium: a shop's order page on its own origin loads
`saleor-returns.js`, hands it the shopper's Saleor token, and the shopper returns a shirt to
a locker found by postal code, against our GraphQL API (CORS) under a strict storefront CSP."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from returns_data import SHIRT_THUMBNAIL, add_sameday_account, make_shop

from saleor_returns_app.returns.models import ReturnRequest
from saleor_returns_app.returns.store_settings import StoreSettingsInput, save_store_settings
from saleor_returns_app.testing.carrier_stubs.sameday import SamedayStub

LOGO = Path(__file__).resolve().parents[2] / "dashboard_extension/static/saleor-returns/logo.png"


class _Storefront(BaseHTTPRequestHandler):
    """One order page, as a storefront renders it: the element, the script, a strict CSP."""

    app_url = ""
    attributes = ""

    def do_GET(self) -> None:
        body = (
            "<!doctype html><html lang='ro'><head><meta charset='utf-8'>"
            "<title>Comanda mea</title>"
            f"<script src='{self.app_url}/static/track/saleor-returns.js' defer></script>"
            "</head><body><h1>Comanda #1</h1>"
            f"<saleor-returns {self.attributes}></saleor-returns></body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        # No inline script or style anywhere: the embed must work under this policy.
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'self'; script-src 'self' {self.app_url}; "
            f"connect-src 'self' {self.app_url}; img-src 'self' https: data:; style-src 'self'",
        )
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def storefront(live_server) -> Iterator[tuple[str, type[_Storefront]]]:
    handler = type("Storefront", (_Storefront,), {"app_url": live_server.url})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def in_process(monkeypatch) -> None:
    """No broker: Saleor operations and bookings stay planned."""
    monkeypatch.setattr("saleor_returns_app.saleor_sync.services._enqueue", lambda _pk: None)
    monkeypatch.setattr("saleor_returns_app.shipping.booking._enqueue_booking", lambda _pk: None)
    monkeypatch.setattr("saleor_returns_app.shipping.booking._enqueue", lambda *_args: None)


@pytest.fixture
def sameday() -> Iterator[SamedayStub]:
    with SamedayStub() as stub:
        yield stub


def test_a_shopper_returns_a_shirt_to_a_locker_from_the_storefronts_order_page(
    saleor, installation, live_server, storefront, sameday, page, save_screenshot
):
    # Given a Romanian shop with Sameday lockers whose storefront origin the store allows
    shop = make_shop(saleor, installation)
    add_sameday_account(installation, sameday)
    origin, handler = storefront
    _settings, errors = save_store_settings(
        installation, StoreSettingsInput(storefront_origins=[origin])
    )
    assert errors == []
    order = shop.order
    handler.attributes = (
        f"order-id='{order['id']}' api-url='{live_server.url}/graphql/' "
        f"saleor-api-url='{saleor.api_url}' locale='ro' country-code='RO' channel='ro'"
    )
    page.route(
        SHIRT_THUMBNAIL,
        lambda route: route.fulfill(body=LOGO.read_bytes(), content_type="image/png"),
    )

    console_errors: list[str] = []  # CSP and CORS refusals land here
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)

    # When the shopper, signed in on the storefront, opens the order page
    page.goto(f"{origin}/")
    embed = page.locator("saleor-returns")
    expect(embed.locator("h2")).to_have_text("Returnează produse")
    expect(embed).to_contain_text("Autentificați-vă")
    token = saleor.mint_shopper_token(email="stefan@example.ro")
    page.evaluate("t => document.querySelector('saleor-returns').setToken(t)", token)
    assert page.locator("saleor-returns[token]").count() == 0
    assert token not in page.content()

    # Then the order's lines are offered, with their pictures
    lines = embed.locator(".line")
    expect(lines).to_have_count(2)
    expect(lines.first).to_contain_text("Camasa de in")

    # When they return one M shirt, too small, to a locker found by postal code
    lines.first.locator("input[type=checkbox]").check()
    lines.first.locator("select[name=quantity]").select_option("1")
    lines.first.locator("select[name=reason]").select_option("TOO_SMALL")
    embed.locator("input[name=method][value=LOCKER]").check()
    embed.locator("input[name=point-search]").fill("030171")
    embed.get_by_role("button", name="Caută puncte").click()
    expect(embed.locator("input[name=point]")).not_to_have_count(0)
    embed.get_by_role("radio", name="easybox Piata Unirii").check()
    save_screenshot("storefront-embed-form-ro")
    embed.get_by_role("button", name="Cere returul").click()

    # Then the return exists as asked, and the embed shows its number and tracking link
    done = embed.locator(".done")
    expect(done).to_contain_text("Returul a fost cerut")
    return_request = ReturnRequest.objects.get(order_id=order["id"])
    expect(done.locator(".rma")).to_have_text(return_request.rma)
    link = done.get_by_role("link", name="Urmăriți returul")
    expect(link).to_have_attribute("href", f"{live_server.url}/track/{return_request.public_token}")
    assert return_request.method == "LOCKER"
    assert return_request.service_point_id == "1002"
    assert return_request.idempotency_key
    assert [(line.quantity, line.reason_code) for line in return_request.lines.all()] == [
        (1, "TOO_SMALL")
    ]
    save_screenshot("storefront-embed-created-ro")
    assert console_errors == []

    # And the tracking page it links to opens, in the shopper's language
    page.goto(link.get_attribute("href"))
    expect(page.locator("html")).to_have_attribute("lang", "ro")
    expect(page.locator(".rma")).to_contain_text(return_request.rma)
