"""Overdue returns and the market / reason-family filters, in the inbox and the detail view,
in headless Chromium inside the stand-in Saleor Dashboard."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from inbox_support import make_return
from playwright.sync_api import Frame, expect

from saleor_returns_app.api.ids import global_id
from saleor_returns_app.returns.catalogue import ensure_default_reasons
from saleor_returns_app.returns.models import Market, ReturnRequest, StoreSettings

ROWS = "#rows tr"


@pytest.fixture
def staff_token(saleor, installed) -> str:
    return saleor.mint_dashboard_token(installed, user_permissions=("MANAGE_ORDERS",))


@pytest.fixture
def open_view(saleor, installed, dashboard_host, staff_token):
    """``open_view(path)``: one of the app's views as a MANAGE_ORDERS staff member."""

    def open_(path: str = "/dashboard/") -> Frame:
        return dashboard_host.open(
            path, token=staff_token, saleor_api_url=saleor.api_url, app_id=installed.id
        )

    return open_


def _open_inbox(open_view) -> Frame:
    app = open_view()
    expect(app.locator("#inbox")).to_have_attribute("aria-busy", "false")
    return app


def _stuck(installation, status: str, hours: float, **overrides) -> ReturnRequest:
    """A return that entered `status` `hours` ago."""
    return_request = make_return(installation, status=status, **overrides)
    entered = timezone.now() - timedelta(hours=hours)
    ReturnRequest.objects.filter(pk=return_request.pk).update(status_changed_at=entered)
    return return_request


def _row(app: Frame, return_request: ReturnRequest):
    return app.locator(ROWS, has_text=return_request.rma)


def _count(app: Frame, tab: str):
    return app.locator(f'[data-tab="{tab}"] [data-count]')


@pytest.fixture
def markets(installation) -> dict[str, Market]:
    return {
        name: Market.objects.create(installation=installation, name=name, currency=currency)
        for name, currency in (("Poland", "PLN"), ("Romania", "RON"))
    }


def test_a_return_stuck_past_its_stages_limit_is_marked_overdue(
    installation, open_view, save_screenshot
):
    # Given a return requested three days ago (the limit is two days), one requested today,
    # and one in transit for 11 days against a 10-day limit
    late = _stuck(installation, "REQUESTED", 3 * 24 + 2)
    fresh = _stuck(installation, "REQUESTED", 3)
    travelling = _stuck(installation, "IN_TRANSIT", 11 * 24)

    # When staff open the inbox
    app = _open_inbox(open_view)

    # Then the late ones carry the Overdue marker, telling how long and the limit
    marker = _row(app, late).locator("[data-overdue]")
    expect(marker).to_contain_text("Overdue")
    expect(marker).to_have_attribute("title", "Overdue · 3 days in Requested (limit 2 days)")
    expect(marker.locator(".visually-hidden")).to_have_text(
        "Overdue · 3 days in Requested (limit 2 days)"
    )
    expect(_row(app, travelling).locator("[data-overdue]")).to_have_attribute(
        "title", "Overdue · 11 days in In transit (limit 10 days)"
    )
    expect(_row(app, fresh).locator("[data-overdue]")).to_have_count(0)
    # ...and the status badge itself is unchanged
    expect(_row(app, late).locator(".badge").first).to_have_text("Requested")
    save_screenshot("inbox-overdue")


def test_the_marker_follows_the_stores_limits_and_the_dashboards_language(
    installation, open_view, dashboard_host
):
    # Given a store that gives requested returns 36 hours, and a return requested 50 hours ago
    StoreSettings.objects.create(installation=installation, sla_hours={"REQUESTED": 36})
    late = _stuck(installation, "REQUESTED", 50)
    app = _open_inbox(open_view)
    marker = _row(app, late).locator("[data-overdue]")
    expect(marker).to_have_attribute("title", "Overdue · 2 days in Requested (limit 36 hours)")

    # When the Dashboard switches to Romanian, then Polish, then Czech
    dashboard_host.post("localeChanged", {"locale": "ro"})
    expect(marker).to_have_attribute(
        "title", "Întârziat · 2 zile în starea Solicitat (limită 36 de ore)"
    )
    dashboard_host.post("localeChanged", {"locale": "pl"})
    expect(marker).to_have_attribute(
        "title", "Po terminie · 2 dni w statusie Zgłoszony (limit 36 godzin)"
    )
    dashboard_host.post("localeChanged", {"locale": "cs"})
    expect(marker).to_have_attribute(
        "title", "Po termínu · 2 dny ve stavu Požadováno (limit 36 hodin)"
    )
    expect(app.locator(".field--check")).to_have_text("Jen po termínu")


