"""Settings → "Return reasons" and "Store" (/dashboard/settings/), in headless Chromium inside a
stand-in Saleor Dashboard: what staff edit, save, see again, and what they are refused."""

from __future__ import annotations

from playwright.sync_api import Frame, expect

from saleor_returns_app.returns.models import ReturnReason, StoreSettings
from saleor_returns_app.returns.status import Status
from saleor_returns_app.returns.store_settings import (
    NotificationEvent,
    notification_enabled,
    settings_of,
    sla_hours,
)


def _scroll_to(app: Frame, section_id: str) -> None:
    app.evaluate("id => document.getElementById(id).scrollIntoView()", section_id)


def _reason_row(app: Frame, code: str):
    return app.locator(f'#reason-rows tr[data-code="{code}"]')


def test_edit_a_label_and_add_a_reason_then_see_them_after_reopening(
    installation, open_settings, save_screenshot
):
    app = open_settings()
    expect(app.locator("#reasons-head th")).to_contain_text(
        ["Order", "Code", "Family", "Shopper must add", "Label: English", "Label: Romanian"]
    )
    too_small = _reason_row(app, "TOO_SMALL")
    expect(too_small.locator('[data-label="ro"]')).to_have_value("Prea mic")
    too_small.locator('[data-label="ro"]').fill("Vine prea mic")

    app.locator("#add-reason").click()
    new = app.locator("#reason-rows tr").last
    expect(new.locator('[data-reason-field="code"]')).to_be_focused()
    new.locator('[data-reason-field="code"]').fill("gift_unwanted")
    new.locator('[data-reason-field="family"]').select_option("CUSTOMER")
    new.locator('[data-reason-field="comment"]').check()
    new.locator('[data-label="en"]').fill("Unwanted gift")
    new.locator('[data-label="ro"]').fill("Cadou nedorit")
    # Shown to shoppers before "Other"
    new.locator('[data-move="up"]').click()
    app.locator("#save-reasons").click()
    expect(app.locator("#reasons-status")).to_have_text("Return reasons saved")
    expect(_reason_row(app, "GIFT_UNWANTED").locator("code")).to_have_text("GIFT_UNWANTED")

    gift = ReturnReason.objects.get(installation=installation, code="GIFT_UNWANTED")
    assert gift.labels == {"en": "Unwanted gift", "ro": "Cadou nedorit"}
    assert gift.requires_comment
    assert gift.is_active
    other = ReturnReason.objects.get(installation=installation, code="OTHER")
    assert gift.position == other.position - 1

    app = open_settings()
    expect(_reason_row(app, "TOO_SMALL").locator('[data-label="ro"]')).to_have_value(
        "Vine prea mic"
    )
    gift_row = _reason_row(app, "GIFT_UNWANTED")
    expect(gift_row.locator('[data-label="ro"]')).to_have_value("Cadou nedorit")
    expect(gift_row.locator('[data-reason-field="comment"]')).to_be_checked()
    expect(gift_row).to_contain_text("Used: 0")
    _scroll_to(app, "reasons-section")
    save_screenshot("settings-reasons")


def test_a_reason_without_an_english_label_is_refused_next_to_it(installation, open_settings):
    app = open_settings()
    app.locator("#add-reason").click()
    new = app.locator("#reason-rows tr").last
    new.locator('[data-reason-field="code"]').fill("NO_LABEL")
    app.locator("#save-reasons").click()
    error = new.locator('[data-error-for$=".labels"]')
    expect(error).to_be_visible()
    expect(error).to_have_text("Give the English label.")
    expect(app.locator("#reasons-error")).to_have_text("Check the highlighted reasons.")
    assert not ReturnReason.objects.filter(code="NO_LABEL").exists()


def test_an_invalid_colour_is_shown_next_to_the_field_and_nothing_is_saved(
    installation, open_settings
):
    app = open_settings()
    color = app.locator("#store-brand-color")
    expect(color).to_have_value("#2563EB")
    # The preview follows a valid colour as it is typed
    color.fill("#0a7c3e")
    swatch = app.locator("#brand-swatch")
    expect(swatch).to_have_css("background-color", "rgb(10, 124, 62)")
    color.fill("green")
    app.locator("#save-store").click()
    error = app.locator('[data-error-for="brandColor"]')
    expect(error).to_be_visible()
    expect(error).to_contain_text("#RRGGBB")
    expect(app.locator("#store-error")).to_have_text("Check the highlighted fields.")
    assert not StoreSettings.objects.exists()


