"""The shopper's tracking page in headless Chromium: it follows the parcel without a reload.

The return is a Romanian locker return booked with Sameday (the carrier stub); the shopper
reads the page in Polish. The carrier's first scan is recorded through
`shipping.tracking.record_tracking`, the code path every carrier poll and push goes through.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect
from returns_data import booked_with_sameday, latest_shipment, make_shop

from saleor_returns_app.carriers.base import TrackingEvent, TrackingStatus
from saleor_returns_app.shipping.tracking import record_tracking
from saleor_returns_app.testing.carrier_stubs.sameday import SamedayStub


@pytest.fixture(autouse=True)
def in_process(monkeypatch) -> None:
    """No broker: Saleor operations and bookings stay planned; the test runs steps itself."""
    monkeypatch.setattr("saleor_returns_app.saleor_sync.services._enqueue", lambda _pk: None)
    monkeypatch.setattr("saleor_returns_app.shipping.booking._enqueue_booking", lambda _pk: None)
    monkeypatch.setattr("saleor_returns_app.shipping.booking._enqueue", lambda *_args: None)


@pytest.fixture(autouse=True)
def quick_polls(settings) -> None:
    # The page polls every 20 s in production; a second keeps the test short.
    settings.TRACK_POLL_SECONDS = 1


@pytest.fixture
def sameday() -> Iterator[SamedayStub]:
    with SamedayStub() as stub:
        yield stub


def test_the_tracking_page_follows_the_parcel_without_a_reload(
    saleor, installation, live_server, sameday, page, save_screenshot
):
    # Given a locker return whose label is ready, its page open in Polish on a phone
    return_request = booked_with_sameday(make_shop(saleor, installation), sameday)
    page.set_viewport_size({"width": 390, "height": 844})
    console_errors: list[str] = []  # CSP violations land here
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/track/{return_request.public_token}?lang=pl")
    headline = page.locator("#headline")
    expect(headline).to_have_text("Twoja etykieta zwrotna jest gotowa")
    expect(page.locator("#label-link")).to_have_text("Pobierz etykietę zwrotną")
    assert page.locator("#label-link").get_attribute("href").startswith("/api/labels/")
    expect(page.locator("#next-steps")).to_contain_text("Wydrukuj etykietę i naklej ją na paczkę.")
    expect(page.locator("#tracking-events li")).to_have_count(0)
    page.evaluate("() => { window.sameDocument = true; }")
    save_screenshot("tracking-page-label-ready-pl")

    # When the carrier scans the parcel at the locker
    shipment = latest_shipment(return_request)
    now = datetime.now(UTC)
    record_tracking(
        shipment.pk,
        [
            TrackingEvent(
                tracking_number=shipment.tracking_number,
                status=TrackingStatus.PICKED_UP,
                occurred_at=now,
                description="Colet preluat din easybox",
                location="easybox Piata Unirii",
                carrier_code="4",
            )
        ],
        now=now,
    )

    # Then the open page says so by itself: new headline, the scan, the timeline entry
    expect(headline).to_have_text("Twoja paczka jest w drodze do sklepu")
    scans = page.locator("#tracking-events li")
    expect(scans).to_have_count(1)
    expect(scans.first).to_contain_text("Przewoźnik ma Twoją paczkę")
    expect(scans.first).to_contain_text("easybox Piata Unirii")
    expect(page.locator("#timeline li").first).to_contain_text(
        "Twoja paczka jest w drodze do sklepu"
    )
    expect(page.locator("#next-steps")).to_contain_text("damy znać, gdy paczka dotrze")
    expect(page.locator("#label-link")).to_have_count(0)
    expect(page.locator("#live-note")).to_have_text("Strona została właśnie zaktualizowana.")
    assert page.evaluate("() => window.sameDocument") is True
    assert console_errors == []
    save_screenshot("tracking-page-in-transit-pl")
