"""Lockers and drop-off points for the shopper's picker: a daily copy, searched locally.

Carriers publish thousands of points per country and rate-limit their point APIs, so a
daily job copies them (`sync_points`) and searches read the copy. A carrier not copied yet
is asked live.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from saleor_returns_app.carriers.base import (
    CarrierError,
    PointKind,
    ReturnMode,
    ServicePointQuery,
)
from saleor_returns_app.carriers.base import ServicePoint as CarrierPoint
from saleor_returns_app.carriers.geo import distance_km
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.models import Market
from saleor_returns_app.shipping.accounts import accounts_for_market, driver_of, option_of
from saleor_returns_app.shipping.models import CarrierAccount, ServicePoint

_POINT_MODES = frozenset({ReturnMode.LOCKER, ReturnMode.DROP_OFF})
# Points this far (in degrees, ~50 km) around the shopper are sorted by distance.
_NEAR = 0.5
SYNC_LIMIT = 100_000


@dataclass(frozen=True)
class FoundPoint:
    carrier: str
    point: CarrierPoint
    distance_km: float | None = None


def _as_carrier_point(row: ServicePoint) -> CarrierPoint:
    return CarrierPoint(
        id=row.external_id,
        kind=PointKind(row.kind),
        name=row.name,
        street=row.street,
        postal_code=row.postal_code,
        city=row.city,
        country_code=row.country_code,
        latitude=row.latitude,
        longitude=row.longitude,
        opening_hours=row.opening_hours,
        accepts_returns=row.accepts_returns,
    )


def _point_accounts(
    installation: Installation, market: Market | None, country: str, carrier: str
) -> list[CarrierAccount]:
    accounts = []
    seen: set[str] = set()
    for account in accounts_for_market(installation, market):
        # Points are the carrier's, not the account's: a carrier with a market account and
        # a store-wide one is searched once, or the shopper sees every point twice.
        if (carrier and account.carrier != carrier) or account.carrier in seen:
            continue
        option = option_of(account)
        if any(
            option.serves(mode, from_country=country, to_country=country) for mode in _POINT_MODES
        ):
            seen.add(account.carrier)
            accounts.append(account)
    return accounts


def search_points(
    *,
    installation: Installation,
    market: Market | None,
    query: ServicePointQuery,
    carrier: str = "",
) -> list[FoundPoint]:
    """Points of this store's carriers near the query: nearest first when coordinates are
    given, else matching postal code (prefix) or city. Only carriers with an account that
    takes locker or drop-off returns from that country are searched."""
    found: list[FoundPoint] = []
    for account in _point_accounts(installation, market, query.country_code.upper(), carrier):
        rows = ServicePoint.objects.filter(
            carrier=account.carrier, country_code=query.country_code.upper(), accepts_returns=True
        )
        if rows.exists():
            found.extend(
                FoundPoint(account.carrier, _as_carrier_point(r)) for r in _filter(rows, query)
            )
        else:
            try:
                live = driver_of(account).search_service_points(query)
            except CarrierError:
                live = []
            found.extend(FoundPoint(account.carrier, point) for point in live)
    return _ranked(found, query)


def _filter(rows, query: ServicePointQuery) -> Iterable[ServicePoint]:  # noqa: ANN001
    if query.latitude is not None and query.longitude is not None:
        return rows.filter(
            latitude__range=(query.latitude - _NEAR, query.latitude + _NEAR),
            longitude__range=(query.longitude - _NEAR, query.longitude + _NEAR),
        )[:2000]
    if query.postal_code:
        prefix = query.postal_code.replace(" ", "")[:3]
        return rows.filter(postal_code__startswith=prefix)[:2000]
    if query.city:
        return rows.filter(city__iexact=query.city.strip())[:2000]
    return rows.order_by("city", "name")[: query.limit]


def _ranked(found: list[FoundPoint], query: ServicePointQuery) -> list[FoundPoint]:
    if query.latitude is None or query.longitude is None:
        wanted = query.postal_code.replace(" ", "")
        found.sort(key=lambda f: (f.point.postal_code.replace(" ", "") != wanted, f.point.name))
        return found[: query.limit]
    with_distance = [
        FoundPoint(
            f.carrier,
            f.point,
            distance_km(query.latitude, query.longitude, f.point.latitude, f.point.longitude)
            if f.point.latitude is not None and f.point.longitude is not None
            else None,
        )
        for f in found
    ]
    with_distance.sort(key=lambda f: (f.distance_km is None, f.distance_km or 0.0))
    return with_distance[: query.limit]


def sync_points(carrier: str, country: str) -> int:
    """Copy one carrier's points in one country, with any active account of that carrier.

    Points that disappeared from the carrier's list are removed. Returns how many are kept.
    """
    account = CarrierAccount.objects.filter(carrier=carrier, is_active=True).order_by("pk").first()
    if account is None:
        return 0
    points = driver_of(account).search_service_points(
        ServicePointQuery(country_code=country, limit=SYNC_LIMIT)
    )
    now = timezone.now()
    with transaction.atomic():
        ServicePoint.objects.bulk_create(
            [
                ServicePoint(
                    carrier=carrier,
                    external_id=p.id,
                    kind=p.kind,
                    name=p.name[:255],
                    street=p.street[:255],
                    postal_code=p.postal_code[:32],
                    city=p.city[:255],
                    country_code=(p.country_code or country).upper()[:2],
                    latitude=p.latitude,
                    longitude=p.longitude,
                    opening_hours=p.opening_hours,
                    accepts_returns=p.accepts_returns,
                    synced_at=now,
                )
                for p in points
            ],
            update_conflicts=True,
            unique_fields=["carrier", "external_id"],
            update_fields=[
                "kind",
                "name",
                "street",
                "postal_code",
                "city",
                "country_code",
                "latitude",
                "longitude",
                "opening_hours",
                "accepts_returns",
                "synced_at",
            ],
            batch_size=1000,
        )
        ServicePoint.objects.filter(
            carrier=carrier, country_code=country.upper(), synced_at__lt=now
        ).delete()
    return len(points)


def carriers_to_sync() -> list[tuple[str, str]]:
    """(carrier, country) pairs with an active account that offers point returns there."""
    pairs: set[tuple[str, str]] = set()
    store_countries: dict[int, set[str]] = {}
    for market in Market.objects.all().only("installation_id", "countries"):
        store_countries.setdefault(market.installation_id, set()).update(market.countries)
    for account in CarrierAccount.objects.filter(is_active=True).select_related("market"):
        option = option_of(account)
        if not (option.modes & _POINT_MODES):
            continue
        # A store-wide account serves the store's markets; a store without markets (or with
        # markets by channel only) gets every country the carrier serves.
        countries = (
            set(account.market.countries)
            if account.market
            else store_countries.get(account.installation_id) or set(option.countries)
        )
        for country in countries:
            if not option.countries or country.upper() in option.countries:
                pairs.add((account.carrier, country.upper()))
    return sorted(pairs)
