"""`returnRequests(filter: ...)`: each filter of the staff inbox, on its own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from saleor_returns_app.returns.models import ReturnLine, ReturnRequest
from saleor_returns_app.testing.factories import make_return_request

LIST = """
query List($filter: ReturnRequestFilterInput) {
  returnRequests(first: 100, filter: $filter) { totalCount edges { node { rma } } }
}
"""


@pytest.fixture
def returns(installation) -> dict[str, ReturnRequest]:
    made = {
        "ana": make_return_request(
            installation,
            customer_email="Ana@Example.com",
            order_number="1501",
            order_id="T3JkZXI6YW5h",
            status="APPROVED",
            method="PICKUP",
        ),
        "bob": make_return_request(installation, customer_email="bob@example.com"),
        "cid": make_return_request(installation, customer_email="cid@example.com"),
    }
    ReturnLine.objects.filter(return_request=made["bob"]).update(reason_code="DAMAGED")
    for name, day in (("ana", 1), ("bob", 10), ("cid", 20)):
        at = datetime(2026, 11, day, 12, 0, tzinfo=UTC)
        ReturnRequest.objects.filter(pk=made[name].pk).update(created_at=at)
    return made


def _found(api, token, returns, filter):
    body = api.call(LIST, {"filter": filter}, staff=token)
    connection = body["data"]["returnRequests"]
    by_rma = {r.rma: name for name, r in returns.items()}
    names = sorted(by_rma[edge["node"]["rma"]] for edge in connection["edges"])
    assert connection["totalCount"] == len(names)
    return names


@pytest.mark.parametrize(
    ("filter", "expected"),
    [
        ({"status": ["APPROVED"]}, ["ana"]),
        ({"status": ["APPROVED", "REQUESTED"]}, ["ana", "bob", "cid"]),
        ({"search": "ana@example.COM"}, ["ana"]),
        ({"search": "#1501"}, ["ana"]),
        ({"createdAfter": "2026-11-10T12:00:00+00:00"}, ["bob", "cid"]),
        ({"createdBefore": "2026-11-10T12:00:00+00:00"}, ["ana"]),
        ({"reason": "DAMAGED"}, ["bob"]),
        ({"method": "PICKUP"}, ["ana"]),
        ({"carrier": "dpd"}, []),
        ({"orderId": "T3JkZXI6YW5h"}, ["ana"]),
        ({"customerEmail": "BOB@example.com"}, ["bob"]),
        ({"status": ["REQUESTED"], "createdAfter": "2026-11-15T00:00:00+00:00"}, ["cid"]),
    ],
    ids=lambda value: str(value),
)
def test_filter(api, staff_token, returns, filter, expected):
    assert _found(api, staff_token, returns, filter) == expected


def test_search_finds_a_return_by_its_rma(api, staff_token, returns):
    rma = returns["cid"].rma
    assert _found(api, staff_token, returns, {"search": rma.lower()}) == ["cid"]
