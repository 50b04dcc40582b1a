"""Settings of the store through /graphql/: the reason catalogue and the store's settings, read
by staff (MANAGE_ORDERS) and changed by app managers (MANAGE_APPS); saved storefront origins
are allowed by CORS at once."""

from __future__ import annotations

import pytest
import requests

from saleor_returns_app.returns.catalogue import ensure_default_reasons
from saleor_returns_app.returns.models import ReturnReason, StoreSettings
from saleor_returns_app.testing.factories import make_return_request

from .helpers import Api, error_codes

CATALOGUE = """{ returnReasonCatalogue { id code family requiresPhoto requiresComment
  labels { language label } position isActive returnCount } }"""
SETTINGS = """{ storeSettings { storefrontOrigins brandName brandLogoUrl brandColor supportEmail
  staffNotificationEmail notifications { event enabled } slaHours { status hours } } }"""
REASONS_SET = """mutation Set($reasons: [ReturnReasonInput!]!) {
  returnReasonsSet(reasons: $reasons) {
    reasons { code position isActive labels { language label } returnCount }
    errors { field code message }
  }
}"""
SETTINGS_UPDATE = """mutation Update($input: StoreSettingsInput!) {
  storeSettingsUpdate(input: $input) {
    storeSettings { storefrontOrigins brandColor notifications { event enabled }
      slaHours { status hours } }
    errors { field code message }
  }
}"""
STOREFRONT = "https://magazin.example.ro"


@pytest.fixture
def admin_token(saleor, installed) -> str:
    return saleor.mint_dashboard_token(
        installed, email="ana@shop.example", user_permissions=("MANAGE_ORDERS", "MANAGE_APPS")
    )


@pytest.fixture(autouse=True)
def _no_deployment_origins(settings):
    # Only what the store saves may allow a storefront here.
    settings.STOREFRONT_ORIGINS = ""


def _reason(code: str, **overrides) -> dict:
    return {"code": code, "family": "CUSTOMER", "labels": [{"language": "en", "label": code}]} | (
        overrides
    )


def test_staff_read_the_whole_catalogue_with_how_often_each_reason_was_given(
    api, installation, staff_token
):
    ensure_default_reasons(installation=installation)
    ReturnReason.objects.filter(installation=installation, code="OTHER").update(is_active=False)
    make_return_request(installation)
    make_return_request(installation)
    rows = api.call(CATALOGUE, staff=staff_token)["data"]["returnReasonCatalogue"]
    by_code = {row["code"]: row for row in rows}
    assert [row["position"] for row in rows] == sorted(row["position"] for row in rows)
    assert by_code["TOO_SMALL"]["returnCount"] == 2
    assert by_code["DAMAGED"]["returnCount"] == 0
    assert by_code["DAMAGED"]["family"] == "CONTROLLABLE"
    assert by_code["DAMAGED"]["requiresPhoto"] is True
    assert by_code["OTHER"]["isActive"] is False
    assert by_code["DAMAGED"]["labels"][0] == {"language": "en", "label": "Arrived damaged"}
    assert {"language": "ro", "label": "A sosit deteriorat"} in by_code["DAMAGED"]["labels"]


def test_staff_read_the_default_settings_before_any_save(api, installation, staff_token):
    settings = api.call(SETTINGS, staff=staff_token)["data"]["storeSettings"]
    assert settings["storefrontOrigins"] == []
    assert settings["brandColor"] == "#2563EB"
    assert {n["event"] for n in settings["notifications"] if n["enabled"]} >= {
        "REQUESTED",
        "STAFF_NEEDS_REVIEW",
    }
    assert {"status": "NEEDS_REVIEW", "hours": 24} in settings["slaHours"]


def test_without_manage_apps_nothing_is_changed(api, installation, staff_token):
    before = list(ReturnReason.objects.values("code", "is_active", "position"))
    body = api.call(REASONS_SET, {"reasons": [_reason("TOO_SMALL")]}, staff=staff_token)
    assert error_codes(body) == ["PERMISSION_DENIED"]
    assert "MANAGE_APPS" in body["errors"][0]["message"]
    body = api.call(SETTINGS_UPDATE, {"input": {"brandName": "X"}}, staff=staff_token)
    assert error_codes(body) == ["PERMISSION_DENIED"]
    assert list(ReturnReason.objects.values("code", "is_active", "position")) == before
    assert not StoreSettings.objects.exists()


def test_without_a_token_the_settings_are_not_shown(api, installation):
    assert error_codes(api.call(SETTINGS)) == ["PERMISSION_DENIED"]


