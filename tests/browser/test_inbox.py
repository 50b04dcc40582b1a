"""The returns inbox (/dashboard/) in headless Chromium, inside a stand-in Saleor Dashboard."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from inbox_support import gid, make_return, ship_with_label, status_of
from playwright.sync_api import Frame, Request, Route, expect
from pypdf import PdfReader

from saleor_returns_app.returns.models import ReturnReason, ReturnRequest
from saleor_returns_app.returns.selectors import COUNT_CAP

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
ROWS = "#rows tr"


@pytest.fixture
def open_inbox(saleor, installed, dashboard_host):
    """``open_inbox(**params)``: the inbox as a MANAGE_ORDERS staff user, once it has loaded."""

    def open_(token: str | None = None, **params: str) -> Frame:
        app = dashboard_host.open(
            "/dashboard/",
            token=token or saleor.mint_dashboard_token(installed),
            saleor_api_url=saleor.api_url,
            app_id=installed.id,
            params=params,
        )
        expect(app.locator("#inbox")).to_have_attribute("aria-busy", "false")
        return app

    return open_


def _row(app: Frame, return_request):
    return app.locator(ROWS, has_text=return_request.rma)


def _graphql_requests(page) -> list[Request]:
    requests: list[Request] = []
    page.on("request", lambda r: requests.append(r) if r.url.endswith("/graphql/") else None)
    return requests


def test_the_inbox_lists_returns_newest_first_with_tab_counts(
    installation, open_inbox, dashboard_host, save_screenshot
):
    # Given returns in several statuses, an hour apart
    statuses = ["NEEDS_REVIEW", "REQUESTED", "REQUESTED", "APPROVED", "IN_TRANSIT", "REJECTED"]
    returns = [
        make_return(
            installation,
            status=status,
            created_at=START + timedelta(hours=index),
            refund_amount="149.90",
        )
        for index, status in enumerate(statuses)
    ]

    # When staff open the inbox
    app = open_inbox()

    # Then every return is listed, newest first, with its columns
    expect(app.locator(ROWS)).to_have_count(6)
    expect(app.locator(f"{ROWS} .table__rma")).to_have_text([r.rma for r in reversed(returns)])
    first = _row(app, returns[0])
    expect(first).to_contain_text(f"#{returns[0].order_number}")
    expect(first).to_contain_text(returns[0].customer_email)
    expect(first.locator(".badge")).to_have_text("Needs review")
    expect(first.locator(".badge")).to_have_class("badge badge--warning")
    expect(first).to_contain_text("Self-ship")
    expect(first.locator(".table__num")).to_have_text("RON 149.90")
    # ...and the tabs count per status (rejected ones are under Closed)
    counts = {
        "NEEDS_REVIEW": "1",
        "REQUESTED": "2",
        "APPROVED": "1",
        "LABEL_ISSUED": "0",
        "IN_TRANSIT": "1",
        "RECEIVED": "0",
        "REFUNDED": "0",
        "CLOSED": "1",
        "ALL": "6",
    }
    for tab, count in counts.items():
        expect(app.locator(f'[data-tab="{tab}"] [data-count]')).to_have_text(count)
    expect(app.locator("#shown")).to_have_text("Showing 6 of 6")
    # ...the RMA links to the detail view keeping the Dashboard's params
    href = unquote(_row(app, returns[0]).locator(".table__rma a").get_attribute("href"))
    assert href.startswith(f"/dashboard/returns/{gid(returns[0])}/?saleorApiUrl=")
    # ...and the order number asks the Dashboard to open the order
    _row(app, returns[0]).locator(".table__order a").click()
    redirect = dashboard_host.wait_for_message("redirect")[0]
    assert redirect["payload"]["to"] == f"/orders/{returns[0].order_id}"
    save_screenshot("inbox")


def test_a_status_tab_shows_only_its_returns(installation, open_inbox):
    # Given two returns that need review among others
    review = [make_return(installation, status="NEEDS_REVIEW") for _ in range(2)]
    make_return(installation, status="REQUESTED")
    make_return(installation, status="APPROVED")
    app = open_inbox()
    expect(app.locator(ROWS)).to_have_count(4)

    # When staff pick the "Needs review" tab
    app.locator('[data-tab="NEEDS_REVIEW"]').click()

    # Then only those are listed, and the tab is the selected one
    expect(app.locator(ROWS)).to_have_count(2)
    for return_request in review:
        expect(_row(app, return_request)).to_have_count(1)
    expect(app.locator('[data-tab="NEEDS_REVIEW"]')).to_have_attribute("aria-selected", "true")
    expect(app.locator('[data-tab="ALL"]')).to_have_attribute("aria-selected", "false")


def test_search_finds_a_return_by_rma_and_by_email(installation, open_inbox, save_screenshot):
    # Given three returns of different shoppers
    wanted = make_return(installation, customer_email="ana.popescu@example.ro")
    other = make_return(installation, customer_email="bogdan@example.ro")
    make_return(installation, customer_email="ana.popescu@example.ro")
    app = open_inbox()
    expect(app.locator(ROWS)).to_have_count(3)

    # When staff search for one RMA
    app.locator("#search").fill(other.rma.lower())
    app.locator("#search").press("Enter")

    # Then only that return is listed, and the counts follow the search
    expect(app.locator(ROWS)).to_have_count(1)
    expect(_row(app, other)).to_have_count(1)
    expect(app.locator('[data-tab="ALL"] [data-count]')).to_have_text("1")

    # When they search for a shopper's email instead
    app.locator("#search").fill("Ana.Popescu@example.ro")
    app.locator("#search").press("Enter")

    # Then both of that shopper's returns are listed
    expect(app.locator(ROWS)).to_have_count(2)
    expect(_row(app, wanted)).to_have_count(1)
    expect(_row(app, other)).to_have_count(0)
    save_screenshot("inbox-search")


def test_filters_by_method_and_by_reason(installation, open_inbox):
    # Given returns by locker and by self-ship, for different reasons
    locker = make_return(installation, method="LOCKER", reason="DAMAGED")
    make_return(installation, method="SELF_SHIP", reason="DAMAGED")
    make_return(installation, method="SELF_SHIP", reason="TOO_SMALL")
    app = open_inbox()
    expect(app.locator(ROWS)).to_have_count(3)

    # When staff filter on the locker method
    app.locator("#method-filter").select_option("LOCKER")

    # Then only the locker return is listed
    expect(app.locator(ROWS)).to_have_count(1)
    expect(_row(app, locker)).to_contain_text("Locker")

    # When they filter on the "Arrived damaged" reason (any method)
    app.locator("#method-filter").select_option("")
    app.locator("#reason-filter").select_option(label="Arrived damaged")

    # Then both damaged returns are listed
    expect(app.locator(ROWS)).to_have_count(2)

    # When they clear the filters, everything is back
    app.get_by_role("button", name="Clear filters").click()
    expect(app.locator(ROWS)).to_have_count(3)


def test_filters_by_created_date_range_and_lists_the_carriers(installation, open_inbox):
    # Given returns created on the 2nd, 3rd and 4th of November
    days = [make_return(installation, created_at=START + timedelta(days=d)) for d in range(3)]
    app = open_inbox()
    expect(app.locator(ROWS)).to_have_count(3)

    # When staff ask for those created from the 3rd to the 4th (both whole days)
    app.locator("input[name=createdFrom]").fill("2026-11-03")
    app.locator("input[name=createdTo]").fill("2026-11-04")

    # Then the return of the 2nd is left out
    expect(app.locator(f"{ROWS} .table__rma")).to_have_text([days[2].rma, days[1].rma])
    # ...and the carrier filter offers the app's carriers
    expect(app.locator("#carrier-filter option[value=sameday]")).to_have_count(1)


def test_load_more_pages_through_every_return(installation, open_inbox):
    # Given seven returns and a page of three
    returns = [
        make_return(installation, created_at=START + timedelta(hours=index)) for index in range(7)
    ]
    newest_first = [r.rma for r in reversed(returns)]
    app = open_inbox(pageSize="3")

    # Then the first page holds the three newest
    expect(app.locator(f"{ROWS} .table__rma")).to_have_text(newest_first[:3])
    expect(app.locator("#shown")).to_have_text("Showing 3 of 7")

    # When staff load more, twice
    app.get_by_role("button", name="Load more").click()
    expect(app.locator(f"{ROWS} .table__rma")).to_have_text(newest_first[:6])
    app.get_by_role("button", name="Load more").click()

    # Then every return is listed once, in order, and there is nothing more to load
    expect(app.locator(f"{ROWS} .table__rma")).to_have_text(newest_first)
    expect(app.locator("#load-more")).to_be_hidden()
    expect(app.locator("#shown")).to_have_text("Showing 7 of 7")

    # ...and the oldest-first sort starts over from the other end
    app.locator("#sort").select_option("OLDEST")
    expect(app.locator(f"{ROWS} .table__rma")).to_have_text(list(reversed(newest_first))[:3])


def test_bulk_approve_notifies_the_dashboard_and_refreshes(
    installation, open_inbox, dashboard_host, page, save_screenshot
):
    # Given three requested returns, and one already rejected
    requested = [
        make_return(installation, status="REQUESTED", created_at=START + timedelta(hours=i))
        for i in range(3)
    ]
    rejected = make_return(installation, status="REJECTED", created_at=START)
    untouched = make_return(installation, status="REQUESTED", created_at=START)
    app = open_inbox()
    expect(app.locator('[data-tab="APPROVED"] [data-count]')).to_have_text("0")

    # When staff select the three and approve them
    for return_request in requested:
        _row(app, return_request).locator("input[type=checkbox]").check()
    expect(app.locator("#selected-count")).to_have_text("3 selected")
    # (the first approval is held back, to see the progress while the others wait)
    held = []

    def hold_first_approval(route):
        if "InboxApprove" in (route.request.post_data or "") and not held:
            held.append(route)
        else:
            route.continue_()

    page.route("**/graphql/", hold_first_approval)
    app.get_by_role("button", name="Approve").click()
    expect(app.locator("#bulk-progress")).to_be_visible()
    expect(app.locator("#bulk-progress-text")).to_have_text("Approving 1 of 3…")
    expect(app.get_by_role("button", name="Approve")).to_be_disabled()
    held[0].continue_()
    page.unroute("**/graphql/")

    # Then the Dashboard is told how many were approved
    notification = dashboard_host.wait_for_message("notification")[0]["payload"]
    assert notification["status"] == "success"
    assert notification["title"] == "Returns approved: 3 of 3"
    assert notification["text"] == "All selected returns were updated."
    # ...the list and the counts show it, and the selection is gone
    for return_request in requested:
        expect(_row(app, return_request).locator(".badge")).to_have_text("Approved")
        assert status_of(return_request) == "APPROVED"
    expect(app.locator('[data-tab="APPROVED"] [data-count]')).to_have_text("3")
    expect(app.locator('[data-tab="REQUESTED"] [data-count]')).to_have_text("1")
    expect(app.locator("#bulkbar")).to_be_hidden()
    assert status_of(untouched) == "REQUESTED"
    save_screenshot("inbox-approved")

    # When staff approve a return that cannot be approved along with one that can
    _row(app, rejected).locator("input[type=checkbox]").check()
    _row(app, untouched).locator("input[type=checkbox]").check()
    app.get_by_role("button", name="Approve").click()

    # Then the notification names the one that failed, with the API's reason
    second = dashboard_host.wait_for_message("notification", count=2)[1]["payload"]
    assert second["status"] == "warning"
    assert second["title"] == "Returns approved: 1 of 2"
    assert second["text"].startswith(f"Not changed: {rejected.rma} (")
    expect(_row(app, untouched).locator(".badge")).to_have_text("Approved")
    assert status_of(rejected) == "REJECTED"


def test_reject_asks_for_a_reason_in_a_page_dialog(
    installation, open_inbox, dashboard_host, save_screenshot
):
    # Given a return that needs review
    return_request = make_return(installation, status="NEEDS_REVIEW")
    app = open_inbox()

    # When staff select it and reject it
    _row(app, return_request).locator("input[type=checkbox]").check()
    app.locator("#bulk-reject").click()

    # Then an in-page dialog asks for the reason, and insists on one
    dialog = app.locator("#reject-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("h2")).to_have_text("Reject this return")
    dialog.locator("#reject-confirm").click()
    expect(app.locator("#reject-error")).to_be_visible()
    dialog.locator("#reject-reason").fill("Worn and washed")
    expect(app.locator("#reject-error")).to_be_hidden()
    save_screenshot("inbox-reject-dialog")
    dialog.locator("#reject-confirm").click()

    # ...and the return is rejected with it, the Dashboard notified
    expect(dialog).to_be_hidden()
    notification = dashboard_host.wait_for_message("notification")[0]["payload"]
    assert notification["title"] == "Returns rejected: 1 of 1"
    expect(_row(app, return_request).locator(".badge")).to_have_text("Rejected")
    return_request.refresh_from_db()
    assert (return_request.status, return_request.rejection_reason) == (
        "REJECTED",
        "Worn and washed",
    )


def test_cancelling_the_reject_dialog_changes_nothing(installation, open_inbox, page):
    return_request = make_return(installation, status="NEEDS_REVIEW")
    app = open_inbox()
    requests = _graphql_requests(page)
    _row(app, return_request).locator("input[type=checkbox]").check()
    app.locator("#bulk-reject").click()
    app.locator("#reject-reason").fill("Changed my mind")
    app.get_by_role("button", name="Cancel").click()
    expect(app.locator("#reject-dialog")).to_be_hidden()
    assert requests == []
    assert status_of(return_request) == "NEEDS_REVIEW"


def test_locale_changed_translates_the_inbox(
    installation, open_inbox, dashboard_host, save_screenshot
):
    # Given the inbox in English
    return_request = make_return(installation, status="APPROVED", method="LOCKER")
    app = open_inbox()
    expect(app.locator("h1")).to_have_text("Returns")

    # When the Dashboard switches to Romanian
    dashboard_host.post("localeChanged", {"locale": "ro"})

    # Then the page's text, the rows and the filters follow
    expect(app.locator("h1")).to_have_text("Retururi")
    expect(app.locator("html")).to_have_attribute("lang", "ro")
    expect(app.locator('[data-tab="ALL"] span').first).to_have_text("Toate")
    expect(app.locator('[data-tab="NEEDS_REVIEW"] span').first).to_have_text("De verificat")
    expect(_row(app, return_request).locator(".badge")).to_have_text("Aprobat")
    expect(app.locator("#search")).to_have_attribute(
        "placeholder", "RMA, număr comandă, e-mail sau AWB"
    )
    expect(app.locator("#method-filter option[value=LOCKER]")).to_have_text("Easybox / locker")
    expect(app.get_by_role("button", name="Șterge filtrele")).to_be_visible()
    save_screenshot("inbox-ro")

    # ...and Polish, Czech too
    dashboard_host.post("localeChanged", {"locale": "pl-PL"})
    expect(app.locator("h1")).to_have_text("Zwroty")
    dashboard_host.post("localeChanged", {"locale": "cs"})
    expect(app.locator("h1")).to_have_text("Vratky")


def test_dark_theme_applies(installation, open_inbox, dashboard_host, save_screenshot):
    make_return(installation, status="NEEDS_REVIEW")
    app = open_inbox()
    body = app.locator("body")
    light = body.evaluate("b => getComputedStyle(b).backgroundColor")
    assert light == "rgb(255, 255, 255)"

    dashboard_host.send_theme("dark")

    expect(app.locator("html")).to_have_attribute("data-theme", "dark")
    expect(body).to_have_css("background-color", "rgb(23, 24, 27)")
    expect(body).to_have_css("color", "rgb(232, 234, 237)")
    save_screenshot("inbox-dark")


def test_a_refreshed_token_is_used_by_the_next_call(
    saleor, installed, installation, open_inbox, dashboard_host, page
):
    # Given the inbox opened with a first token
    make_return(installation, status="NEEDS_REVIEW")
    first = saleor.mint_dashboard_token(installed, email="first@example.com")
    app = open_inbox(token=first)
    requests = _graphql_requests(page)

    # When the Dashboard refreshes the token mid-session, and staff then switch tabs
    second = saleor.mint_dashboard_token(installed, email="second@example.com")
    assert second != first
    dashboard_host.send_token_refresh(second)
    with page.expect_request(lambda r: r.url.endswith("/graphql/")):
        app.locator('[data-tab="NEEDS_REVIEW"]').click()

    # Then that call carries the new token, and the list still loads
    assert requests[-1].header_value("authorization-bearer") == second
    expect(app.locator(ROWS)).to_have_count(1)


def test_an_empty_inbox_says_so(installed, open_inbox):
    app = open_inbox()
    expect(app.locator("#empty")).to_be_visible()
    expect(app.locator("#empty")).to_contain_text("No returns here")
    expect(app.locator('[data-tab="ALL"] [data-count]')).to_have_text("0")


def test_an_unanswering_api_shows_an_error_with_retry(installation, open_inbox, page):
    # Given the API answers with a proxy's HTML error page
    make_return(installation)
    page.route(
        "**/graphql/",
        lambda route: route.fulfill(status=502, content_type="text/html", body="<h1>502</h1>"),
    )

    # When staff open the inbox
    app = open_inbox()

    # Then it says so instead of loading forever
    expect(app.locator("#error")).to_be_visible()
    expect(app.locator("#error-text")).to_have_text(
        "The app did not answer. Check your connection and try again."
    )

    # When the API is back and they try again, the returns are listed
    page.unroute("**/graphql/")
    app.get_by_role("button", name="Try again").click()
    expect(app.locator("#error")).to_be_hidden()
    expect(app.locator(ROWS)).to_have_count(1)


def test_opening_a_return_keeps_talking_to_the_dashboard(installation, open_inbox, dashboard_host):
    # Given the inbox inside the Dashboard
    return_request = make_return(installation, status="APPROVED")
    app = open_inbox()

    # When staff click its RMA: the detail view replaces the inbox inside the same frame
    _row(app, return_request).locator(".table__rma a").click()

    # Then the detail view asks the Dashboard for a token again and loads the return with it
    dashboard_host.wait_for_message("notifyReady", count=2)
    expect(app.locator("#status-badge")).to_have_text("Approved")


# --- Export CSV, print labels, reasons from the API ----------------------------------------


def _today() -> str:
    return date.today().strftime("%Y-%m-%d")


def _held(page, held: list[Route]) -> Route:
    """The first request a holding route caught (routes are handled while Playwright waits)."""
    for _ in range(100):
        if held:
            return held[0]
        page.wait_for_timeout(50)
    raise AssertionError("the request was never made")


def test_export_csv_downloads_what_the_tab_and_filters_match(
    installation, open_inbox, page, save_screenshot
):
    # Given requested returns (one by locker) and an approved one
    locker = make_return(installation, status="REQUESTED", method="LOCKER", created_at=START)
    make_return(installation, status="REQUESTED", created_at=START + timedelta(hours=1))
    approved = make_return(installation, status="APPROVED", method="LOCKER")
    app = open_inbox()

    # When staff pick the Requested tab, filter on lockers and export (the export is held
    # back a moment, to see it being prepared)
    app.locator('[data-tab="REQUESTED"]').click()
    app.locator("#method-filter").select_option("LOCKER")
    expect(app.locator(ROWS)).to_have_count(1)
    held: list[Route] = []
    page.route("**/api/returns/export.csv*", lambda route: held.append(route))
    with page.expect_download() as download_info:
        app.get_by_role("button", name="Export CSV").click()
        expect(app.locator("#export-csv")).to_have_text("Preparing…")
        expect(app.locator("#export-csv")).to_be_disabled()
        save_screenshot("inbox-export-preparing")
        route = _held(page, held)
        request = route.request
        route.continue_()
    page.unroute("**/api/returns/export.csv*")

    # Then the CSV of exactly that tab and filter is downloaded, named for today
    download = download_info.value
    assert download.suggested_filename == f"returns-{_today()}.csv"
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["RMA", "Order number", "Customer email"]
    assert [row[0] for row in rows[1:]] == [locker.rma]
    assert approved.rma not in content.decode("utf-8-sig")
    # ...asked with the Dashboard token and the inbox's filter
    query = parse_qs(urlsplit(request.url).query)
    assert query == {"status": ["REQUESTED"], "method": ["LOCKER"]}
    assert request.header_value("authorization-bearer")
    # ...and the button is ready again
    expect(app.locator("#export-csv")).to_have_text("Export CSV")
    expect(app.locator("#export-csv")).to_be_enabled()


def test_a_failed_export_notifies_the_dashboard(installation, open_inbox, dashboard_host, page):
    make_return(installation)
    app = open_inbox()
    page.route(
        "**/api/returns/export.csv*",
        lambda route: route.fulfill(
            status=503,
            content_type="application/json",
            body=json.dumps(
                {"success": False, "error": {"code": "BUSY", "message": "Try again later."}}
            ),
        ),
    )

    app.get_by_role("button", name="Export CSV").click()

    notification = dashboard_host.wait_for_message("notification")[0]["payload"]
    assert notification["status"] == "error"
    assert notification["title"] == "The CSV export failed"
    assert notification["text"] == "Try again later."
    expect(app.locator("#export-csv")).to_be_enabled()


def test_print_labels_downloads_one_pdf_and_names_the_skipped(
    installation, open_inbox, dashboard_host, page, save_screenshot
):
    # Given returns with a one-page and a two-page PDF label, and one with a ZPL label
    one_page = make_return(installation, status="LABEL_ISSUED", created_at=START)
    ship_with_label(one_page)
    two_pages = make_return(
        installation, status="LABEL_ISSUED", created_at=START + timedelta(hours=1)
    )
    ship_with_label(two_pages, label_format="PDF_A4", pages=2)
    thermal = make_return(
        installation, status="LABEL_ISSUED", created_at=START + timedelta(hours=2)
    )
    ship_with_label(thermal, label_format="ZPL")
    app = open_inbox()

    # When staff select all three and print their labels (held back, to see the progress)
    app.locator("#select-all").check()
    held: list[Route] = []
    page.route("**/api/labels/merged", lambda route: held.append(route))
    with page.expect_download() as download_info:
        app.get_by_role("button", name="Print labels").click()
        expect(app.locator("#bulk-progress")).to_be_visible()
        expect(app.locator("#bulk-progress-text")).to_have_text("Preparing labels (3)…")
        expect(app.get_by_role("button", name="Print labels")).to_be_disabled()
        save_screenshot("inbox-print-preparing")
        route = _held(page, held)
        request = route.request
        route.continue_()
    page.unroute("**/api/labels/merged")

    # Then one PDF with every PDF label's pages is downloaded, in the list's order
    download = download_info.value
    assert download.suggested_filename == f"labels-{_today()}.pdf"
    pages = PdfReader(download.path()).pages
    assert len(pages) == 3
    assert thermal.rma not in "".join(p.extract_text() for p in pages)
    assert two_pages.rma in pages[0].extract_text()
    assert one_page.rma in pages[2].extract_text()
    assert json.loads(request.post_data) == {"ids": [gid(thermal), gid(two_pages), gid(one_page)]}
    # ...and the Dashboard is told how many were printed and which were skipped
    notification = dashboard_host.wait_for_message("notification")[0]["payload"]
    assert notification["status"] == "warning"
    assert notification["title"] == "Labels printed: 2 of 3"
    assert notification["text"] == f"No PDF label: {thermal.rma}"
    expect(app.locator("#bulk-progress")).to_be_hidden()
    expect(app.get_by_role("button", name="Print labels")).to_be_enabled()


def test_printing_returns_without_pdf_labels_says_so(installation, open_inbox, dashboard_host):
    unshipped = make_return(installation, status="APPROVED")
    app = open_inbox()

    _row(app, unshipped).locator("input[type=checkbox]").check()
    app.get_by_role("button", name="Print labels").click()

    notification = dashboard_host.wait_for_message("notification")[0]["payload"]
    assert notification["status"] == "error"
    assert notification["title"] == "No PDF labels to print"
    assert notification["text"] == f"No PDF label: {unshipped.rma}"
    expect(app.get_by_role("button", name="Print labels")).to_be_enabled()


def test_the_reason_filter_lists_the_stores_reasons_in_the_dashboards_language(
    installation, open_inbox, dashboard_host, page
):
    # Given the store's catalogue, with labels per language
    damaged = ReturnReason.objects.get(installation=installation, code="DAMAGED")
    ReturnReason.objects.create(
        installation=installation,
        code="GIFT_UNWANTED",
        family="CUSTOMER",
        labels={"en": "Unwanted gift", "ro": "Cadou nedorit"},
        position=99,
    )
    make_return(installation)
    app = open_inbox()

    # Then the reason filter offers the store's reasons, its own included
    expect(app.locator("#reason-filter option[value=GIFT_UNWANTED]")).to_have_text("Unwanted gift")
    expect(app.locator("#reason-filter option[value=DAMAGED]")).to_have_text(damaged.labels["en"])

    # When the Dashboard switches to Romanian, they are asked for again in Romanian
    with page.expect_request(
        lambda r: r.url.endswith("/graphql/") and "InboxReasons" in (r.post_data or "")
    ) as asked:
        dashboard_host.post("localeChanged", {"locale": "ro"})
    assert json.loads(asked.value.post_data)["variables"] == {"languageCode": "ro"}
    expect(app.locator("#reason-filter option[value=GIFT_UNWANTED]")).to_have_text("Cadou nedorit")
    expect(app.locator("#reason-filter option[value=DAMAGED]")).to_have_text(damaged.labels["ro"])
    expect(app.locator("#export-csv")).to_have_text("Exportă CSV")


def test_a_tab_with_more_returns_than_are_counted_says_so(installation, open_inbox):
    # Given more closed returns than the tabs count, and one waiting for a decision
    template = make_return(installation, status="CLOSED")
    ReturnRequest.objects.bulk_create(
        ReturnRequest(
            installation=installation,
            rma=f"R-2026-9{number:05d}",
            order_id=template.order_id,
            order_number=template.order_number,
            customer_email=template.customer_email,
            channel_slug=template.channel_slug,
            currency=template.currency,
            method=template.method,
            resolution=template.resolution,
            status="CLOSED",
        )
        # More than the inbox counts exactly in one pass (two caps)
        for number in range(2 * COUNT_CAP)
    )
    make_return(installation, status="REQUESTED")

    app = open_inbox()

    # Then the busy tab (and All) says "1,000+" rather than counting every closed return
    expect(app.locator('[data-tab="CLOSED"] [data-count]')).to_have_text("1,000+")
    expect(app.locator('[data-tab="ALL"] [data-count]')).to_have_text("1,001+")
    expect(app.locator('[data-tab="REQUESTED"] [data-count]')).to_have_text("1")
    expect(app.locator("#shown")).to_have_text(re.compile(r"^Showing \d+ of 1,001\+$"))
