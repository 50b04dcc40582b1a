"""Markets and policies through HTTP with Dashboard tokens: staff read, MANAGE_APPS writes."""

from __future__ import annotations

import pytest

from saleor_returns_app.api.ids import global_id
from saleor_returns_app.returns.models import Market, PolicyVersion
from saleor_returns_app.testing.factories import make_return_request

from .helpers import Api, error_codes

ERRORS = "errors { field code message }"
RULES = (
    "windowDays windowStarts exclusions { productTypes categories collections skus "
    "finalSaleMetadataKey } discountedLinesReturnable minOrderTotal "
    "customerExceptions { email extraDays } allowedMethods methodFees { method amount } "
    "restockingFeePercent restockingFeeFixed freeReturnsOver controllableIsFree autoApprove "
    "reviewAboveValue reviewWhenPhotoMissing allowedResolutions"
)
MARKET = (
    "id name countries channels currency language timeZone isDefault refundTrigger "
    f"receiveOnDelivery returnCount policy {{ version createdBy }} policyRules {{ {RULES} }}"
)
MARKETS = f"query {{ markets {{ {MARKET} }} }}"
CREATE = (
    "mutation C($input: MarketInput!) { marketCreate(input: $input) "
    f"{{ market {{ {MARKET} }} {ERRORS} }} }}"
)
UPDATE = (
    "mutation U($id: ID!, $input: MarketInput!) { marketUpdate(id: $id, input: $input) "
    f"{{ market {{ {MARKET} }} {ERRORS} }} }}"
)
DELETE = f"mutation D($id: ID!) {{ marketDelete(id: $id) {{ deletedId {ERRORS} }} }}"
PUBLISH = (
    "mutation P($id: ID!, $input: PolicyRulesInput!) { marketPolicyPublish(marketId: $id, "
    f"input: $input) {{ market {{ name policy {{ version }} }} "
    f"policy {{ id version createdBy createdAt rules {{ {RULES} }} }} {ERRORS} }} }}"
)
ROMANIA = {
    "name": "Romania",
    "countries": ["ro"],
    "channels": ["ro-web"],
    "currency": "RON",
    "language": "ro",
    "timeZone": "Europe/Bucharest",
    "isDefault": True,
    "refundTrigger": "ON_INSPECTION",
}


@pytest.fixture
def admin_token(saleor, installed) -> str:
    return saleor.mint_dashboard_token(
        installed, email="ana@shop.example", user_permissions=("MANAGE_ORDERS", "MANAGE_APPS")
    )


def _create(api, token: str, market_input: dict) -> dict:
    payload = api.call(CREATE, {"input": market_input}, staff=token)["data"]["marketCreate"]
    assert payload["errors"] == []
    return payload["market"]


def test_an_admin_creates_a_market_staff_see_it_with_the_default_policy(
    api, installation, admin_token, staff_token
):
    created = _create(api, admin_token, ROMANIA)
    assert created["countries"] == ["RO"]
    assert created["timeZone"] == "Europe/Bucharest"
    assert created["policy"] is None
    assert created["returnCount"] == 0

    markets = api.call(MARKETS, staff=staff_token)["data"]["markets"]
    assert [m["name"] for m in markets] == ["Romania"]
    rules = markets[0]["policyRules"]
    assert rules["windowDays"] == 30
    assert rules["windowStarts"] == "DELIVERY"
    assert rules["allowedMethods"] == ["PICKUP", "DROP_OFF", "LOCKER", "SELF_SHIP"]
    assert rules["restockingFeePercent"] == "0"
    assert rules["minOrderTotal"] is None
    assert rules["exclusions"]["skus"] == []


def test_invalid_fields_come_back_with_field_and_code(api, installation, admin_token):
    _create(api, admin_token, ROMANIA)
    bad = {
        "name": "Moldova",
        "countries": ["MD", "RO", "QQQ"],
        "currency": "XYZ",
        "timeZone": "Europe/Atlantis",
    }
    payload = api.call(CREATE, {"input": bad}, staff=admin_token)["data"]["marketCreate"]
    assert payload["market"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("countries", "INVALID"),
        ("currency", "INVALID"),
        ("timeZone", "INVALID"),
    ]
    fixed = {**bad, "countries": ["MD", "RO"], "currency": "MDL", "timeZone": "Europe/Chisinau"}
    payload = api.call(CREATE, {"input": fixed}, staff=admin_token)["data"]["marketCreate"]
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("countries", "CONFLICT")]
    assert "Romania" in payload["errors"][0]["message"]
    assert Market.objects.count() == 1


def test_a_new_default_market_takes_the_default_over(api, installation, admin_token):
    romania = _create(api, admin_token, ROMANIA)
    poland = {**ROMANIA, "name": "Poland", "countries": ["PL"], "channels": [], "currency": "PLN"}
    assert _create(api, admin_token, poland)["isDefault"] is True
    markets = {m["name"]: m for m in api.call(MARKETS, staff=admin_token)["data"]["markets"]}
    assert markets["Romania"]["isDefault"] is False
    assert markets["Romania"]["id"] == romania["id"]


def test_update_replaces_the_settings(api, installation, admin_token):
    market = _create(api, admin_token, ROMANIA)
    changed = {**ROMANIA, "name": "România", "countries": ["RO", "MD"], "language": "en"}
    payload = api.call(UPDATE, {"id": market["id"], "input": changed}, staff=admin_token)["data"][
        "marketUpdate"
    ]
    assert payload["errors"] == []
    assert payload["market"]["name"] == "România"
    assert payload["market"]["countries"] == ["RO", "MD"]
    unknown = api.call(
        UPDATE, {"id": global_id("Market", 999999), "input": changed}, staff=admin_token
    )["data"]["marketUpdate"]
    assert [(e["field"], e["code"]) for e in unknown["errors"]] == [("id", "NOT_FOUND")]


