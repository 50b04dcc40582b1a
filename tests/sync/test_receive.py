"""Staff receive a parcel: Saleor shows the items returned, restocked where chosen, and why."""

from __future__ import annotations

import pytest

from saleor_returns_app.returns.lifecycle import TransitionNotAllowed
from saleor_returns_app.returns.models import ReturnLine
from saleor_returns_app.returns.receiving import ReceivedLine
from saleor_returns_app.returns.services import cancel_return

from .conftest import INITIAL_STOCK
from .scenario import (
    SHOPPER,
    Kind,
    Status,
    create_return,
    line_of,
    operations,
    receive,
    timeline,
    wait_until_synced,
)

AS_NEW = ReturnLine.Condition.AS_NEW
DAMAGED = ReturnLine.Condition.DAMAGED


@pytest.mark.worker
def test_received_items_are_returned_in_saleor_and_only_restocked_lines_restocked(
    installation, shop, celery_worker
):
    # given an approved return of two M shirts and one L shirt
    return_request = create_return(installation, shop.order, {0: 2, 1: 1})
    stock_before = (shop.stock(0), shop.stock(1))
    warehouse = shop.warehouse["id"]
    # when staff receive both, restocking the M shirts and not the damaged L shirt
    result = receive(
        installation,
        return_request,
        [
            ReceivedLine(line_of(return_request, "CAM-M").pk, 2, AS_NEW, True, warehouse),
            ReceivedLine(line_of(return_request, "CAM-L").pk, 1, DAMAGED, False),
        ],
    )
    assert result.errors == ()
    ops = wait_until_synced(return_request, Kind.RESTOCK)
    # then Saleor shows one RETURNED fulfilment with the RMA as its reason
    assert {op.status for op in ops} == {Status.DONE}
    returned = [f for f in shop.fulfilments if f["status"] == "RETURNED"]
    assert len(returned) == 1
    assert return_request.rma in returned[0]["reason"]
    assert sorted(line["quantity"] for line in returned[0]["lines"]) == [1, 2]
    # and the emptied original fulfilment is gone, as on a live Saleor
    assert [f["status"] for f in shop.fulfilments] == ["RETURNED"]
    # and only the restocked line's stock grew
    assert (shop.stock(0), shop.stock(1)) == (stock_before[0] + 2, stock_before[1])
    assert stock_before[0] == INITIAL_STOCK - 2
    # and staff see a note and the summary on the Saleor order
    assert any(return_request.rma in note and "received" in note for note in shop.notes())
    assert shop.metadata()["returns.status"] == "RECEIVED"
    assert shop.metadata()["returns.open_count"] == "1"
    # and our timeline says what Saleor did
    assert {"RECEIVE", "SALEOR_RETURNED", "SALEOR_RESTOCKED"} <= set(timeline(return_request))


def test_more_than_requested_is_refused_with_the_field_and_nothing_changes(installation, shop):
    return_request = create_return(installation, shop.order, {0: 1})
    line = line_of(return_request, "CAM-M")
    result = receive(installation, return_request, [ReceivedLine(line.pk, 2, AS_NEW, False)])
    assert [(e.field, e.code) for e in result.errors] == [("lines.0.quantity", "QUANTITY_TOO_HIGH")]
    return_request.refresh_from_db()
    assert return_request.status == "APPROVED"
    assert not [op for op in operations(return_request) if op.kind == Kind.RETURN_PRODUCTS]


def test_restock_without_a_warehouse_is_refused(installation, shop):
    return_request = create_return(installation, shop.order, {0: 1})
    line = line_of(return_request, "CAM-M")
    result = receive(installation, return_request, [ReceivedLine(line.pk, 1, AS_NEW, True)])
    assert [(e.field, e.code) for e in result.errors] == [
        ("lines.0.warehouseId", "WAREHOUSE_REQUIRED")
    ]


def test_unknown_lines_and_lines_of_other_returns_are_refused(installation, shop):
    first = create_return(installation, shop.order, {0: 1})
    second = create_return(installation, shop.order, {1: 1})
    foreign = line_of(second, "CAM-L")
    result = receive(
        installation,
        first,
        [
            ReceivedLine(line_of(first, "CAM-M").pk, 1, AS_NEW, False),
            ReceivedLine(foreign.pk, 1, AS_NEW, False),
        ],
    )
    assert [(e.field, e.code) for e in result.errors] == [("lines.1.lineId", "UNKNOWN_LINE")]


def test_a_parcel_with_nothing_in_it_is_refused(installation, shop):
    return_request = create_return(installation, shop.order, {0: 1})
    line = line_of(return_request, "CAM-M")
    result = receive(
        installation,
        return_request,
        [ReceivedLine(line.pk, 0, ReturnLine.Condition.MISSING, False)],
    )
    assert [(e.field, e.code) for e in result.errors] == [("lines", "NOTHING_RECEIVED")]


def test_a_cancelled_return_cannot_be_received(installation, shop):
    return_request = create_return(installation, shop.order, {0: 1})
    cancel_return(installation=installation, return_request_id=return_request.pk, actor=SHOPPER)
    line = line_of(return_request, "CAM-M")
    with pytest.raises(TransitionNotAllowed):
        receive(installation, return_request, [ReceivedLine(line.pk, 1, AS_NEW, False)])
