"""Shoppers are offered only the return methods a configured carrier can serve for them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from saleor_returns_app.carriers.base import ReturnMode
from saleor_returns_app.returns.policy import Method, RequestedLine, Resolution
from saleor_returns_app.returns.services import (
    CustomerProof,
    ProofKind,
    create_return_request,
    order_returnability,
)

from .conftest import SHOPPER, add_account, polish_order

pytestmark = pytest.mark.django_db(transaction=True)


def offered(shop, order) -> set[str]:
    returnability = order_returnability(
        installation=shop.installation,
        order_id=order["id"],
        customer=CustomerProof(ProofKind.GUEST, email=order["userEmail"]),
        now=datetime.now(UTC),
    )
    return {str(offer.method) for offer in returnability.returnability.methods}


def test_without_carrier_accounts_the_policy_alone_decides(shop):
    assert offered(shop, shop.order) == {m.value for m in Method}


def test_only_methods_of_a_carrier_serving_the_shoppers_country(shop, sameday):
    # given a store whose only carrier is Sameday (Romania), taking easybox returns
    add_account(shop.installation, "sameday", stub=sameday, modes=(ReturnMode.LOCKER,))

    # then a Romanian shopper may return to an easybox only, a Polish shopper not at all
    assert offered(shop, shop.order) == {"LOCKER"}
    assert offered(shop, polish_order(shop)) == set()


def test_a_method_no_carrier_serves_is_refused_with_the_field(shop, sameday):
    add_account(shop.installation, "sameday", stub=sameday, modes=(ReturnMode.LOCKER,))

    result = create_return_request(
        installation=shop.installation,
        order_id=shop.order["id"],
        lines=[
            RequestedLine(
                line_id=shop.order["lines"][0]["id"],
                quantity=1,
                reason_code="TOO_SMALL",
                comment="",
                photo_count=0,
            )
        ],
        method=Method.PICKUP,
        resolution=Resolution.REFUND,
        customer=CustomerProof(ProofKind.GUEST, email="stefan@example.ro"),
        actor=SHOPPER,
        now=datetime.now(UTC),
    )

    assert result.return_request is None
    assert [(e.field, str(e.code)) for e in result.errors] == [("method", "METHOD_NOT_ALLOWED")]
