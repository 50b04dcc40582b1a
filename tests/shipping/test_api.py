"""The carrier layer through HTTP: carriers, accounts, rules, service points, shipments on
returns, label downloads and the staff shipment mutations, as storefronts and the dashboard
call them."""

from __future__ import annotations

import pytest
import requests
from django.db import connection

from saleor_returns_app.api.ids import global_id
from saleor_returns_app.carriers.base import ReturnMode
from saleor_returns_app.core.ratelimit import Limit
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.models import Market, ReturnRequest
from saleor_returns_app.returns.policy import Method
from saleor_returns_app.shipping import booking, cancelling, followups
from saleor_returns_app.shipping.models import CarrierAccount, Shipment
from saleor_returns_app.testing.carrier_stubs.samples import WAREHOUSES
from saleor_returns_app.testing.carrier_stubs.server import StubResponse
from saleor_returns_app.testing.factories import make_return_request
from tests.api.helpers import Api, error_codes, gid

from .conftest import add_account, request_return

pytestmark = pytest.mark.django_db(transaction=True)

ERRORS = "errors { field code message }"
ACCOUNT_FIELDS = (
    "id carrier name marketId credentialKeys testMode baseUrl enabledModes labelFormat "
    "returnAddress { name streetLines postalCode city countryCode } "
    "rateTable { maxWeightGrams price } isActive checkedAt checkError"
)
CREATE_ACCOUNT = (
    "mutation C($input: CarrierAccountInput!) { carrierAccountCreate(input: $input) "
    f"{{ carrierAccount {{ {ACCOUNT_FIELDS} }} {ERRORS} }} }}"
)
UPDATE_ACCOUNT = (
    "mutation U($id: ID!, $input: CarrierAccountInput!) { carrierAccountUpdate(id: $id, "
    f"input: $input) {{ carrierAccount {{ {ACCOUNT_FIELDS} }} {ERRORS} }} }}"
)
CHECK_ACCOUNT = (
    "mutation K($id: ID!) { carrierAccountCheck(id: $id) "
    f"{{ ok carrierAccount {{ checkedAt checkError }} {ERRORS} }} }}"
)
ACCOUNTS = f"{{ carrierAccounts {{ {ACCOUNT_FIELDS} }} }}"
CARRIERS = (
    "{ carriers { code name modes labelFormats countries liveRates asyncBooking cancelWindow "
    "international labelLess pushesTracking trackingBatchSize needsAccount } }"
)
RULE_FIELDS = (
    "accountId strategy countries categories modes minWeightGrams maxWeightGrams isFallback"
)
SET_RULES = (
    "mutation R($marketId: ID!, $rules: [CarrierRuleInput!]!) { carrierRulesSet("
    f"marketId: $marketId, rules: $rules) {{ rules {{ {RULE_FIELDS} }} {ERRORS} }} }}"
)
RULES = f"query Q($marketId: ID!) {{ carrierRules(marketId: $marketId) {{ {RULE_FIELDS} }} }}"
MARKETS = "{ markets { id name countries channels currency isDefault } }"
POINTS = (
    "query P($countryCode: String!, $postalCode: String, $city: String, $latitude: Float, "
    "$longitude: Float, $carrier: String, $first: Int) { servicePoints(countryCode: "
    "$countryCode, postalCode: $postalCode, city: $city, latitude: $latitude, longitude: "
    "$longitude, carrier: $carrier, first: $first) { id carrier kind name street postalCode "
    "city countryCode latitude longitude distanceKm } }"
)
SHIPMENT_FIELDS = (
    "id attempt carrier mode status trackingNumber trackingUrl labelUrl labelFormat "
    "needsAttention error errorCode service accountName"
)
RETURN = (
    "query R($id: ID!) { returnRequest(id: $id) { status "
    f"shipment {{ {SHIPMENT_FIELDS} }} shipments {{ attempt status }} }} }}"
)
RESULT = (
    f"returnRequest {{ status shipment {{ {SHIPMENT_FIELDS} }} shipments {{ attempt status }} }}"
)
BOOK = (
    "mutation B($id: ID!, $account: ID) { returnShipmentBook(id: $id, carrierAccountId: "
    f"$account) {{ {RESULT} {ERRORS} }} }}"
)
CANCEL = f"mutation C($id: ID!) {{ returnShipmentCancel(id: $id) {{ {RESULT} {ERRORS} }} }}"
TRACKING = (
    "mutation T($id: ID!, $number: String!) { returnShipmentTrackingUpdate(id: $id, "
    f"trackingNumber: $number) {{ {RESULT} {ERRORS} }} }}"
)
FILTERED = (
    "query F($carrier: String) { returnRequests(filter: {carrier: $carrier}) "
    "{ edges { node { rma } } } }"
)

PIATA_UNIRII = (44.42773, 26.10312)


@pytest.fixture
def api(live_server, saleor) -> Api:
    return Api(live_server.url, saleor.api_url)


@pytest.fixture
def staff_token(saleor, installed) -> str:
    """The store's owner: handles returns and configures the app."""
    return saleor.mint_dashboard_token(
        installed, email="olga@shop.example", user_permissions=("MANAGE_ORDERS", "MANAGE_APPS")
    )