def test_sla_notifications_origins_and_branding_persist(
    installation, open_settings, save_screenshot
):
    app = open_settings()
    expect(app.locator("#sla-fields .field__label")).to_contain_text(
        ["Requested (hours)", "Needs review (hours)", "Approved (hours)", "Label issued (hours)"]
    )
    app.locator('[data-sla="NEEDS_REVIEW"]').fill("8")
    switch = app.locator('[data-event="REJECTED"]')
    expect(switch).to_be_checked()
    app.locator("label.store-switch", has_text="Return rejected").click()
    expect(switch).not_to_be_checked()
    app.locator("#store-staff-email").fill("retururi@magazin.ro")
    app.locator("#store-brand-name").fill("Magazin")
    expect(app.locator("#brand-preview-name")).to_have_text("Magazin")
    app.locator("#add-origin").click()
    app.locator('[data-origin="0"]').fill("https://Magazin.Example.RO/")
    app.locator("#add-origin").click()
    app.locator('[data-origin="1"]').fill("http://magazin.example.ro")
    app.locator("#save-store").click()
    # The plain-http origin is refused next to it; nothing is saved
    expect(app.locator('[data-error-for="storefrontOrigins.1"]')).to_be_visible()
    assert not StoreSettings.objects.exists()
    app.locator('[data-origin-row="1"] [data-remove]').click()
    app.locator("#save-store").click()
    expect(app.locator("#store-status")).to_have_text("Store settings saved")
    expect(app.locator('[data-origin="0"]')).to_have_value("https://magazin.example.ro")

    settings = settings_of(installation)
    assert sla_hours(settings)[Status.NEEDS_REVIEW] == 8
    assert not notification_enabled(settings, NotificationEvent.REJECTED)
    assert notification_enabled(settings, NotificationEvent.APPROVED)

    app = open_settings()
    expect(app.locator('[data-sla="NEEDS_REVIEW"]')).to_have_value("8")
    expect(app.locator('[data-sla="REQUESTED"]')).to_have_value("48")
    expect(app.locator('[data-event="REJECTED"]')).not_to_be_checked()
    expect(app.locator('[data-event="STAFF_NEEDS_REVIEW"]')).to_be_checked()
    expect(app.locator("#store-staff-email")).to_have_value("retururi@magazin.ro")
    expect(app.locator('[data-origin="0"]')).to_have_value("https://magazin.example.ro")
    expect(app.locator("#store-section")).to_contain_text(
        "E-mails are sent once notifications are enabled for the store"
    )
    _scroll_to(app, "store-section")
    save_screenshot("settings-store")


def test_without_manage_apps_the_sections_are_read_only_and_saving_is_refused(
    installation, open_settings, save_screenshot
):
    app = open_settings(permissions=("MANAGE_ORDERS",))
    expect(app.locator("#readonly-notice")).to_be_visible()
    expect(app.locator("#add-reason")).to_be_hidden()
    expect(_reason_row(app, "TOO_SMALL").locator('[data-label="ro"]')).to_be_disabled()
    expect(app.locator("#store-brand-color")).to_be_disabled()
    expect(app.locator('[data-event="REQUESTED"]')).to_be_disabled()

    app.locator("#save-reasons").click()
    expect(app.locator("#reasons-error")).to_contain_text("MANAGE_APPS")
    app.locator("#save-store").click()
    expect(app.locator("#store-error")).to_contain_text("MANAGE_APPS")
    assert not StoreSettings.objects.exists()
    save_screenshot("settings-store-read-only")


def test_romanian_labels_and_dark_theme(
    installation, open_settings, dashboard_host, save_screenshot
):
    app = open_settings(theme="dark")
    dashboard_host.post("localeChanged", {"locale": "ro-RO"})
    expect(app.locator("#reasons-title")).to_have_text("Motive de retur")
    expect(app.locator("#store-title")).to_have_text("Magazin")
    expect(app.locator("#save-store")).to_have_text("Salvează setările magazinului")
    expect(app.locator("label.store-switch", has_text="Retur aprobat")).to_be_visible()
    expect(app.locator("#sla-fields .field__label").first).to_have_text("Solicitat (ore)")
    expect(_reason_row(app, "DAMAGED").locator('[data-reason-field="family"]')).to_contain_text(
        "Vina magazinului"
    )
    background = app.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)"
    _scroll_to(app, "store-section")
    save_screenshot("settings-store-ro-dark")
