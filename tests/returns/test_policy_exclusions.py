"""Products and orders the policy never takes back, and which explanation comes first."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from saleor_returns_app.returns.policy import Exclusions, IneligibilityCode, evaluate_returnability

from .factories import IN_WINDOW, make_line, make_order, make_policy

AFTER_WINDOW = datetime(2026, 12, 1, tzinfo=UTC)


def _line(order=None, policy=None, now=IN_WINDOW):
    returnability = evaluate_returnability(
        order=order or make_order(), policy=policy or make_policy(), now=now
    )
    return returnability.lines[0]


@pytest.mark.parametrize(
    ("exclusions", "code", "params", "message"),
    [
        (
            Exclusions(product_types=frozenset({"Shirt"})),
            IneligibilityCode.EXCLUDED_PRODUCT_TYPE,
            {"product_type": "Shirt"},
            "Products of this type cannot be returned",
        ),
        (
            Exclusions(categories=frozenset({"Shirts"})),
            IneligibilityCode.EXCLUDED_CATEGORY,
            {"category": "Shirts"},
            "Products in this category cannot be returned",
        ),
        (
            Exclusions(collections=frozenset({"Autumn"})),
            IneligibilityCode.EXCLUDED_COLLECTION,
            {"collection": "Autumn"},
            "Products in this collection cannot be returned",
        ),
        (
            Exclusions(skus=frozenset({"SHIRT-M"})),
            IneligibilityCode.EXCLUDED_SKU,
            {"sku": "SHIRT-M"},
            "This product cannot be returned",
        ),
    ],
    ids=["product-type", "category", "collection", "sku"],
)
def test_excluded_product_cannot_be_returned(exclusions, code, params, message):
    # given: a shirt (type Shirt, category Shirts, collection Autumn, SKU SHIRT-M)
    policy = make_policy(exclusions=exclusions)
    # when
    line = _line(policy=policy)
    # then
    assert (line.eligible, line.returnable_quantity) == (False, 0)
    assert (line.code, line.params, line.message) == (code, params, message)


def test_an_exclusion_of_other_products_leaves_the_line_returnable():
    # given
    exclusions = Exclusions(
        product_types=frozenset({"Gift card"}),
        categories=frozenset({"Underwear"}),
        collections=frozenset({"Outlet"}),
        skus=frozenset({"SOCKS-1"}),
        final_sale_metadata_key="final_sale",
    )
    # when
    line = _line(policy=make_policy(exclusions=exclusions))
    # then
    assert line.eligible


@pytest.mark.parametrize("value", ["true", "1", "yes", "TRUE", " Yes "])
def test_final_sale_metadata_flag_makes_the_line_final_sale(value):
    # given
    order = make_order(make_line(metadata={"final_sale": value}))
    policy = make_policy(exclusions=Exclusions(final_sale_metadata_key="final_sale"))
    # when
    line = _line(order, policy)
    # then
    assert line.code is IneligibilityCode.FINAL_SALE
    assert line.message == "Final sale items cannot be returned"


@pytest.mark.parametrize("value", ["false", "0", "no", ""])
def test_final_sale_metadata_flag_with_a_false_value_is_ignored(value):
    # given
    order = make_order(make_line(metadata={"final_sale": value}))
    policy = make_policy(exclusions=Exclusions(final_sale_metadata_key="final_sale"))
    # when
    line = _line(order, policy)
    # then
    assert line.eligible


def test_final_sale_metadata_is_ignored_when_the_policy_names_no_key():
    # given
    order = make_order(make_line(metadata={"final_sale": "true"}))
    # when
    line = _line(order, make_policy())
    # then
    assert line.eligible


def test_final_sale_is_explained_before_a_closed_window():
    # given: a final-sale line whose window has also closed
    order = make_order(make_line(metadata={"final_sale": "true"}))
    policy = make_policy(exclusions=Exclusions(final_sale_metadata_key="final_sale"))
    # when
    line = _line(order, policy, now=AFTER_WINDOW)
    # then
    assert line.code is IneligibilityCode.FINAL_SALE


def test_excluded_line_has_no_deadline():
    # given
    policy = make_policy(exclusions=Exclusions(skus=frozenset({"SHIRT-M"})))
    # when
    returnability = evaluate_returnability(order=make_order(), policy=policy, now=IN_WINDOW)
    # then
    assert returnability.lines[0].deadline is None
    assert returnability.deadline is None
    assert not returnability.returnable


def test_discounted_line_is_refused_when_the_policy_excludes_discounts():
    # given: paid 79.90 for a 100.00 shirt
    order = make_order(make_line(unit_price=Decimal("79.90")))
    # when
    line = _line(order, make_policy(discounted_lines_returnable=False))
    # then
    assert line.code is IneligibilityCode.DISCOUNTED_NOT_RETURNABLE
    assert line.message == "Discounted items cannot be returned"


def test_discounted_line_is_returnable_when_the_policy_allows_discounts():
    # given
    order = make_order(make_line(unit_price=Decimal("79.90")))
    # when
    line = _line(order, make_policy(discounted_lines_returnable=True))
    # then
    assert line.eligible


def test_full_price_line_is_returnable_when_the_policy_excludes_discounts():
    # given: a difference below the currency's minor unit is rounding, not a discount
    order = make_order(make_line(unit_price=Decimal("99.999")))
    # when
    line = _line(order, make_policy(discounted_lines_returnable=False))
    # then
    assert line.eligible


def test_order_below_the_minimum_total_cannot_be_returned():
    # given
    order = make_order(make_line(line_id="a"), make_line(line_id="b"), total=Decimal("99.99"))
    # when
    returnability = evaluate_returnability(
        order=order, policy=make_policy(min_order_total=Decimal("100")), now=IN_WINDOW
    )
    # then
    assert [line.code for line in returnability.lines] == [
        IneligibilityCode.ORDER_TOTAL_TOO_LOW,
        IneligibilityCode.ORDER_TOTAL_TOO_LOW,
    ]
    assert returnability.lines[0].params == {"minimum": "100.00", "currency": "PLN"}
    assert returnability.lines[0].message == (
        "Returns are accepted only for orders of at least 100.00 PLN"
    )


def test_order_at_the_minimum_total_can_be_returned():
    # given
    order = make_order(total=Decimal("100.00"))
    # when
    line = _line(order, make_policy(min_order_total=Decimal("100")))
    # then
    assert line.eligible


def test_product_exclusion_is_explained_before_the_order_minimum():
    # given: an excluded SKU in an order below the minimum
    order = make_order(total=Decimal("10.00"))
    policy = make_policy(
        exclusions=Exclusions(skus=frozenset({"SHIRT-M"})), min_order_total=Decimal("100")
    )
    # when
    line = _line(order, policy)
    # then
    assert line.code is IneligibilityCode.EXCLUDED_SKU
