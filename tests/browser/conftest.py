"""Headless Chromium for the Dashboard views, and a host page that plays the Saleor Dashboard.

Fixtures:

- ``browser``: one Chromium for the session (Debian's /usr/bin/chromium driven by Playwright;
  ``playwright install`` cannot download browsers here).
- ``page``: a fresh browser context and page per test; an uncaught JavaScript error in any
  of its frames fails the test (see ``js_errors``), and a failing test leaves a screenshot
  in ``var/test-artefacts/browser-failures/``.
- ``dashboard_host``: a :class:`DashboardHost` on that page. ``open(path, ...)`` embeds an
  app view the way the Saleor Dashboard does (same sandbox, same query params, a different
  origin) and speaks App Bridge to it::

      app = dashboard_host.open(
          "/dashboard/orders/", token=token, saleor_api_url=saleor.api_url,
          app_id=installed.id, params={"orderId": order_id},
      )
      dashboard_host.wait_for_message("notification")
      dashboard_host.send_theme("dark")

- ``save_screenshot``: ``save_screenshot("name")`` writes ``var/test-artefacts/name.png``.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import Browser, Frame, Page, Response, expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests run as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Closed network: no update checks, field trials or sync that would only be refused.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Exactly the sandbox the Saleor Dashboard puts on app iframes (no allow-modals).
DASHBOARD_SANDBOX = "allow-same-origin allow-forms allow-scripts allow-downloads allow-popups"
SALEOR_VERSION = "3.24"
DASHBOARD_VERSION = "3.23"
ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artefacts"
TIMEOUT_MS = 10_000

_REPORTS = pytest.StashKey[dict]()


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator:
    # Keep each phase's report on the item, so the page fixture knows whether the test failed.
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        reason = (
            f"{CHROMIUM} is missing: install Debian's chromium "
            "(apt-get update && apt-get install -y chromium)"
        )
        if _in_ci():
            pytest.fail(f"CI is set and {reason}", pytrace=False)
        pytest.skip(reason)
    # Playwright's sync API keeps its asyncio loop marked as running in this thread for as
    # long as Playwright is started, so Django would raise SynchronousOnlyOperation on every
    # ORM call made by the tests (and fixtures) that run meanwhile. Allowed here, for exactly
    # that lifetime, and only in this browser fixture module.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def js_errors() -> list[str]:
    """Uncaught JavaScript errors of the test's page; a test expecting some clears the list."""
    return []


@pytest.fixture
def page(browser: Browser, js_errors: list[str], request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 640})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.on("pageerror", lambda error: js_errors.append(f"{error.name}: {error.message}"))
    yield page
    report = request.node.stash.get(_REPORTS, {}).get("call")
    if report is not None and report.failed:
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        path = ARTEFACTS / "browser-failures" / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=path, full_page=True)
    context.close()
    if js_errors:
        pytest.fail("Uncaught JavaScript errors:\n" + "\n".join(js_errors), pytrace=False)


@pytest.fixture
def save_screenshot(page: Page) -> Callable[[str], Path]:
    def save(name: str) -> Path:
        path = ARTEFACTS / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=path)
        return path

    return save


# --- The Dashboard host page -------------------------------------------------------------

