"""Human messages for every code, translatable with Django's gettext.

A decision keeps `code` and `params` next to the rendered message, so the API can render the
same explanation again in the shopper's language:

    with translation.override("pl"):
        message = render_message(error.code, error.params)

Params are JSON-safe (str or int) so a stored decision renders the same way later.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from django.utils.translation import gettext, gettext_noop

from saleor_returns_app.returns.policy.codes import (
    IneligibilityCode,
    RequestErrorCode,
    ReviewReason,
)

Code = IneligibilityCode | RequestErrorCode | ReviewReason
Params = Mapping[str, str | int]

_TEMPLATES: dict[Code, str] = {
    IneligibilityCode.FINAL_SALE: gettext_noop("Final sale items cannot be returned"),
    IneligibilityCode.EXCLUDED_SKU: gettext_noop("This product cannot be returned"),
    IneligibilityCode.EXCLUDED_PRODUCT_TYPE: gettext_noop(
        "Products of this type cannot be returned"
    ),
    IneligibilityCode.EXCLUDED_CATEGORY: gettext_noop(
        "Products in this category cannot be returned"
    ),
    IneligibilityCode.EXCLUDED_COLLECTION: gettext_noop(
        "Products in this collection cannot be returned"
    ),
    IneligibilityCode.DISCOUNTED_NOT_RETURNABLE: gettext_noop(
        "Discounted items cannot be returned"
    ),
    IneligibilityCode.ORDER_TOTAL_TOO_LOW: gettext_noop(
        "Returns are accepted only for orders of at least %(minimum)s %(currency)s"
    ),
    IneligibilityCode.NOT_FULFILLED: gettext_noop("This item has not been shipped yet"),
    IneligibilityCode.ALREADY_RETURNED: gettext_noop(
        "All shipped units of this item are already being returned"
    ),
    IneligibilityCode.WINDOW_CLOSED: gettext_noop(
        "The %(window_days)s-day return window ended on %(last_day)s"
    ),
    RequestErrorCode.NO_LINES: gettext_noop("Choose at least one item to return"),
    RequestErrorCode.UNKNOWN_LINE: gettext_noop("This item is not part of the order"),
    RequestErrorCode.DUPLICATE_LINE: gettext_noop("This item is listed more than once"),
    RequestErrorCode.QUANTITY_NOT_POSITIVE: gettext_noop("The quantity must be at least 1"),
    RequestErrorCode.QUANTITY_TOO_HIGH: gettext_noop(
        "The quantity cannot be more than %(max_quantity)s"
    ),
    RequestErrorCode.UNKNOWN_REASON: gettext_noop("Choose one of the offered return reasons"),
    RequestErrorCode.COMMENT_REQUIRED: gettext_noop("Please tell us more in a comment"),
    RequestErrorCode.PHOTO_REQUIRED: gettext_noop("Please add a photo of the item"),
    RequestErrorCode.METHOD_NOT_ALLOWED: gettext_noop("This return method is not available"),
    RequestErrorCode.RESOLUTION_NOT_ALLOWED: gettext_noop(
        "This option is not available for this return"
    ),
    ReviewReason.PHOTO_MISSING: gettext_noop("No photo was given for a reason that requires one"),
    ReviewReason.VALUE_ABOVE_LIMIT: gettext_noop(
        "The items are worth %(value)s %(currency)s, above the review limit of "
        "%(limit)s %(currency)s"
    ),
    ReviewReason.AUTO_APPROVE_OFF: gettext_noop("Automatic approval is turned off"),
}


def render_message(code: Code, params: Params | None = None) -> str:
    """The message for `code` in the active language, with `params` filled in."""
    template = gettext(_TEMPLATES[code])
    return template % dict(params) if params else template


def freeze_params(params: Params | None = None) -> Params:
    return MappingProxyType(dict(params or {}))
