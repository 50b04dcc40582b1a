"""Machine codes of every decision. Values are part of the API contract: never rename one."""

from __future__ import annotations

from enum import StrEnum


class IneligibilityCode(StrEnum):
    """Why an order line cannot be returned (also reported as request errors)."""

    FINAL_SALE = "FINAL_SALE"
    EXCLUDED_SKU = "EXCLUDED_SKU"
    EXCLUDED_PRODUCT_TYPE = "EXCLUDED_PRODUCT_TYPE"
    EXCLUDED_CATEGORY = "EXCLUDED_CATEGORY"
    EXCLUDED_COLLECTION = "EXCLUDED_COLLECTION"
    DISCOUNTED_NOT_RETURNABLE = "DISCOUNTED_NOT_RETURNABLE"
    ORDER_TOTAL_TOO_LOW = "ORDER_TOTAL_TOO_LOW"
    NOT_FULFILLED = "NOT_FULFILLED"
    ALREADY_RETURNED = "ALREADY_RETURNED"
    WINDOW_CLOSED = "WINDOW_CLOSED"


class RequestErrorCode(StrEnum):
    """What is wrong with a submitted return request, besides an ineligible line."""

    NO_LINES = "NO_LINES"
    UNKNOWN_LINE = "UNKNOWN_LINE"
    DUPLICATE_LINE = "DUPLICATE_LINE"
    QUANTITY_NOT_POSITIVE = "QUANTITY_NOT_POSITIVE"
    QUANTITY_TOO_HIGH = "QUANTITY_TOO_HIGH"
    UNKNOWN_REASON = "UNKNOWN_REASON"
    COMMENT_REQUIRED = "COMMENT_REQUIRED"
    PHOTO_REQUIRED = "PHOTO_REQUIRED"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    RESOLUTION_NOT_ALLOWED = "RESOLUTION_NOT_ALLOWED"


ErrorCode = IneligibilityCode | RequestErrorCode


class Outcome(StrEnum):
    """What happens to a valid request. The engine never rejects one: staff may."""

    APPROVE = "APPROVE"
    REVIEW = "REVIEW"


class ReviewReason(StrEnum):
    """Why a valid request waits for a human (status `needs_review`)."""

    PHOTO_MISSING = "PHOTO_MISSING"
    VALUE_ABOVE_LIMIT = "VALUE_ABOVE_LIMIT"
    AUTO_APPROVE_OFF = "AUTO_APPROVE_OFF"
