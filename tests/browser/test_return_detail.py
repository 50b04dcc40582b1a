"""The return detail view (/dashboard/returns/<id>/) in headless Chromium, inside the stand-in
Saleor Dashboard: what it shows, and the staff actions it runs through our API."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Frame, expect
from returns_data import (
    Shop,
    booked_with_sameday,
    create_return,
    detail_path,
    latest_shipment,
    make_shop,
    receive_everything,
    refund,
)

from saleor_returns_app.returns.models import ReturnRequest
from saleor_returns_app.returns.policy import Method
from saleor_returns_app.testing.carrier_stubs.sameday import SamedayStub

STAFF_EMAIL = "ana@shop.ro"


@pytest.fixture(autouse=True)
def in_process(monkeypatch) -> None:
    """No broker: Saleor operations and bookings stay planned; tests run steps themselves."""
    monkeypatch.setattr("saleor_returns_app.saleor_sync.services._enqueue", lambda _pk: None)
    monkeypatch.setattr("saleor_returns_app.shipping.booking._enqueue_booking", lambda _pk: None)
    monkeypatch.setattr("saleor_returns_app.shipping.booking._enqueue", lambda *_args: None)
    monkeypatch.setattr("saleor_returns_app.shipping.cancelling._enqueue", lambda _pk: None)


@pytest.fixture
def shop(saleor, installation) -> Shop:
    return make_shop(saleor, installation)


@pytest.fixture
def token(saleor, installed) -> str:
    return saleor.mint_dashboard_token(
        installed, email=STAFF_EMAIL, user_permissions=("MANAGE_ORDERS",)
    )


@pytest.fixture
def open_detail(dashboard_host, saleor, installed, token):
    def open_(return_request: ReturnRequest, **kwargs) -> Frame:
        app = dashboard_host.open(
            detail_path(return_request),
            token=token,
            saleor_api_url=saleor.api_url,
            app_id=installed.id,
            **kwargs,
        )
        expect(app.locator("#rma")).to_have_text(return_request.rma)
        return app

    return open_


@pytest.fixture
def sameday() -> Iterator[SamedayStub]:
    with SamedayStub() as stub:
        yield stub


def _status(app: Frame):
    return app.locator("#status-badge")


def _action(app: Frame, name: str):
    return app.locator(f'#actions [data-action="{name}"]')


def _notifications(dashboard_host, count: int = 1) -> list[dict]:
    return [m["payload"] for m in dashboard_host.wait_for_message("notification", count)]


def _money_text(app: Frame, selector: str) -> str:
    return app.locator(selector).inner_text()


def _amount(value: Decimal) -> re.Pattern:
    # "RON 350.00" in English; the separators are the locale's.
    return re.compile(re.escape(f"{value:,.2f}"))


# --- what the view shows -----------------------------------------------------------------


def test_the_detail_shows_lines_money_decision_and_timeline(shop, open_detail, save_screenshot):
    # Given a return whose damaged shirt came without a photo: the policy wants a human
    return_request = create_return(shop, reasons={0: "DAMAGED"}, comment="Cusătura e ruptă")
    assert return_request.status == "NEEDS_REVIEW"

    # When staff open it in the Dashboard
    app = open_detail(return_request)

    # Then the header says what, whose and where it stands
    expect(_status(app)).to_have_text("Needs review")
    expect(app.locator("#order-link")).to_have_text(f"#{shop.order['number']}")
    expect(app.locator("#customer-email")).to_have_text("stefan@example.ro")
    expect(app.locator("#method")).to_have_text("Sent by the shopper")
    # ...the lines with product, SKU, quantity, price, reason and comment
    rows = app.locator("#lines tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Camasa de in")
    expect(rows.nth(0)).to_contain_text("CAM-M")
    expect(rows.nth(0)).to_contain_text("200.00")
    expect(rows.nth(0)).to_contain_text("Arrived damaged")
    expect(rows.nth(0)).to_contain_text("Cusătura e ruptă")
    expect(rows.nth(1)).to_contain_text("CAM-L")
    expect(rows.nth(1)).to_contain_text("Too small")
    # ...the money as decided
    expect(app.locator("#money-items")).to_contain_text(
        _amount(Decimal(return_request.items_value))
    )
    expect(app.locator("#money-refund")).to_contain_text(
        _amount(Decimal(return_request.refund_amount))
    )
    # ...why it waits for review
    expect(app.locator("#review-reasons li[data-code=PHOTO_MISSING]")).to_have_text(
        "A reason that needs a photo was given without one."
    )
    # ...the timeline, newest first, with who did it
    events = app.locator("#timeline li")
    expect(events).to_have_count(2)
    expect(events.nth(0)).to_contain_text("Sent for review")
    expect(events.nth(0)).to_contain_text("System")
    expect(events.nth(1)).to_contain_text("Return requested")
    expect(events.nth(1)).to_contain_text("stefan@example.ro")
    # ...and only the moves this state allows
    expect(app.locator("#actions button")).to_have_count(3)
    for name in ("approve", "reject", "cancel"):
        expect(_action(app, name)).to_be_visible()
    save_screenshot("return-detail")


def test_the_order_link_navigates_the_dashboard(shop, open_detail, dashboard_host):
    return_request = create_return(shop)
    app = open_detail(return_request)

    app.locator("#order-link").click()

    (redirect,) = dashboard_host.wait_for_message("redirect")
    assert redirect["payload"]["to"] == f"/orders/{shop.order['id']}"


# --- decisions ---------------------------------------------------------------------------


def test_approving_a_return_that_needs_review(shop, open_detail, dashboard_host):
    return_request = create_return(shop, reasons={0: "DAMAGED"})
    app = open_detail(return_request)

    _action(app, "approve").click()

    (notification,) = _notifications(dashboard_host)
    assert notification["status"] == "success"
    assert notification["title"] == "Approve: done"
    expect(_status(app)).to_have_text("Approved")
    expect(app.locator("#timeline li").first).to_contain_text("Approved")
    expect(app.locator("#timeline li").first).to_contain_text(STAFF_EMAIL)
    expect(_action(app, "receive")).to_be_visible()
    expect(_action(app, "approve")).to_have_count(0)
    assert ReturnRequest.objects.get(pk=return_request.pk).status == "APPROVED"


def test_rejecting_with_a_reason_in_the_page_dialog(
    shop, open_detail, dashboard_host, save_screenshot
):
    return_request = create_return(shop, reasons={0: "DAMAGED"})
    app = open_detail(return_request)

    _action(app, "reject").click()
    dialog = app.locator("#reject-dialog")
    expect(dialog).to_be_visible()
    expect(app.locator("#reject-reason")).to_be_focused()
    app.locator("#reject-reason").fill("Produsul a fost purtat.")
    save_screenshot("return-detail-reject-dialog")
    dialog.get_by_role("button", name="Reject").click()

    expect(_status(app)).to_have_text("Rejected")
    expect(dialog).to_be_hidden()
    expect(app.locator("#rejection-reason")).to_have_text("Rejected: Produsul a fost purtat.")
    expect(app.locator("#timeline li").first).to_contain_text("Produsul a fost purtat.")
    assert _notifications(dashboard_host)[0]["status"] == "success"
    stored = ReturnRequest.objects.get(pk=return_request.pk)
    assert (stored.status, stored.rejection_reason) == ("REJECTED", "Produsul a fost purtat.")


def test_an_empty_rejection_reason_shows_the_api_error_next_to_the_field(
    shop, open_detail, dashboard_host
):
    return_request = create_return(shop, reasons={0: "DAMAGED"})
    app = open_detail(return_request)

    _action(app, "reject").click()
    app.locator("#reject-dialog").get_by_role("button", name="Reject").click()

    error = app.locator('#reject-dialog [data-error-for="reason"]')
    expect(error).to_have_text("Say why the return is rejected.")
    expect(app.locator("#reject-reason")).to_have_attribute("aria-invalid", "true")
    expect(app.locator("#reject-dialog")).to_be_visible()
    (notification,) = _notifications(dashboard_host)
    assert notification["status"] == "error"
    assert notification["text"] == "Say why the return is rejected."
    expect(_status(app)).to_have_text("Needs review")
    assert ReturnRequest.objects.get(pk=return_request.pk).status == "NEEDS_REVIEW"


# --- the parcel arrives ------------------------------------------------------------------


def test_receiving_one_damaged_line_and_one_restocked_line(
    shop, open_detail, dashboard_host, save_screenshot
):
    return_request = create_return(shop)
    assert return_request.status == "APPROVED"
    app = open_detail(return_request)

    _action(app, "receive").click()
    dialog = app.locator("#receive-dialog")
    expect(dialog).to_be_visible()
    dialog.locator('[data-field="lines.0.condition"]').select_option("DAMAGED")
    dialog.locator('[data-field="lines.1.condition"]').select_option("AS_NEW")
    dialog.locator('[data-field="lines.1.restock"]').check()
    # First without saying where to restock: the API points at the field
    dialog.get_by_role("button", name="Mark as received").click()
    expect(dialog.locator('[data-error-for="lines.1.warehouseId"]')).to_have_text(
        "Choose where to restock."
    )
    expect(dialog.locator('[data-field="lines.1.warehouseId"]')).to_have_attribute(
        "aria-invalid", "true"
    )
    assert _notifications(dashboard_host)[0]["status"] == "error"
    # ...then with the warehouse
    dialog.locator('[data-field="lines.1.warehouseId"]').fill(shop.warehouse["id"])
    save_screenshot("return-detail-receive-dialog")
    dialog.get_by_role("button", name="Mark as received").click()

    expect(_status(app)).to_have_text("Received")
    expect(dialog).to_be_hidden()
    rows = app.locator("#lines tbody tr")
    expect(rows.nth(0).locator(".rd-received")).to_have_text("2 of 2 · Damaged · not restocked")
    expect(rows.nth(1).locator(".rd-received")).to_have_text("1 of 1 · As new · restocked")
    dashboard_host.wait_for_message("refreshEntity")
    assert _notifications(dashboard_host, 2)[1]["status"] == "success"
    lines = {line.sku: line for line in ReturnRequest.objects.get(pk=return_request.pk).lines.all()}
    assert (lines["CAM-M"].condition, lines["CAM-M"].restock) == ("DAMAGED", False)
    assert (lines["CAM-L"].restock, lines["CAM-L"].restock_warehouse_id) == (
        True,
        shop.warehouse["id"],
    )
    expect(_action(app, "refund")).to_be_visible()
    expect(_action(app, "inspect")).to_be_visible()


def test_refunding_a_received_return(shop, open_detail, dashboard_host, save_screenshot):
    return_request = receive_everything(shop, create_return(shop))
    app = open_detail(return_request)

    _action(app, "refund").click()
    dialog = app.locator("#refund-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#refund-received")).to_contain_text(_amount(Decimal("550.00")))
    save_screenshot("return-detail-refund-dialog")
    dialog.get_by_role("button", name="Refund").click()

    expect(_status(app)).to_have_text("Refunded")
    stored = ReturnRequest.objects.get(pk=return_request.pk)
    assert stored.status == "REFUNDED"
    assert Decimal(stored.refund_amount) > 0
    expect(app.locator("#money-refund")).to_contain_text(_amount(Decimal(stored.refund_amount)))
    expect(app.locator("#money")).to_contain_text("Refunded")
    (notification,) = _notifications(dashboard_host)
    assert (notification["status"], notification["title"]) == ("success", "Refund: done")
    dashboard_host.wait_for_message("refreshEntity")
    expect(_action(app, "close")).to_be_visible()


def test_a_partial_refund_amount_is_sent(shop, open_detail, dashboard_host):
    return_request = receive_everything(shop, create_return(shop))
    app = open_detail(return_request)

    _action(app, "refund").click()
    app.locator("#refund-amount").fill("120,50")
    app.locator("#refund-dialog").get_by_role("button", name="Refund").click()

    expect(_status(app)).to_have_text("Refunded")
    expect(app.locator("#money-refund")).to_contain_text("120.50")
    assert ReturnRequest.objects.get(pk=return_request.pk).refund_amount == Decimal("120.50")


def test_refunding_a_return_refunded_meanwhile_shows_the_api_error(
    shop, open_detail, dashboard_host
):
    # Given the page shows a received return, and someone else refunds it meanwhile
    return_request = receive_everything(shop, create_return(shop))
    app = open_detail(return_request)
    refund(shop, return_request)

    # When staff refund it from the stale page
    _action(app, "refund").click()
    app.locator("#refund-dialog").get_by_role("button", name="Refund").click()

    # Then the API's refusal is shown in the dialog and sent to the Dashboard
    expect(app.locator('#refund-dialog [data-error-for=""]')).to_have_text(
        "This return was already resolved."
    )
    (notification,) = _notifications(dashboard_host)
    assert (notification["status"], notification["text"]) == (
        "error",
        "This return was already resolved.",
    )


# --- the shipment ------------------------------------------------------------------------


def test_a_booked_shipments_label_downloads_with_the_token(
    shop, open_detail, sameday, page, token, save_screenshot
):
    return_request = booked_with_sameday(shop, sameday)
    shipment = latest_shipment(return_request)
    app = open_detail(return_request)

    expect(app.locator("#shipment-tracking")).to_have_text(shipment.tracking_number)
    expect(app.locator("#shipment-status")).to_have_text("Booked")
    expect(app.locator("#shipment-carrier")).to_contain_text("Sameday")
    expect(_action(app, "cancelShipment")).to_be_visible()
    save_screenshot("return-detail-shipment")

    with (
        page.expect_download() as download_info,
        page.expect_request(lambda r: r.url.endswith("/label")) as request_info,
    ):
        app.locator("#label-download").click()
    request = request_info.value
    assert request.header_value("authorization-bearer") == token
    download = download_info.value
    assert download.url.startswith("blob:")
    assert download.suggested_filename == f"{return_request.rma}-label.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF")


def test_typing_a_self_ship_tracking_number(shop, open_detail, dashboard_host):
    return_request = create_return(shop, method=Method.SELF_SHIP)
    app = open_detail(return_request)

    _action(app, "tracking").click()
    app.locator("#tracking-number").fill("RO123456789")
    app.locator("#tracking-dialog").get_by_role("button", name="Save").click()

    expect(_status(app)).to_have_text("In transit")
    expect(app.locator("#shipment-tracking")).to_have_text("RO123456789")
    assert _notifications(dashboard_host)[0]["status"] == "success"


# --- notes -------------------------------------------------------------------------------


def test_adding_a_staff_note(shop, open_detail, dashboard_host):
    return_request = create_return(shop)
    app = open_detail(return_request)

    app.locator("#note-message").fill("Clientul a sunat.")
    app.locator("#note-submit").click()

    expect(app.locator("#timeline li").first).to_contain_text("Note")
    expect(app.locator("#timeline li").first).to_contain_text("Clientul a sunat.")
    expect(app.locator("#note-message")).to_have_value("")
    assert _notifications(dashboard_host)[0]["status"] == "success"


# --- language and theme ------------------------------------------------------------------


def test_locale_changed_to_polish_translates_the_view(shop, open_detail, dashboard_host):
    return_request = create_return(shop, reasons={0: "DAMAGED"})
    app = open_detail(return_request)
    expect(_status(app)).to_have_text("Needs review")

    dashboard_host.post("localeChanged", {"locale": "pl-PL"})

    expect(app.locator("html")).to_have_attribute("lang", "pl")
    expect(_status(app)).to_have_text("Do weryfikacji")
    expect(app.locator("#lines-heading")).to_have_text("Produkty")
    expect(_action(app, "approve")).to_have_text("Zatwierdź")
    expect(app.locator("#timeline li").last).to_contain_text("Zgłoszono zwrot")
    expect(app.locator("#lines tbody tr").first).to_contain_text("Dotarł uszkodzony")


def test_the_dark_theme_applies(shop, open_detail, dashboard_host, save_screenshot):
    return_request = create_return(shop, reasons={0: "DAMAGED"})
    app = open_detail(return_request)
    card = app.locator(".rd-card").first
    light = card.evaluate("node => getComputedStyle(node).backgroundColor")

    dashboard_host.send_theme("dark")

    expect(app.locator("html")).to_have_attribute("data-theme", "dark")
    expect(card).not_to_have_css("background-color", light)
    expect(card).to_have_css("background-color", "rgb(35, 39, 43)")
    save_screenshot("return-detail-dark")


def test_the_view_opens_in_the_dark_theme(shop, open_detail):
    app = open_detail(create_return(shop), theme="dark")
    expect(app.locator("html")).to_have_attribute("data-theme", "dark")
    expect(app.locator(".rd-card").first).to_have_css("background-color", "rgb(35, 39, 43)")
