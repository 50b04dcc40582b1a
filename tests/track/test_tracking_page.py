"""`/track/<token>`: what a shopper sees of their return, in their language, and what a
stranger with a wrong link does not see."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from saleor_returns_app.carriers.base import TrackingStatus
from saleor_returns_app.returns.lifecycle import Actor, apply_action, record_event
from saleor_returns_app.returns.models import Market, RefundTrigger, ReturnEvent, StoreSettings
from saleor_returns_app.returns.status import Action
from saleor_returns_app.shipping.models import Shipment, TrackingEvent
from saleor_returns_app.testing.factories import make_installation, make_return_request
from saleor_returns_app.track.views import LOOKUP_LIMIT

pytestmark = pytest.mark.django_db

STAFF = Actor(ReturnEvent.Actor.STAFF, id="VXNlcjox", email="ana@shop.ro")
SHOPPER = Actor(ReturnEvent.Actor.SHOPPER, email="jan@example.pl")


@pytest.fixture
def store():
    return make_installation(domain="sklep.example.pl")


@pytest.fixture
def market(store) -> Market:
    return Market.objects.create(
        installation=store,
        name="Polska",
        countries=["PL"],
        currency="PLN",
        language="pl",
        time_zone="Europe/Warsaw",
        refund_trigger=RefundTrigger.ON_INSPECTION,
    )


@pytest.fixture
def return_request(store, market):
    return_request = make_return_request(
        store,
        market=market,
        currency="PLN",
        locale="pl",
        method="LOCKER",
        items_value=Decimal("250.00"),
        shipping_fee=Decimal("12.99"),
        refund_amount=Decimal("237.01"),
    )
    record_event(return_request, type="CREATED", actor=SHOPPER)
    return return_request


def _url(return_request, **query) -> str:
    path = reverse("track-return", kwargs={"token": return_request.public_token})
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _status_url(return_request, **query) -> str:
    path = reverse("track-status", kwargs={"token": return_request.public_token})
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_page_speaks_the_language_the_return_was_made_in(client, return_request):
    # Given a return made in Polish, when a browser asking for English opens its link
    response = client.get(_url(return_request), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    # Then the page is Polish: headline, money as Poles write it, and the refund's moment
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="pl">' in html
    assert "Mamy Twoje zgłoszenie zwrotu" in html
    assert "237,01\xa0zł" in html
    assert "Gdy sklep sprawdzi produkty." in html


def test_lang_switches_among_the_shipped_languages_with_links(client, return_request):
    response = client.get(_url(return_request, lang="cs"))

    html = response.content.decode()
    assert '<html lang="cs">' in html
    assert "Máme vaši žádost o vrácení" in html
    for code in ("en", "ro", "pl", "cs"):
        assert f'href="?lang={code}"' in html
    assert 'hreflang="cs" lang="cs" aria-current="true"' in html


def test_an_unshipped_lang_is_ignored(client, return_request):
    response = client.get(_url(return_request, lang="de"))

    assert '<html lang="pl">' in response.content.decode()


def test_the_market_language_is_used_when_the_return_has_none_we_ship(client, return_request):
    return_request.locale = "de"
    return_request.save()

    response = client.get(_url(return_request), HTTP_ACCEPT_LANGUAGE="ro")

    assert '<html lang="pl">' in response.content.decode()


def test_staff_notes_and_staff_names_are_never_shown(client, return_request):
    # Given staff approved the return and left a note for colleagues
    record_event(return_request, type="NOTE", actor=STAFF, data={"message": "Klient marudzi"})
    apply_action(
        installation=return_request.installation,
        return_request_id=return_request.pk,
        action=Action.APPROVE,
        actor=STAFF,
    )

    # When the shopper opens the page (in English)
    html = client.get(_url(return_request, lang="en")).content.decode()

    # Then the approval is on the timeline, the note and who did it are not
    assert "Your return was approved" in html
    assert "You asked to return items" in html
    assert "Klient marudzi" not in html
    assert "ana@shop.ro" not in html
    assert "VXNlcjox" not in html


def test_the_timeline_never_shows_the_carrier_layers_internal_moves(client, return_request):
    record_event(return_request, type=Action.BOOKING_FAILED, actor=STAFF, data={"error": "x"})

    html = client.get(_url(return_request, lang="en")).content.decode()

    assert html.count("<time") == 1  # only the request itself


def test_an_unknown_token_is_a_404_that_says_nothing(client, return_request):
    response = client.get(reverse("track-return", kwargs={"token": "nope-" + "x" * 27}))

    html = response.content.decode()
    assert response.status_code == 404
    assert "Return not found" in html
    assert return_request.rma not in html
    assert "sklep" not in html
    assert response["Cache-Control"] == "no-store"


def test_a_malformed_token_gets_the_same_answer(client):
    unknown = client.get(reverse("track-return", kwargs={"token": "A" * 32}))
    malformed = client.get(reverse("track-return", kwargs={"token": "<script>"}))

    assert malformed.status_code == unknown.status_code == 404
    assert malformed.content == unknown.content


def test_the_page_is_private_and_locked_down(client, return_request):
    response = client.get(_url(return_request))

    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


def test_the_brand_colour_comes_from_a_stylesheet_and_a_bad_colour_is_not_used(
    client, return_request
):
    StoreSettings.objects.create(
        installation=return_request.installation,
        brand_name="Sklep Jana",
        brand_color="#0F766E",
        brand_logo_url="https://cdn.example.pl/logo.png",
    )
    html = client.get(_url(return_request)).content.decode()
    assert '/track/theme/0F766E.css"' in html
    assert '<img class="logo" src="https://cdn.example.pl/logo.png" alt="Sklep Jana">' in html
    assert " style=" not in html

    css = client.get(reverse("track-theme", kwargs={"color": "0F766E"}))
    assert css["Content-Type"].startswith("text/css")
    assert "--brand: #0F766E;" in css.content.decode()
    assert "--on-brand: #FFFFFF;" in css.content.decode()

    StoreSettings.objects.filter(installation=return_request.installation).update(
        brand_color="red;}"
    )
    assert '/track/theme/2563EB.css"' in client.get(_url(return_request)).content.decode()


def test_a_drop_off_code_is_shown_large_with_a_qr_until_the_parcel_is_scanned(
    client, return_request
):
    apply_action(
        installation=return_request.installation,
        return_request_id=return_request.pk,
        action=Action.APPROVE,
        actor=STAFF,
    )
    shipment = Shipment.objects.create(
        installation=return_request.installation,
        return_request=return_request,
        carrier="inpost",
        mode="LOCKER",
        status=Shipment.Status.BOOKED,
        idempotency_key=f"{return_request.rma}/1",
        drop_off_code="482913",
        has_label=False,
    )

    html = client.get(_url(return_request, lang="en")).content.decode()
    assert '<strong id="drop-off-code">482913</strong>' in html
    assert 'src="data:image/svg+xml' in html
    assert "Take the parcel to the locker and enter the code shown below." in html

    shipment.tracking_status = TrackingStatus.IN_TRANSIT
    shipment.save()
    html = client.get(_url(return_request, lang="en")).content.decode()
    assert "482913" not in html


def test_carrier_events_of_the_current_shipment_are_listed_newest_first(client, return_request):
    shipment = Shipment.objects.create(
        installation=return_request.installation,
        return_request=return_request,
        carrier="sameday",
        mode="LOCKER",
        status=Shipment.Status.BOOKED,
        idempotency_key=f"{return_request.rma}/1",
        tracking_number="1ONB24001",
    )
    for hour, status in ((9, TrackingStatus.PICKED_UP), (15, TrackingStatus.IN_TRANSIT)):
        TrackingEvent.objects.create(
            shipment=shipment,
            status=status,
            occurred_at=datetime(2026, 11, 20, hour, tzinfo=UTC),
            location="Warszawa",
        )

    html = client.get(_url(return_request, lang="en")).content.decode()

    assert "1ONB24001" in html
    assert html.index("In transit") < html.index("The carrier has your parcel")
    # 09:00 UTC is 10:00 in Warsaw
    assert "10:00:00" in html


def test_the_json_twin_gives_the_same_state_and_answers_304_when_unchanged(client, return_request):
    first = client.get(_status_url(return_request, lang="en"))
    assert first.status_code == 200
    body = first.json()
    assert body["status"] == "REQUESTED"
    assert body["headline"] == "We have your return request"
    assert [m["title"] for m in body["timeline"]] == ["You asked to return items"]
    assert 'id="timeline"' in body["html"]
    assert first["Cache-Control"] == "no-store"

    again = client.get(_status_url(return_request, lang="en"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""

    apply_action(
        installation=return_request.installation,
        return_request_id=return_request.pk,
        action=Action.APPROVE,
        actor=STAFF,
    )
    changed = client.get(_status_url(return_request, lang="en"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed.json()["headline"] == "Your return is approved"


def test_the_json_twin_of_an_unknown_token_is_a_bare_404(client):
    response = client.get(reverse("track-status", kwargs={"token": "A" * 32}))

    assert response.status_code == 404
    assert response.json() == {"error": "NOT_FOUND"}


def test_lookups_are_rate_limited_per_address(client, return_request):
    # Given someone trying tokens from one address
    for n in range(LOOKUP_LIMIT.count):
        client.get(reverse("track-return", kwargs={"token": f"guess{n:04d}" + "x" * 24}))

    # Then even a genuine link is refused for the rest of the window, saying nothing more
    response = client.get(_url(return_request))
    assert response.status_code == 429
    assert return_request.rma not in response.content.decode()
    assert response["Retry-After"] == str(LOOKUP_LIMIT.seconds)

    # While another address is served
    other = client.get(_url(return_request), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 200
