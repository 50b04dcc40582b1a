"""A market with several carrier accounts books each return with the one its rules choose."""

from __future__ import annotations

from decimal import Decimal

import pytest

from saleor_returns_app.carriers.base import ReturnMode
from saleor_returns_app.returns.policy import Method
from saleor_returns_app.shipping import booking
from saleor_returns_app.shipping.models import CarrierAccount, SelectionRule, Shipment
from saleor_returns_app.testing.carrier_stubs.server import StubResponse

from .conftest import add_account, request_return

pytestmark = pytest.mark.django_db(transaction=True)

PICKUP = (ReturnMode.PICKUP,)


def shipment_of(return_request) -> Shipment:
    return Shipment.objects.filter(return_request=return_request).order_by("-attempt").first()


def rule(shop, position: int, account: CarrierAccount | None = None, **conditions) -> None:
    SelectionRule.objects.create(
        installation=shop.installation,
        market=shop.market,
        position=position,
        account=account,
        **conditions,
    )


def book_pickup_return(shop, **kwargs) -> Shipment:
    return_request = request_return(shop, method=Method.PICKUP, **kwargs)
    shipment = shipment_of(return_request)
    booking.book(shipment.pk)
    shipment.refresh_from_db()
    return shipment


def sameday_bookings(sameday) -> int:
    return len(sameday.calls("POST", r"/api/awb"))


def innoship_bookings(innoship) -> int:
    return len(innoship.calls("POST", r"/api/Order"))


def chosen_why(shipment: Shipment) -> str:
    event = shipment.return_request.events.get(type="CARRIER_CHOSEN")
    return event.data["why"]


def test_the_first_rule_books_with_its_account(shop, sameday, innoship, in_process):
    sameday_account = add_account(shop.installation, "sameday", stub=sameday, modes=PICKUP)
    innoship_account = add_account(shop.installation, "innoship", stub=innoship, modes=PICKUP)
    rule(shop, 1, innoship_account)
    rule(shop, 2, sameday_account)

    shipment = book_pickup_return(shop)

    assert shipment.status == Shipment.Status.BOOKED
    assert (shipment.account, shipment.carrier) == (innoship_account, "innoship")
    assert innoship_bookings(innoship) == 1
    assert sameday_bookings(sameday) == 0
    assert chosen_why(shipment) == "rule 1: innoship"


def test_reordering_the_rules_changes_the_carrier(shop, sameday, innoship, in_process):
    sameday_account = add_account(shop.installation, "sameday", stub=sameday, modes=PICKUP)
    innoship_account = add_account(shop.installation, "innoship", stub=innoship, modes=PICKUP)
    rule(shop, 2, innoship_account)
    rule(shop, 1, sameday_account)

    shipment = book_pickup_return(shop)

    assert shipment.account == sameday_account
    assert sameday_bookings(sameday) == 1
    assert innoship_bookings(innoship) == 0


def test_cheapest_books_with_the_lower_live_quote(shop, sameday, innoship, in_process):
    # Sameday quotes 14.50 + 2.00/kg: 17.50 for the 1.5 kg parcel; Innoship's cheapest
    # courier is 17.85
    add_account(shop.installation, "sameday", stub=sameday, modes=PICKUP)
    add_account(shop.installation, "innoship", stub=innoship, modes=PICKUP)
    rule(shop, 1, strategy=SelectionRule.Strategy.CHEAPEST)

    shipment = book_pickup_return(shop)

    assert shipment.carrier == "sameday"
    assert shipment.price == Decimal("17.50")
    assert len(sameday.calls("POST", r"/api/awb/estimate-cost")) == 1
    assert len(innoship.calls("POST", r"/api/Price")) == 1
    assert sameday_bookings(sameday) == 1
    assert innoship_bookings(innoship) == 0
    assert chosen_why(shipment) == "rule 1: cheapest quote"


def test_cheapest_passes_over_a_carrier_that_cannot_quote(shop, sameday, innoship, in_process):
    add_account(shop.installation, "sameday", stub=sameday, modes=PICKUP)
    add_account(shop.installation, "innoship", stub=innoship, modes=PICKUP)
    rule(shop, 1, strategy=SelectionRule.Strategy.CHEAPEST)
    sameday.fail_next(
        "POST",
        r"/api/awb/estimate-cost",
        StubResponse.json({"code": 400, "message": "No price for this route"}, status=400),
    )

    shipment = book_pickup_return(shop)

    assert shipment.carrier == "innoship"
    assert shipment.price == Decimal("17.85")
    assert innoship_bookings(innoship) == 1
    assert sameday_bookings(sameday) == 0


