"""The order page's extensions in headless Chromium: the returns widget
(ORDER_DETAILS_WIDGETS) and the "Create return" popup (ORDER_DETAILS_MORE_ACTIONS)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from inbox_support import gid, make_return
from playwright.sync_api import Frame, expect

from saleor_returns_app.returns.models import ReturnRequest
from saleor_returns_app.testing.saleor_double import Record, SaleorDouble

# --- A shipped order in the Saleor double (as tests/sync/conftest.py's `shop`) -------------


@pytest.fixture
def order(saleor: SaleorDouble, installed) -> Record:
    """A Romanian order of two shirts (M x2, L x1), fulfilled and paid."""
    channel = saleor.store.add_channel(slug="ro", currency="RON", country="RO")
    warehouse = saleor.store.add_warehouse("Depozit Bucuresti", country="RO", city="Bucuresti")
    shirt = saleor.store.add_product(
        "Camasa de in",
        variants=[
            {"sku": "CAM-M", "name": "M", "price": "200.00"},
            {"sku": "CAM-L", "name": "L", "price": "150.00"},
        ],
    )
    for variant in shirt["variants"]:
        saleor.store.set_stock(variant, warehouse, 10)
    payments = saleor.store.add_payment_app(handles_refunds=True)
    order = saleor.store.add_order(
        channel=channel,
        lines=[(shirt["variants"][0], 2), (shirt["variants"][1], 1)],
        user_email="stefan@example.ro",
        shipping_price="20.00",
    )
    saleor.store.add_transaction(order, "570.00", app=payments)
    saleor.fulfill(order, warehouse=warehouse, deliver=False)
    return order


@pytest.fixture
def open_view(saleor, installed, dashboard_host):
    """``open_view(path, order_id)``: an order-page extension as a MANAGE_ORDERS staff user."""

    def open_(path: str, order_id: str) -> Frame:
        return dashboard_host.open(
            path,
            token=saleor.mint_dashboard_token(installed),
            saleor_api_url=saleor.api_url,
            app_id=installed.id,
            params={"orderId": order_id},
        )

    return open_


# --- The widget ----------------------------------------------------------------------------


def test_the_widget_lists_only_this_orders_returns_and_reports_its_height(
    installation, installed, open_view, dashboard_host, save_screenshot
):
    # Given two returns of one order and one of another
    mine = [
        make_return(installation, order_id="T3JkZXI6OTAx", status="APPROVED"),
        make_return(installation, order_id="T3JkZXI6OTAx", status="NEEDS_REVIEW"),
    ]
    other = make_return(installation, order_id="T3JkZXI6OTAy")
    # When the order page shows the widget
    app = open_view("/dashboard/order-widget/", "T3JkZXI6OTAx")
    expect(app.locator("#order-widget")).to_have_attribute("aria-busy", "false")
    # Then it lists that order's returns with their status, and not the other order's
    items = app.locator("#ow-list li")
    expect(items).to_have_count(2)
    for return_request in mine:
        expect(items.filter(has_text=return_request.rma)).to_have_count(1)
    expect(app.locator("#ow-list")).not_to_contain_text(other.rma)
    expect(items.filter(has_text=mine[1].rma).locator(".badge")).to_have_text("Needs review")
    # And it tells the Dashboard how tall it is
    resize = dashboard_host.wait_for_message("widgetResize")[-1]
    assert resize["payload"]["height"] > 0
    save_screenshot("order-widget")

    # When staff click a return, the Dashboard opens our return page (the app's deep route)
    app.get_by_role("link", name=mine[0].rma).click()
    redirect = dashboard_host.wait_for_message("redirect")[-1]
    assert redirect["payload"]["to"] == (
        f"/extensions/app/{quote(installed.id, safe='')}/returns/{quote(gid(mine[0]), safe='')}/"
    )


def test_the_widget_says_when_the_order_has_no_returns(installation, open_view, dashboard_host):
    make_return(installation, order_id="T3JkZXI6OTAy")
    app = open_view("/dashboard/order-widget/", "T3JkZXI6OTAx")
    expect(app.locator("#ow-empty")).to_be_visible()
    expect(app.locator("#ow-empty")).to_have_text("No returns for this order")
    dashboard_host.wait_for_message("widgetResize")


def test_the_widget_follows_the_dashboard_locale(installation, open_view, dashboard_host):
    app = open_view("/dashboard/order-widget/", "T3JkZXI6OTAx")
    expect(app.locator("#ow-empty")).to_be_visible()
    dashboard_host.post("localeChanged", {"locale": "ro"})
    expect(app.locator("#ow-empty")).to_have_text("Nu există retururi pentru această comandă")


# --- The popup -----------------------------------------------------------------------------


def _line_row(app: Frame, index: int):
    return app.locator("#cr-lines tbody tr").nth(index)


def test_staff_create_a_return_for_two_lines(order, open_view, dashboard_host, save_screenshot):
    # Given the popup for a shipped order
    app = open_view("/dashboard/create-return/", order["id"])
    expect(app.locator("#cr-form")).to_be_visible()
    expect(app.locator("#cr-lines tbody tr")).to_have_count(2)
    # Each line shows the product as the order does: name, then variant and SKU
    expect(_line_row(app, 0).locator(".cr-product__name")).to_have_text("Camasa de in")
    expect(_line_row(app, 0).locator(".cr-product__meta")).to_contain_text("M · CAM-M")
    # When staff pick both lines with reasons, a method and a resolution
    first, second = _line_row(app, 0), _line_row(app, 1)
    first.locator("input[type=checkbox]").check()
    first.locator("input[type=number]").fill("2")
    first.locator("select").select_option("TOO_SMALL")
    second.locator("input[type=checkbox]").check()
    second.locator("input[type=number]").fill("1")
    second.locator("select").select_option("DEFECTIVE")
    app.locator("#cr-method").select_option("SELF_SHIP")
    app.locator("#cr-resolution").select_option("REFUND")
    app.locator("#cr-comment").fill("Called the shop")
    save_screenshot("create-return-filled")
    app.locator("#cr-submit").click()
    # Then the return exists with both lines, and the Dashboard is told
    expect(app.locator("#cr-done")).to_be_visible()
    notification = dashboard_host.wait_for_message("notification")[-1]
    assert notification["payload"]["status"] == "success"
    created = ReturnRequest.objects.get(order_id=order["id"])
    assert created.rma in notification["payload"]["title"]
    # The same policy as for shoppers: DEFECTIVE asks for a photo, none came, so review it
    assert created.status == "NEEDS_REVIEW"
    lines = sorted((line.quantity, line.reason_code) for line in created.lines.all())
    assert lines == [(1, "DEFECTIVE"), (2, "TOO_SMALL")]
    assert all(line.comment == "Called the shop" for line in created.lines.all())

    # And staff may close the popup
    app.locator("#cr-close").click()
    dashboard_host.wait_for_message("popupClose")


def test_a_quantity_above_the_returnable_shows_the_api_error(order, open_view):
    app = open_view("/dashboard/create-return/", order["id"])
    row = _line_row(app, 1)  # one L shirt
    row.locator("input[type=checkbox]").check()
    row.locator("input[type=number]").fill("3")
    row.locator("select").select_option("TOO_LARGE")
    app.locator("#cr-submit").click()
    error = row.locator(".field__error")
    expect(error).to_be_visible()
    expect(error).not_to_be_empty()
    assert not ReturnRequest.objects.filter(order_id=order["id"]).exists()


def test_the_popup_follows_the_dashboard_locale(order, open_view, dashboard_host):
    app = open_view("/dashboard/create-return/", order["id"])
    expect(app.locator("#cr-form")).to_be_visible()
    dashboard_host.post("localeChanged", {"locale": "ro"})
    expect(app.locator("#cr-submit")).to_have_text("Creează retur")
    expect(app.locator("h1")).to_have_text("Creează retur")
    # the reasons come from the API in the Dashboard's language
    expect(_line_row(app, 0).locator("select option[value=TOO_SMALL]")).to_have_text("Prea mic")