def test_settings_need_manage_apps_while_reading_them_needs_manage_orders(
    api, saleor, installed, shop, sameday
):
    clerk = saleor.mint_dashboard_token(installed, user_permissions=("MANAGE_ORDERS",))

    refused = api.call(CREATE_ACCOUNT, {"input": _sameday_input(sameday)}, staff=clerk)

    assert refused["data"]["carrierAccountCreate"] is None
    (error,) = refused["errors"]
    assert error["extensions"]["code"] == "PERMISSION_DENIED"
    assert "MANAGE_APPS" in error["message"]
    assert api.call(ACCOUNTS, staff=clerk)["data"]["carrierAccounts"] == []


@pytest.fixture
def shopper_token(saleor) -> str:
    return saleor.mint_shopper_token(email="stefan@example.ro")


def _address(**overrides: object) -> dict:
    warehouse = WAREHOUSES["RO"].as_dict()
    address = {
        "name": warehouse["name"],
        "company": warehouse.get("company") or "",
        "streetLines": list(warehouse["street_lines"]),
        "postalCode": warehouse["postal_code"],
        "city": warehouse["city"],
        "county": warehouse.get("county") or "",
        "countryCode": warehouse["country_code"],
        "phone": warehouse.get("phone") or "",
        "email": warehouse.get("email") or "",
    }
    address.update(overrides)
    return address


def _sameday_input(stub, **overrides: object) -> dict:
    value = {
        "carrier": "sameday",
        "name": "Sameday Retururi",
        "credentials": [{"key": k, "value": v} for k, v in stub.credentials.items()],
        "testMode": True,
        "baseUrl": stub.url,
        "enabledModes": ["LOCKER", "PICKUP"],
        "returnAddress": _address(),
        "labelFormat": "PDF_A6",
        "rateTable": [{"maxWeightGrams": 5000, "price": "19.90"}],
    }
    value.update(overrides)
    return value


def _field_codes(payload: dict) -> list[tuple[str | None, str]]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


def _latest(return_request) -> Shipment:
    return Shipment.objects.filter(return_request=return_request).order_by("-attempt").first()


def _booked_with_sameday(shop, sameday) -> ReturnRequest:
    """An approved locker return the worker booked with Sameday."""
    add_account(shop.installation, "sameday", stub=sameday, modes=(ReturnMode.LOCKER,))
    return_request = request_return(shop, method=Method.LOCKER, service_point_id="1002")
    booking.book(_latest(return_request).pk)
    # Sameday sends no label with the booking: the worker fetches it next
    followups.fetch_label(_latest(return_request).pk)
    shipment = _latest(return_request)
    assert shipment.status == Shipment.Status.BOOKED, shipment.error
    assert shipment.label_file
    return return_request


def _self_shipped(shop) -> ReturnRequest:
    add_account(shop.installation, "self", modes=(ReturnMode.SELF_SHIP,))
    return_request = request_return(shop, method=Method.SELF_SHIP)
    booking.book(_latest(return_request).pk)
    assert _latest(return_request).status == Shipment.Status.BOOKED
    return return_request


def _other_store(other_saleor, manifest_url) -> Installation:
    other_saleor.install_app(manifest_url)
    return Installation.objects.get(saleor_api_url=other_saleor.api_url)


# --- carriers ------------------------------------------------------------------------------


def test_carriers_list_every_driver_with_its_capabilities(api, installed):
    carriers = {c["code"]: c for c in api.call(CARRIERS)["data"]["carriers"]}
    assert sorted(carriers) == ["innoship", "inpost", "packeta", "sameday", "self"]
    assert carriers["self"]["modes"] == ["SELF_SHIP"]
    assert carriers["self"]["needsAccount"] is False
    assert carriers["self"]["countries"] == []
    assert carriers["sameday"]["modes"] == ["LOCKER", "PICKUP"]
    assert carriers["sameday"]["countries"] == ["BG", "HU", "RO"]
    assert carriers["sameday"]["liveRates"] is True
    assert carriers["sameday"]["cancelWindow"] == "BEFORE_PICKUP"
    assert carriers["sameday"]["trackingBatchSize"] == 20
    assert carriers["inpost"]["asyncBooking"] is True
    assert carriers["inpost"]["cancelWindow"] == "NEVER"
    assert carriers["inpost"]["pushesTracking"] is True
    assert "ZPL" in carriers["inpost"]["labelFormats"]
    assert carriers["packeta"]["labelLess"] is True
    assert carriers["packeta"]["modes"] == ["DROP_OFF", "LOCKER"]
    assert carriers["innoship"]["modes"] == ["LOCKER", "PICKUP"]
    assert all(c["needsAccount"] for code, c in carriers.items() if code != "self")


# --- carrier accounts ----------------------------------------------------------------------


