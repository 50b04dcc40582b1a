"""Returns to show in the return detail view: a Romanian shop in the Saleor double (one shipped,
paid order with stock in a warehouse, a payments app) and the steps of a return's story.

Copied from the sync and shipping test fixtures (not visible from tests/browser) and merged:
the order has a shipping address (carriers need one) and a transaction (refunds need one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from saleor_returns_app.api.ids import global_id
from saleor_returns_app.carriers.base import ReturnMode
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.catalogue import ensure_default_reasons
from saleor_returns_app.returns.lifecycle import Actor
from saleor_returns_app.returns.models import (
    Market,
    ReturnEvent,
    ReturnLine,
    ReturnReason,
    ReturnRequest,
)
from saleor_returns_app.returns.policies import publish_policy
from saleor_returns_app.returns.policy import Method, RequestedLine, Resolution
from saleor_returns_app.returns.receiving import ReceivedLine, receive_return
from saleor_returns_app.returns.refunds import refund_return
from saleor_returns_app.returns.services import CustomerProof, ProofKind, create_return_request
from saleor_returns_app.shipping import booking, followups
from saleor_returns_app.shipping.accounts import AccountInput, save_account
from saleor_returns_app.shipping.models import CarrierAccount, Shipment
from saleor_returns_app.testing.carrier_stubs.samples import WAREHOUSES
from saleor_returns_app.testing.factories import make_market
from saleor_returns_app.testing.saleor_double import Record, SaleorDouble

SHOPPER = Actor(ReturnEvent.Actor.SHOPPER, email="stefan@example.ro")
STAFF = Actor(ReturnEvent.Actor.STAFF, id="VXNlcjox", email="ana@shop.ro")
INITIAL_STOCK = 10
# Saleor serves thumbnails from the store's media host; tests answer it with page.route.
SHIRT_THUMBNAIL = "https://media.shop.example/thumbnails/camasa-de-in.png"


@dataclass(frozen=True)
class Shop:
    saleor: SaleorDouble
    installation: Installation
    market: Market
    warehouse: Record
    order: Record

    def stock(self, index: int) -> int | None:
        variant = self.order["lines"][index]["variant"]
        return self.saleor.store.stock_of(variant, self.warehouse)


def make_shop(saleor: SaleorDouble, installation: Installation) -> Shop:
    store = saleor.store
    channel = store.add_channel(slug="ro", currency="RON", country="RO")
    warehouse = store.add_warehouse("Depozit Bucuresti", country="RO", city="Bucuresti")
    shirt = store.add_product(
        "Camasa de in",
        category="Camasi",
        thumbnail_url=SHIRT_THUMBNAIL,
        variants=[
            {"sku": "CAM-M", "name": "M", "price": "200.00", "weight_kg": 0.4},
            {"sku": "CAM-L", "name": "L", "price": "150.00", "weight_kg": 0.5},
        ],
    )
    for variant in shirt["variants"]:
        store.set_stock(variant, warehouse, INITIAL_STOCK)
    payments = store.add_payment_app(handles_refunds=True)
    order = store.add_order(
        channel=channel,
        lines=[(shirt["variants"][0], 2), (shirt["variants"][1], 1)],
        user_email="stefan@example.ro",
        shipping_price="20.00",
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
    store.add_transaction(order, "570.00", app=payments)
    saleor.fulfill(order, warehouse=warehouse, deliver=True)
    market = make_market(installation)
    return Shop(saleor, installation, market, warehouse, order)


def create_return(
    shop: Shop,
    *,
    reasons: dict[int, str] | None = None,
    quantities: dict[int, int] | None = None,
    method: Method = Method.SELF_SHIP,
    service_point_id: str = "",
    comment: str = "",
) -> ReturnRequest:
    """The shopper asks to return (all of the order by default), each line for its reason
    (TOO_SMALL unless `reasons` says otherwise: DAMAGED without a photo needs review)."""
    quantities = quantities or {
        index: line["quantity"] for index, line in enumerate(shop.order["lines"])
    }
    result = create_return_request(
        installation=shop.installation,
        order_id=shop.order["id"],
        lines=[
            RequestedLine(
                line_id=shop.order["lines"][index]["id"],
                quantity=quantity,
                reason_code=(reasons or {}).get(index, "TOO_SMALL"),
                comment=comment,
                photo_count=0,
            )
            for index, quantity in quantities.items()
        ],
        method=method,
        resolution=Resolution.REFUND,
        customer=CustomerProof(ProofKind.GUEST, email="stefan@example.ro"),
        actor=SHOPPER,
        now=datetime.now(UTC),
        service_point_id=service_point_id,
    )
    assert result.errors == (), result.errors
    return result.return_request


def add_custom_reason(shop: Shop, code: str, labels: dict[str, str]) -> ReturnReason:
    """A reason of the store's own, next to the default catalogue (the shopper's choice)."""
    ensure_default_reasons(installation=shop.installation)
    return ReturnReason.objects.create(
        installation=shop.installation,
        code=code,
        family="CUSTOMER",
        labels=labels,
        position=100,
    )


def charge_restocking(shop: Shop, percent: str) -> None:
    """The market's policy keeps `percent` of what comes back for the shopper's own reasons."""
    publish_policy(market=shop.market, rules={"restocking_fee_percent": percent})


def receive_everything(shop: Shop, return_request: ReturnRequest) -> ReturnRequest:
    """Staff receive every unit as new, nothing restocked."""
    result = receive_return(
        installation=shop.installation,
        return_request_id=return_request.pk,
        actor=STAFF,
        lines=[
            ReceivedLine(line.pk, line.quantity, ReturnLine.Condition.AS_NEW, restock=False)
            for line in return_request.lines.order_by("pk")
        ],
        now=datetime.now(UTC),
    )
    assert not result.errors, result.errors
    return ReturnRequest.objects.get(pk=return_request.pk)


def refund(shop: Shop, return_request: ReturnRequest, amount: Decimal | None = None) -> None:
    result = refund_return(
        installation=shop.installation,
        return_request_id=return_request.pk,
        actor=STAFF,
        amount=amount,
        include_shipping=False,
        now=datetime.now(UTC),
    )
    assert not result.errors, result.errors


def add_sameday_account(installation: Installation, stub) -> CarrierAccount:
    config = stub.config()
    account, errors = save_account(
        installation,
        AccountInput(
            carrier="sameday",
            name="Sameday RO",
            market_id=None,
            credentials=dict(config.credentials),
            test_mode=True,
            base_url=config.base_url,
            enabled_modes=[str(ReturnMode.LOCKER)],
            return_address=WAREHOUSES["RO"].as_dict(),
            label_format="PDF_A6",
            rate_table=[],
        ),
    )
    assert errors == [], errors
    return account


def latest_shipment(return_request: ReturnRequest) -> Shipment:
    return Shipment.objects.filter(return_request=return_request).order_by("-attempt").first()


def booked_with_sameday(shop: Shop, stub) -> ReturnRequest:
    """An approved locker return the worker booked with Sameday, its label fetched."""
    add_sameday_account(shop.installation, stub)
    return_request = create_return(shop, method=Method.LOCKER, service_point_id="1002")
    booking.book(latest_shipment(return_request).pk)
    followups.fetch_label(latest_shipment(return_request).pk)
    shipment = latest_shipment(return_request)
    assert shipment.status == Shipment.Status.BOOKED, shipment.error
    assert shipment.label_file
    return ReturnRequest.objects.get(pk=return_request.pk)


def detail_path(return_request: ReturnRequest) -> str:
    return f"/dashboard/returns/{global_id('ReturnRequest', return_request.pk)}/"
