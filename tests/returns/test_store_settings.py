"""A store's settings: defaults until the first save, partial updates, validated origins."""

from __future__ import annotations

import pytest

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.models import StoreSettings
from saleor_returns_app.returns.status import Status
from saleor_returns_app.returns.store_settings import (
    DEFAULT_SLA_HOURS,
    NotificationEvent,
    StoreSettingsInput,
    normalised_origin,
    notification_enabled,
    save_store_settings,
    settings_of,
    sla_hours,
)
from saleor_returns_app.testing.factories import make_installation

pytestmark = pytest.mark.django_db


def _fields(errors) -> list[tuple[str, str]]:
    return sorted((e.field, e.code) for e in errors)


def test_a_store_that_never_saved_reads_the_defaults_and_nothing_is_written():
    installation = make_installation()
    settings = settings_of(installation)
    assert settings.pk is None
    assert settings.brand_color == "#2563EB"
    assert sla_hours(settings) == DEFAULT_SLA_HOURS
    assert all(notification_enabled(settings, event) for event in NotificationEvent)
    assert not StoreSettings.objects.exists()


def test_the_first_save_makes_the_row_and_later_saves_change_only_what_they_give():
    installation = make_installation()
    saved, errors = save_store_settings(
        installation,
        StoreSettingsInput(
            brand_name=" Magazin ",
            brand_color="#ff8800",
            support_email="ajutor@magazin.ro",
            notifications={"REJECTED": False},
            sla_hours={"REQUESTED": 12},
        ),
    )
    assert errors == []
    assert saved.pk is not None
    assert (saved.brand_name, saved.brand_color) == ("Magazin", "#FF8800")

    saved, errors = save_store_settings(
        installation,
        StoreSettingsInput(
            staff_notification_email="retururi@magazin.ro",
            notifications={"APPROVED": False},
            sla_hours={"IN_TRANSIT": 0},
        ),
    )
    assert errors == []
    settings = settings_of(installation)
    assert settings.pk == saved.pk
    assert StoreSettings.objects.filter(installation=installation).count() == 1
    assert settings.brand_name == "Magazin"
    assert settings.support_email == "ajutor@magazin.ro"
    assert settings.staff_notification_email == "retururi@magazin.ro"
    assert not notification_enabled(settings, NotificationEvent.REJECTED)
    assert not notification_enabled(settings, NotificationEvent.APPROVED)
    assert notification_enabled(settings, NotificationEvent.REFUNDED)
    hours = sla_hours(settings)
    assert hours[Status.REQUESTED] == 12
    assert hours[Status.IN_TRANSIT] == 0
    assert hours[Status.RECEIVED] == DEFAULT_SLA_HOURS[Status.RECEIVED]


def test_empty_text_clears_an_optional_setting():
    installation = make_installation()
    save_store_settings(installation, StoreSettingsInput(support_email="a@shop.example"))
    save_store_settings(installation, StoreSettingsInput(support_email=""))
    assert settings_of(installation).support_email == ""


def test_every_invalid_field_is_reported_and_nothing_is_saved():
    installation = make_installation()
    saved, errors = save_store_settings(
        installation,
        StoreSettingsInput(
            brand_name="x" * 121,
            brand_logo_url="http://cdn.example.com/logo.png",
            brand_color="blue",
            support_email="not-an-address",
            staff_notification_email="staff@",
            notifications={"SHIPPED_TO_MARS": True},
            sla_hours={"REQUESTED": -1, "IN_TRANSIT": 8761, "REFUNDED": 10},
            storefront_origins=["https://ok.example.com", "https://shop.example.com/path"],
        ),
    )
    assert saved is None
    assert _fields(errors) == [
        ("brandColor", "INVALID"),
        ("brandLogoUrl", "INSECURE_URL"),
        ("brandName", "INVALID"),
        ("notifications.SHIPPED_TO_MARS", "INVALID"),
        ("slaHours.IN_TRANSIT", "INVALID"),
        ("slaHours.REFUNDED", "INVALID"),
        ("slaHours.REQUESTED", "INVALID"),
        ("staffNotificationEmail", "INVALID"),
        ("storefrontOrigins.1", "INVALID"),
        ("supportEmail", "INVALID"),
    ]
    assert not StoreSettings.objects.exists()
    installation.refresh_from_db()
    assert installation.storefront_origins == []


def test_storefront_origins_are_normalised_and_deduplicated_on_the_installation():
    installation = make_installation()
    _, errors = save_store_settings(
        installation,
        StoreSettingsInput(
            storefront_origins=[
                "HTTPS://Shop.Example.COM/",
                "https://shop.example.com:443",
                "http://localhost:3000",
                "http://127.0.0.1:8000",
                "https://magazin.example.ro:8443",
            ]
        ),
    )
    assert errors == []
    installation = Installation.objects.get(pk=installation.pk)
    assert installation.storefront_origins == [
        "https://shop.example.com",
        "http://localhost:3000",
        "http://127.0.0.1:8000",
        "https://magazin.example.ro:8443",
    ]
    # Leaving them out of a later save keeps them.
    save_store_settings(installation, StoreSettingsInput(brand_name="Shop"))
    installation.refresh_from_db()
    assert len(installation.storefront_origins) == 4


@pytest.mark.parametrize(
    "value",
    [
        "http://shop.example.com",  # plain http outside this machine
        "https://shop.example.com/returns",
        "https://shop.example.com?x=1",
        "https://shop.example.com#top",
        "https://user@shop.example.com",
        "shop.example.com",
        "ftp://shop.example.com",
        "https://shop.example.com:99999",
        "",
    ],
)
def test_what_is_not_a_storefront_origin(value):
    assert normalised_origin(value) is None


def test_at_most_twenty_storefront_origins():
    installation = make_installation()
    origins = [f"https://shop{n}.example.com" for n in range(21)]
    _, errors = save_store_settings(installation, StoreSettingsInput(storefront_origins=origins))
    assert _fields(errors) == [("storefrontOrigins", "INVALID")]
    _, errors = save_store_settings(
        installation, StoreSettingsInput(storefront_origins=origins[:20])
    )
    assert errors == []
