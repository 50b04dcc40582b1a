"""A shop in the Saleor double for the portal's tests: a Polish market with InPost lockers and
a Romanian one without carriers, the default reasons (with their labels) and one order each.

Used by `tests/portal` and, through `tests/browser/portal_support.py`, by the browser tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.catalogue import ensure_default_reasons
from saleor_returns_app.returns.models import Market, StoreSettings
from saleor_returns_app.returns.policies import publish_policy
from saleor_returns_app.shipping.accounts import AccountInput, save_account
from saleor_returns_app.shipping.models import ServicePoint
from saleor_returns_app.testing.carrier_stubs.samples import WAREHOUSES
from saleor_returns_app.testing.saleor_double import Record, SaleorDouble

SLUG = "sklep"
BRAND = "Len & Co"
GUEST_EMAIL = "agnieszka@example.pl"
SHOPPER_EMAIL = "ioana@example.ro"
# Both markets' policies: final sale by metadata, a fee per method the shopper sees.
RULES = {
    "exclusions": {"final_sale_metadata_key": "final_sale"},
    "method_fees": {"LOCKER": "9.99", "DROP_OFF": "7.50", "PICKUP": "19.99", "SELF_SHIP": "0"},
}
LOCKERS = [
    ("WAW01M", "LOCKER", "Paczkomat WAW01M", "Marszałkowska 10", "00-590", "Warszawa"),
    ("WAW02M", "LOCKER", "Paczkomat WAW02M", "Nowy Świat 22", "00-373", "Warszawa"),
    ("WAW-POP", "PUDO", "Kiosk Ruch", "Chmielna 5", "00-021", "Warszawa"),
    ("KRA01M", "LOCKER", "Paczkomat KRA01M", "Floriańska 3", "31-019", "Kraków"),
]


@dataclass(frozen=True)
class Shop:
    saleor: SaleorDouble
    installation: Installation
    polish: Market
    romanian: Market
    polish_order: Record  # a dress, a mug and final-sale sunglasses, bought by a guest
    romanian_order: Record  # a shirt in M and a final-sale scarf, bought by a signed-in shopper


def make_shop(saleor: SaleorDouble, installation: Installation) -> Shop:
    installation.slug = SLUG
    installation.save(update_fields=["slug"])
    ensure_default_reasons(installation=installation)
    StoreSettings.objects.create(
        installation=installation,
        brand_name=BRAND,
        brand_color="#0F766E",
        support_email="pomoc@len.example",
    )
    store = saleor.store
    pl = store.add_channel(slug="pl", currency="PLN", country="PL")
    ro = store.add_channel(slug="ro", currency="RON", country="RO")
    dress = store.add_product(
        "Sukienka lniana",
        variants=[
            {"sku": "SUK-S", "name": "S", "price": "199.00"},
            {"sku": "SUK-M", "name": "M", "price": "199.00"},
            {"sku": "SUK-L", "name": "L", "price": "199.00"},
        ],
    )
    mug = store.add_product("Kubek", variants=[{"sku": "KUB", "name": "", "price": "49.00"}])
    sunglasses = store.add_product(
        "Okulary przeciwsłoneczne",
        metadata={"final_sale": "true"},
        variants=[{"sku": "OKU", "name": "", "price": "99.00"}],
    )
    shirt = store.add_product(
        "Cămașă de in",
        variants=[
            {"sku": "CAM-M", "name": "M", "price": "200.00"},
            {"sku": "CAM-L", "name": "L", "price": "200.00"},
        ],
    )
    scarf = store.add_product(
        "Eșarfă de mătase",
        metadata={"final_sale": "true"},
        variants=[{"sku": "ESA", "name": "", "price": "120.00"}],
    )
    polish_order = store.add_order(
        channel=pl,
        lines=[(dress["variants"][1], 1), (mug["variants"][0], 2), (sunglasses["variants"][0], 1)],
        user_email=GUEST_EMAIL,
        shipping_address={
            "first_name": "Agnieszka",
            "last_name": "Wiśniewska",
            "street_address_1": "Marszałkowska 1",
            "city": "Warszawa",
            "postal_code": "00-590",
            "country_code": "PL",
            "phone": "+48500100200",
        },
    )
    saleor.fulfill(polish_order, deliver=True)
    customer = store.add_customer(SHOPPER_EMAIL, first_name="Ioana", last_name="Popescu")
    romanian_order = store.add_order(
        channel=ro,
        customer=customer,
        lines=[(shirt["variants"][0], 1), (scarf["variants"][0], 1)],
        shipping_address={
            "first_name": "Ioana",
            "last_name": "Popescu",
            "street_address_1": "Strada Lipscani 5",
            "city": "București",
            "postal_code": "030031",
            "country_code": "RO",
            "phone": "+40722000111",
        },
    )
    saleor.fulfill(romanian_order, deliver=True)
    polish = Market.objects.create(
        installation=installation,
        name="Polska",
        countries=["PL"],
        channels=["pl"],
        currency="PLN",
        language="pl",
        time_zone="Europe/Warsaw",
        is_default=True,
    )
    romanian = Market.objects.create(
        installation=installation,
        name="România",
        countries=["RO"],
        channels=["ro"],
        currency="RON",
        language="ro",
        time_zone="Europe/Bucharest",
    )
    for market in (polish, romanian):
        publish_policy(market=market, rules=RULES)
    _, errors = save_account(
        installation,
        AccountInput(
            carrier="inpost",
            name="InPost",
            market_id=polish.pk,
            credentials={},
            test_mode=True,
            enabled_modes=["LOCKER", "DROP_OFF", "PICKUP"],
            return_address=WAREHOUSES["PL"].as_dict(),
        ),
    )
    assert errors == [], errors
    for external_id, kind, name, street, postal_code, city in LOCKERS:
        ServicePoint.objects.update_or_create(
            carrier="inpost",
            external_id=external_id,
            defaults={
                "kind": kind,
                "name": name,
                "street": street,
                "postal_code": postal_code,
                "city": city,
                "country_code": "PL",
                "synced_at": datetime.now(UTC),
            },
        )
    return Shop(saleor, installation, polish, romanian, polish_order, romanian_order)
