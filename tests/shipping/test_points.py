"""The locker and drop-off point picker: a daily copy of each carrier's points, searched here."""

from __future__ import annotations

import pytest

from saleor_returns_app.carriers.base import ReturnMode, ServicePointQuery
from saleor_returns_app.shipping import points
from saleor_returns_app.shipping.models import ServicePoint

from .conftest import add_account

pytestmark = pytest.mark.django_db(transaction=True)

LOCKER, PICKUP, DROP_OFF = ReturnMode.LOCKER, ReturnMode.PICKUP, ReturnMode.DROP_OFF
LOCKERS_PATH = r"/api/client/lockers"


def search(shop, carrier: str = "", **query) -> list[points.FoundPoint]:
    return points.search_points(
        installation=shop.installation,
        market=shop.market,
        query=ServicePointQuery(country_code=query.pop("country_code", "RO"), **query),
        carrier=carrier,
    )


def ids(found: list[points.FoundPoint]) -> list[str]:
    return [f.point.id for f in found]


def test_sync_copies_the_carriers_points(shop, sameday):
    add_account(shop.installation, "sameday", stub=sameday)

    assert points.sync_points("sameday", "RO") == 6

    rows = ServicePoint.objects.filter(carrier="sameday")
    assert sorted(rows.values_list("external_id", flat=True)) == [
        "1001",
        "1002",
        "1003",
        "1004",
        "2001",
        "3001",
    ]
    unirii = rows.get(external_id="1002")
    assert (unirii.name, unirii.postal_code, unirii.country_code, unirii.kind) == (
        "easybox Piata Unirii",
        "030171",
        "RO",
        "LOCKER",
    )
    assert unirii.latitude == pytest.approx(44.42773)


def test_a_new_sync_updates_points_and_removes_those_gone(shop, sameday):
    add_account(shop.installation, "sameday", stub=sameday)
    points.sync_points("sameday", "RO")
    # an unrelated carrier's point in the same country stays
    ServicePoint.objects.create(
        carrier="innoship",
        external_id="78152",
        kind="LOCKER",
        name="easybox Piata Romana",
        country_code="RO",
        synced_at="2026-01-01T00:00:00Z",
    )

    renamed = next(locker for locker in sameday.lockers if locker["lockerId"] == 1002)
    renamed["name"] = "easybox Unirii (mutat)"
    sameday.lockers = [locker for locker in sameday.lockers if locker["lockerId"] != 3001]

    assert points.sync_points("sameday", "RO") == 5

    rows = ServicePoint.objects.filter(carrier="sameday")
    assert not rows.filter(external_id="3001").exists()
    assert rows.get(external_id="1002").name == "easybox Unirii (mutat)"
    assert rows.count() == 5
    assert ServicePoint.objects.filter(carrier="innoship").exists()


def test_sync_without_an_account_of_that_carrier_does_nothing(shop, sameday):
    assert points.sync_points("sameday", "RO") == 0
    assert sameday.requests == []
    assert not ServicePoint.objects.exists()


def test_search_covers_only_carriers_that_take_point_returns_from_that_country(
    shop, sameday, innoship, packeta
):
    add_account(shop.installation, "sameday", stub=sameday, modes=(LOCKER,))
    # this store uses Innoship for courier pickups only
    add_account(shop.installation, "innoship", stub=innoship, modes=(PICKUP,))
    points.sync_points("sameday", "RO")
    points.sync_points("innoship", "RO")
    assert ServicePoint.objects.filter(carrier="innoship").exists()

    found = search(shop, city="Bucuresti")

    assert {f.carrier for f in found} == {"sameday"}
    assert ids(found) == ["1003", "1002"]  # by name
    # Sameday takes no returns from Poland: nothing to search there
    assert search(shop, country_code="PL") == []


def test_search_by_postal_code_puts_the_exact_code_first(shop, sameday):
    add_account(shop.installation, "sameday", stub=sameday)
    points.sync_points("sameday", "RO")

    found = search(shop, postal_code="030 031")

    # same area (030…), the exact postal code first
    assert ids(found) == ["1003", "1002"]
    assert all(f.distance_km is None for f in found)


def test_search_by_city(shop, sameday):
    add_account(shop.installation, "sameday", stub=sameday)
    points.sync_points("sameday", "RO")

    assert ids(search(shop, city="cluj-napoca")) == ["2001"]
    assert search(shop, city="Timisoara") == []


