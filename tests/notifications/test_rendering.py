"""Every email, in every language the app ships: subject, text and HTML, all translated, with
amounts written the way a shopper of that language writes them."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import UTC, datetime

import pytest

from saleor_returns_app.core.l10n import shipped_languages
from saleor_returns_app.notifications.models import Kind, Notification
from saleor_returns_app.notifications.rendering import (
    RenderedEmail,
    email_context,
    render_notification,
)
from saleor_returns_app.returns.models import ReturnEvent, StoreSettings
from saleor_returns_app.shipping.models import Shipment
from saleor_returns_app.testing.factories import make_installation, make_return_request

pytestmark = pytest.mark.django_db

CURRENCY = {"en": "EUR", "ro": "RON", "pl": "PLN", "cs": "CZK"}
REFUND = {
    "en": "€1,234.50",
    "ro": "1.234,50\xa0lei",
    "pl": "1\xa0234,50\xa0zł",
    "cs": "1\xa0234,50\xa0Kč",
}
PICKUP = {"start": "2026-11-30T08:00:00+00:00", "end": "2026-11-30T14:00:00+00:00"}

# Every email, and the approval both with a carrier's label, code and pickup and without.
EMAILS = [
    ("REQUESTED", "CREATED", {}, False),
    ("APPROVED", "APPROVE", {}, True),
    ("APPROVED", "APPROVE", {}, False),
    ("REJECTED", "REJECT", {"reason": "Lipsește eticheta originală"}, False),
    ("PICKUP_BOOKED", "PICKUP_SCHEDULED", PICKUP, False),
    ("RECEIVED", "RECEIVE", {}, False),
    ("REFUNDED", "REFUND", {"amount": "1234.50"}, False),
    ("EXCHANGED", "EXCHANGE", {}, False),
    ("STORE_CREDIT", "ISSUE_STORE_CREDIT", {"amount": "1234.50"}, False),
    ("STAFF_NEEDS_REVIEW", "BOOKING_FAILED", {"message": "Easybox 1002 is full"}, False),
]


def notification(language: str, kind: str, event_type: str, data: dict, shipment: bool):
    installation = make_installation(domain="atelier-nord.example")
    StoreSettings.objects.create(
        installation=installation,
        brand_name="Atelier Nord",
        brand_color="#0F766E",
        support_email="help@atelier-nord.example",
    )
    return_request = make_return_request(
        installation, currency=CURRENCY[language], locale=language, method="PICKUP"
    )
    return_request.lines.update(product_name="Cămașă de in", variant_name="M")
    if shipment:
        Shipment.objects.create(
            installation=installation,
            return_request=return_request,
            mode="PICKUP",
            carrier="sameday",
            status=Shipment.Status.BOOKED,
            idempotency_key=f"{return_request.rma}/1",
            tracking_number="1SDY24112600042",
            tracking_url="https://sameday.example/awb/1SDY24112600042",
            drop_off_code="DX42K",
            label_file="labels/1/label.pdf",
            pickup_start=datetime(2026, 11, 30, 8, tzinfo=UTC),
            pickup_end=datetime(2026, 11, 30, 14, tzinfo=UTC),
        )
    event = ReturnEvent.objects.create(
        return_request=return_request, type=event_type, actor="STAFF", data=data
    )
    staff = kind == Kind.STAFF_NEEDS_REVIEW
    return Notification.objects.create(
        installation=installation,
        return_request=return_request,
        event=event,
        kind=kind,
        audience=Notification.Audience.STAFF if staff else Notification.Audience.SHOPPER,
        to_email="ops@atelier-nord.example" if staff else return_request.customer_email,
        language=language,
    )


def values_of(context: dict) -> list[str]:
    """The shop's data in the email (not the language code, which is no text of its own)."""
    values = [
        value
        for key, value in context.items()
        if isinstance(value, str) and value and key != "language"
    ]
    values += [line["name"] for line in context["lines"]]
    return sorted(values, key=len, reverse=True)


def prose(rendered: RenderedEmail, values: Iterable[str]) -> set[str]:
    """The app's own words in each line of the email: the line with the shop's data taken
    out, kept when two words are left."""
    page = html.unescape(re.sub(r"<[^>]+>", "\n", rendered.html))
    lines = set()
    for line in (rendered.subject, *rendered.text.splitlines(), *page.splitlines()):
        words = line
        for value in values:
            words = words.replace(value, "")
        if re.search(r"[^\W\d_]{2,}\W+[^\W\d_]{2,}", words):
            lines.add(words.strip())
    return lines


@pytest.mark.parametrize("language", shipped_languages())
@pytest.mark.parametrize(("kind", "event_type", "data", "shipment"), EMAILS)
def test_every_email_renders_in_every_language(language, kind, event_type, data, shipment):
    # given the email in English and in the shopper's language
    english = notification("en", kind, event_type, data, shipment)
    local = notification(language, kind, event_type, data, shipment)

    # when both are rendered
    english_email = render_notification(english)
    email = render_notification(local)

    # then the email has a subject, a text and an HTML body about this return
    assert email.subject
    assert "\n" not in email.subject
    assert local.return_request.rma in email.subject
    assert local.return_request.rma in email.text or kind == Kind.PICKUP_BOOKED
    assert email.html.startswith("<!DOCTYPE html>")
    assert f'lang="{language}"' in email.html
    # and in any language but English no sentence of the English email is left
    if language != "en":
        values = values_of(email_context(local)) + values_of(email_context(english))
        assert prose(english_email, values) & prose(email, values) == set()


@pytest.mark.parametrize("language", shipped_languages())
def test_refunds_show_the_amount_as_the_shopper_writes_it(language):
    refunded = notification(language, "REFUNDED", "REFUND", {"amount": "1234.50"}, False)

    email = render_notification(refunded)

    assert REFUND[language] in email.text
    assert REFUND[language] in html.unescape(email.html)


def test_the_approval_links_the_label_and_shows_the_drop_off_code_and_pickup():
    approved = notification("ro", "APPROVED", "APPROVE", {}, True)

    email = render_notification(approved)

    assert "/api/labels/" in email.text
    assert "/api/labels/" in email.html
    assert "Arătați acest cod la punctul de predare: DX42K" in email.text
    assert "Curier: Sameday, număr de urmărire 1SDY24112600042." in email.text
    assert "30 nov. 2026" in email.text
    assert f"/track/{approved.return_request.public_token}" in email.text


def test_a_rejection_tells_the_reason():
    rejected = notification("pl", "REJECTED", "REJECT", {"reason": "Brak metki"}, False)

    email = render_notification(rejected)

    assert "Powód: Brak metki" in email.text
    assert email.subject == f"Twój zwrot {rejected.return_request.rma} nie został przyjęty"


def test_the_html_email_wears_the_stores_brand():
    email = render_notification(notification("cs", "RECEIVED", "RECEIVE", {}, False))

    assert "background:#0F766E" in email.html
    assert "Atelier Nord" in email.html
    assert "Máte dotazy? Napište nám na help@atelier-nord.example." in email.text


def test_shop_data_is_escaped_in_html_but_not_in_text():
    rejected = notification(
        "en", "REJECTED", "REJECT", {"reason": "Worn <b>twice</b> & torn"}, False
    )

    email = render_notification(rejected)

    assert "Reason: Worn <b>twice</b> & torn" in email.text
    assert "Worn &lt;b&gt;twice&lt;/b&gt; &amp; torn" in email.html