HOST_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Saleor Dashboard (test host)</title>
<style>
  body { margin: 0; font: 13px/1.4 system-ui, sans-serif; background: #f4f5f7; }
  header { padding: 10px 16px; background: #25282b; color: #fff; }
  iframe { display: block; width: 100%; height: 560px; border: 0; background: #fff; }
</style>
</head>
<body>
<header>Saleor Dashboard (test host) &middot; Apps</header>
<script>
// Plays the Saleor Dashboard's side of App Bridge for one embedded app iframe.
window.dashboard = (function () {
  "use strict";
  const state = {
    config: null,
    frame: null,
    appOrigin: null,
    messages: [],  // every message the app frame sent: {origin, type, payload}
    foreign: [],   // messages from anything else: {origin, data}
    sent: [],      // every message this host sent to the app: {type, payload}
  };

  function post(type, payload) {
    state.sent.push({ type: type, payload: payload });
    state.frame.contentWindow.postMessage({ type: type, payload: payload }, state.appOrigin);
  }

  function handshake(token) {
    post("handshake", {
      token: token === undefined ? state.config.token : token,
      version: 1,
      saleorVersion: state.config.saleorVersion,
      dashboardVersion: state.config.dashboardVersion,
    });
  }

  window.addEventListener("message", function (event) {
    if (!state.frame || event.source !== state.frame.contentWindow) {
      state.foreign.push({ origin: event.origin, data: event.data });
      return;
    }
    const data = event.data || {};
    state.messages.push({ origin: event.origin, type: data.type, payload: data.payload });
    if (event.origin !== state.appOrigin) return;
    const payload = data.payload || {};
    if (data.type === "notifyReady") handshake();
    if (payload.actionId) post("response", { actionId: payload.actionId, ok: true });
  });

  return {
    state: state,
    post: post,
    handshake: handshake,
    setToken: function (token) { state.config.token = token; },
    mount: function (config) {
      state.config = config;
      state.appOrigin = new URL(config.src).origin;
      const frame = document.createElement("iframe");
      frame.id = "app";
      frame.name = "app";
      frame.setAttribute("sandbox", config.sandbox);
      frame.src = config.src;
      state.frame = frame;
      document.body.appendChild(frame);
    },
    addForeignFrame: function (src) {
      const frame = document.createElement("iframe");
      frame.id = "foreign";
      frame.src = src;
      frame.style.height = "40px";
      document.body.appendChild(frame);
    },
  };
})();
</script>
</body>
</html>
"""

BLANK_PAGE = "<!doctype html><html><head><title>Elsewhere</title></head><body></body></html>"


class _Handler(BaseHTTPRequestHandler):
    pages = {"/": HOST_PAGE, "/blank": BLANK_PAGE}

    def do_GET(self) -> None:
        body = self.pages.get(urlsplit(self.path).path)
        if body is None:
            self.send_error(404)
            return
        content = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def _static_origins() -> Iterator[tuple[str, str]]:
    """Two origins other than the app's: the Dashboard's, and a third party's."""
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), _Handler) for _ in range(2)]
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield tuple(f"http://127.0.0.1:{server.server_address[1]}" for server in servers)
    for server in servers:
        server.shutdown()
        server.server_close()