def test_overdue_only_narrows_the_list_and_the_tab_counts(installation, open_view, page):
    # Given two overdue returns (requested, needs review) among four
    late = _stuck(installation, "REQUESTED", 60)
    review = _stuck(installation, "NEEDS_REVIEW", 30)
    _stuck(installation, "REQUESTED", 1)
    _stuck(installation, "REFUNDED", 2000)  # a final status is never overdue
    app = _open_inbox(open_view)
    expect(app.locator(ROWS)).to_have_count(4)
    expect(_count(app, "REQUESTED")).to_have_text("2")

    # When staff tick "Overdue only"
    app.get_by_label("Overdue only").check()

    # Then only the overdue returns are listed, every one marked, and the tabs count them
    expect(app.locator(ROWS)).to_have_count(2)
    expect(app.locator(f"{ROWS} [data-overdue]")).to_have_count(2)
    expect(_row(app, late)).to_have_count(1)
    expect(_row(app, review)).to_have_count(1)
    expect(_count(app, "REQUESTED")).to_have_text("1")
    expect(_count(app, "NEEDS_REVIEW")).to_have_text("1")
    expect(_count(app, "REFUNDED")).to_have_text("0")
    expect(_count(app, "ALL")).to_have_text("2")

    # ...and the CSV export asks for the same returns
    with page.expect_request(lambda r: "/api/returns/export.csv" in r.url) as request:
        app.get_by_role("button", name="Export CSV").click()
    assert parse_qs(urlsplit(request.value.url).query) == {"overdue": ["true"]}

    # When they clear the filters, every return is back
    app.get_by_role("button", name="Clear filters").click()
    expect(app.locator(ROWS)).to_have_count(4)
    expect(_count(app, "ALL")).to_have_text("4")


def test_market_and_reason_family_filters_narrow_the_list(installation, open_view, markets, page):
    # Given returns in Poland and Romania, for the shopper's reasons and the store's fault
    ensure_default_reasons(installation=installation)
    polish_damaged = make_return(installation, market=markets["Poland"], reason="DAMAGED")
    polish_small = make_return(installation, market=markets["Poland"], reason="TOO_SMALL")
    romanian_damaged = make_return(installation, market=markets["Romania"], reason="DAMAGED")
    app = _open_inbox(open_view)
    expect(app.locator(ROWS)).to_have_count(3)

    # When staff pick the Poland market (offered by name, from the store's markets)
    expect(app.locator("#market-filter option")).to_have_text(["Any", "Poland", "Romania"])
    app.get_by_label("Market").select_option(label="Poland")

    # Then only the Polish returns are listed, and counted
    expect(app.locator(ROWS)).to_have_count(2)
    expect(_row(app, romanian_damaged)).to_have_count(0)
    expect(_count(app, "ALL")).to_have_text("2")

    # When they also ask for the store's fault
    app.get_by_label("Reason family").select_option(label="Store's fault")

    # Then only the damaged Polish return is left
    expect(app.locator(ROWS)).to_have_count(1)
    expect(_row(app, polish_damaged)).to_have_count(1)
    expect(_count(app, "ALL")).to_have_text("1")

    # ...and the export carries both filters
    with page.expect_request(lambda r: "/api/returns/export.csv" in r.url) as request:
        app.get_by_role("button", name="Export CSV").click()
    assert parse_qs(urlsplit(request.value.url).query) == {
        "reasonFamily": ["CONTROLLABLE"],
        "marketId": [global_id("Market", markets["Poland"].pk)],
    }

    # When they switch to the shopper's choice in any market
    app.get_by_label("Market").select_option("")
    app.get_by_label("Reason family").select_option(label="Shopper's choice")
    expect(app.locator(ROWS)).to_have_count(1)
    expect(_row(app, polish_small)).to_have_count(1)


def test_bulk_actions_act_on_the_overdue_returns_shown(installation, open_view, dashboard_host):
    # Given an overdue request and a fresh one
    late = _stuck(installation, "REQUESTED", 60)
    fresh = _stuck(installation, "REQUESTED", 1)
    app = _open_inbox(open_view)

    # When staff list the overdue ones only, select all shown and approve them
    app.get_by_label("Overdue only").check()
    expect(app.locator(ROWS)).to_have_count(1)
    app.locator("#select-all").check()
    app.get_by_role("button", name="Approve").click()

    # Then only the overdue one is approved, and it is no longer overdue
    notification = dashboard_host.wait_for_message("notification")[0]["payload"]
    assert notification["title"] == "Returns approved: 1 of 1"
    assert ReturnRequest.objects.get(pk=late.pk).status == "APPROVED"
    assert ReturnRequest.objects.get(pk=fresh.pk).status == "REQUESTED"
    expect(app.locator(ROWS)).to_have_count(0)


def test_the_detail_view_marks_an_overdue_return_next_to_its_status(
    installation, open_view, save_screenshot
):
    # Given a return that has needed review for two days (the limit is one)
    late = _stuck(installation, "NEEDS_REVIEW", 49)

    # When staff open it
    app = open_view(f"/dashboard/returns/{global_id('ReturnRequest', late.pk)}/")
    expect(app.locator("#rma")).to_have_text(late.rma)

    # Then the header says it is overdue, how long it waits and the limit, beside the status
    expect(app.locator("#status-badge")).to_have_text("Needs review")
    header = app.locator(".rd-header__title")
    expect(header.locator("[data-overdue]")).to_have_text(
        "Overdue · 2 days in Needs review (limit 1 day)"
    )
    save_screenshot("return-detail-overdue")


def test_the_detail_view_of_a_return_within_its_limit_has_no_marker(installation, open_view):
    fresh = _stuck(installation, "NEEDS_REVIEW", 2)

    app = open_view(f"/dashboard/returns/{global_id('ReturnRequest', fresh.pk)}/")

    expect(app.locator("#status-badge")).to_have_text("Needs review")
    expect(app.locator("[data-overdue]")).to_have_count(0)