def test_search_by_coordinates_sorts_by_distance(shop, sameday):
    add_account(shop.installation, "sameday", stub=sameday)
    points.sync_points("sameday", "RO")

    # standing at Piata Unirii in Bucharest
    found = search(shop, latitude=44.4270, longitude=26.1030)

    assert ids(found)[:2] == ["1002", "1003"]
    # points in Cluj and Iasi are too far to list
    assert set(ids(found)) == {"1001", "1002", "1003", "1004"}
    distances = [f.distance_km for f in found]
    assert distances == sorted(distances)
    assert distances[0] < 0.2
    assert 5 < distances[-1] < 12  # Militari, across town


def test_search_respects_the_limit(shop, sameday):
    add_account(shop.installation, "sameday", stub=sameday)
    points.sync_points("sameday", "RO")

    assert len(search(shop, latitude=44.4270, longitude=26.1030, limit=2)) == 2
    assert len(search(shop, limit=3)) == 3


def test_a_carrier_not_copied_yet_is_asked_live(shop, sameday):
    add_account(shop.installation, "sameday", stub=sameday)
    assert not ServicePoint.objects.exists()

    found = search(shop, city="Cluj-Napoca")

    assert ids(found) == ["2001"]
    assert len(sameday.calls("GET", LOCKERS_PATH)) == 1
    # and nothing is stored by a search: the daily job copies
    assert not ServicePoint.objects.exists()


def test_a_carrier_failing_live_gives_no_points_rather_than_an_error(shop, sameday, innoship):
    add_account(shop.installation, "sameday", stub=sameday)
    add_account(shop.installation, "innoship", stub=innoship)
    points.sync_points("innoship", "RO")
    sameday.credentials = {"username": "x", "password": "y"}  # the account's login is refused

    found = search(shop)

    assert {f.carrier for f in found} == {"innoship"}
    assert sameday.calls("POST", r"/api/authenticate")


def test_a_carrier_with_two_accounts_lists_its_points_once(shop, sameday):
    # one account for this market and one for the whole store, at the same carrier
    add_account(shop.installation, "sameday", stub=sameday, market=shop.market, name="RO")
    add_account(shop.installation, "sameday", stub=sameday, name="Store-wide")
    points.sync_points("sameday", "RO")

    found = search(shop, city="Cluj-Napoca")

    assert ids(found) == ["2001"]


def test_search_can_be_narrowed_to_one_carrier(shop, sameday, innoship):
    add_account(shop.installation, "sameday", stub=sameday)
    add_account(shop.installation, "innoship", stub=innoship)
    points.sync_points("sameday", "RO")
    points.sync_points("innoship", "RO")

    found = search(shop, city="Cluj-Napoca")
    assert sorted((f.carrier, f.point.id) for f in found) == [
        ("innoship", "78300"),
        ("sameday", "2001"),
    ]
    assert ids(search(shop, carrier="innoship", city="Cluj-Napoca")) == ["78300"]


def test_points_in_another_country_come_from_that_countrys_carriers(shop, sameday, packeta):
    add_account(shop.installation, "sameday", stub=sameday)
    # a Czech warehouse takes Packeta returns from Czechia
    add_account(shop.installation, "packeta", stub=packeta, modes=(DROP_OFF,), country="CZ")
    points.sync_points("packeta", "CZ")

    found = search(shop, country_code="CZ", city="Brno")

    assert {f.carrier for f in found} == {"packeta"}
    assert set(ids(found)) == {"5201", "9402"}


def test_carriers_to_sync_lists_active_point_accounts_by_country(shop, sameday, innoship, packeta):
    add_account(shop.installation, "sameday", stub=sameday, modes=(LOCKER,), market=shop.market)
    add_account(shop.installation, "innoship", stub=innoship, modes=(PICKUP,), market=shop.market)
    switched_off = add_account(shop.installation, "packeta", stub=packeta, market=shop.market)
    switched_off.is_active = False
    switched_off.save()

    assert points.carriers_to_sync() == [("sameday", "RO")]

    switched_off.is_active = True
    switched_off.save()
    assert points.carriers_to_sync() == [("packeta", "RO"), ("sameday", "RO")]
