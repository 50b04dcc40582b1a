"""The return detail view (/dashboard/returns/<id>/) in headless Chromium, inside the stand-in
Saleor Dashboard: what it shows, and the staff actions it runs through our API."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Route, expect
from returns_data import (
    SHIRT_THUMBNAIL,
    Shop,
    add_custom_reason,
    booked_with_sameday,
    charge_restocking,
    create_return,
    detail_path,
    latest_shipment,
    make_shop,
    receive_everything,
    refund,
)

from saleor_returns_app.portal.photos import store_photos
from saleor_returns_app.returns.models import ReturnLine, ReturnRequest
from saleor_returns_app.returns.policy import Method
from saleor_returns_app.returns.refunds import deciding_policy, quote_received
from saleor_returns_app.testing.carrier_stubs.sameday import SamedayStub

STAFF_EMAIL = "ana@shop.ro"
STATIC = Path(__file__).resolve().parents[2] / "dashboard_extension" / "static" / "saleor-returns"


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


def test_the_detail_shows_lines_money_decision_and_timeline(
    shop, open_detail, save_screenshot, page
):
    # Given a return whose damaged shirt came without a photo: the policy wants a human
    return_request = create_return(shop, reasons={0: "DAMAGED"}, comment="Cusătura e ruptă")
    assert return_request.status == "NEEDS_REVIEW"
    thumbnail = (STATIC / "logo.png").read_bytes()
    page.route(
        SHIRT_THUMBNAIL, lambda route: route.fulfill(body=thumbnail, content_type="image/png")
    )
    # ...and the shopper's photo of the damage, stored privately
    (photo,) = store_photos(shop.installation, [(thumbnail, "png")])
    ReturnLine.objects.filter(return_request=return_request, reason_code="DAMAGED").update(
        photos=[photo]
    )

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
    expect(rows.nth(0).locator(".rd-product .rd-muted")).to_have_text("M")
    image = rows.nth(0).locator("img.rd-thumb")
    expect(image).to_have_attribute("src", SHIRT_THUMBNAIL)
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0
    shopper_photo = rows.nth(0).locator("img.rd-photo")
    expect(shopper_photo).to_have_attribute("alt", "Shopper's photo 1")
    expect(shopper_photo).to_have_js_property("complete", True)
    assert shopper_photo.evaluate("img => img.naturalWidth") > 0
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
    # Given a store with two warehouses in Saleor
    cluj = shop.saleor.store.add_warehouse("Depozit Cluj", country="RO", city="Cluj")
    return_request = create_return(shop)
    assert return_request.status == "APPROVED"
    app = open_detail(return_request)

    _action(app, "receive").click()
    dialog = app.locator("#receive-dialog")
    expect(dialog).to_be_visible()
    # The warehouse is chosen by name from Saleor's list (the id is what is sent)
    warehouse = dialog.locator('select[data-field="lines.1.warehouseId"]')
    expect(warehouse.locator("option")).to_have_text(
        ["Choose a warehouse…", "Depozit Bucuresti", "Depozit Cluj"]
    )
    expect(warehouse).to_be_disabled()
    expect(dialog.locator("#warehouses-error")).to_be_hidden()
    dialog.locator('[data-field="lines.0.condition"]').select_option("DAMAGED")
    dialog.locator('[data-field="lines.1.condition"]').select_option("AS_NEW")
    dialog.locator('[data-field="lines.1.restock"]').check()
    expect(warehouse).to_be_enabled()
    expect(warehouse).to_have_value("")
    # First without saying where to restock: the API points at the field
    dialog.get_by_role("button", name="Mark as received").click()
    expect(dialog.locator('[data-error-for="lines.1.warehouseId"]')).to_have_text(
        "Choose where to restock."
    )
    expect(warehouse).to_have_attribute("aria-invalid", "true")
    assert _notifications(dashboard_host)[0]["status"] == "error"
    # ...then with the warehouse
    warehouse.select_option(label="Depozit Bucuresti")
    assert cluj["id"] != shop.warehouse["id"]
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


def test_a_lines_restock_warehouse_is_preselected(shop, open_detail):
    cluj = shop.saleor.store.add_warehouse("Depozit Cluj", country="RO", city="Cluj")
    return_request = create_return(shop)
    line = return_request.lines.order_by("pk").last()
    ReturnLine.objects.filter(pk=line.pk).update(restock_warehouse_id=cluj["id"])
    app = open_detail(return_request)

    _action(app, "receive").click()

    dialog = app.locator("#receive-dialog")
    expect(dialog.locator('[data-field="lines.0.warehouseId"]')).to_have_value("")
    expect(dialog.locator('[data-field="lines.1.warehouseId"] option:checked')).to_have_text(
        "Depozit Cluj"
    )


def test_a_single_warehouse_is_preselected(shop, open_detail):
    app = open_detail(create_return(shop))

    _action(app, "receive").click()

    expect(
        app.locator('#receive-dialog [data-field="lines.0.warehouseId"] option:checked')
    ).to_have_text("Depozit Bucuresti")


def test_when_saleor_cannot_list_warehouses_an_id_is_typed_in(
    shop, saleor, open_detail, dashboard_host
):
    return_request = create_return(shop)
    app = open_detail(return_request)
    saleor.fail_next(3)  # every attempt of the app's Warehouses query

    _action(app, "receive").click()

    dialog = app.locator("#receive-dialog")
    expect(dialog.locator("#warehouses-error")).to_contain_text(
        "Saleor did not list its warehouses."
    )
    warehouse = dialog.locator('input[data-field="lines.1.warehouseId"]')
    expect(warehouse).to_have_attribute("placeholder", "Saleor warehouse ID")
    dialog.locator('[data-field="lines.1.restock"]').check()
    warehouse.fill(shop.warehouse["id"])
    dialog.get_by_role("button", name="Mark as received").click()

    expect(_status(app)).to_have_text("Received")
    line = ReturnRequest.objects.get(pk=return_request.pk).lines.get(sku="CAM-L")
    assert (line.restock, line.restock_warehouse_id) == (True, shop.warehouse["id"])


def test_refunding_a_received_return(shop, open_detail, dashboard_host, save_screenshot):
    return_request = receive_everything(shop, create_return(shop))
    app = open_detail(return_request)

    _action(app, "refund").click()
    dialog = app.locator("#refund-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#refund-items")).to_contain_text(_amount(Decimal("550.00")))
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


def test_the_refund_dialog_shows_the_apis_quote_with_the_restocking_fee(
    shop, open_detail, dashboard_host, save_screenshot
):
    # Given a policy keeping 10% for the shopper's own reasons, and a return that all arrived
    charge_restocking(shop, "10")
    return_request = receive_everything(shop, create_return(shop))
    quote = quote_received(
        return_request=return_request,
        lines=return_request.lines.all(),
        policy=deciding_policy(return_request),
    )
    assert (quote.items_value, quote.restocking_fee) == (Decimal("550.00"), Decimal("55.00"))
    app = open_detail(return_request)

    # When staff open the refund dialog
    _action(app, "refund").click()

    # Then it shows the API's numbers: items, less the fees, is the default amount
    dialog = app.locator("#refund-dialog")
    expect(dialog.locator("#refund-items")).to_contain_text(_amount(quote.items_value))
    expect(dialog.locator("#refund-shipping-fee")).to_contain_text(_amount(quote.shipping_fee))
    expect(dialog.locator("#refund-restocking")).to_contain_text("\u2212 ")
    expect(dialog.locator("#refund-restocking")).to_contain_text(_amount(quote.restocking_fee))
    expect(dialog.locator("#refund-default")).to_contain_text(_amount(quote.refund_amount))
    save_screenshot("return-detail-refund-quote")
    # ...and refunding the default pays exactly that
    dialog.get_by_role("button", name="Refund").click()
    expect(_status(app)).to_have_text("Refunded")
    assert ReturnRequest.objects.get(pk=return_request.pk).refund_amount == quote.refund_amount


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


def test_a_custom_reason_shows_the_stores_label_in_the_dashboards_language(
    shop, open_detail, dashboard_host
):
    add_custom_reason(
        shop,
        "WRONG_COLOUR",
        {"en": "Colour differs from the photo", "pl": "Kolor inny niż na zdjęciu"},
    )
    return_request = create_return(shop, reasons={0: "WRONG_COLOUR"})
    app = open_detail(return_request)
    rows = app.locator("#lines tbody tr")

    expect(rows.nth(0).locator(".rd-reason")).to_have_text("Colour differs from the photo")
    expect(rows.nth(1).locator(".rd-reason")).to_have_text("Too small")

    dashboard_host.post("localeChanged", {"locale": "pl-PL"})

    expect(rows.nth(0).locator(".rd-reason")).to_have_text("Kolor inny niż na zdjęciu")
    expect(rows.nth(1).locator(".rd-reason")).to_have_text("Za mały")


def test_without_the_stores_reasons_the_built_in_labels_stand_in(shop, open_detail, page):
    def refuse_reasons(route: Route) -> None:
        if "ReturnReasons" in (route.request.post_data or ""):
            body = {"data": None, "errors": [{"message": "Unavailable"}]}
            route.fulfill(status=200, content_type="application/json", body=json.dumps(body))
        else:
            route.continue_()

    page.route("**/graphql/", refuse_reasons)
    add_custom_reason(shop, "WRONG_COLOUR", {"en": "Colour differs from the photo"})
    app = open_detail(create_return(shop, reasons={0: "WRONG_COLOUR", 1: "DAMAGED"}))
    rows = app.locator("#lines tbody tr")

    expect(rows.nth(1).locator(".rd-reason")).to_have_text("Arrived damaged")
    expect(rows.nth(0).locator(".rd-reason")).to_have_text("Wrong colour")


def test_the_dark_theme_applies(shop, open_detail, dashboard_host, save_screenshot):
    return_request = create_return(shop, reasons={0: "DAMAGED"})
    app = open_detail(return_request)
    card = app.locator(".rd-card").first
    light = card.evaluate("node => getComputedStyle(node).backgroundColor")

    dashboard_host.send_theme("dark")

    expect(app.locator("html")).to_have_attribute("data-theme", "dark")
    expect(card).not_to_have_css("background-color", light)
    expect(card).to_have_css("background-color", "rgb(35, 39, 43)")
    # The shared dashboard.css buttons and badges follow the theme too
    expect(_action(app, "approve")).to_have_css("background-color", "rgb(232, 234, 237)")
    expect(_status(app)).to_have_class(re.compile(r"\bbadge--warning\b"))
    expect(_status(app)).to_have_css("color", "rgb(241, 196, 107)")
    save_screenshot("return-detail-dark")


def test_the_view_opens_in_the_dark_theme(shop, open_detail):
    app = open_detail(create_return(shop), theme="dark")
    expect(app.locator("html")).to_have_attribute("data-theme", "dark")
    expect(app.locator(".rd-card").first).to_have_css("background-color", "rgb(35, 39, 43)")