def test_staff_create_an_account_whose_credentials_are_write_only(api, staff_token, sameday):
    body = api.call(CREATE_ACCOUNT, {"input": _sameday_input(sameday)}, staff=staff_token)
    payload = body["data"]["carrierAccountCreate"]
    assert payload["errors"] == []
    account = payload["carrierAccount"]
    assert account["carrier"] == "sameday"
    assert account["credentialKeys"] == ["password", "username"]
    assert account["enabledModes"] == ["LOCKER", "PICKUP"]
    assert account["rateTable"] == [{"maxWeightGrams": 5000, "price": "19.90"}]
    assert account["returnAddress"]["countryCode"] == "RO"
    assert sameday.credentials["password"] not in str(body)
    # stored encrypted: the raw column does not hold the password
    stored = CarrierAccount.objects.get()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT credentials FROM {CarrierAccount._meta.db_table} WHERE id = %s", [stored.pk]
        )
        (raw,) = cursor.fetchone()
    assert sameday.credentials["password"] not in str(raw)
    assert "username" not in str(raw)


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"carrier": "fancourier"}, [("carrier", "UNKNOWN_CARRIER")]),
        ({"enabledModes": ["DROP_OFF"]}, [("enabledModes", "MODE_NOT_SUPPORTED")]),
        ({"enabledModes": []}, [("enabledModes", "REQUIRED")]),
        ({"labelFormat": "ZPL"}, [("labelFormat", "FORMAT_NOT_SUPPORTED")]),
        (
            {"returnAddress": _address(city="", postalCode="")},
            [("returnAddress.postalCode", "REQUIRED"), ("returnAddress.city", "REQUIRED")],
        ),
        ({"rateTable": [{"maxWeightGrams": 0, "price": "5"}]}, [("rateTable.0", "INVALID_RATE")]),
        ({"marketId": global_id("Market", 999999)}, [("marketId", "NOT_FOUND")]),
    ],
)
def test_invalid_accounts_are_refused_field_by_field(
    api, staff_token, sameday, overrides, expected
):
    variables = {"input": _sameday_input(sameday, **overrides)}
    payload = api.call(CREATE_ACCOUNT, variables, staff=staff_token)["data"]["carrierAccountCreate"]
    assert payload["carrierAccount"] is None
    assert _field_codes(payload) == expected
    assert not CarrierAccount.objects.exists()


def test_two_accounts_of_a_store_cannot_share_a_name(api, staff_token, sameday):
    first = api.call(CREATE_ACCOUNT, {"input": _sameday_input(sameday)}, staff=staff_token)
    assert first["data"]["carrierAccountCreate"]["errors"] == []
    again = api.call(CREATE_ACCOUNT, {"input": _sameday_input(sameday)}, staff=staff_token)
    payload = again["data"]["carrierAccountCreate"]
    assert payload["carrierAccount"] is None
    assert _field_codes(payload) == [("name", "INVALID")]
    assert CarrierAccount.objects.count() == 1


def test_updating_an_account_without_credentials_keeps_them(api, staff_token, sameday):
    created = api.call(CREATE_ACCOUNT, {"input": _sameday_input(sameday)}, staff=staff_token)
    account_id = created["data"]["carrierAccountCreate"]["carrierAccount"]["id"]
    changed = _sameday_input(sameday, name="Sameday (easybox)", enabledModes=["LOCKER"])
    del changed["credentials"]

    payload = api.call(UPDATE_ACCOUNT, {"id": account_id, "input": changed}, staff=staff_token)[
        "data"
    ]["carrierAccountUpdate"]

    assert payload["errors"] == []
    assert payload["carrierAccount"]["name"] == "Sameday (easybox)"
    assert payload["carrierAccount"]["enabledModes"] == ["LOCKER"]
    assert payload["carrierAccount"]["credentialKeys"] == ["password", "username"]
    # and the kept credentials still sign in
    check = api.call(CHECK_ACCOUNT, {"id": account_id}, staff=staff_token)
    assert check["data"]["carrierAccountCheck"]["ok"] is True


def test_checking_an_account_asks_the_carrier(api, staff_token, sameday):
    good = api.call(CREATE_ACCOUNT, {"input": _sameday_input(sameday)}, staff=staff_token)
    wrong = _sameday_input(
        sameday,
        name="Wrong password",
        credentials=[
            {"key": "username", "value": sameday.credentials["username"]},
            {"key": "password", "value": "not-the-password"},
        ],
    )
    bad = api.call(CREATE_ACCOUNT, {"input": wrong}, staff=staff_token)
    good_id = good["data"]["carrierAccountCreate"]["carrierAccount"]["id"]
    bad_id = bad["data"]["carrierAccountCreate"]["carrierAccount"]["id"]

    ok = api.call(CHECK_ACCOUNT, {"id": good_id}, staff=staff_token)["data"]["carrierAccountCheck"]
    refused = api.call(CHECK_ACCOUNT, {"id": bad_id}, staff=staff_token)["data"][
        "carrierAccountCheck"
    ]

    assert ok["ok"] is True
    assert ok["carrierAccount"]["checkedAt"]
    assert ok["carrierAccount"]["checkError"] is None
    assert refused["ok"] is False
    assert refused["errors"] == []
    assert refused["carrierAccount"]["checkError"]
    listed = {
        a["name"]: a for a in api.call(ACCOUNTS, staff=staff_token)["data"]["carrierAccounts"]
    }
    assert sorted(listed) == ["Sameday Retururi", "Wrong password"]
    assert listed["Wrong password"]["checkError"] == refused["carrierAccount"]["checkError"]
    assert listed["Sameday Retururi"]["checkError"] is None


