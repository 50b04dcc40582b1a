"""The settings view (/dashboard/settings/): carrier accounts and carrier rules, in headless
Chromium inside a stand-in Saleor Dashboard, against a running Sameday stub."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Frame, expect

from saleor_returns_app.returns.models import Market
from saleor_returns_app.shipping.accounts import AccountInput, save_account
from saleor_returns_app.shipping.models import CarrierAccount
from saleor_returns_app.testing.carrier_stubs.sameday import SamedayStub
from saleor_returns_app.testing.factories import make_market


@pytest.fixture(scope="module")
def sameday_server() -> Iterator[SamedayStub]:
    with SamedayStub() as stub:
        yield stub


@pytest.fixture
def sameday(sameday_server: SamedayStub) -> SamedayStub:
    sameday_server.reset()
    return sameday_server


@pytest.fixture
def market(installation) -> Market:
    return make_market(installation)


def _fill_new_sameday(app: Frame, stub: SamedayStub, *, postal_code: str = "030167") -> None:
    app.locator("#add-account").click()
    form = app.locator("#account-form")
    form.locator("#account-carrier").select_option("sameday")
    form.locator("#account-name").fill("Sameday RO")
    form.locator("label.settings__check", has_text="Courier pickup").locator("input").check()
    config = stub.config()
    rows = form.locator("#credential-rows [data-credential]")
    expect(rows).to_have_count(2)
    for index, key in enumerate(["username", "password"]):
        expect(rows.nth(index).locator("[data-key]")).to_have_value(key)
        rows.nth(index).locator("[data-value]").fill(config.credentials[key])
    address = {
        "name": "Depozit Retururi",
        "streetLines": "Str. Fabricii 1",
        "postalCode": postal_code,
        "city": "Bucuresti",
        "countryCode": "RO",
        "phone": "+40722000000",
    }
    for name, value in address.items():
        form.locator(f'[data-address="{name}"]').fill(value)
    form.locator("#add-rate").click()
    form.locator("[data-rate] [data-weight]").fill("5000")
    form.locator("[data-rate] [data-price]").fill("19.90")
    form.locator("summary").click()
    form.locator("#account-base-url").fill(config.base_url)


def _row(app: Frame, name: str):
    return app.locator("#account-rows tr", has_text=name)


def test_create_check_edit_and_wrong_password(
    installation, sameday, open_settings, dashboard_host, save_screenshot
):
    app = open_settings()
    expect(app.locator("#readonly-notice")).to_be_hidden()
    expect(app.locator("#accounts-empty")).to_be_visible()

    # A validation error shows next to its field
    _fill_new_sameday(app, sameday, postal_code="")
    app.locator("#account-save").click()
    error = app.locator('[data-error-for="returnAddress.postalCode"]')
    expect(error).to_be_visible()
    expect(error).to_have_text("Required for the label.")
    save_screenshot("settings-validation-error")
    assert not CarrierAccount.objects.exists()

    # Fixed: created and listed
    app.locator('[data-address="postalCode"]').fill("030167")
    app.locator("#account-save").click()
    row = _row(app, "Sameday RO")
    expect(row).to_be_visible()
    expect(row).to_contain_text("Sameday")
    expect(row).to_contain_text("Courier pickup")
    expect(row).to_contain_text("Not checked")
    expect(app.locator("#account-form")).to_be_hidden()
    account = CarrierAccount.objects.get()
    assert account.base_url == sameday.url
    assert account.rate_table == [{"max_weight_grams": 5000, "price": "19.90"}]

    # Test credentials: OK
    row.locator('[data-action="test"]').click()
    expect(app.locator("#message-dialog")).to_be_visible()
    expect(app.locator("#message-title")).to_have_text("The credentials work")
    expect(row.locator(".badge--success", has_text="OK")).to_be_visible()
    save_screenshot("settings-check-ok")
    app.locator("#message-close").click()

    # Edit without credentials keeps them
    row.locator('[data-action="edit"]').click()
    expect(app.locator("#account-name")).to_have_value("Sameday RO")
    expect(app.locator('[data-address="postalCode"]')).to_have_value("030167")
    expect(app.locator("[data-credential] [data-key]")).to_have_count(2)
    expect(app.locator("[data-credential] [data-value]").first).to_have_value("")
    app.locator("#account-name").fill("Sameday Bucuresti")
    app.locator("#account-save").click()
    row = _row(app, "Sameday Bucuresti")
    expect(row).to_be_visible()
    account.refresh_from_db()
    assert account.name == "Sameday Bucuresti"
    row.locator('[data-action="test"]').click()
    expect(app.locator("#message-title")).to_have_text("The credentials work")
    app.locator("#message-close").click()

    # A wrong password: the carrier's error is shown
    row.locator('[data-action="edit"]').click()
    values = app.locator("[data-credential] [data-value]")
    values.nth(0).fill("retururi_api")
    values.nth(1).fill("wrong-password")
    app.locator("#account-save").click()
    expect(app.locator("#account-form")).to_be_hidden()
    row.locator('[data-action="test"]').click()
    expect(app.locator("#message-title")).to_have_text("The carrier refused the credentials")
    expect(app.locator("#message-text")).to_have_text("Sameday refused the username or password.")
    expect(row.locator(".badge--critical")).to_have_text(
        "Sameday refused the username or password."
    )
    save_screenshot("settings-check-failed")


def _add_account(installation, name: str, market=None) -> CarrierAccount:
    account, errors = save_account(
        installation,
        AccountInput(
            carrier="sameday",
            name=name,
            market_id=market.pk if market else None,
            credentials={"username": "u", "password": "p"},
            enabled_modes=["PICKUP"],
            return_address={
                "name": "Depozit",
                "street_lines": ["Str. Fabricii 1"],
                "postal_code": "030167",
                "city": "Bucuresti",
                "country_code": "RO",
            },
            label_format="PDF_A6",
        ),
    )
    assert not errors, errors
    return account


def test_rules_for_a_market_are_saved_in_order(
    installation, market, open_settings, save_screenshot
):
    first = _add_account(installation, "Sameday A")
    _add_account(installation, "Sameday B", market)
    app = open_settings()
    expect(app.locator("#rules-market option")).to_have_text(["Romania"])
    expect(app.locator("#rules-empty")).to_be_visible()

    app.locator("#add-rule").click()
    rule = app.locator("[data-rule]").nth(0)
    rule.locator('[data-rule-field="account"]').select_option(label="Sameday · Sameday A")
    rule.locator('[data-rule-field="countries"]').fill("ro")
    rule.locator('[data-rule-field="maxWeight"]').fill("10000")
    rule.locator('[data-rule-mode="PICKUP"]').check()
    app.locator("#add-rule").click()
    rule = app.locator("[data-rule]").nth(1)
    rule.locator('[data-rule-field="strategy"]').select_option("CHEAPEST")
    rule.locator('[data-rule-field="fallback"]').check()
    # Move the cheapest rule first, then back
    rule.locator('[data-move="up"]').click()
    expect(app.locator('[data-rule="0"] [data-rule-field="strategy"]')).to_have_value("CHEAPEST")
    app.locator('[data-rule="0"] [data-move="down"]').click()
    app.locator("#save-rules").click()
    expect(app.locator("#rules-status")).to_have_text("Carrier rules saved")
    rules = list(market.carrier_rules.all())
    assert [(r.strategy, r.account_id, r.is_fallback) for r in rules] == [
        ("FIXED", first.pk, False),
        ("CHEAPEST", None, True),
    ]
    assert rules[0].countries == ["RO"]
    assert rules[0].max_weight_grams == 10000

    # After a reload they are still there
    app = open_settings()
    expect(app.locator("[data-rule]")).to_have_count(2)
    expect(app.locator('[data-rule="0"] [data-rule-field="countries"]')).to_have_value("RO")
    expect(app.locator('[data-rule="1"] [data-rule-field="strategy"]')).to_have_value("CHEAPEST")
    expect(app.locator('[data-rule="1"] [data-rule-field="fallback"]')).to_be_checked()
    save_screenshot("settings-rules")


def test_without_manage_apps_the_settings_are_read_only_and_saving_is_refused(
    installation, market, open_settings, save_screenshot
):
    _add_account(installation, "Sameday A")
    app = open_settings(permissions=("MANAGE_ORDERS",))
    notice = app.locator("#readonly-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("You need the Manage apps permission to change settings")
    expect(_row(app, "Sameday A")).to_be_visible()
    expect(app.locator("#add-account")).to_be_hidden()
    expect(app.locator('[data-action="test"]')).to_have_count(0)

    # Viewing an account: fields read-only; saving is refused by the API
    _row(app, "Sameday A").locator('[data-action="edit"]').click()
    expect(app.locator("#account-name")).to_be_disabled()
    app.locator("#account-save").click()
    expect(app.locator("#account-form-error")).to_contain_text("MANAGE_APPS")
    # ...and so are the rules
    app.locator("#save-rules").click()
    expect(app.locator("#rules-error")).to_contain_text("MANAGE_APPS")
    save_screenshot("settings-read-only")


def test_polish_locale_and_dark_theme(
    installation, market, open_settings, dashboard_host, save_screenshot
):
    _add_account(installation, "Sameday A")
    app = open_settings(theme="dark")
    assert app.evaluate("document.documentElement.dataset.theme") == "dark"
    dashboard_host.post("localeChanged", {"locale": "pl-PL"})
    expect(app.locator("#accounts-title")).to_have_text("Konta przewoźników")
    expect(app.locator("#rules-title")).to_have_text("Reguły przewoźników")
    expect(_row(app, "Sameday A").locator('[data-action="edit"]')).to_have_text("Edytuj")
    expect(_row(app, "Sameday A")).to_contain_text("Odbiór przez kuriera")
    app.locator("#add-account").click()
    expect(app.locator("#account-form-title")).to_have_text("Nowe konto przewoźnika")
    background = app.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)"
    save_screenshot("settings-pl-dark")


def test_the_inbox_links_to_settings(installation, saleor, installed, dashboard_host):
    app = dashboard_host.open(
        "/dashboard/",
        token=saleor.mint_dashboard_token(installed),
        saleor_api_url=saleor.api_url,
        app_id=installed.id,
    )
    link = app.locator("#open-settings")
    expect(link).to_have_attribute("href", re.compile(r"^/dashboard/settings/\?.*saleorApiUrl="))
    link.click()
    expect(app.locator("#settings")).to_have_attribute("aria-busy", "false")
