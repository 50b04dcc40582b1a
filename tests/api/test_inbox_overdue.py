"""The inbox's new filters and overdue markers through the GraphQL API."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from saleor_returns_app.api import types
from saleor_returns_app.api.ids import global_id
from saleor_returns_app.returns.models import Market, ReturnLine, ReturnRequest, StoreSettings
from saleor_returns_app.testing.factories import make_installation, make_return_request

from .helpers import error_codes

LIST = """
query List($filter: ReturnRequestFilterInput) {
  returnRequests(first: 50, filter: $filter) {
    totalCount
    edges { node { rma statusChangedAt dueAt isOverdue market { id name } } }
  }
}
"""
COUNTS = """
query Counts($filter: ReturnRequestFilterInput) {
  returnRequestCounts(filter: $filter) { status count }
}
"""


def _in_stage(installation, status: str, hours: float, **overrides) -> ReturnRequest:
    return_request = make_return_request(installation, status=status, **overrides)
    entered = timezone.now() - timedelta(hours=hours)
    ReturnRequest.objects.filter(pk=return_request.pk).update(status_changed_at=entered)
    return ReturnRequest.objects.get(pk=return_request.pk)


def _nodes(body: dict) -> dict[str, dict]:
    assert "errors" not in body, body
    return {edge["node"]["rma"]: edge["node"] for edge in body["data"]["returnRequests"]["edges"]}


@pytest.fixture
def romania(installation) -> Market:
    return Market.objects.create(installation=installation, name="Romania", currency="RON")


def test_staff_see_when_a_return_entered_its_status_and_whether_it_is_overdue(
    api, staff_token, installation, romania
):
    late = _in_stage(installation, "REQUESTED", 50, market=romania)
    fresh = _in_stage(installation, "REQUESTED", 2)
    travelling = _in_stage(installation, "IN_TRANSIT", 30)
    StoreSettings.objects.create(installation=installation, sla_hours={"IN_TRANSIT": 0})

    nodes = _nodes(api.call(LIST, staff=staff_token))

    assert nodes[late.rma]["isOverdue"] is True
    entered = datetime.fromisoformat(nodes[late.rma]["statusChangedAt"])
    assert entered == late.status_changed_at
    assert datetime.fromisoformat(nodes[late.rma]["dueAt"]) == entered + timedelta(hours=48)
    assert nodes[late.rma]["market"] == {"id": global_id("Market", romania.pk), "name": "Romania"}
    assert nodes[fresh.rma]["isOverdue"] is False
    assert nodes[fresh.rma]["market"] is None
    # a stage the store set no limit for is never due
    assert nodes[travelling.rma]["isOverdue"] is False
    assert nodes[travelling.rma]["dueAt"] is None


def test_the_stores_limits_are_read_once_per_request(api, staff_token, installation, monkeypatch):
    for _ in range(5):
        _in_stage(installation, "REQUESTED", 50)
    reads = []
    real = types.settings_of
    monkeypatch.setattr(types, "settings_of", lambda store: reads.append(store) or real(store))

    nodes = _nodes(api.call(LIST, staff=staff_token))

    assert [node["isOverdue"] for node in nodes.values()] == [True] * 5
    assert len(reads) == 1


def test_overdue_reason_family_and_market_filter_the_list_and_the_counts(
    api, staff_token, installation, romania
):
    late = _in_stage(installation, "REQUESTED", 50, market=romania)
    _in_stage(installation, "REQUESTED", 2, market=romania)
    damaged = _in_stage(installation, "APPROVED", 1)
    ReturnLine.objects.filter(return_request=damaged).update(reason_code="DAMAGED")
    market_id = global_id("Market", romania.pk)

    def listed(filter: dict) -> set[str]:
        return set(_nodes(api.call(LIST, {"filter": filter}, staff=staff_token)))

    assert listed({"overdue": True}) == {late.rma}
    assert len(listed({"overdue": False})) == 2
    assert listed({"reasonFamily": "CONTROLLABLE"}) == {damaged.rma}
    assert len(listed({"reasonFamily": "CUSTOMER"})) == 2
    assert len(listed({"marketId": market_id})) == 2
    assert listed({"marketId": market_id, "overdue": True, "reasonFamily": "CUSTOMER"}) == {
        late.rma
    }
    body = api.call(COUNTS, {"filter": {"overdue": True}}, staff=staff_token)
    counts = {row["status"]: row["count"] for row in body["data"]["returnRequestCounts"]}
    assert counts["REQUESTED"] == 1
    assert sum(counts.values()) == 1


def test_another_stores_market_matches_nothing_and_a_malformed_id_is_refused(
    api, staff_token, installation
):
    make_return_request(installation)
    elsewhere = Market.objects.create(installation=make_installation(), name="X", currency="RON")

    other_store = api.call(
        LIST, {"filter": {"marketId": global_id("Market", elsewhere.pk)}}, staff=staff_token
    )
    malformed = api.call(LIST, {"filter": {"marketId": "not-an-id"}}, staff=staff_token)
    not_a_market = api.call(
        COUNTS, {"filter": {"marketId": global_id("ReturnRequest", 1)}}, staff=staff_token
    )

    assert other_store["data"]["returnRequests"]["totalCount"] == 0
    assert error_codes(malformed) == ["INVALID"]
    assert "marketId" in malformed["errors"][0]["message"]
    assert error_codes(not_a_market) == ["INVALID"]


def test_shoppers_see_no_overdue_markers_nor_markets(api, saleor, installation, romania):
    _in_stage(installation, "REQUESTED", 500, market=romania, customer_email="ana@example.com")
    token = saleor.mint_shopper_token(email="ana@example.com")

    node = next(iter(_nodes(api.call(LIST, shopper=token)).values()))
    refused = api.call(LIST, {"filter": {"overdue": True}}, shopper=token)

    assert node["statusChangedAt"]
    assert (node["isOverdue"], node["dueAt"], node["market"]) == (False, None, None)
    assert error_codes(refused) == ["PERMISSION_DENIED"]