def test_checking_another_stores_account_is_not_found(api, staff_token, other_saleor, manifest_url):
    theirs = add_account(
        _other_store(other_saleor, manifest_url), "self", modes=(ReturnMode.SELF_SHIP,)
    )
    payload = api.call(
        CHECK_ACCOUNT, {"id": global_id("CarrierAccount", theirs.pk)}, staff=staff_token
    )["data"]["carrierAccountCheck"]
    assert _field_codes(payload) == [("id", "NOT_FOUND")]
    variables = {
        "id": global_id("CarrierAccount", theirs.pk),
        "input": {
            "carrier": "self",
            "name": "Taken over",
            "enabledModes": ["SELF_SHIP"],
            "returnAddress": _address(),
        },
    }
    payload = api.call(UPDATE_ACCOUNT, variables, staff=staff_token)["data"]["carrierAccountUpdate"]
    assert _field_codes(payload) == [("id", "NOT_FOUND")]
    assert CarrierAccount.objects.get(pk=theirs.pk).name == "self account"
    assert api.call(ACCOUNTS, staff=staff_token)["data"]["carrierAccounts"] == []


@pytest.mark.parametrize("who", ["anonymous", "shopper"])
def test_carrier_settings_are_for_staff_only(api, shop, sameday, shopper_token, who):
    account = add_account(shop.installation, "sameday", stub=sameday)
    caller = {"shopper": shopper_token} if who == "shopper" else {}
    market_id = global_id("Market", shop.market.pk)
    account_id = global_id("CarrierAccount", account.pk)
    calls = [
        (ACCOUNTS, {}),
        (MARKETS, {}),
        (RULES, {"marketId": market_id}),
        (CREATE_ACCOUNT, {"input": _sameday_input(sameday, name="Mine")}),
        (UPDATE_ACCOUNT, {"id": account_id, "input": _sameday_input(sameday, name="Mine")}),
        (CHECK_ACCOUNT, {"id": account_id}),
        (SET_RULES, {"marketId": market_id, "rules": []}),
    ]
    for query, variables in calls:
        assert error_codes(api.call(query, variables, **caller)) == ["PERMISSION_DENIED"], query
    assert CarrierAccount.objects.get().name == "sameday account"


# --- markets and rules ---------------------------------------------------------------------


def test_staff_set_and_read_a_markets_carrier_rules(api, staff_token, shop, sameday):
    account = add_account(shop.installation, "sameday", stub=sameday)
    markets = api.call(MARKETS, staff=staff_token)["data"]["markets"]
    assert markets == [
        {
            "id": global_id("Market", shop.market.pk),
            "name": "Romania",
            "countries": ["RO"],
            "channels": ["ro"],
            "currency": "RON",
            "isDefault": True,
        }
    ]
    account_id = global_id("CarrierAccount", account.pk)
    rules = [
        {
            "accountId": account_id,
            "strategy": "FIXED",
            "countries": ["ro"],
            "modes": ["LOCKER"],
            "maxWeightGrams": 10000,
        },
        {"strategy": "CHEAPEST", "isFallback": True},
    ]
    payload = api.call(
        SET_RULES, {"marketId": markets[0]["id"], "rules": rules}, staff=staff_token
    )["data"]["carrierRulesSet"]
    assert payload["errors"] == []
    expected = [
        {
            "accountId": account_id,
            "strategy": "FIXED",
            "countries": ["RO"],
            "categories": [],
            "modes": ["LOCKER"],
            "minWeightGrams": None,
            "maxWeightGrams": 10000,
            "isFallback": False,
        },
        {
            "accountId": None,
            "strategy": "CHEAPEST",
            "countries": [],
            "categories": [],
            "modes": [],
            "minWeightGrams": None,
            "maxWeightGrams": None,
            "isFallback": True,
        },
    ]
    assert payload["rules"] == expected
    read = api.call(RULES, {"marketId": markets[0]["id"]}, staff=staff_token)["data"]
    assert read["carrierRules"] == expected

    # replaced whole
    api.call(SET_RULES, {"marketId": markets[0]["id"], "rules": rules[1:]}, staff=staff_token)
    read = api.call(RULES, {"marketId": markets[0]["id"]}, staff=staff_token)["data"]
    assert read["carrierRules"] == expected[1:]


