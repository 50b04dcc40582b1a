"""Subscription-document checks and npm version ranges, as Saleor applies them."""

from __future__ import annotations

import pytest

from saleor_returns_app.testing.saleor_double import SaleorDouble, check_subscription
from saleor_returns_app.testing.saleor_double.version_range import InvalidRange, satisfies


def test_events_come_from_inline_fragments_and_fragment_spreads(double: SaleorDouble) -> None:
    # given
    document = """
    fragment OrderEvents on Event {
      ... on OrderFulfilled { order { id } }
      ... on FulfillmentCreated { fulfillment { id } }
    }
    subscription { event { ...OrderEvents ... on AppDeleted { app { id } } } }
    """

    # when
    check = check_subscription(double.schema, document)

    # then
    assert check.is_valid
    assert check.events == ("APP_DELETED", "FULFILLMENT_CREATED", "ORDER_FULFILLED")


def test_filterable_subscription_names_its_event(double: SaleorDouble) -> None:
    # when
    check = check_subscription(double.schema, "subscription { orderUpdated { order { id } } }")

    # then
    assert check.events == ("ORDER_UPDATED",)


def test_event_without_type_condition_has_no_event(double: SaleorDouble) -> None:
    # when
    check = check_subscription(double.schema, "subscription { event { issuedAt } }")

    # then
    assert (check.is_valid, check.error_code) == (False, "MISSING_EVENT")


@pytest.mark.parametrize(
    ("version", "required", "expected"),
    [
        ("3.24.0", ">=3.21 <4", True),
        ("3.24.0", ">=3.25", False),
        ("3.24.0", "^3.20", True),
        ("3.24.0", "~3.23", False),
        ("3.24.0", "3.24", True),
        ("3.24.0", "3.20 - 3.23", False),
        ("3.24.0", "<3.20 || >=3.24", True),
        ("4.0.0", ">=3.21 <4", False),
        ("3.24.0-a.0", ">=3.21 <4", True),
    ],
)
def test_required_saleor_version_ranges(version: str, required: str, expected: bool) -> None:
    assert satisfies(version, required) is expected


def test_unparsable_range_is_an_error() -> None:
    with pytest.raises(InvalidRange):
        satisfies("3.24.0", ">=three")
