"""`returnRequests`: keyset pages over (created_at, id), in each sort order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from saleor_returns_app.returns.models import ReturnRequest
from saleor_returns_app.testing.factories import make_return_request

from .helpers import error_codes

LIST = """
query List($first: Int, $after: String, $sortBy: ReturnRequestSortField) {
  returnRequests(first: $first, after: $after, sortBy: $sortBy) {
    totalCount
    edges { cursor node { rma status } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
STATUSES = ["REQUESTED", "APPROVED", "REJECTED", "APPROVED", "NEEDS_REVIEW", "REQUESTED", "CLOSED"]


@pytest.fixture
def seven(installation) -> list[ReturnRequest]:
    """Seven returns an hour apart, except the 4th and 5th, created in the same instant."""
    created = []
    for index, status in enumerate(STATUSES):
        return_request = make_return_request(installation, status=status)
        at = START + timedelta(hours=min(index, 3) + max(index - 4, 0))
        ReturnRequest.objects.filter(pk=return_request.pk).update(created_at=at)
        return_request.refresh_from_db()
        created.append(return_request)
    return created


def _pages(api, token, sort_by, first=3):
    pages, after = [], None
    while True:
        variables = {"first": first, "after": after, "sortBy": sort_by}
        connection = api.call(LIST, variables, staff=token)["data"]["returnRequests"]
        pages.append(connection)
        if not connection["pageInfo"]["hasNextPage"]:
            return pages
        after = connection["pageInfo"]["endCursor"]


def _rmas(pages):
    return [edge["node"]["rma"] for page in pages for edge in page["edges"]]


def test_newest_first_pages_cover_every_return_once_in_order(api, staff_token, seven):
    # when staff page through seven returns three at a time (the default sort)
    pages = _pages(api, staff_token, None)
    # then three pages of 3, 3 and 1 hold every return once, newest first, ties by id
    assert [len(page["edges"]) for page in pages] == [3, 3, 1]
    expected = sorted(seven, key=lambda r: (r.created_at, r.pk), reverse=True)
    assert _rmas(pages) == [r.rma for r in expected]
    assert {page["totalCount"] for page in pages} == {7}


def test_oldest_first_is_the_reverse_order(api, staff_token, seven):
    pages = _pages(api, staff_token, "OLDEST")
    expected = sorted(seven, key=lambda r: (r.created_at, r.pk))
    assert _rmas(pages) == [r.rma for r in expected]


def test_by_status_groups_statuses_newest_first_within_each(api, staff_token, seven):
    pages = _pages(api, staff_token, "STATUS", first=2)
    expected = sorted(
        sorted(seven, key=lambda r: (r.created_at, r.pk), reverse=True), key=lambda r: r.status
    )
    assert _rmas(pages) == [r.rma for r in expected]


def test_a_return_created_while_paging_does_not_shift_the_next_page(
    api, staff_token, seven, installation
):
    # given the first page, newest first
    first = api.call(LIST, {"first": 3}, staff=staff_token)["data"]["returnRequests"]
    # when a new return arrives before the next page is read
    make_return_request(installation)
    after = first["pageInfo"]["endCursor"]
    second = api.call(LIST, {"first": 3, "after": after}, staff=staff_token)
    # then the next page continues where the first ended
    expected = sorted(seven, key=lambda r: (r.created_at, r.pk), reverse=True)[3:6]
    assert _rmas([second["data"]["returnRequests"]]) == [r.rma for r in expected]


def test_a_cursor_of_another_sort_order_is_refused(api, staff_token, seven):
    newest = api.call(LIST, {"first": 3}, staff=staff_token)["data"]["returnRequests"]
    after = newest["pageInfo"]["endCursor"]
    body = api.call(LIST, {"first": 3, "after": after, "sortBy": "OLDEST"}, staff=staff_token)
    assert error_codes(body) == ["INVALID_CURSOR"]


def test_a_forged_cursor_is_refused(api, staff_token, seven):
    body = api.call(LIST, {"first": 3, "after": "bm90LWEtY3Vyc29y"}, staff=staff_token)
    assert error_codes(body) == ["INVALID_CURSOR"]


@pytest.mark.parametrize("first", [0, 101])
def test_page_size_must_be_between_1_and_100(api, staff_token, installation, first):
    body = api.call(LIST, {"first": first}, staff=staff_token)
    assert error_codes(body) == ["INVALID_PAGINATION"]
