"""The inbox's tabs: `returnRequestCounts`, and search by a parcel's tracking number."""

from __future__ import annotations

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.shipping.models import Shipment
from saleor_returns_app.testing.factories import make_return_request

COUNTS = """
query Counts($filter: ReturnRequestFilterInput) {
  returnRequestCounts(filter: $filter) { status count }
}
"""
LIST = """
query List($filter: ReturnRequestFilterInput) {
  returnRequests(first: 10, filter: $filter) { edges { node { rma } } }
}
"""


def _counts(api, token, filter=None) -> dict[str, int]:
    body = api.call(COUNTS, {"filter": filter}, staff=token)
    return {row["status"]: row["count"] for row in body["data"]["returnRequestCounts"]}


def test_counts_per_status_follow_the_filter_but_not_its_status(
    api, staff_token, installation, other_saleor, manifest_url
):
    other_saleor.install_app(manifest_url)
    other_installation = Installation.objects.get(saleor_api_url=other_saleor.api_url)
    make_return_request(installation, status="APPROVED", method="PICKUP")
    make_return_request(installation, status="APPROVED")
    make_return_request(installation, status="NEEDS_REVIEW")
    make_return_request(other_installation, status="APPROVED")

    counts = _counts(api, staff_token, {"status": ["CLOSED"]})
    by_pickup = _counts(api, staff_token, {"method": "PICKUP"})

    # every status is listed, zeros included; another store's returns are not counted
    assert counts["APPROVED"] == 2
    assert counts["NEEDS_REVIEW"] == 1
    assert counts["CLOSED"] == 0
    assert len(counts) == 13
    assert by_pickup["APPROVED"] == 1
    assert by_pickup["NEEDS_REVIEW"] == 0


def test_counts_are_for_staff_only(api, saleor, installed):
    shopper = saleor.mint_shopper_token(email="stefan@example.ro")

    body = api.call(COUNTS, shopper=shopper)

    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


def test_search_finds_a_return_by_its_tracking_number(api, staff_token, installation):
    shipped = make_return_request(installation, status="IN_TRANSIT")
    make_return_request(installation, status="IN_TRANSIT")
    Shipment.objects.create(
        installation=installation,
        return_request=shipped,
        carrier="self",
        mode="SELF_SHIP",
        status=Shipment.Status.BOOKED,
        idempotency_key=f"{shipped.rma}/1",
        tracking_number="RR123456789RO",
    )

    body = api.call(LIST, {"filter": {"search": "RR123456789RO"}}, staff=staff_token)

    assert [e["node"]["rma"] for e in body["data"]["returnRequests"]["edges"]] == [shipped.rma]
