"""Settings → Markets and policies, in headless Chromium inside a stand-in Saleor Dashboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Frame, expect

from saleor_returns_app.returns.models import Market, PolicyVersion, RefundTrigger
from saleor_returns_app.testing.factories import make_return_request


@pytest.fixture
def market(installation) -> Market:
    return Market.objects.create(
        installation=installation,
        name="Romania",
        countries=["RO"],
        channels=["ro"],
        currency="RON",
        language="ro",
        time_zone="Europe/Bucharest",
        is_default=True,
        refund_trigger=RefundTrigger.MANUAL,
    )


def _row(app: Frame, name: str):
    return app.locator("#market-rows tr", has_text=name)


def test_create_a_market_and_publish_its_policy(installation, open_settings, save_screenshot):
    app = open_settings()
    expect(app.locator("#markets-empty")).to_be_visible()

    # A new market with an unknown time zone: the error shows next to the field
    app.locator("#add-market").click()
    form = app.locator("#market-form")
    form.locator("#market-name").fill("Romania")
    form.locator("#market-countries").fill("ro, md")
    form.locator("#market-channels").fill("ro-web")
    form.locator("#market-currency").fill("ron")
    form.locator("#market-language").fill("ro")
    form.locator("#market-time-zone").fill("Europe/Atlantis")
    form.locator("#market-refund-trigger").select_option("ON_INSPECTION")
    expect(form.locator("#market-default")).to_be_checked()  # the store's first market
    form.locator("#market-save").click()
    error = form.locator('[data-error-for="timeZone"]')
    expect(error).to_have_text("Not a time zone (e.g. Europe/Bucharest).")
    assert not Market.objects.exists()

    form.locator("#market-time-zone").fill("Europe/Bucharest")
    form.locator("#market-save").click()
    expect(form).to_be_hidden()
    row = _row(app, "Romania")
    expect(row).to_contain_text("RO, MD")
    expect(row).to_contain_text("ro-web")
    expect(row).to_contain_text("Europe/Bucharest")
    expect(row.locator(".markets__badge")).to_have_text("Default")
    expect(row.locator(".markets__policy")).to_have_text("Default policy")
    # The carrier rules can be set for the new market without reloading the page
    expect(app.locator("#rules-market option")).to_have_text(["Romania"])
    stored = Market.objects.get()
    assert (stored.countries, stored.currency, stored.refund_trigger) == (
        ["RO", "MD"],
        "RON",
        "ON_INSPECTION",
    )

    # The policy editor shows the defaults; an out-of-range value is refused by its field
    row.locator('[data-market-action="policy"]').click()
    policy = app.locator("#policy-form")
    expect(policy.locator("#policy-current")).to_contain_text("default policy")
    expect(policy.locator("#policy-window-days")).to_have_value("30")
    policy.locator("#policy-window-days").fill("14")
    policy.locator("#policy-window-starts").select_option("FULFILLMENT")
    policy.locator("#policy-skus").fill("GIFT-1, GIFT-2")
    policy.locator('[data-method="LOCKER"] [data-method-allowed]').uncheck()
    policy.locator('[data-method="PICKUP"] [data-method-fee]').fill("12,50")
    policy.locator("#add-exception").click()
    policy.locator("[data-exception-email]").fill("vip@example.com")
    policy.locator("[data-exception-days]").fill("30")
    policy.locator("#policy-restocking-percent").fill("150")
    policy.locator("#policy-auto-approve").uncheck()
    policy.locator("#policy-publish").click()
    percent_error = policy.locator('[data-error-for="input.restockingFeePercent"]')
    expect(percent_error).to_have_text("A percentage from 0 to 100.")
    save_screenshot("settings-markets-policy-error")
    assert not PolicyVersion.objects.exists()

    # Fixed: version 1 is published and the table shows it
    policy.locator("#policy-restocking-percent").fill("10")
    policy.locator("#policy-publish").click()
    expect(policy.locator("#policy-status")).to_have_text("Version 1 published")
    expect(percent_error).to_be_hidden()
    expect(row.locator(".markets__policy")).to_have_text("v1")
    expect(policy.locator("#policy-current")).to_contain_text("version 1")
    version = PolicyVersion.objects.get()
    assert version.version == 1
    assert version.created_by == "ana@shop.example"
    assert version.rules["window_days"] == 14
    assert version.rules["window_starts"] == "FULFILLMENT"
    assert version.rules["allowed_methods"] == ["PICKUP", "DROP_OFF", "SELF_SHIP"]
    assert version.rules["method_fees"] == {"PICKUP": "12.50"}
    assert version.rules["customer_exceptions"] == {"vip@example.com": 30}
    assert version.rules["exclusions"]["skus"] == ["GIFT-1", "GIFT-2"]
    assert version.rules["restocking_fee_percent"] == "10"
    assert version.rules["auto_approve"] is False
    save_screenshot("settings-markets-published")
    app.locator("#markets-title").scroll_into_view_if_needed()
    save_screenshot("settings-markets-table")

    # Publishing again makes version 2; version 1 stays as it was
    policy.locator("#policy-window-days").fill("21")
    policy.locator("#policy-publish").click()
    expect(policy.locator("#policy-status")).to_have_text("Version 2 published")
    expect(row.locator(".markets__policy")).to_have_text("v2")
    version.refresh_from_db()
    assert version.rules["window_days"] == 14


def test_an_amount_that_is_not_a_number_is_caught_before_sending(
    installation, market, open_settings
):
    app = open_settings()
    _row(app, "Romania").locator('[data-market-action="policy"]').click()
    policy = app.locator("#policy-form")
    policy.locator('[data-method="DROP_OFF"] [data-method-fee]').fill("cheap")
    policy.locator("#policy-publish").click()
    expect(policy.locator('[data-method="DROP_OFF"] [data-fee-error]')).to_have_text(
        "Enter an amount like 12.50."
    )
    assert not PolicyVersion.objects.exists()


def test_a_market_with_returns_is_not_deleted_an_unused_one_is(
    installation, market, open_settings, save_screenshot
):
    make_return_request(installation, market=market)
    Market.objects.create(
        installation=installation, name="Poland", countries=["PL"], currency="PLN"
    )
    app = open_settings()
    romania = _row(app, "Romania")
    expect(romania.locator("td.table__num")).to_have_text("1")

    romania.locator('[data-market-action="delete"]').click()
    dialog = app.locator("#market-delete-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#market-delete-title")).to_have_text("Delete “Romania”?")
    dialog.locator("#market-delete-confirm").click()
    expect(dialog.locator("#market-delete-error")).to_contain_text("cannot be deleted")
    save_screenshot("settings-markets-delete-refused")
    dialog.locator("#market-delete-cancel").click()
    expect(dialog).to_be_hidden()
    expect(romania).to_be_visible()

    _row(app, "Poland").locator('[data-market-action="delete"]').click()
    dialog.locator("#market-delete-confirm").click()
    expect(dialog).to_be_hidden()
    expect(_row(app, "Poland")).to_have_count(0)
    assert list(Market.objects.values_list("name", flat=True)) == ["Romania"]


def test_without_manage_apps_the_markets_are_read_only_and_saving_is_refused(
    installation, market, open_settings, save_screenshot
):
    app = open_settings(permissions=("MANAGE_ORDERS",))
    expect(app.locator("#readonly-notice")).to_be_visible()
    expect(app.locator("#add-market")).to_be_hidden()
    row = _row(app, "Romania")
    expect(row.locator('[data-market-action="delete"]')).to_have_count(0)

    row.locator('[data-market-action="edit"]').click()
    expect(app.locator("#market-form-title")).to_have_text("“Romania”")
    expect(app.locator("#market-name")).to_be_disabled()
    app.locator("#market-save").click()
    expect(app.locator("#market-form-error")).to_contain_text("MANAGE_APPS")

    row.locator('[data-market-action="policy"]').click()
    expect(app.locator("#policy-window-days")).to_be_disabled()
    app.locator("#policy-publish").click()
    expect(app.locator("#policy-form-error")).to_contain_text("MANAGE_APPS")
    save_screenshot("settings-markets-read-only")
    assert not PolicyVersion.objects.exists()
    assert Market.objects.get().name == "Romania"


def test_czech_locale_and_dark_theme(
    installation, market, open_settings, dashboard_host, save_screenshot
):
    app = open_settings(theme="dark")
    dashboard_host.post("localeChanged", {"locale": "cs-CZ"})
    expect(app.locator("#markets-title")).to_have_text("Trhy a pravidla")
    row = _row(app, "Romania")
    expect(row.locator(".markets__badge")).to_have_text("Výchozí")
    expect(row.locator(".markets__policy")).to_have_text("Výchozí pravidla")
    row.locator('[data-market-action="policy"]').click()
    expect(app.locator("#policy-form-title")).to_have_text("Pravidla vracení trhu „Romania“")
    expect(app.locator("#policy-publish")).to_have_text("Zveřejnit")
    background = app.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)"
    save_screenshot("settings-markets-cs-dark")
