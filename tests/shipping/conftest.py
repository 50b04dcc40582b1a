"""A Romanian shop with carrier accounts at local carrier stubs, and returns to ship."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from saleor_returns_app.carriers.base import ReturnMode
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.lifecycle import Actor
from saleor_returns_app.returns.models import Market, ReturnEvent, ReturnRequest
from saleor_returns_app.returns.policy import Method, RequestedLine, Resolution
from saleor_returns_app.returns.services import CustomerProof, ProofKind, create_return_request
from saleor_returns_app.shipping.accounts import AccountInput, save_account
from saleor_returns_app.shipping.models import CarrierAccount
from saleor_returns_app.testing.carrier_stubs.innoship import InnoshipStub
from saleor_returns_app.testing.carrier_stubs.inpost import InPostStub
from saleor_returns_app.testing.carrier_stubs.packeta import PacketaStub
from saleor_returns_app.testing.carrier_stubs.sameday import SamedayStub
from saleor_returns_app.testing.carrier_stubs.samples import WAREHOUSES
from saleor_returns_app.testing.factories import make_market
from saleor_returns_app.testing.saleor_double import Record, SaleorDouble

SHOPPER = Actor(ReturnEvent.Actor.SHOPPER, email="stefan@example.ro")
STAFF = Actor(ReturnEvent.Actor.STAFF, id="VXNlcjox", email="ana@shop.ro")


@dataclass(frozen=True)
class Shop:
    saleor: SaleorDouble
    installation: Installation
    market: Market
    order: Record


@pytest.fixture
def shop(saleor: SaleorDouble, installation: Installation) -> Shop:
    channel = saleor.store.add_channel(slug="ro", currency="RON", country="RO")
    shirt = saleor.store.add_product(
        "Camasa de in",
        category="Camasi",
        variants=[
            {"sku": "CAM-M", "name": "M", "price": "200.00", "weight_kg": 0.4},
            {"sku": "CAM-L", "name": "L", "price": "150.00", "weight_kg": 0.5},
        ],
    )
    order = saleor.store.add_order(
        channel=channel,
        lines=[(shirt["variants"][0], 2), (shirt["variants"][1], 1)],
        user_email="stefan@example.ro",
        shipping_address={
            "first_name": "Ștefan",
            "last_name": "Țăranu",
            "street_address_1": "Strada Șelari 12",
            "city": "București",
            "postal_code": "030067",
            "country_code": "RO",
            "country_area": "București",
            "phone": "+40722123456",
        },
    )
    warehouse = saleor.store.add_warehouse("Depozit", country="RO", city="Bucuresti")
    saleor.fulfill(order, warehouse=warehouse, deliver=True)
    market = make_market(installation)
    return Shop(saleor, installation, market, order)


def polish_order(shop: Shop) -> Record:
    """An order of the same store shipped to Łódź (for Polish carriers)."""
    store = shop.saleor.store
    shirt = store.variant_by_sku("CAM-M")
    order = store.add_order(
        channel=shop.order["channel"],
        lines=[(shirt, 1)],
        user_email="lukasz@example.pl",
        shipping_address={
            "first_name": "Łukasz",
            "last_name": "Żółć",
            "street_address_1": "ul. Piotrkowska 104",
            "city": "Łódź",
            "postal_code": "90-004",
            "country_code": "PL",
            "phone": "+48501234567",
        },
    )
    warehouse = store.add_warehouse("Magazyn", country="PL", city="Warszawa")
    shop.saleor.fulfill(order, warehouse=warehouse, deliver=True)
    return order


@pytest.fixture
def sameday() -> Iterator[SamedayStub]:
    with SamedayStub() as stub:
        yield stub


@pytest.fixture
def inpost() -> Iterator[InPostStub]:
    with InPostStub() as stub:
        yield stub


@pytest.fixture
def packeta() -> Iterator[PacketaStub]:
    with PacketaStub() as stub:
        yield stub


@pytest.fixture
def innoship() -> Iterator[InnoshipStub]:
    with InnoshipStub() as stub:
        yield stub


def add_account(
    installation: Installation,
    carrier: str,
    *,
    stub: object | None = None,
    modes: tuple[ReturnMode, ...] = (ReturnMode.LOCKER,),
    market: Market | None = None,
    country: str = "RO",
    name: str | None = None,
    rate_table: tuple[dict, ...] = (),
    label_format: str = "PDF_A6",
) -> CarrierAccount:
    """A carrier account of the store, pointed at `stub` (its credentials and URL)."""
    config = stub.config() if stub is not None else None
    account, errors = save_account(
        installation,
        AccountInput(
            carrier=carrier,
            name=name or f"{carrier} account",
            market_id=market.pk if market else None,
            credentials=dict(config.credentials) if config else {},
            test_mode=True,
            base_url=config.base_url if config else "",
            enabled_modes=[str(mode) for mode in modes],
            return_address=WAREHOUSES[country].as_dict(),
            label_format=label_format,
            rate_table=list(rate_table),
        ),
    )
    assert errors == [], errors
    return account


def request_return(
    shop: Shop,
    *,
    method: Method = Method.LOCKER,
    service_point_id: str = "",
    pickup_address: dict | None = None,
    quantities: dict[int, int] | None = None,
    order: Record | None = None,
) -> ReturnRequest:
    """The shopper asks to return (all of the shop's order by default); the policy approves."""
    order = order or shop.order
    quantities = quantities or {
        index: line["quantity"] for index, line in enumerate(order["lines"])
    }
    result = create_return_request(
        installation=shop.installation,
        order_id=order["id"],
        lines=[
            RequestedLine(
                line_id=order["lines"][index]["id"],
                quantity=quantity,
                reason_code="TOO_SMALL",
                comment="",
                photo_count=0,
            )
            for index, quantity in quantities.items()
        ],
        method=method,
        resolution=Resolution.REFUND,
        customer=CustomerProof(ProofKind.GUEST, email=order["userEmail"]),
        actor=SHOPPER,
        now=datetime.now(UTC),
        service_point_id=service_point_id,
        pickup_address=pickup_address,
    )
    assert result.errors == (), result.errors
    return result.return_request


@pytest.fixture
def in_process(monkeypatch) -> None:
    """Nothing is sent to a broker: the test runs each step itself."""
    monkeypatch.setattr("saleor_returns_app.saleor_sync.services._enqueue", lambda _pk: None)
    monkeypatch.setattr("saleor_returns_app.shipping.booking._enqueue_booking", lambda _pk: None)
    monkeypatch.setattr("saleor_returns_app.shipping.booking._enqueue", lambda *_args: None)
    monkeypatch.setattr("saleor_returns_app.shipping.cancelling._enqueue", lambda _pk: None)
