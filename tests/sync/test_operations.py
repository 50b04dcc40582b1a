"""Planning, announcing, retrying and failing Saleor operations (run in this process)."""

from __future__ import annotations

import pytest

from saleor_returns_app.returns.models import ReturnEvent, ReturnLine
from saleor_returns_app.returns.receiving import ReceivedLine
from saleor_returns_app.returns.services import approve_return, cancel_return, reject_return
from saleor_returns_app.saleor.client import SaleorUnavailable
from saleor_returns_app.saleor_sync.announce import announce
from saleor_returns_app.saleor_sync.services import (
    retry_failed_operation,
    run_operation,
    stale_pending_operation_ids,
)

from .scenario import (
    STAFF,
    Kind,
    Status,
    create_return,
    line_of,
    operations,
    receive,
    run_pending_here,
)


def _kinds_and_keys(return_request):
    return [(op.kind, op.key) for op in operations(return_request)]


def test_a_return_for_review_then_approved_is_announced_twice(installation, shop, no_enqueue):
    # given a damaged item without a photo: the policy asks for a review
    return_request = create_return(installation, shop.order, {0: 1}, reason="DAMAGED")
    assert return_request.status == "NEEDS_REVIEW"
    # when staff approve it
    approve_return(installation=installation, return_request_id=return_request.pk, actor=STAFF)
    assert _kinds_and_keys(return_request) == [
        (Kind.NOTE, "CREATED"),
        (Kind.METADATA, "CREATED"),
        (Kind.NOTE, "APPROVE"),
        (Kind.METADATA, "APPROVE"),
    ]
    run_pending_here(return_request)
    # then Saleor shows both notes and the current status
    notes = [n for n in shop.notes() if return_request.rma in n]
    assert ["NEEDS_REVIEW" in notes[0], "approved" in notes[1]] == [True, True]
    assert shop.metadata() == {
        "returns.status": "APPROVED",
        "returns.latest_rma": return_request.rma,
        "returns.open_count": "1",
    }


def test_rejected_and_cancelled_returns_no_longer_count_as_open(installation, shop, no_enqueue):
    first = create_return(installation, shop.order, {0: 1}, reason="DAMAGED")
    second = create_return(installation, shop.order, {1: 1})
    reject_return(
        installation=installation, return_request_id=first.pk, actor=STAFF, reason="No photo"
    )
    run_pending_here(first)
    assert shop.metadata()["returns.open_count"] == "1"
    cancel_return(installation=installation, return_request_id=second.pk, actor=STAFF)
    run_pending_here(second)
    assert shop.metadata()["returns.open_count"] == "0"
    assert shop.metadata()["returns.status"] == "CANCELLED"
    assert any("rejected" in n and "No photo" in n for n in shop.notes())


def test_planning_the_same_announcement_twice_is_one_operation(installation, shop, no_enqueue):
    return_request = create_return(installation, shop.order, {0: 1})
    announce(return_request, event="APPROVE")
    announce(return_request, event="APPROVE")
    assert _kinds_and_keys(return_request).count((Kind.NOTE, "APPROVE")) == 1


def test_a_transient_fault_keeps_the_operation_pending_for_a_retry(
    installation, shop, saleor, no_enqueue
):
    return_request = create_return(installation, shop.order, {0: 1})
    (metadata,) = [op for op in operations(return_request) if op.kind == Kind.METADATA]
    saleor.fail_next(1, status=503)
    with pytest.raises(SaleorUnavailable):
        run_operation(metadata.pk)
    metadata.refresh_from_db()
    assert (metadata.status, metadata.attempts) == (Status.PENDING, 1)
    assert "503" in metadata.last_error
    run_operation(metadata.pk)
    metadata.refresh_from_db()
    assert metadata.status == Status.DONE
    assert shop.metadata()["returns.status"] == "APPROVED"


def test_a_refused_write_fails_visibly_on_the_timeline(installation, shop, no_enqueue):
    # given a restock into a warehouse Saleor does not know
    return_request = create_return(installation, shop.order, {0: 1})
    line = line_of(return_request, "CAM-M")
    receive(
        installation,
        return_request,
        [ReceivedLine(line.pk, 1, ReturnLine.Condition.AS_NEW, True, "V2FyZWhvdXNlOm5vbmU=")],
    )
    ops = run_pending_here(return_request)
    (restock,) = [op for op in ops if op.kind == Kind.RESTOCK]
    assert restock.status == Status.FAILED
    assert "ProductVariantStocksUpdate" in restock.last_error
    failed = return_request.events.get(type="SALEOR_SYNC_FAILED")
    assert (failed.actor, failed.data["operation"]) == (ReturnEvent.Actor.SYSTEM, "RESTOCK")


@pytest.mark.parametrize("granted_permissions", [["MANAGE_ORDERS", "MANAGE_GIFT_CARD"]])
def test_staff_retry_a_failed_restock_once_the_permission_is_granted(
    installation, installed, shop, no_enqueue
):
    # given an installer who withheld MANAGE_PRODUCTS: the restock is refused
    return_request = create_return(installation, shop.order, {0: 1})
    line = line_of(return_request, "CAM-M")
    warehouse = shop.warehouse["id"]
    receive(
        installation,
        return_request,
        [ReceivedLine(line.pk, 1, ReturnLine.Condition.AS_NEW, True, warehouse)],
    )
    (restock,) = [op for op in run_pending_here(return_request) if op.kind == Kind.RESTOCK]
    assert restock.status == Status.FAILED
    assert shop.stock(0) == 8
    # when the shop sells one more meanwhile, grants the permission, and staff retry
    shop.saleor.store.set_stock(shop.order["lines"][0]["variant"], shop.warehouse, 7)
    installed.app["_permissions"].add("MANAGE_PRODUCTS")
    assert retry_failed_operation(installation_id=installation.pk, operation_id=restock.pk)
    run_pending_here(return_request)
    # then the unit is back on sale on top of today's stock, not of the stale one
    restock.refresh_from_db()
    assert restock.status == Status.DONE
    assert shop.stock(0) == 8
    assert not retry_failed_operation(installation_id=installation.pk, operation_id=restock.pk)


def test_the_sweeper_finds_operations_left_pending(installation, shop, no_enqueue, settings):
    return_request = create_return(installation, shop.order, {0: 1})
    settings.SALEOR_SYNC_REDELIVERY_AFTER = 0
    pending = {op.pk for op in operations(return_request)}
    assert pending <= set(stale_pending_operation_ids())
    run_pending_here(return_request)
    assert not pending & set(stale_pending_operation_ids())
