"""The hosted return portal in headless Chromium, on a phone-sized screen: a guest in Polish
returns two of three items (one with a photo) to a parcel locker picked by keyboard; a
signed-in shopper in Romanian comes from the storefront's deep link and books a pickup; a
final-sale item says why it cannot be returned. Screenshots are kept in var/test-artefacts/."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from portal.shop import GUEST_EMAIL, SLUG, make_shop
from portal_support import PHONE, photo_file, storefront_link

from saleor_returns_app.returns.models import ReturnRequest


@pytest.fixture
def shop(saleor, installation):
    return make_shop(saleor, installation)


def test_a_guest_returns_two_of_three_items_with_a_photo_to_a_locker_in_polish(
    live_server, shop, page, save_screenshot, tmp_path
):
    page.set_viewport_size(PHONE)
    page.set_extra_http_headers({"Accept-Language": "pl-PL,pl;q=0.9,en;q=0.5"})
    # Given a guest on the portal, which speaks their browser's language
    page.goto(f"{live_server.url}/portal/{SLUG}/")
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    page.get_by_label("Numer zamówienia").fill(shop.polish_order["number"])
    page.get_by_label("Adres e-mail").fill(GUEST_EMAIL)
    save_screenshot("portal-pl-1-start")
    page.get_by_role("button", name="Znajdź zamówienie").click()

    # When they pick the dress (too small) and one damaged mug with a photo
    expect(page.get_by_role("heading", level=1)).to_contain_text(shop.polish_order["number"])
    page.locator("#line-0-selected").check()
    page.locator("#line-0-reason").select_option("TOO_SMALL")
    page.locator("#line-1-selected").check()
    page.locator("#line-1-reason").select_option("DAMAGED")
    page.locator("#line-1-photos").set_input_files(photo_file(tmp_path))
    expect(page.locator("#line-1-preview img")).to_have_count(1)
    # the sunglasses are final sale: no checkbox, and the reason is shown
    expect(page.locator("#line-2-selected")).to_have_count(0)
    expect(page.locator("#line-2-why")).to_be_visible()
    page.get_by_label("Zwrot pieniędzy").check()
    page.get_by_label("Paczkomat", exact=False).first.check()
    expect(page.locator("#method-LOCKER-fee")).to_contain_text("9,99")
    # and find a locker with the keyboard only
    search = page.get_by_label("Kod pocztowy lub miasto")
    search.fill("Warszawa")
    search.press("Enter")
    expect(page.locator("#point-status")).to_have_text("Znalezione punkty: 2")
    page.keyboard.press("Tab")  # the search button
    page.keyboard.press("Tab")  # the first locker
    page.keyboard.press("Space")
    expect(page.locator("#point-0")).to_be_checked()
    save_screenshot("portal-pl-2-items-and-locker")
    page.get_by_role("button", name="Sprawdź zwrot").click()

    # Then the review shows the locker, the fee waived for the damaged mug and the refund
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("#review-where")).to_contain_text("Paczkomat WAW01M")
    expect(page.locator("#review-shipping-fee")).to_contain_text("0,00")
    expect(page.locator("#review-refund")).to_contain_text("248,00")
    save_screenshot("portal-pl-3-review")
    page.get_by_role("button", name="Potwierdź zwrot").click()

    # And the confirmation gives the RMA while the label is being prepared
    created = ReturnRequest.objects.get()
    expect(page.locator("#rma")).to_have_text(created.rma)
    expect(page.locator("#preparing")).to_be_visible()
    save_screenshot("portal-pl-4-confirmation")
    assert created.method == "LOCKER"
    assert created.service_point_id == "WAW01M"
    assert created.locale == "pl"
    lines = {line.sku: line for line in created.lines.all()}
    assert sorted(lines) == ["KUB", "SUK-M"]
    assert len(lines["KUB"].photos) == 1


def test_a_signed_in_shopper_books_a_pickup_in_romanian_from_the_deep_link(
    live_server, shop, page, save_screenshot
):
    page.set_viewport_size(PHONE)
    # Given the storefront's "Return items" link for a signed-in Romanian shopper
    page.goto(storefront_link(live_server.url, shop, "ro"))
    expect(page.locator("html")).to_have_attribute("lang", "ro")

    # When they return the shirt for a refund and ask a courier to pick it up
    page.locator("#line-0-selected").check()
    page.get_by_label("Motiv").first.select_option("TOO_LARGE")
    page.get_by_label("Rambursare").check()
    page.locator("#method-PICKUP").check()
    expect(page.locator("#method-PICKUP-fee")).to_contain_text("19,99 lei")
    expect(page.locator("#pickup")).to_be_visible()
    expect(page.locator("#point")).to_be_hidden()
    page.get_by_label("Nume complet", exact=True).fill("Ioana Popescu")
    page.get_by_label("Stradă și număr", exact=True).fill("Strada Lipscani 5")
    page.get_by_label("Cod poștal", exact=True).fill("030031")
    page.get_by_label("Oraș", exact=True).fill("București")
    page.get_by_label("Telefon", exact=True).fill("+40722000111")
    page.locator("#pickup-slot").select_option("morning")
    save_screenshot("portal-ro-1-pickup")
    page.get_by_role("button", name="Verificați returul").click()

    # Then the review shows the pickup fee before anything is sent
    expect(page.locator("#review-shipping-fee")).to_contain_text("19,99 lei")
    expect(page.locator("#review-refund")).to_contain_text("180,01 lei")
    save_screenshot("portal-ro-2-review")
    page.get_by_role("button", name="Confirmați returul").click()

    created = ReturnRequest.objects.get()
    expect(page.locator("#rma")).to_have_text(created.rma)
    save_screenshot("portal-ro-3-confirmation")
    assert created.method == "PICKUP"
    assert created.customer_email == "ioana@example.ro"
    assert created.pickup_address["city"] == "București"
    start = datetime.fromisoformat(created.pickup_address["window"]["start"])
    assert start.astimezone(ZoneInfo("Europe/Bucharest")).hour == 9


def test_a_final_sale_item_shows_why_it_cannot_be_returned(
    live_server, shop, page, save_screenshot
):
    page.set_viewport_size(PHONE)
    page.goto(storefront_link(live_server.url, shop, "en"))

    scarf = page.locator("#line-1")
    expect(scarf).to_contain_text("Eșarfă de mătase")
    expect(scarf.locator("#line-1-why")).to_have_text(
        "Cannot be returned: Final sale items cannot be returned"
    )
    expect(scarf.get_by_role("checkbox")).to_have_count(0)
    expect(page.locator("#line-0-selected")).to_be_enabled()
    save_screenshot("portal-final-sale")


def test_a_form_sent_incomplete_names_each_problem_and_takes_focus_there(
    live_server, shop, page, save_screenshot
):
    page.set_viewport_size(PHONE)
    page.goto(storefront_link(live_server.url, shop, "cs"))

    page.get_by_role("button", name="Zkontrolovat vrácení").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Vyberte alespoň jednu položku k vrácení.")
    expect(summary).to_contain_text("Vyberte, jak zboží pošlete zpět.")
    expect(summary).to_be_focused()
    save_screenshot("portal-cs-errors")
