"""The inbox's overdue, reason-family and market filters, in the list and in the tab counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from saleor_returns_app.returns.catalogue import ensure_default_reasons
from saleor_returns_app.returns.models import (
    Market,
    ReturnLine,
    ReturnReason,
    ReturnRequest,
    StoreSettings,
)
from saleor_returns_app.returns.policy import ReasonFamily
from saleor_returns_app.returns.selectors import (
    ReturnRequestFilters,
    TabCount,
    filtered_returns,
    return_request_counts,
)
from saleor_returns_app.returns.status import Status
from saleor_returns_app.testing.factories import make_installation, make_return_request

pytestmark = pytest.mark.django_db


def _in_stage(installation, status: str, hours: float, **overrides) -> ReturnRequest:
    """A return that entered `status` `hours` ago."""
    return_request = make_return_request(installation, status=status, **overrides)
    entered = timezone.now() - timedelta(hours=hours)
    ReturnRequest.objects.filter(pk=return_request.pk).update(status_changed_at=entered)
    return return_request


def _rmas(installation, **filters) -> set[str]:
    found = filtered_returns(installation, ReturnRequestFilters(**filters), None)
    return set(found.values_list("rma", flat=True))


def _with_reasons(return_request: ReturnRequest, *codes: str) -> ReturnRequest:
    ReturnLine.objects.filter(return_request=return_request).update(reason_code=codes[0])
    for index, code in enumerate(codes[1:]):
        ReturnLine.objects.create(
            return_request=return_request,
            order_line_id=f"{return_request.rma}-{index}",
            quantity=1,
            unit_price="10.00",
            reason_code=code,
        )
    return return_request


@pytest.fixture
def store():
    return make_installation()


@pytest.fixture
def stuck(store) -> dict[str, ReturnRequest]:
    """Returns in several stages, under the default limits (requested 48 h, review 24 h,
    in transit 240 h)."""
    return {
        "requested_late": _in_stage(store, "REQUESTED", 50),
        "requested_fresh": _in_stage(store, "REQUESTED", 10),
        "review_late": _in_stage(store, "NEEDS_REVIEW", 30),
        "transit_fresh": _in_stage(store, "IN_TRANSIT", 200),
        "refunded_long_ago": _in_stage(store, "REFUNDED", 5000),
    }


def _names(stuck, rmas: set[str]) -> set[str]:
    return {name for name, r in stuck.items() if r.rma in rmas}


def test_overdue_lists_returns_past_the_limit_of_their_own_stage(store, stuck):
    assert _names(stuck, _rmas(store, overdue=True)) == {"requested_late", "review_late"}
    assert _names(stuck, _rmas(store, overdue=False)) == {
        "requested_fresh",
        "transit_fresh",
        "refunded_long_ago",
    }
    assert len(_rmas(store)) == 5


def test_overdue_follows_the_limits_the_store_saved(store, stuck):
    # requested returns have 5 hours; reviews have no limit
    StoreSettings.objects.create(installation=store, sla_hours={"REQUESTED": 5, "NEEDS_REVIEW": 0})

    assert _names(stuck, _rmas(store, overdue=True)) == {"requested_late", "requested_fresh"}


def test_with_no_limit_on_any_stage_nothing_is_overdue(store, stuck):
    StoreSettings.objects.create(
        installation=store, sla_hours={str(status): 0 for status in Status}
    )

    assert _rmas(store, overdue=True) == set()
    assert len(_rmas(store, overdue=False)) == 5


def test_overdue_narrows_the_tab_counts(store, stuck):
    counts = return_request_counts(installation=store, filters=ReturnRequestFilters(overdue=True))

    assert counts == {Status.REQUESTED: TabCount(1), Status.NEEDS_REVIEW: TabCount(1)}


def test_reason_family_lists_returns_with_a_line_of_that_family(store):
    ensure_default_reasons(installation=store)
    ReturnReason.objects.create(installation=store, code="SCRATCHED", family="CONTROLLABLE")
    too_small = _with_reasons(make_return_request(store), "TOO_SMALL")
    mixed = _with_reasons(make_return_request(store), "TOO_SMALL", "DAMAGED")
    own_reason = _with_reasons(make_return_request(store), "SCRATCHED")

    controllable = _rmas(store, reason_family=ReasonFamily.CONTROLLABLE)
    customer = _rmas(store, reason_family=ReasonFamily.CUSTOMER)

    assert controllable == {mixed.rma, own_reason.rma}
    assert customer == {too_small.rma, mixed.rma}
    counts = return_request_counts(
        installation=store, filters=ReturnRequestFilters(reason_family=ReasonFamily.CONTROLLABLE)
    )
    assert counts == {Status.REQUESTED: TabCount(2)}


def test_reason_family_follows_the_stores_catalogue_retired_reasons_included(store):
    # the store counts "changed mind" as its own fault, and retired "too large"
    ensure_default_reasons(installation=store)
    ReturnReason.objects.filter(installation=store, code="CHANGED_MIND").update(
        family="CONTROLLABLE"
    )
    ReturnReason.objects.filter(installation=store, code="TOO_LARGE").update(is_active=False)
    changed_mind = _with_reasons(make_return_request(store), "CHANGED_MIND")
    too_large = _with_reasons(make_return_request(store), "TOO_LARGE")

    assert _rmas(store, reason_family=ReasonFamily.CONTROLLABLE) == {changed_mind.rma}
    assert _rmas(store, reason_family=ReasonFamily.CUSTOMER) == {too_large.rma}


def test_a_store_without_a_catalogue_groups_reasons_as_the_defaults_do(store):
    damaged = _with_reasons(make_return_request(store), "DAMAGED")
    _with_reasons(make_return_request(store), "TOO_SMALL")

    assert _rmas(store, reason_family=ReasonFamily.CONTROLLABLE) == {damaged.rma}


def test_reason_family_without_any_reason_of_that_family_finds_nothing(store):
    ReturnReason.objects.create(installation=store, code="TOO_SMALL", family="CUSTOMER")
    make_return_request(store)

    assert _rmas(store, reason_family=ReasonFamily.CONTROLLABLE) == set()


def test_market_lists_that_markets_returns_and_an_unknown_market_none(store):
    romania = Market.objects.create(installation=store, name="Romania", currency="RON")
    poland = Market.objects.create(installation=store, name="Poland", currency="PLN")
    in_romania = make_return_request(store, market=romania)
    in_poland = make_return_request(store, market=poland, status="APPROVED")
    make_return_request(store)

    assert _rmas(store, market_id=romania.pk) == {in_romania.rma}
    assert _rmas(store, market_id=poland.pk + 1000) == set()
    counts = return_request_counts(
        installation=store, filters=ReturnRequestFilters(market_id=poland.pk)
    )
    assert counts == {Status.APPROVED: TabCount(1)}
    assert in_poland.rma in _rmas(store, market_id=poland.pk)


def test_filters_combine(store):
    romania = Market.objects.create(installation=store, name="Romania", currency="RON")
    wanted = _with_reasons(_in_stage(store, "REQUESTED", 72, market=romania), "DAMAGED")
    _with_reasons(_in_stage(store, "REQUESTED", 72), "DAMAGED")  # no market
    _with_reasons(_in_stage(store, "REQUESTED", 72, market=romania), "TOO_SMALL")
    _with_reasons(_in_stage(store, "REQUESTED", 1, market=romania), "DAMAGED")  # in time

    found = _rmas(
        store, overdue=True, market_id=romania.pk, reason_family=ReasonFamily.CONTROLLABLE
    )

    assert found == {wanted.rma}


def test_another_stores_returns_never_match(store):
    other = make_installation()
    market = Market.objects.create(installation=other, name="Romania", currency="RON")
    _in_stage(other, "REQUESTED", 100, market=market)

    assert _rmas(store, overdue=True) == set()
    assert _rmas(store, market_id=market.pk) == set()


def test_a_tab_past_the_cap_says_more_instead_of_counting_on(store):
    # More matching returns than are counted in one pass (2 caps of 2), most of them requested
    for _ in range(4):
        make_return_request(store)
    make_return_request(store, status="APPROVED")

    counts = return_request_counts(installation=store, filters=ReturnRequestFilters(), cap=2)

    assert counts == {
        Status.REQUESTED: TabCount(count=2, capped=True),
        Status.APPROVED: TabCount(count=1, capped=False),
    }


def test_a_filter_matching_few_returns_counts_them_exactly(store):
    for _ in range(3):
        make_return_request(store)
    make_return_request(store, status="APPROVED")

    counts = return_request_counts(installation=store, filters=ReturnRequestFilters(), cap=2)

    assert counts == {Status.REQUESTED: TabCount(3), Status.APPROVED: TabCount(1)}
