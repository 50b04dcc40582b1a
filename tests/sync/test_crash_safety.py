"""A worker dies after Saleor applied a write but before our commit: the retry does not redo it.

The crash is simulated in this process: the step that records Saleor's answer raises a
BaseException once (as a killed worker, it escapes every `except Exception`), so the
transaction rolls back and the operation stays pending, while Saleor already changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest

from saleor_returns_app.returns.models import ReturnLine
from saleor_returns_app.returns.policy import Resolution
from saleor_returns_app.returns.receiving import ReceivedLine
from saleor_returns_app.saleor_sync import services
from saleor_returns_app.saleor_sync.services import run_operation

from .scenario import (
    Kind,
    Status,
    create_return,
    line_of,
    operations,
    receive,
    refund,
    run_pending_here,
)

AS_NEW = ReturnLine.Condition.AS_NEW


class WorkerKilled(BaseException):
    """Stands for SIGKILL between Saleor's answer and our COMMIT."""


@contextmanager
def crash_before_commit(monkeypatch) -> Iterator[None]:
    def killed(_operation, _outcome):
        raise WorkerKilled

    # Its own patch context: undoing it must not undo the test's others (e.g. `no_enqueue`).
    with monkeypatch.context() as patched:
        patched.setattr(services, "_mark_done", killed)
        yield


def _op(return_request, kind):
    (operation,) = [op for op in operations(return_request) if op.kind == kind]
    return operation


def _crash_then_retry(monkeypatch, return_request, kind):
    """Run `kind` with a crash after Saleor's answer, then again; the operation as stored."""
    operation = _op(return_request, kind)
    with crash_before_commit(monkeypatch), pytest.raises(WorkerKilled):
        run_operation(operation.pk)
    operation.refresh_from_db()
    assert operation.status == Status.PENDING  # nothing of the first attempt was committed
    run_operation(operation.pk)
    operation.refresh_from_db()
    assert operation.status == Status.DONE
    return operation


def _received(installation, shop, *, restock=False, resolution=Resolution.REFUND):
    return_request = create_return(installation, shop.order, {0: 2}, resolution=resolution)
    line = line_of(return_request, "CAM-M")
    warehouse = shop.warehouse["id"] if restock else ""
    receive(installation, return_request, [ReceivedLine(line.pk, 2, AS_NEW, restock, warehouse)])
    return return_request


def test_returned_products_are_found_not_returned_twice(
    installation, shop, no_enqueue, monkeypatch
):
    return_request = _received(installation, shop, restock=True)
    operation = _crash_then_retry(monkeypatch, return_request, Kind.RETURN_PRODUCTS)
    assert operation.result["found"] is True
    assert [f["status"] for f in shop.fulfilments].count("RETURNED") == 1
    # and the restock that follows the return is planned once
    assert [op.kind for op in operations(return_request)].count(Kind.RESTOCK) == 1


def test_a_restock_resends_its_stored_target_and_never_adds_twice(
    installation, shop, no_enqueue, monkeypatch
):
    return_request = _received(installation, shop, restock=True)
    run_operation(_op(return_request, Kind.RETURN_PRODUCTS).pk)
    before = shop.stock(0)
    operation = _crash_then_retry(monkeypatch, return_request, Kind.RESTOCK)
    assert shop.stock(0) == before + 2
    assert operation.result == {
        "variant_id": shop.order["lines"][0]["variant"]["id"],
        "warehouse_id": shop.warehouse["id"],
        "base": before,
        "target": before + 2,
    }


def test_a_granted_refund_is_found_not_granted_twice(installation, shop, no_enqueue, monkeypatch):
    return_request = _received(installation, shop)
    refund(installation, return_request)
    operation = _crash_then_retry(monkeypatch, return_request, Kind.GRANT_REFUND)
    assert operation.result["found"] is True
    assert len(shop.saleor.store.granted_refunds(shop.order)) == 1
    assert [op.kind for op in operations(return_request)].count(Kind.REQUEST_REFUND) == 1


def test_a_refund_request_is_sent_once(installation, shop, no_enqueue, monkeypatch):
    return_request = _received(installation, shop)
    refund(installation, return_request)
    run_operation(_op(return_request, Kind.GRANT_REFUND).pk)
    operation = _crash_then_retry(monkeypatch, return_request, Kind.REQUEST_REFUND)
    assert operation.result["found"] is True
    assert len(shop.saleor.store.refund_requests) == 1
    (granted,) = shop.saleor.store.granted_refunds(shop.order)
    assert Decimal(str(granted["amount"]["amount"])) == Decimal("400.00")


def test_a_gift_card_is_found_not_issued_twice(installation, shop, no_enqueue, monkeypatch):
    return_request = _received(installation, shop, resolution=Resolution.STORE_CREDIT)
    refund(installation, return_request)
    operation = _crash_then_retry(monkeypatch, return_request, Kind.GIFT_CARD)
    assert operation.result["found"] is True
    assert len(shop.saleor.store.gift_cards_for("stefan@example.ro")) == 1


def test_a_note_is_found_not_added_twice(installation, shop, no_enqueue, monkeypatch):
    return_request = create_return(installation, shop.order, {0: 1})
    _crash_then_retry(monkeypatch, return_request, Kind.NOTE)
    assert len([n for n in shop.notes() if return_request.rma in n]) == 1


def test_everything_retried_after_a_crash_leaves_saleor_as_one_clean_run(
    installation, shop, no_enqueue, monkeypatch
):
    # given a return whose every operation crashed once after Saleor applied it
    return_request = _received(installation, shop, restock=True)
    refund(installation, return_request)
    for kind in (Kind.RETURN_PRODUCTS, Kind.RESTOCK, Kind.GRANT_REFUND, Kind.REQUEST_REFUND):
        _crash_then_retry(monkeypatch, return_request, kind)
    run_pending_here(return_request)
    # then Saleor shows each effect once
    # (the L shirt was not returned: its original fulfilment stays)
    assert [f["status"] for f in shop.fulfilments] == ["FULFILLED", "RETURNED"]
    assert len(shop.saleor.store.granted_refunds(shop.order)) == 1
    assert len(shop.saleor.store.refund_requests) == 1
    assert shop.stock(0) == 10  # 10 on hand, 2 shipped, 2 restocked