def test_invalid_rules_change_nothing(api, staff_token, shop, sameday, other_saleor, manifest_url):
    account = add_account(shop.installation, "sameday", stub=sameday)
    theirs = add_account(
        _other_store(other_saleor, manifest_url), "self", modes=(ReturnMode.SELF_SHIP,)
    )
    market_id = global_id("Market", shop.market.pk)
    ours = global_id("CarrierAccount", account.pk)
    api.call(SET_RULES, {"marketId": market_id, "rules": [{"accountId": ours}]}, staff=staff_token)
    rules = [
        {"accountId": global_id("CarrierAccount", theirs.pk)},
        {"strategy": "FIXED"},
        {"accountId": ours, "minWeightGrams": 5000, "maxWeightGrams": 1000},
        {"accountId": ours, "minWeightGrams": -1},
        {"accountId": global_id("CarrierAccount", 999999)},
    ]
    payload = api.call(SET_RULES, {"marketId": market_id, "rules": rules}, staff=staff_token)[
        "data"
    ]["carrierRulesSet"]
    assert payload["rules"] is None
    assert _field_codes(payload) == [
        ("rules.0.accountId", "NOT_FOUND"),
        ("rules.1.accountId", "REQUIRED"),
        ("rules.2.minWeightGrams", "INVALID"),
        ("rules.3.minWeightGrams", "INVALID"),
        ("rules.4.accountId", "NOT_FOUND"),
    ]
    read = api.call(RULES, {"marketId": market_id}, staff=staff_token)["data"]["carrierRules"]
    assert [rule["accountId"] for rule in read] == [ours]


def test_a_rule_cannot_name_an_account_of_another_market(api, staff_token, shop, sameday):
    poland = Market.objects.create(
        installation=shop.installation, name="Poland", countries=["PL"], currency="PLN"
    )
    polish = add_account(shop.installation, "sameday", stub=sameday, market=poland)
    rules = [{"accountId": global_id("CarrierAccount", polish.pk)}]
    payload = api.call(
        SET_RULES,
        {"marketId": global_id("Market", shop.market.pk), "rules": rules},
        staff=staff_token,
    )["data"]["carrierRulesSet"]
    assert _field_codes(payload) == [("rules.0.accountId", "NOT_FOUND")]
    assert not shop.market.carrier_rules.exists()


def test_rules_of_an_unknown_market(api, staff_token, shop):
    unknown = global_id("Market", 999999)
    payload = api.call(SET_RULES, {"marketId": unknown, "rules": []}, staff=staff_token)["data"][
        "carrierRulesSet"
    ]
    assert _field_codes(payload) == [("marketId", "NOT_FOUND")]
    assert api.call(RULES, {"marketId": unknown}, staff=staff_token)["data"]["carrierRules"] == []


# --- service points ------------------------------------------------------------------------


def test_storefront_finds_the_nearest_points_of_the_stores_carriers(api, shop, sameday):
    add_account(shop.installation, "sameday", stub=sameday)
    latitude, longitude = PIATA_UNIRII
    variables = {"countryCode": "RO", "latitude": latitude, "longitude": longitude, "first": 3}

    points = api.call(POINTS, variables)["data"]["servicePoints"]

    assert [p["id"] for p in points] == ["1002", "1003", "1001"]
    assert {p["carrier"] for p in points} == {"sameday"}
    assert points[0]["name"] == "easybox Piata Unirii"
    assert points[0]["kind"] == "LOCKER"
    assert points[0]["countryCode"] == "RO"
    assert points[0]["latitude"] == pytest.approx(latitude)
    assert points[0]["longitude"] == pytest.approx(longitude)
    distances = [p["distanceKm"] for p in points]
    assert distances[0] == pytest.approx(0.0, abs=0.01)
    assert distances == sorted(distances)
    assert 5 < distances[2] < 6  # Oltenitei is ~5 km south of Unirii


def test_storefront_searches_points_by_postal_code_or_city(api, shop, sameday):
    add_account(shop.installation, "sameday", stub=sameday)
    by_postal = api.call(POINTS, {"countryCode": "RO", "postalCode": "030171"})["data"]
    by_city = api.call(POINTS, {"countryCode": "ro", "city": "Cluj-Napoca"})["data"]
    assert [p["id"] for p in by_postal["servicePoints"]] == ["1002", "1003"]
    assert all(p["distanceKm"] is None for p in by_postal["servicePoints"])
    assert [p["id"] for p in by_city["servicePoints"]] == ["2001"]


def test_only_points_of_carriers_the_store_has(api, shop, sameday):
    near = {"countryCode": "RO", "latitude": PIATA_UNIRII[0], "longitude": PIATA_UNIRII[1]}
    assert api.call(POINTS, near)["data"]["servicePoints"] == []
    add_account(shop.installation, "sameday", stub=sameday)
    assert api.call(POINTS, {**near, "carrier": "packeta"})["data"]["servicePoints"] == []
    assert len(api.call(POINTS, {**near, "carrier": "Sameday"})["data"]["servicePoints"]) == 6


def test_two_accounts_of_one_carrier_list_each_point_once(api, shop, sameday):
    add_account(shop.installation, "sameday", stub=sameday, name="Sameday A")
    add_account(shop.installation, "sameday", stub=sameday, name="Sameday B")
    points = api.call(POINTS, {"countryCode": "RO", "city": "Iasi"})["data"]["servicePoints"]
    assert [p["id"] for p in points] == ["3001"]


