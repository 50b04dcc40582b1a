"""The inbox's downloads over HTTP: the CSV export and the merged labels PDF, with the
Dashboard token of a MANAGE_ORDERS staff member."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from saleor_returns_app.api.ids import global_id
from saleor_returns_app.carriers.labels import LabelAddress, ReturnLabel, render_label_pdf
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns import export
from saleor_returns_app.returns.models import Market, ReturnLine, ReturnRequest
from saleor_returns_app.returns.selectors import ReturnRequestFilters
from saleor_returns_app.shipping.models import Shipment
from saleor_returns_app.testing.factories import make_return_request

pytestmark = pytest.mark.django_db(transaction=True)

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WAREHOUSE = LabelAddress(
    name="Depozit Cluj",
    street_lines=("Str. Fabricii 1",),
    postal_code="400000",
    city="Cluj-Napoca",
    country_code="RO",
)


# --- helpers -------------------------------------------------------------------------------


@pytest.fixture
def staff_token(saleor, installed) -> str:
    return saleor.mint_dashboard_token(installed, user_permissions=("MANAGE_ORDERS",))


@pytest.fixture
def other_store(other_saleor, manifest_url) -> Installation:
    other_saleor.install_app(manifest_url)
    return Installation.objects.get(saleor_api_url=other_saleor.api_url)


def _headers(saleor, token: str | None) -> dict[str, str]:
    headers = {"Saleor-Api-Url": saleor.api_url}
    if token:
        headers["Authorization-Bearer"] = token
    return headers


def get_csv(live_server, saleor, token: str | None, params=None) -> requests.Response:
    return requests.get(
        f"{live_server.url}/api/returns/export.csv",
        params=params or {},
        headers=_headers(saleor, token),
        timeout=30,
    )


def post_labels(live_server, saleor, token: str | None, body) -> requests.Response:
    return requests.post(
        f"{live_server.url}/api/labels/merged",
        json=body,
        headers=_headers(saleor, token),
        timeout=30,
    )


def rows_of(response: requests.Response) -> list[list[str]]:
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def make_return(installation, *, created_at=None, reasons=(), **overrides) -> ReturnRequest:
    return_request = make_return_request(installation, **overrides)
    if created_at is not None:
        ReturnRequest.objects.filter(pk=return_request.pk).update(created_at=created_at)
    for index, code in enumerate(reasons):
        line = return_request.lines.first()
        if index == 0:
            ReturnLine.objects.filter(pk=line.pk).update(reason_code=code)
        else:
            ReturnLine.objects.create(
                return_request=return_request,
                order_line_id=f"{line.order_line_id}-{index}",
                quantity=1,
                unit_price="10.00",
                reason_code=code,
            )
    return_request.refresh_from_db()
    return return_request


def label_pdf(rma: str, pages: int = 1) -> bytes:
    page = render_label_pdf(
        ReturnLabel(
            rma=rma,
            order_number="1001",
            tracking_url=f"https://track.example/{rma}",
            return_to=WAREHOUSE,
            sender=WAREHOUSE,
        )
    )
    if pages == 1:
        return page
    writer = PdfWriter()
    for _ in range(pages):
        writer.append(PdfReader(io.BytesIO(page)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def ship(
    return_request: ReturnRequest,
    *,
    content: bytes | None = None,
    label_format: str = "PDF_A6",
    status: str = Shipment.Status.BOOKED,
    attempt: int = 1,
    carrier: str = "self",
    tracking_number: str = "",
) -> Shipment:
    """A shipment of the return with a real stored label (`content`), or none."""
    path = ""
    if content is not None:
        extension = "zpl" if label_format == "ZPL" else "pdf"
        path = default_storage.save(
            f"labels/{return_request.installation_id}/{return_request.rma}/"
            f"{attempt}-label.{extension}",
            ContentFile(content),
        )
    return Shipment.objects.create(
        installation_id=return_request.installation_id,
        return_request=return_request,
        attempt=attempt,
        carrier=carrier,
        mode="SELF_SHIP",
        status=status,
        idempotency_key=f"{return_request.rma}/{attempt}",
        label_format=label_format if content is not None else "",
        label_file=path,
        tracking_number=tracking_number,
    )


def gid(return_request: ReturnRequest) -> str:
    return global_id("ReturnRequest", return_request.pk)


# --- authorisation -------------------------------------------------------------------------


def test_both_downloads_need_a_dashboard_token_with_manage_orders(
    live_server, saleor, installed, installation
):
    return_request = make_return(installation)
    no_orders = saleor.mint_dashboard_token(installed, user_permissions=("MANAGE_PRODUCTS",))

    for token, status in ((None, 401), ("not-a-token", 401), (no_orders, 403)):
        exported = get_csv(live_server, saleor, token)
        printed = post_labels(live_server, saleor, token, {"ids": [gid(return_request)]})
        for response in (exported, printed):
            assert response.status_code == status, response.text
            assert response.json()["success"] is False
            assert return_request.rma not in response.text


def test_a_shopper_token_is_not_enough(live_server, saleor, installed, installation):
    make_return(installation)
    shopper = saleor.mint_shopper_token(email="ana@example.ro")
    response = requests.get(
        f"{live_server.url}/api/returns/export.csv",
        headers={"Saleor-Api-Url": saleor.api_url, "Authorization": f"Bearer {shopper}"},
        timeout=30,
    )
    assert response.status_code == 401


# --- CSV -----------------------------------------------------------------------------------


def test_the_csv_lists_the_stores_returns_newest_first_with_a_bom_and_a_header(
    live_server, saleor, staff_token, installation, other_store
):
    # Given two returns of this store (one shipped, refunded, with two reasons) and one of another
    older = make_return(
        installation,
        created_at=START,
        reasons=("TOO_SMALL", "DAMAGED", "TOO_SMALL"),
        order_number="Ștefănescu-1001",
        status="REFUNDED",
        method="LOCKER",
        items_value="149.9",
        refund_amount="134.9",
        received_at=START + timedelta(days=3),
        resolved_at=START + timedelta(days=4),
    )
    ship(older, carrier="sameday", tracking_number="1ONB24098765")
    newer = make_return(installation, created_at=START + timedelta(hours=1))
    theirs = make_return(
        other_store, created_at=START + timedelta(hours=2), customer_email="their@shop.example"
    )

    # When staff export every return
    response = get_csv(live_server, saleor, staff_token)

    # Then the CSV is a UTF-8 download with a BOM, the header, and this store's returns only
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="returns-')
    assert "no-store" in response.headers["Cache-Control"]
    rows = rows_of(response)
    assert rows[0] == list(export.HEADER)
    assert [row[0] for row in rows[1:]] == [newer.rma, older.rma]
    # (RMAs are numbered per store: the other store's is told apart by its email)
    assert theirs.customer_email not in response.content.decode("utf-8-sig")
    assert rows[2] == [
        older.rma,
        "Ștefănescu-1001",
        older.customer_email,
        "REFUNDED",
        "LOCKER",
        "REFUND",
        "RON",
        "149.90",
        "134.90",
        "TOO_SMALL; DAMAGED",
        "sameday",
        "1ONB24098765",
        START.isoformat(),
        (START + timedelta(days=3)).isoformat(),
        (START + timedelta(days=4)).isoformat(),
    ]
    # ...without a shipment or an outcome, those cells are empty
    assert rows[1][10:12] == ["", ""]
    assert rows[1][13:] == ["", ""]


def test_the_csv_honours_the_inbox_filters(
    live_server, saleor, staff_token, installation, other_store
):
    requested = make_return(installation, status="REQUESTED", created_at=START, method="LOCKER")
    review = make_return(
        installation,
        status="NEEDS_REVIEW",
        created_at=START + timedelta(days=1),
        reasons=("DAMAGED",),
    )
    approved = make_return(installation, status="APPROVED", created_at=START + timedelta(days=2))
    ship(approved, carrier="sameday", tracking_number="AWB-777")
    make_return(other_store, status="REQUESTED", created_at=START)

    def rmas(**params) -> list[str]:
        response = get_csv(live_server, saleor, staff_token, params)
        assert response.status_code == 200, response.text
        return [row[0] for row in rows_of(response)[1:]]

    assert rmas(status=["REQUESTED", "NEEDS_REVIEW"]) == [review.rma, requested.rma]
    assert rmas(method="LOCKER") == [requested.rma]
    assert rmas(reason="DAMAGED") == [review.rma]
    assert rmas(carrier="sameday") == [approved.rma]
    assert rmas(search="AWB-777") == [approved.rma]
    assert rmas(search=requested.rma.lower()) == [requested.rma]
    assert rmas(
        createdAfter=(START + timedelta(days=1)).isoformat(),
        createdBefore=(START + timedelta(days=2)).isoformat().replace("+00:00", "Z"),
    ) == [review.rma]
    assert rmas(status="REFUNDED") == []


def test_the_csv_honours_the_overdue_reason_family_and_market_filters(
    live_server, saleor, staff_token, installation, other_store
):
    romania = Market.objects.create(installation=installation, name="Romania", currency="RON")
    late = make_return(installation, status="REQUESTED", created_at=START, market=romania)
    ReturnRequest.objects.filter(pk=late.pk).update(
        status_changed_at=timezone.now() - timedelta(days=3)
    )
    damaged = make_return(
        installation,
        created_at=START + timedelta(days=1),
        reasons=("TOO_SMALL", "DAMAGED"),
        market=romania,
    )
    elsewhere = make_return(installation, created_at=START + timedelta(days=2))
    make_return(other_store, status="REQUESTED", created_at=START)

    def rmas(**params) -> list[str]:
        response = get_csv(live_server, saleor, staff_token, params)
        assert response.status_code == 200, response.text
        return [row[0] for row in rows_of(response)[1:]]

    market_id = global_id("Market", romania.pk)
    assert rmas(overdue="true") == [late.rma]
    assert rmas(overdue="false") == [elsewhere.rma, damaged.rma]
    assert rmas(reasonFamily="CONTROLLABLE") == [damaged.rma]
    assert rmas(reasonFamily="CUSTOMER") == [elsewhere.rma, damaged.rma, late.rma]
    assert rmas(marketId=market_id) == [damaged.rma, late.rma]
    assert rmas(marketId=market_id, overdue="true", reasonFamily="CONTROLLABLE") == []
    assert rmas(marketId=global_id("Market", romania.pk + 1000)) == []


@pytest.mark.parametrize(
    "params",
    [
        {"status": "LOST"},
        {"method": "PIGEON"},
        {"createdAfter": "yesterday"},
        {"createdBefore": "2026-03-01T00:00:00"},
        {"reasonFamily": "WEATHER"},
        {"overdue": "yes"},
        {"marketId": "Romania"},
        {"marketId": global_id("ReturnRequest", 1)},
    ],
)
def test_an_invalid_filter_is_refused(live_server, saleor, staff_token, installed, params):
    response = get_csv(live_server, saleor, staff_token, params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "INVALID_FILTER"


def test_values_a_spreadsheet_would_run_as_formulas_are_neutralised(
    live_server, saleor, staff_token, installation
):
    attack = make_return(
        installation,
        order_number='=HYPERLINK("http://evil.example","1001")',
        customer_email="+40722@example.ro",
        reasons=("-2+3", "@SUM(A1:A9)"),
    )
    ship(attack, carrier="=cmd", tracking_number="@tracking")

    rows = rows_of(get_csv(live_server, saleor, staff_token))

    row = rows[1]
    assert row[1] == '\'=HYPERLINK("http://evil.example","1001")'
    assert row[2] == "'+40722@example.ro"
    assert row[9] == "'-2+3; @SUM(A1:A9)"
    assert row[10:12] == ["'=cmd", "'@tracking"]
    assert row[0] == attack.rma  # ordinary values are left alone


def test_the_export_pages_through_every_return_once(installation):
    # Ties on created_at across page boundaries: the keyset goes on (created_at, id).
    returns = [
        make_return(installation, created_at=START + timedelta(hours=i // 3)) for i in range(7)
    ]
    expected = [r.rma for r in sorted(returns, key=lambda r: (r.created_at, r.pk), reverse=True)]

    pages = list(export.returns_for_export(installation, ReturnRequestFilters(), page_size=2))
    chunks = list(export.csv_chunks(installation, ReturnRequestFilters(), page_size=2))

    assert [len(page) for page in pages] == [2, 2, 2, 1]
    assert [r.rma for page in pages for r in page] == expected
    assert len(chunks) == 1 + len(pages)
    text = b"".join(chunks).decode("utf-8-sig")
    assert [row[0] for row in csv.reader(io.StringIO(text))][1:] == expected


def test_neutralise():
    assert [export.neutralise(v) for v in ("=1", "+1", "-1", "@a", "\t=1", "a=1", "")] == [
        "'=1",
        "'+1",
        "'-1",
        "'@a",
        "'\t=1",
        "a=1",
        "",
    ]


# --- merged labels -------------------------------------------------------------------------


def test_printing_merges_the_pdf_labels_in_order_and_names_the_skipped(
    live_server, saleor, staff_token, installation, other_store
):
    # Given returns with a one-page label, a two-page label, a ZPL label, no shipment, a
    # cancelled shipment whose replacement is booked, and a cancelled one with no other
    first = make_return(installation, status="LABEL_ISSUED")
    ship(first, content=label_pdf(first.rma))
    two_pages = make_return(installation, status="LABEL_ISSUED")
    ship(two_pages, content=label_pdf(two_pages.rma, pages=2), label_format="PDF_A4")
    thermal = make_return(installation, status="LABEL_ISSUED")
    ship(thermal, content=b"^XA^FDR^FS^XZ", label_format="ZPL")
    unshipped = make_return(installation, status="APPROVED")
    rebooked = make_return(installation, status="LABEL_ISSUED")
    ship(rebooked, content=label_pdf("OLD-LABEL"), status=Shipment.Status.CANCELLED)
    ship(rebooked, content=label_pdf(rebooked.rma), attempt=2)
    cancelled = make_return(installation, status="APPROVED")
    ship(cancelled, content=label_pdf(cancelled.rma), status=Shipment.Status.CANCELLED)
    theirs = make_return(other_store, status="LABEL_ISSUED")
    ship(theirs, content=label_pdf("THEIR-LABEL"))
    chosen = [rebooked, thermal, first, unshipped, theirs, two_pages, cancelled]

    # When staff print the labels of all of them
    response = post_labels(live_server, saleor, staff_token, {"ids": [gid(r) for r in chosen]})

    # Then one PDF holds every PDF label's pages, in the order asked
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="labels-')
    assert "no-store" in response.headers["Cache-Control"]
    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) == 1 + 1 + 2
    texts = [page.extract_text() for page in pages]
    assert rebooked.rma in texts[0]
    assert "OLD-LABEL" not in texts[0]
    assert first.rma in texts[1]
    assert two_pages.rma in texts[2]
    assert two_pages.rma in texts[3]
    assert not any("THEIR-LABEL" in text for text in texts)
    # ...and the headers tell what was printed and which returns were skipped (the other
    # store's return is neither)
    assert response.headers["X-Printed"] == "3"
    assert response.headers["X-Skipped"] == f"{thermal.rma},{unshipped.rma},{cancelled.rma}"


def test_printing_only_returns_without_a_pdf_label_is_not_found(
    live_server, saleor, staff_token, installation, other_store
):
    thermal = make_return(installation)
    ship(thermal, content=b"^XA^XZ", label_format="ZPL")
    unshipped = make_return(installation)
    theirs = make_return(other_store)
    ship(theirs, content=label_pdf("THEIR-LABEL"))

    response = post_labels(
        live_server, saleor, staff_token, {"ids": [gid(thermal), gid(unshipped), gid(theirs)]}
    )

    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "NO_LABELS"
    assert error["message"] == (
        f"None of these returns has a PDF label: {thermal.rma}, {unshipped.rma}."
    )
    assert response.headers["X-Skipped"] == f"{thermal.rma},{unshipped.rma}"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({}, "INVALID_INPUT"),
        ({"ids": []}, "INVALID_INPUT"),
        ({"ids": "all"}, "INVALID_INPUT"),
        ({"ids": ["not-an-id"]}, "INVALID_INPUT"),
        ({"ids": [global_id("Shipment", 1)]}, "INVALID_INPUT"),
        ({"ids": [global_id("ReturnRequest", n) for n in range(1, 202)]}, "TOO_MANY"),
    ],
)
def test_invalid_print_requests_are_refused(
    live_server, saleor, staff_token, installed, body, code
):
    response = post_labels(live_server, saleor, staff_token, body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code


def test_printing_is_a_post(live_server, saleor, staff_token, installed):
    response = requests.get(
        f"{live_server.url}/api/labels/merged", headers=_headers(saleor, staff_token), timeout=30
    )
    assert response.status_code == 405