class DashboardHost:
    """The Saleor Dashboard around one app view, driven from the test."""

    def __init__(self, page: Page, *, dashboard_origin: str, foreign_origin: str, app_url: str):
        self.page = page
        self.origin = dashboard_origin
        self.foreign_origin = foreign_origin
        self.app_url = app_url.rstrip("/")
        self.app_response: Response | None = None

    def open(
        self,
        path: str = "/dashboard/",
        *,
        token: str | None,
        saleor_api_url: str,
        app_id: str,
        theme: str = "light",
        params: dict[str, str] | None = None,
    ) -> Frame:
        """Mount the app view at ``path`` and return its frame once loaded.

        ``token`` is what the handshake answering ``notifyReady`` carries. ``params`` are
        the extra query params of the mount (``orderId``, ``customerId``...).
        """
        query = {
            "saleorApiUrl": saleor_api_url,
            "id": app_id,
            "domain": urlsplit(saleor_api_url).netloc,
            "theme": theme,
            **(params or {}),
        }
        src = f"{self.app_url}{path}?{urlencode(query)}"
        self.page.goto(f"{self.origin}/")
        config = {
            "src": src,
            "sandbox": DASHBOARD_SANDBOX,
            "token": token,
            "saleorVersion": SALEOR_VERSION,
            "dashboardVersion": DASHBOARD_VERSION,
        }
        with self.page.expect_response(lambda response: response.url == src) as response:
            self.page.evaluate("config => window.dashboard.mount(config)", config)
        self.app_response = response.value
        frame = self.app_frame
        frame.wait_for_url(src)  # committed and loaded, not the initial about:blank
        return frame

    @property
    def app_frame(self) -> Frame:
        frame = self.page.wait_for_selector("iframe#app", state="attached").content_frame()
        assert frame is not None
        return frame

    # Dashboard -> app
    def post(self, type_: str, payload: dict[str, Any]) -> None:
        self.page.evaluate("([t, p]) => window.dashboard.post(t, p)", [type_, payload])

    def send_handshake(self, token: str | None = None) -> None:
        """A handshake with ``token``, or the token given to ``open``/``set_token``."""
        if token is None:
            self.page.evaluate("() => window.dashboard.handshake()")
        else:
            self.page.evaluate("t => window.dashboard.handshake(t)", token)

    def set_token(self, token: str) -> None:
        """The token later handshakes carry."""
        self.page.evaluate("t => window.dashboard.setToken(t)", token)

    def send_token_refresh(self, token: str) -> None:
        self.post("tokenRefresh", {"token": token})

    def send_theme(self, theme: str) -> None:
        self.post("theme", {"theme": theme})

    # App -> dashboard
    def messages(self, type_: str | None = None) -> list[dict[str, Any]]:
        """What the app sent, in order: ``{"origin", "type", "payload"}``."""
        messages = self.page.evaluate("() => window.dashboard.state.messages")
        return [m for m in messages if type_ is None or m["type"] == type_]

    def sent(self) -> list[dict[str, Any]]:
        """What this host sent to the app, in order: ``{"type", "payload"}``."""
        return self.page.evaluate("() => window.dashboard.state.sent")

    def wait_for_message(self, type_: str, count: int = 1) -> list[dict[str, Any]]:
        self.page.wait_for_function(
            "([t, n]) => window.dashboard.state.messages.filter(m => m.type === t).length >= n",
            arg=[type_, count],
        )
        return self.messages(type_)

    # A third party
    def open_foreign_frame(self) -> Frame:
        """A frame on a third origin (neither app nor Dashboard) inside the Dashboard page."""
        src = f"{self.foreign_origin}/blank"
        self.page.evaluate("src => window.dashboard.addForeignFrame(src)", src)
        frame = self.page.wait_for_selector("iframe#foreign", state="attached").content_frame()
        assert frame is not None
        frame.wait_for_url(src)
        return frame


@pytest.fixture
def dashboard_host(page: Page, live_server, _static_origins: tuple[str, str]) -> DashboardHost:
    dashboard_origin, foreign_origin = _static_origins
    return DashboardHost(
        page,
        dashboard_origin=dashboard_origin,
        foreign_origin=foreign_origin,
        app_url=live_server.url,
    )


SETTINGS_ADMIN = ("MANAGE_ORDERS", "MANAGE_APPS")


@pytest.fixture
def open_settings(saleor, installed, dashboard_host: DashboardHost):
    """``open_settings(permissions, theme)``: the settings view as staff (ana@shop.example),
    once every section has loaded."""

    def open_(permissions: tuple[str, ...] = SETTINGS_ADMIN, theme: str = "light") -> Frame:
        app = dashboard_host.open(
            "/dashboard/settings/",
            token=saleor.mint_dashboard_token(
                installed, email="ana@shop.example", user_permissions=permissions
            ),
            saleor_api_url=saleor.api_url,
            app_id=installed.id,
            theme=theme,
        )
        expect(app.locator("#settings")).to_have_attribute("aria-busy", "false")
        for section in ("#markets-section", "#reasons-section", "#store-section"):
            expect(app.locator(section)).to_be_visible()
            expect(app.locator(section)).to_have_attribute("aria-busy", "false")
        return app

    return open_