@pytest.mark.parametrize(
    ("variables", "code"),
    [
        ({"first": 0}, "INVALID_PAGINATION"),
        ({"first": 101}, "INVALID_PAGINATION"),
        ({"latitude": 44.4}, "INVALID"),
        ({"longitude": 26.1}, "INVALID"),
    ],
)
def test_bad_point_searches_are_refused(api, shop, variables, code):
    body = api.call(POINTS, {"countryCode": "RO", **variables})
    assert body["data"] is None
    assert error_codes(body) == [code]


def test_point_searches_are_rate_limited(api, shop, monkeypatch):
    # A window of an hour: the calls cannot straddle two windows (and get a fresh budget).
    monkeypatch.setattr(
        "saleor_returns_app.api.shipping_queries.POINTS_LIMIT", Limit(count=60, seconds=3600)
    )
    # a store with no carrier account: each search is cheap
    for _ in range(60):
        assert "errors" not in api.call(POINTS, {"countryCode": "RO", "city": "Iasi"})
    body = api.call(POINTS, {"countryCode": "RO", "city": "Iasi"})
    assert error_codes(body) == ["RATE_LIMITED"]


# --- the shipment of a return --------------------------------------------------------------


def test_staff_see_the_booked_shipment_with_its_details(
    api, staff_token, shop, sameday, in_process
):
    return_request = _booked_with_sameday(shop, sameday)
    found = api.call(RETURN, {"id": gid(return_request)}, staff=staff_token)["data"][
        "returnRequest"
    ]
    shipment = found["shipment"]
    assert found["status"] == "LABEL_ISSUED"
    assert shipment["carrier"] == "sameday"
    assert shipment["status"] == "BOOKED"
    assert shipment["mode"] == "LOCKER"
    assert shipment["trackingNumber"].startswith("1SDY")
    assert shipment["labelUrl"].startswith(f"{api.url.removesuffix('/graphql/')}/api/labels/")
    assert shipment["needsAttention"] is False
    assert shipment["accountName"] == "sameday account"
    assert found["shipments"] == [{"attempt": 1, "status": "BOOKED"}]


def test_the_shopper_sees_the_shipment_without_staff_details(
    api, shopper_token, shop, sameday, in_process
):
    return_request = _booked_with_sameday(shop, sameday)
    Shipment.objects.filter(return_request=return_request).update(
        needs_attention=True, error="Internal note"
    )
    found = api.call(RETURN, {"id": gid(return_request)}, shopper=shopper_token)["data"][
        "returnRequest"
    ]
    shipment = found["shipment"]
    assert shipment["carrier"] == "sameday"
    assert shipment["status"] == "BOOKED"
    assert shipment["trackingNumber"].startswith("1SDY")
    assert shipment["labelUrl"]
    assert shipment["needsAttention"] is None
    assert shipment["error"] is None
    assert shipment["errorCode"] is None
    assert shipment["service"] is None
    assert shipment["accountName"] is None
    assert found["shipments"] == []


# --- label downloads -----------------------------------------------------------------------


def _label_url(api, token, return_request) -> str:
    found = api.call(RETURN, {"id": gid(return_request)}, staff=token)["data"]["returnRequest"]
    return found["shipment"]["labelUrl"]


def test_the_label_link_downloads_the_pdf(api, staff_token, shop, sameday, in_process):
    url = _label_url(api, staff_token, _booked_with_sameday(shop, sameday))
    response = requests.get(url, timeout=20)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert "no-store" in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]
    assert response.content.startswith(b"%PDF")


def test_a_tampered_label_link_is_not_found(api, staff_token, shop, sameday, in_process):
    url = _label_url(api, staff_token, _booked_with_sameday(shop, sameday))
    response = requests.get(url[:-2] + ("AA" if not url.endswith("AA") else "BB"), timeout=20)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NOT_FOUND"


def test_an_expired_label_link_is_not_found(api, staff_token, shop, sameday, in_process, settings):
    url = _label_url(api, staff_token, _booked_with_sameday(shop, sameday))
    settings.LABEL_LINK_MAX_AGE = -1
    response = requests.get(url, timeout=20)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NOT_FOUND"


def test_a_cancelled_shipments_label_link_is_not_found(api, staff_token, shop, sameday, in_process):
    return_request = _booked_with_sameday(shop, sameday)
    url = _label_url(api, staff_token, return_request)
    Shipment.objects.filter(return_request=return_request).update(status="CANCELLED")
    assert requests.get(url, timeout=20).status_code == 404


def _staff_label(api, shipment, token: str | None = None, saleor_api_url: str | None = None):
    base = api.url.removesuffix("/graphql/")
    headers = {"Saleor-Api-Url": saleor_api_url or api.saleor_api_url}
    if token:
        headers["Authorization-Bearer"] = token
    url = f"{base}/api/shipments/{global_id('Shipment', shipment.pk)}/label"
    return requests.get(url, headers=headers, timeout=20)


