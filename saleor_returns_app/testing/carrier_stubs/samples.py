"""Shipment requests the driver tests and benchmarks book: real people, real diacritics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from saleor_returns_app.carriers.base import (
    Address,
    LabelFormat,
    Parcel,
    PickupWindow,
    ReturnMode,
    ShipmentRequest,
)

SHOPPERS = {
    "RO": Address(
        name="Ștefan Țăranu",
        street_lines=("Strada Șelari 12", "Ap. 3"),
        postal_code="030067",
        city="București",
        county="București",
        country_code="RO",
        phone="+40722123456",
        email="stefan@example.ro",
    ),
    "PL": Address(
        name="Łukasz Żółć",
        street_lines=("ul. Piotrkowska 104",),
        postal_code="90-004",
        city="Łódź",
        country_code="PL",
        phone="+48501234567",
        email="lukasz@example.pl",
    ),
    "CZ": Address(
        name="Jiří Řezníček",
        street_lines=("Vinohradská 1511/230",),
        postal_code="100 00",
        city="Praha",
        country_code="CZ",
        phone="+420601123456",
        email="jiri@example.cz",
    ),
}

WAREHOUSES = {
    "RO": Address(
        name="Depozit Retururi",
        company="Magazin SRL",
        street_lines=("Bulevardul Iuliu Maniu 7",),
        postal_code="061072",
        city="București",
        county="București",
        country_code="RO",
        phone="+40213000000",
        email="retururi@magazin.ro",
    ),
    "PL": Address(
        name="Magazyn Zwrotów",
        company="Sklep Sp. z o.o.",
        street_lines=("ul. Żwirki i Wigury 1",),
        postal_code="00-906",
        city="Warszawa",
        country_code="PL",
        phone="+48221234567",
        email="zwroty@sklep.pl",
    ),
    "CZ": Address(
        name="Sklad vratek",
        company="Obchod s.r.o.",
        street_lines=("Průmyslová 5",),
        postal_code="108 00",
        city="Praha",
        country_code="CZ",
        phone="+420222123456",
        email="vratky@obchod.cz",
    ),
}


def shipment_request(
    country: str = "RO",
    *,
    mode: ReturnMode = ReturnMode.LOCKER,
    key: str = "R-2026-000001/1",
    reference: str = "R-2026-000001",
    service_point_id: str = "",
    pickup: bool = False,
    label_format: LabelFormat = LabelFormat.PDF_A6,
    service: str = "",
) -> ShipmentRequest:
    window = None
    if pickup:
        start = datetime(2026, 12, 1, 9, tzinfo=UTC) + timedelta(days=1)
        window = PickupWindow(start, start + timedelta(hours=8))
    return ShipmentRequest(
        idempotency_key=key,
        reference=reference,
        mode=mode,
        sender=SHOPPERS[country],
        recipient=WAREHOUSES[country],
        parcels=(Parcel(weight_grams=1200),),
        declared_value=Decimal("350.00"),
        currency={"RO": "RON", "PL": "PLN", "CZ": "CZK"}[country],
        service_point_id=service_point_id,
        pickup_window=window,
        label_format=label_format,
        service=service,
        order_number="1042",
        tracking_url="https://returns.example/track/R-2026-000001",
    )