def test_cheapest_prices_a_carrier_without_quotes_by_its_rate_table(
    shop, sameday, packeta, in_process
):
    add_account(shop.installation, "sameday", stub=sameday, modes=(ReturnMode.LOCKER,))
    add_account(
        shop.installation,
        "packeta",
        stub=packeta,
        modes=(ReturnMode.LOCKER,),
        rate_table=(
            {"max_weight_grams": 1000, "price": "9.00"},
            {"max_weight_grams": 5000, "price": "19.00"},
        ),
    )
    rule(shop, 1, strategy=SelectionRule.Strategy.CHEAPEST)

    # 1.5 kg: Packeta's table says 19.00, Sameday quotes 17.50
    return_request = request_return(shop, method=Method.LOCKER, service_point_id="1002")
    booking.book(shipment_of(return_request).pk)
    assert shipment_of(return_request).carrier == "sameday"


def test_a_weight_rule_sends_the_heavy_parcel_to_another_account(
    shop, sameday, innoship, in_process
):
    sameday_account = add_account(shop.installation, "sameday", stub=sameday, modes=PICKUP)
    innoship_account = add_account(shop.installation, "innoship", stub=innoship, modes=PICKUP)
    # parcels from 1 kg go with Innoship, the rest with Sameday
    rule(shop, 1, innoship_account, min_weight_grams=1000)
    rule(shop, 2, sameday_account)

    # one M shirt: 0.4 kg + 0.2 kg packaging
    light = book_pickup_return(shop, quantities={0: 1})
    assert light.account == sameday_account

    # the other M and the L shirt: 0.4 kg + 0.5 kg + 0.2 kg
    heavy = book_pickup_return(shop, quantities={0: 1, 1: 1})
    assert heavy.return_request_id != light.return_request_id
    assert heavy.account == innoship_account
    (sent,) = [r.json() for r in innoship.calls("POST", r"/api/Order")]
    assert sent["content"]["totalWeight"] == pytest.approx(1.1)


def test_a_category_rule_routes_the_return_by_its_products(shop, sameday, innoship, in_process):
    sameday_account = add_account(shop.installation, "sameday", stub=sameday, modes=PICKUP)
    innoship_account = add_account(shop.installation, "innoship", stub=innoship, modes=PICKUP)
    rule(shop, 1, sameday_account, categories=["pantofi"])
    rule(shop, 2, innoship_account, categories=["camasi"])
    rule(shop, 3, sameday_account, is_fallback=True)

    shipment = book_pickup_return(shop)

    assert shipment.account == innoship_account
    assert innoship_bookings(innoship) == 1


def test_a_rule_account_that_cannot_serve_the_mode_falls_back(shop, sameday, packeta, in_process):
    packeta_account = add_account(shop.installation, "packeta", stub=packeta)
    sameday_account = add_account(shop.installation, "sameday", stub=sameday, modes=PICKUP)
    rule(shop, 1, packeta_account)  # lockers only
    rule(shop, 2, sameday_account, is_fallback=True)

    shipment = book_pickup_return(shop)

    assert shipment.account == sameday_account
    assert sameday_bookings(sameday) == 1
    assert chosen_why(shipment) == "fallback rule: sameday"


def test_no_account_serving_the_return_sends_it_to_staff(shop, sameday, in_process):
    sameday_account = add_account(shop.installation, "sameday", stub=sameday, modes=PICKUP)
    # the market's only rule is for returns from Bulgaria, and there is no fallback
    rule(shop, 1, sameday_account, countries=["BG"])

    shipment = book_pickup_return(shop)

    return_request = shipment.return_request
    return_request.refresh_from_db()
    assert shipment.status == Shipment.Status.FAILED
    assert shipment.error_code == "NO_CARRIER"
    assert shipment.account is None
    assert shipment.needs_attention
    assert return_request.status == "NEEDS_REVIEW"
    assert sameday_bookings(sameday) == 0