def test_staff_download_the_label_with_the_dashboard_token(
    api, staff_token, shop, sameday, in_process, saleor, installed
):
    shipment = _latest(_booked_with_sameday(shop, sameday))
    response = _staff_label(api, shipment, staff_token)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response.headers["Content-Type"] == "application/pdf"
    assert "no-store" in response.headers["Cache-Control"]

    anonymous = _staff_label(api, shipment)
    assert anonymous.status_code == 401
    assert anonymous.json()["success"] is False

    no_orders = saleor.mint_dashboard_token(installed, user_permissions=("MANAGE_PRODUCTS",))
    forbidden = _staff_label(api, shipment, no_orders)
    assert forbidden.status_code == 403
    assert forbidden.json()["success"] is False


def test_staff_cannot_download_another_stores_label(
    api, staff_token, shop, other_saleor, manifest_url
):
    theirs = _other_store(other_saleor, manifest_url)
    other_return = make_return_request(theirs, status="LABEL_ISSUED")
    shipment = Shipment.objects.create(
        installation=theirs,
        return_request=other_return,
        carrier="self",
        mode="SELF_SHIP",
        status=Shipment.Status.BOOKED,
        idempotency_key=f"{other_return.rma}/1",
        label_format="PDF_A6",
        label_file="labels/elsewhere/label.pdf",
    )
    response = _staff_label(api, shipment, staff_token)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NOT_FOUND"


# --- staff shipment mutations --------------------------------------------------------------


def _refused_sameday_booking(shop, sameday) -> ReturnRequest:
    add_account(shop.installation, "sameday", stub=sameday, modes=(ReturnMode.LOCKER,))
    return_request = request_return(shop, method=Method.LOCKER, service_point_id="1002")
    body = {
        "code": 400,
        "message": "Validation Failed",
        "errors": {
            "children": {"awbRecipient": {"children": {"phoneNumber": {"errors": ["Bad"]}}}}
        },
    }
    sameday.fail_next("POST", r"/api/awb", StubResponse.json(body, status=400))
    booking.book(_latest(return_request).pk)
    return_request.refresh_from_db()
    assert return_request.status == "NEEDS_REVIEW"
    assert _latest(return_request).status == Shipment.Status.FAILED
    return return_request


def test_staff_book_again_after_a_refused_booking(api, staff_token, shop, sameday, in_process):
    return_request = _refused_sameday_booking(shop, sameday)
    before = api.call(RETURN, {"id": gid(return_request)}, staff=staff_token)["data"]
    assert before["returnRequest"]["shipment"]["status"] == "FAILED"
    assert before["returnRequest"]["shipment"]["needsAttention"] is True
    assert before["returnRequest"]["shipment"]["error"]

    payload = api.call(BOOK, {"id": gid(return_request)}, staff=staff_token)["data"][
        "returnShipmentBook"
    ]

    assert payload["errors"] == []
    assert payload["returnRequest"]["status"] == "APPROVED"
    assert payload["returnRequest"]["shipment"]["attempt"] == 2
    assert payload["returnRequest"]["shipment"]["status"] == "PLANNED"
    assert payload["returnRequest"]["shipments"] == [
        {"attempt": 2, "status": "PLANNED"},
        {"attempt": 1, "status": "FAILED"},
    ]
    # and the worker books the new attempt
    booking.book(_latest(return_request).pk)
    return_request.refresh_from_db()
    assert return_request.status == "LABEL_ISSUED"


def test_booking_with_an_unknown_or_foreign_account_is_not_found(
    api, staff_token, shop, sameday, in_process, other_saleor, manifest_url
):
    return_request = _refused_sameday_booking(shop, sameday)
    theirs = add_account(
        _other_store(other_saleor, manifest_url), "self", modes=(ReturnMode.SELF_SHIP,)
    )
    for account in (global_id("CarrierAccount", theirs.pk), global_id("CarrierAccount", 999999)):
        variables = {"id": gid(return_request), "account": account}
        payload = api.call(BOOK, variables, staff=staff_token)["data"]["returnShipmentBook"]
        assert _field_codes(payload) == [("carrierAccountId", "NOT_FOUND")]
    assert Shipment.objects.filter(return_request=return_request).count() == 1


def test_booking_while_a_shipment_is_active_is_refused(api, staff_token, shop, sameday, in_process):
    return_request = _booked_with_sameday(shop, sameday)
    payload = api.call(BOOK, {"id": gid(return_request)}, staff=staff_token)["data"][
        "returnShipmentBook"
    ]
    assert _field_codes(payload) == [(None, "SHIPMENT_ACTIVE")]
    assert Shipment.objects.filter(return_request=return_request).count() == 1


def test_staff_cancel_a_booked_shipment(api, staff_token, shop, sameday, in_process):
    return_request = _booked_with_sameday(shop, sameday)
    payload = api.call(CANCEL, {"id": gid(return_request)}, staff=staff_token)["data"][
        "returnShipmentCancel"
    ]
    assert payload["errors"] == []
    assert payload["returnRequest"]["shipment"]["status"] == "CANCELLING"

    cancelling.cancel_at_carrier(_latest(return_request).pk)

    found = api.call(RETURN, {"id": gid(return_request)}, staff=staff_token)["data"][
        "returnRequest"
    ]
    assert found["shipment"]["status"] == "CANCELLED"
    assert found["shipment"]["labelUrl"] is None
    assert found["status"] == "APPROVED"
    assert sameday.calls("DELETE", r"/api/awb/\w+")