def test_publishing_creates_version_after_version(api, installation, admin_token):
    market = _create(api, admin_token, ROMANIA)
    rules = {
        "windowDays": 14,
        "windowStarts": "FULFILLMENT",
        "exclusions": {"skus": ["GIFT-1"], "finalSaleMetadataKey": "final_sale"},
        "minOrderTotal": "50",
        "customerExceptions": [{"email": "vip@example.com", "extraDays": 30}],
        "allowedMethods": ["LOCKER", "PICKUP"],
        "methodFees": [{"method": "PICKUP", "amount": "12.50"}],
        "restockingFeePercent": "10",
        "restockingFeeFixed": "0",
        "autoApprove": False,
        "allowedResolutions": ["REFUND", "STORE_CREDIT"],
    }
    first = api.call(PUBLISH, {"id": market["id"], "input": rules}, staff=admin_token)["data"][
        "marketPolicyPublish"
    ]
    assert first["errors"] == []
    assert first["policy"]["version"] == 1
    assert first["policy"]["createdBy"] == "ana@shop.example"
    assert first["market"]["policy"] == {"version": 1}
    shown = first["policy"]["rules"]
    assert shown["windowDays"] == 14
    assert shown["methodFees"] == [{"method": "PICKUP", "amount": "12.50"}]
    assert shown["customerExceptions"] == [{"email": "vip@example.com", "extraDays": 30}]
    assert shown["allowedMethods"] == ["PICKUP", "LOCKER"]
    assert shown["exclusions"]["finalSaleMetadataKey"] == "final_sale"
    assert shown["freeReturnsOver"] is None
    assert shown["autoApprove"] is False

    second = api.call(
        PUBLISH, {"id": market["id"], "input": {**rules, "windowDays": 45}}, staff=admin_token
    )["data"]["marketPolicyPublish"]
    assert second["policy"]["version"] == 2
    listed = api.call(MARKETS, staff=admin_token)["data"]["markets"][0]
    assert listed["policy"]["version"] == 2
    assert listed["policyRules"]["windowDays"] == 45
    assert PolicyVersion.objects.get(version=1).rules["window_days"] == 14


def test_policy_errors_name_their_fields_and_publish_nothing(api, installation, admin_token):
    market = _create(api, admin_token, ROMANIA)
    rules = {
        "restockingFeePercent": "120",
        "methodFees": [
            {"method": "PICKUP", "amount": "5"},
            {"method": "LOCKER", "amount": "-1"},
        ],
        "customerExceptions": [{"email": "nobody", "extraDays": 5}],
    }
    payload = api.call(PUBLISH, {"id": market["id"], "input": rules}, staff=admin_token)["data"][
        "marketPolicyPublish"
    ]
    assert payload["policy"] is None
    assert sorted((e["field"], e["code"]) for e in payload["errors"]) == [
        ("input.customerExceptions.0.email", "INVALID"),
        ("input.methodFees.1.amount", "INVALID"),
        ("input.restockingFeePercent", "INVALID"),
    ]
    assert not PolicyVersion.objects.exists()


def test_a_market_with_returns_is_not_deleted(api, installation, admin_token):
    market = _create(api, admin_token, ROMANIA)
    stored = Market.objects.get()
    make_return_request(installation, market=stored)
    listed = api.call(MARKETS, staff=admin_token)["data"]["markets"][0]
    assert listed["returnCount"] == 1

    payload = api.call(DELETE, {"id": market["id"]}, staff=admin_token)["data"]["marketDelete"]
    assert payload["deletedId"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("id", "IN_USE")]
    assert Market.objects.filter(pk=stored.pk).exists()


def test_an_unused_market_is_deleted(api, installation, admin_token):
    market = _create(api, admin_token, ROMANIA)
    payload = api.call(DELETE, {"id": market["id"]}, staff=admin_token)["data"]["marketDelete"]
    assert payload == {"deletedId": market["id"], "errors": []}
    assert not Market.objects.exists()


def test_without_manage_apps_nothing_changes(api, installation, admin_token, staff_token):
    market = _create(api, admin_token, ROMANIA)
    for query, variables in [
        (CREATE, {"input": {**ROMANIA, "name": "Poland", "countries": ["PL"]}}),
        (UPDATE, {"id": market["id"], "input": {**ROMANIA, "name": "Renamed"}}),
        (DELETE, {"id": market["id"]}),
        (PUBLISH, {"id": market["id"], "input": {"windowDays": 7}}),
    ]:
        body = api.call(query, variables, staff=staff_token)
        assert error_codes(body) == ["PERMISSION_DENIED"]
        assert "MANAGE_APPS" in body["errors"][0]["message"]
    assert list(Market.objects.values_list("name", flat=True)) == ["Romania"]
    assert not PolicyVersion.objects.exists()


def test_another_store_can_neither_see_nor_delete_the_market(
    api, installation, admin_token, other_saleor, manifest_url, live_server
):
    market = _create(api, admin_token, ROMANIA)
    other = other_saleor.install_app(manifest_url)
    token = other_saleor.mint_dashboard_token(
        other, user_permissions=("MANAGE_ORDERS", "MANAGE_APPS")
    )
    other_api = Api(live_server.url, other_saleor.api_url)
    assert other_api.call(MARKETS, staff=token)["data"]["markets"] == []
    payload = other_api.call(DELETE, {"id": market["id"]}, staff=token)["data"]["marketDelete"]
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("id", "NOT_FOUND")]
    assert Market.objects.exists()
