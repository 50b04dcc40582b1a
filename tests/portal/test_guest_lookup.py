"""Guests find their order with its number and email; nobody learns whether an order exists."""

from __future__ import annotations

import pytest

from saleor_returns_app.api.proofs import GUEST_LIMIT_PER_ORDER

from .helpers import guest_order_path, text_of
from .shop import GUEST_EMAIL, SLUG


def _lookup(client, number: str, email: str):
    return client.post(f"/portal/{SLUG}/", {"number": number, "email": email})


def test_a_guest_with_the_orders_email_sees_the_items_to_return(client, shop):
    polish = {"HTTP_ACCEPT_LANGUAGE": "pl-PL,pl;q=0.9"}
    path = guest_order_path(client, shop.polish_order["number"], GUEST_EMAIL.upper(), **polish)

    page = client.get(path, **polish)

    assert page.status_code == 200
    text = text_of(page)
    assert "Sukienka lniana" in text
    assert "Kubek" in text
    assert page["Content-Language"] == "pl"
    assert page["Cache-Control"] == "no-store"
    assert page.cookies == {}


def test_an_unknown_order_and_a_wrong_email_get_the_same_answer_and_work(client, shop):
    calls_before = len(shop.saleor.requests)
    unknown = _lookup(client, "999999", GUEST_EMAIL)
    unknown_calls = len(shop.saleor.requests) - calls_before
    wrong_email = _lookup(client, shop.polish_order["number"], "eve@example.com")
    wrong_email_calls = len(shop.saleor.requests) - calls_before - unknown_calls

    assert unknown.status_code == wrong_email.status_code == 200
    assert unknown.content == wrong_email.content
    assert "We could not find an order with this number and email address." in text_of(unknown)
    # the same work in both cases: one lookup of the number in Saleor, no more
    assert unknown_calls == wrong_email_calls == 1
    assert shop.saleor.requests[-1].operation_name == "OrderByNumber"


def test_guessing_emails_for_one_order_number_is_cut_off_even_for_the_right_email(client, shop):
    number = shop.polish_order["number"]
    for attempt in range(GUEST_LIMIT_PER_ORDER.count):
        assert _lookup(client, number, f"guess{attempt}@example.com").status_code == 200

    refused = _lookup(client, number, GUEST_EMAIL)

    assert refused.status_code == 429
    assert "Too many attempts" in text_of(refused)


def test_one_caller_trying_many_order_numbers_is_cut_off(client, shop, settings):
    from saleor_returns_app.api.proofs import GUEST_LIMIT_PER_CALLER

    for number in range(1000, 1000 + GUEST_LIMIT_PER_CALLER.count):
        assert _lookup(client, str(number), GUEST_EMAIL).status_code == 200

    assert _lookup(client, "4242", GUEST_EMAIL).status_code == 429


@pytest.mark.parametrize("number", ["", "abc", "12-34"])
def test_something_that_is_not_an_order_number_is_asked_again(client, shop, number):
    response = _lookup(client, number, GUEST_EMAIL)

    assert response.status_code == 200
    assert "Enter the order number and the email address" in text_of(response)


def test_a_post_from_another_site_is_refused(client, shop):
    response = client.post(
        f"/portal/{SLUG}/",
        {"number": shop.polish_order["number"], "email": GUEST_EMAIL},
        HTTP_SEC_FETCH_SITE="cross-site",
    )

    assert response.status_code == 403


def test_an_unknown_store_is_not_found(client, shop):
    assert client.get("/portal/no-such-store/").status_code == 404