def test_cancelling_an_inpost_booking_is_refused(api, staff_token, shop, in_process):
    return_request = request_return(shop, method=Method.LOCKER, service_point_id="KRA010")
    Shipment.objects.create(
        installation=shop.installation,
        return_request=return_request,
        carrier="inpost",
        mode="LOCKER",
        status=Shipment.Status.BOOKED,
        idempotency_key=f"{return_request.rma}/1",
        tracking_number="520000012345678901234567",
    )
    payload = api.call(CANCEL, {"id": gid(return_request)}, staff=staff_token)["data"][
        "returnShipmentCancel"
    ]
    assert _field_codes(payload) == [(None, "NOT_CANCELLABLE")]
    assert _latest(return_request).status == Shipment.Status.BOOKED


def test_staff_type_the_tracking_number_of_a_self_shipped_return(
    api, staff_token, shop, in_process
):
    return_request = _self_shipped(shop)
    variables = {"id": gid(return_request), "number": " RR123456789RO "}
    payload = api.call(TRACKING, variables, staff=staff_token)["data"][
        "returnShipmentTrackingUpdate"
    ]
    assert payload["errors"] == []
    assert payload["returnRequest"]["status"] == "IN_TRANSIT"
    assert payload["returnRequest"]["shipment"]["trackingNumber"] == "RR123456789RO"
    assert payload["returnRequest"]["shipment"]["carrier"] == "self"


def test_staff_type_the_tracking_number_before_the_worker_ran(api, staff_token, shop, in_process):
    add_account(shop.installation, "self", modes=(ReturnMode.SELF_SHIP,))
    return_request = request_return(shop, method=Method.SELF_SHIP)
    assert _latest(return_request).status == Shipment.Status.PLANNED
    variables = {"id": gid(return_request), "number": "RR123456789RO"}
    payload = api.call(TRACKING, variables, staff=staff_token)["data"][
        "returnShipmentTrackingUpdate"
    ]
    assert payload["errors"] == []
    assert payload["returnRequest"]["status"] == "IN_TRANSIT"


def test_an_empty_tracking_number_is_required(api, staff_token, shop, in_process):
    return_request = _self_shipped(shop)
    variables = {"id": gid(return_request), "number": "   "}
    payload = api.call(TRACKING, variables, staff=staff_token)["data"][
        "returnShipmentTrackingUpdate"
    ]
    assert _field_codes(payload) == [("trackingNumber", "REQUIRED")]
    return_request.refresh_from_db()
    assert return_request.status == "LABEL_ISSUED"


def test_a_carrier_booked_return_is_tracked_by_the_carrier(
    api, staff_token, shop, sameday, in_process
):
    return_request = _booked_with_sameday(shop, sameday)
    variables = {"id": gid(return_request), "number": "RR123456789RO"}
    payload = api.call(TRACKING, variables, staff=staff_token)["data"][
        "returnShipmentTrackingUpdate"
    ]
    assert _field_codes(payload) == [(None, "CARRIER_TRACKED")]
    assert _latest(return_request).tracking_number.startswith("1SDY")


def test_shipment_mutations_are_for_staff_only(api, shop, shopper_token, in_process):
    return_request = request_return(shop, method=Method.SELF_SHIP)
    for query, variables in (
        (BOOK, {"id": gid(return_request)}),
        (CANCEL, {"id": gid(return_request)}),
        (TRACKING, {"id": gid(return_request), "number": "RR1"}),
    ):
        assert error_codes(api.call(query, variables, shopper=shopper_token)) == [
            "PERMISSION_DENIED"
        ]
        assert error_codes(api.call(query, variables)) == ["PERMISSION_DENIED"]


# --- finding returns by carrier ------------------------------------------------------------


def test_staff_find_the_returns_a_carrier_carries(api, staff_token, shop, sameday, in_process):
    add_account(shop.installation, "sameday", stub=sameday, modes=(ReturnMode.LOCKER,))
    add_account(shop.installation, "self", modes=(ReturnMode.SELF_SHIP,))
    by_sameday = request_return(
        shop, method=Method.LOCKER, service_point_id="1002", quantities={0: 2}
    )
    by_self = request_return(shop, method=Method.SELF_SHIP, quantities={1: 1})
    for return_request in (by_sameday, by_self):
        booking.book(_latest(return_request).pk)
    assert _latest(by_sameday).carrier == "sameday"
    assert _latest(by_self).carrier == "self"

    def rmas(carrier: str) -> list[str]:
        body = api.call(FILTERED, {"carrier": carrier}, staff=staff_token)
        return [edge["node"]["rma"] for edge in body["data"]["returnRequests"]["edges"]]

    assert rmas("sameday") == [by_sameday.rma]
    assert rmas("self") == [by_self.rma]
    assert rmas("packeta") == []
