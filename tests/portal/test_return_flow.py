"""A shopper chooses items, reasons, photos, resolution and method, reviews the fees and
confirms; the return is stored once, with its photos, exchange and pickup details."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from saleor_returns_app.returns.models import ReturnRequest

from .helpers import guest_order_path, hidden_value, photo, text_of
from .shop import SLUG

POLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _locker_form(**overrides):
    form = {
        "line-0-selected": "1",
        "line-0-quantity": "1",
        "line-0-reason": "TOO_SMALL",
        "line-1-selected": "1",
        "line-1-quantity": "1",
        "line-1-reason": "DAMAGED",
        "line-1-photos": [photo()],
        "resolution": "REFUND",
        "method": "LOCKER",
        "point": "WAW01M",
        "point-label": "Paczkomat WAW01M, Marszałkowska 10",
    }
    form.update(overrides)
    return form


def _review(client, shop, form):
    path = guest_order_path(client, shop.polish_order["number"])
    return path, client.post(path, form)


def test_the_review_shows_the_lockers_fee_and_the_refund_before_anything_is_stored(client, shop):
    _path, review = _review(client, shop, _locker_form())

    assert review.status_code == 200, text_of(review)[:3000]
    text = text_of(review)
    assert "Check and confirm your return" in text
    assert "1 \u00d7 Sukienka lniana" in text
    assert "1 \u00d7 Kubek" in text
    # the mug is damaged, so the store pays the locker: no fee, the full value comes back
    assert "Paczkomat WAW01M" in text
    assert "248.00" in text.replace(",", ".")
    assert ReturnRequest.objects.count() == 0


def test_confirming_twice_creates_one_return_with_the_photo_and_the_locker(client, shop):
    _path, review = _review(client, shop, _locker_form())
    token = hidden_value(review.content.decode(), "request")

    first = client.post(f"/portal/{SLUG}/confirm", {"request": token})
    again = client.post(f"/portal/{SLUG}/confirm", {"request": token})

    assert first.status_code == again.status_code == 303
    assert first["Location"] == again["Location"]
    (created,) = ReturnRequest.objects.all()
    assert created.method == "LOCKER"
    assert created.service_point_id == "WAW01M"
    assert created.status == "APPROVED"
    lines = {line.sku: line for line in created.lines.all()}
    assert set(lines) == {"SUK-M", "KUB"}
    assert lines["SUK-M"].photos == []
    (stored,) = lines["KUB"].photos
    assert stored.startswith(f"return-photos/{shop.installation.pk}/")
    assert default_storage.exists(stored)
    confirmation = client.get(first["Location"])
    assert created.rma in text_of(confirmation)


def test_a_damaged_item_without_a_photo_waits_for_the_stores_review(client, shop):
    _path, review = _review(client, shop, _locker_form(**{"line-1-photos": []}))
    token = hidden_value(review.content.decode(), "request")

    client.post(f"/portal/{SLUG}/confirm", {"request": token})

    assert ReturnRequest.objects.get().status == "NEEDS_REVIEW"


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_stored(client, shop):
    fake = SimpleUploadedFile("damage.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")

    _path, response = _review(client, shop, _locker_form(**{"line-1-photos": [fake]}))

    assert response.status_code == 400
    assert "Use a JPEG, PNG or WebP photo." in text_of(response)
    assert 'aria-invalid="true"' in response.content.decode()
    assert not default_storage.exists(f"return-photos/{shop.installation.pk}")


def test_more_than_five_photos_for_one_item_are_refused(client, shop):
    photos = [photo(f"p{index}.png") for index in range(6)]

    _path, response = _review(client, shop, _locker_form(**{"line-1-photos": photos}))

    assert response.status_code == 400
    assert "Add at most 5 photos per item." in text_of(response)


def test_a_locker_must_be_chosen_and_a_reason_given(client, shop):
    form = _locker_form(point="", **{"line-0-reason": ""})

    _path, response = _review(client, shop, form)

    assert response.status_code == 400
    text = text_of(response)
    assert "Choose a point near you." in text
    assert "Choose a reason." in text


def test_an_exchange_stores_the_size_the_shopper_wants(client, shop):
    dress = shop.polish_order["lines"][0]["variant"]["product"]
    wanted = next(v for v in dress["variants"] if v["name"] == "L")
    form = _locker_form(
        resolution="EXCHANGE", **{"line-0-exchange": wanted["id"], "line-1-selected": ""}
    )

    _path, review = _review(client, shop, form)
    assert "Exchange for: L" in text_of(review)
    client.post(
        f"/portal/{SLUG}/confirm", {"request": hidden_value(review.content.decode(), "request")}
    )

    line = ReturnRequest.objects.get().lines.get()
    assert (line.sku, line.exchange_variant_id) == ("SUK-M", wanted["id"])


def test_an_exchange_needs_another_size_of_the_same_product(client, shop):
    form = _locker_form(resolution="EXCHANGE", **{"line-0-exchange": "UHJvZHVjdFZhcmlhbnQ6OTk="})

    _path, response = _review(client, shop, form)

    assert response.status_code == 400
    text = text_of(response)
    assert "Choose the size or colour you want." in text
    # the mug comes in one variant only: nothing to exchange it for
    assert "This item has no other size or colour to exchange it for." in text


def test_a_pickup_keeps_the_address_and_the_chosen_window(client, shop):
    path = guest_order_path(client, shop.polish_order["number"])
    page = client.get(path).content.decode()
    day = hidden_day(page)
    form = _locker_form(
        method="PICKUP",
        point="",
        **{
            "line-1-selected": "",
            "pickup-name": "Agnieszka Wiśniewska",
            "pickup-street": "Marszałkowska 1",
            "pickup-postal-code": "00-590",
            "pickup-city": "Warszawa",
            "pickup-phone": "+48500100200",
            "pickup-date": day,
            "pickup-slot": "afternoon",
        },
    )

    review = client.post(path, form)
    assert "19.99" in text_of(review).replace(",", ".")
    client.post(
        f"/portal/{SLUG}/confirm", {"request": hidden_value(review.content.decode(), "request")}
    )

    pickup = ReturnRequest.objects.get().pickup_address
    assert pickup["street_lines"] == ["Marszałkowska 1"]
    assert pickup["country_code"] == "PL"
    start = datetime.fromisoformat(pickup["window"]["start"])
    end = datetime.fromisoformat(pickup["window"]["end"])
    warsaw = ZoneInfo("Europe/Warsaw")
    on = date.fromisoformat(day)
    assert start == datetime.combine(on, time(13), tzinfo=warsaw)
    assert end == datetime.combine(on, time(17), tzinfo=warsaw)


def hidden_day(html: str) -> str:
    """The first day the pickup day picker offers."""
    return re.search(r'name="pickup-date">\s*<option value="([^"]+)"', html)[1]


def test_a_tampered_or_foreign_link_shows_the_expired_page(client, shop):
    path = guest_order_path(client, shop.polish_order["number"])

    response = client.get(path[:-3] + "xyz")

    assert response.status_code == 404
    assert "This link has expired" in text_of(response)


def test_a_final_sale_item_says_why_it_cannot_be_returned(client, shop):
    page = client.get(guest_order_path(client, shop.polish_order["number"]))

    html = page.content.decode()
    assert "line-2-selected" not in html
    assert "Cannot be returned: Final sale items cannot be returned" in text_of(page)