def test_reasons_are_saved_in_order_and_mistakes_come_back_by_field(api, installation, admin_token):
    ensure_default_reasons(installation=installation)
    body = api.call(
        REASONS_SET,
        {
            "reasons": [
                _reason("TOO_SMALL", labels=[{"language": "ro", "label": "Mic"}]),
                _reason("bad code"),
            ]
        },
        staff=admin_token,
    )
    payload = body["data"]["returnReasonsSet"]
    assert payload["reasons"] is None
    assert sorted((e["field"], e["code"]) for e in payload["errors"]) == [
        ("reasons.0.labels", "REQUIRED"),
        ("reasons.1.code", "INVALID"),
    ]

    body = api.call(
        REASONS_SET,
        {
            "reasons": [
                _reason("GIFT", labels=[{"language": "en", "label": "Unwanted gift"}]),
                _reason(
                    "TOO_SMALL",
                    labels=[
                        {"language": "en", "label": "Runs small"},
                        {"language": "ro", "label": "Vine mic"},
                    ],
                ),
            ]
        },
        staff=admin_token,
    )
    payload = body["data"]["returnReasonsSet"]
    assert payload["errors"] == []
    assert [(r["code"], r["isActive"]) for r in payload["reasons"][:3]] == [
        ("GIFT", True),
        ("TOO_SMALL", True),
        ("DAMAGED", False),
    ]
    # The shopper-facing reasons follow at once.
    reasons = api.call('{ returnReasons(languageCode: "ro") { code label } }', staff=admin_token)
    assert reasons["data"]["returnReasons"] == [
        {"code": "GIFT", "label": "Unwanted gift"},
        {"code": "TOO_SMALL", "label": "Vine mic"},
    ]


def test_settings_errors_name_the_field_and_code(api, installation, admin_token):
    body = api.call(
        SETTINGS_UPDATE,
        {
            "input": {
                "brandColor": "#12345",
                "storefrontOrigins": [STOREFRONT, "http://shop.example.com"],
                "slaHours": [{"status": "RECEIVED", "hours": 9000}],
            }
        },
        staff=admin_token,
    )
    payload = body["data"]["storeSettingsUpdate"]
    assert payload["storeSettings"] is None
    assert sorted((e["field"], e["code"]) for e in payload["errors"]) == [
        ("brandColor", "INVALID"),
        ("slaHours.RECEIVED", "INVALID"),
        ("storefrontOrigins.1", "INVALID"),
    ]


def test_settings_are_saved_partially(api, installation, admin_token):
    body = api.call(
        SETTINGS_UPDATE,
        {
            "input": {
                "brandColor": "#0a7c3e",
                "notifications": [{"event": "PICKUP_BOOKED", "enabled": False}],
                "slaHours": [{"status": "NEEDS_REVIEW", "hours": 8}],
            }
        },
        staff=admin_token,
    )
    saved = body["data"]["storeSettingsUpdate"]["storeSettings"]
    assert saved["brandColor"] == "#0A7C3E"
    assert {"event": "PICKUP_BOOKED", "enabled": False} in saved["notifications"]
    assert {"event": "REQUESTED", "enabled": True} in saved["notifications"]
    assert {"status": "NEEDS_REVIEW", "hours": 8} in saved["slaHours"]
    api.call(SETTINGS_UPDATE, {"input": {"brandName": "Magazin"}}, staff=admin_token)
    settings = api.call(SETTINGS, staff=admin_token)["data"]["storeSettings"]
    assert (settings["brandName"], settings["brandColor"]) == ("Magazin", "#0A7C3E")


def _preflight(api: Api, origin: str) -> requests.Response:
    return requests.options(
        api.url,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "saleor-api-url, content-type",
        },
        timeout=10,
    )


def test_a_saved_storefront_origin_may_call_the_api_at_once_and_an_unlisted_one_may_not(
    api, installation, admin_token
):
    assert _preflight(api, STOREFRONT).status_code == 403
    body = api.call(
        SETTINGS_UPDATE,
        {"input": {"storefrontOrigins": ["HTTPS://Magazin.Example.RO/"]}},
        staff=admin_token,
    )
    payload = body["data"]["storeSettingsUpdate"]
    assert payload["errors"] == []
    assert payload["storeSettings"]["storefrontOrigins"] == [STOREFRONT]

    preflight = _preflight(api, STOREFRONT)
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == STOREFRONT
    response = api.post("{ __typename }", headers={"Origin": STOREFRONT})
    assert response.headers["Access-Control-Allow-Origin"] == STOREFRONT

    unlisted = "https://other.example.ro"
    assert _preflight(api, unlisted).status_code == 403
    response = api.post("{ __typename }", headers={"Origin": unlisted})
    assert "Access-Control-Allow-Origin" not in response.headers

    # Removing it takes effect just as fast.
    api.call(SETTINGS_UPDATE, {"input": {"storefrontOrigins": []}}, staff=admin_token)
    assert _preflight(api, STOREFRONT).status_code == 403
