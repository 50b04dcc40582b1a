"""The policy editor: staff's structured input turned into the rules JSON a version stores.

Every field is checked on its own so that each error names its field (`input.methodFees.1.
amount`) and staff see all of them at once; `policies.publish_policy` then builds the engine's
`Policy` as the final check. A version stores every rule, defaults included, so what it decides
never changes when the engine's defaults do. Amounts stay strings: the engine refuses floats.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from saleor_returns_app.returns.models import Market, PolicyVersion
from saleor_returns_app.returns.outcomes import FieldError
from saleor_returns_app.returns.policies import InvalidRules, publish_policy
from saleor_returns_app.returns.policy import Method, Policy, Resolution, WindowStart
from saleor_returns_app.returns.policy.rules import normalise_email

PREFIX = "input"
MAX_WINDOW_DAYS = 3650
# Amounts fit the stored money columns (14 digits, 4 of them decimals).
MAX_AMOUNT = Decimal("9999999999.9999")
_EXCLUSION_LISTS = ("product_types", "categories", "collections", "skus")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _path(*parts: str | int) -> str:
    return ".".join([PREFIX, *(_camel(p) if isinstance(p, str) else str(p) for p in parts)])


def _enum_value(value: Any) -> str:
    return str(getattr(value, "value", value))


def _amount_text(amount: Decimal) -> str:
    return format(amount, "f")


def rules_of_policy(policy: Policy) -> dict[str, Any]:
    """A policy's rules as stored JSON (every rule, amounts as strings)."""

    def optional(amount: Decimal | None) -> str | None:
        return None if amount is None else _amount_text(amount)

    exclusions = policy.exclusions
    return {
        "window_days": policy.window_days,
        "window_starts": policy.window_starts.value,
        "exclusions": {
            **{name: sorted(getattr(exclusions, name)) for name in _EXCLUSION_LISTS},
            "final_sale_metadata_key": exclusions.final_sale_metadata_key,
        },
        "discounted_lines_returnable": policy.discounted_lines_returnable,
        "min_order_total": optional(policy.min_order_total),
        "customer_exceptions": dict(policy.customer_exceptions),
        "allowed_methods": [m.value for m in Method if m in policy.allowed_methods],
        "method_fees": {
            m.value: _amount_text(policy.method_fees[m]) for m in Method if m in policy.method_fees
        },
        "restocking_fee_percent": _amount_text(policy.restocking_fee_percent),
        "restocking_fee_fixed": _amount_text(policy.restocking_fee_fixed),
        "free_returns_over": optional(policy.free_returns_over),
        "controllable_is_free": policy.controllable_is_free,
        "auto_approve": policy.auto_approve,
        "review_above_value": optional(policy.review_above_value),
        "review_when_photo_missing": policy.review_when_photo_missing,
        "allowed_resolutions": [r.value for r in Resolution if r in policy.allowed_resolutions],
    }


def default_rules() -> dict[str, Any]:
    """The engine's defaults, as a market without a published version applies them."""
    return rules_of_policy(Policy(version=0, reasons={}))


def latest_version(market: Market) -> PolicyVersion | None:
    return market.policies.order_by("-version").first()


def rules_over_defaults(stored: Mapping[str, Any]) -> dict[str, Any]:
    """Stored rules completed with the engine's defaults for the rules they leave out."""
    defaults = default_rules()
    given = dict(stored)
    exclusions = {**defaults["exclusions"], **(given.pop("exclusions", None) or {})}
    return {**defaults, **given, "exclusions": exclusions}


def effective_rules(market: Market) -> dict[str, Any]:
    """The rules the market applies: its latest version's; the defaults without one."""
    latest = latest_version(market)
    return rules_over_defaults(latest.rules if latest else {})


class _Form:
    """Reads one editor input, collecting an error per faulty field."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.defaults = default_rules()
        self.errors: list[FieldError] = []

    def fail(self, path: str, message: str, code: str = "INVALID") -> None:
        self.errors.append(FieldError(path, code, message))

    def given(self, name: str) -> Any:
        value = self.data.get(name)
        return self.defaults[name] if value is None else value

    def boolean(self, name: str) -> bool:
        return bool(self.given(name))

    def amount(self, value: Any, path: str) -> str | None:
        if isinstance(value, float):
            self.fail(path, "Give the amount as a decimal string, not a float.")
            return None
        try:
            amount = Decimal(str(value).strip().replace(",", "."))
        except (InvalidOperation, ValueError):
            self.fail(path, "Not an amount (e.g. 12.50).")
            return None
        if not amount.is_finite() or amount < 0 or amount > MAX_AMOUNT:
            self.fail(path, f"An amount from 0 to {MAX_AMOUNT}.")
            return None
        if amount.as_tuple().exponent < -4:
            self.fail(path, "At most 4 decimal places.")
            return None
        return _amount_text(amount)

    def optional_amount(self, name: str) -> str | None:
        value = self.data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return self.amount(value, _path(name))

    def whole(self, value: Any, path: str, *, low: int, high: int) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(path, f"A whole number from {low} to {high}.")
            return None
        return value

    def choices(self, name: str, allowed: Iterable[str]) -> list[str]:
        allowed = list(allowed)
        chosen = {_enum_value(value) for value in self.given(name)}
        unknown = sorted(chosen - set(allowed))
        if unknown:
            self.fail(_path(name), f"Unknown: {', '.join(unknown)}.")
        if not chosen & set(allowed):
            self.fail(_path(name), "Choose at least one.", "REQUIRED")
        return [value for value in allowed if value in chosen]


def _exclusions(form: _Form) -> dict[str, Any]:
    given = {**form.defaults["exclusions"], **(form.data.get("exclusions") or {})}
    lists = {
        name: sorted({str(value).strip() for value in given.get(name) or []} - {""})
        for name in _EXCLUSION_LISTS
    }
    key = str(given.get("final_sale_metadata_key") or "").strip()
    if len(key) > 255:
        form.fail(_path("exclusions", "final_sale_metadata_key"), "Up to 255 characters.")
    return {**lists, "final_sale_metadata_key": key or None}


def _customer_exceptions(form: _Form) -> dict[str, int]:
    exceptions: dict[str, int] = {}
    seen: set[str] = set()
    for index, row in enumerate(form.data.get("customer_exceptions") or []):
        email = normalise_email(str(row.get("email") or ""))
        email_path = _path("customer_exceptions", index, "email")
        try:
            validate_email(email)
        except ValidationError:
            form.fail(email_path, "Not an e-mail address.")
            email = ""
        if email in seen:
            form.fail(email_path, "This customer is listed twice.")
        elif email:
            seen.add(email)
        days = form.whole(
            row.get("extra_days"),
            _path("customer_exceptions", index, "extra_days"),
            low=0,
            high=MAX_WINDOW_DAYS,
        )
        if email and days is not None and email not in exceptions:
            exceptions[email] = days
    return exceptions


def _method_fees(form: _Form) -> dict[str, str]:
    fees: dict[str, str] = {}
    for index, row in enumerate(form.data.get("method_fees") or []):
        method = _enum_value(row.get("method"))
        if method not in Method.__members__.values():
            form.fail(_path("method_fees", index, "method"), f"Unknown method {method}.")
            continue
        if method in fees:
            form.fail(_path("method_fees", index, "method"), "This method has a fee already.")
            continue
        amount = form.amount(row.get("amount"), _path("method_fees", index, "amount"))
        if amount is not None:
            fees[method] = amount
    return fees


def rules_from_form(data: Mapping[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
    """The rules JSON of the editor input `data` (snake_case keys, as the API passes them;
    a missing or null rule takes the engine's default), or every field error."""
    form = _Form(data)
    percent = form.amount(form.given("restocking_fee_percent"), _path("restocking_fee_percent"))
    if percent is not None and Decimal(percent) > 100:
        form.fail(_path("restocking_fee_percent"), "A percentage from 0 to 100.")
    window_starts = _enum_value(form.given("window_starts"))
    if window_starts not in WindowStart.__members__.values():
        form.fail(_path("window_starts"), "FULFILLMENT or DELIVERY.")
    rules = {
        "window_days": form.whole(
            form.given("window_days"), _path("window_days"), low=0, high=MAX_WINDOW_DAYS
        ),
        "window_starts": window_starts,
        "exclusions": _exclusions(form),
        "discounted_lines_returnable": form.boolean("discounted_lines_returnable"),
        "min_order_total": form.optional_amount("min_order_total"),
        "customer_exceptions": _customer_exceptions(form),
        "allowed_methods": form.choices("allowed_methods", [m.value for m in Method]),
        "method_fees": _method_fees(form),
        "restocking_fee_percent": percent,
        "restocking_fee_fixed": form.amount(
            form.given("restocking_fee_fixed"), _path("restocking_fee_fixed")
        ),
        "free_returns_over": form.optional_amount("free_returns_over"),
        "controllable_is_free": form.boolean("controllable_is_free"),
        "auto_approve": form.boolean("auto_approve"),
        "review_above_value": form.optional_amount("review_above_value"),
        "review_when_photo_missing": form.boolean("review_when_photo_missing"),
        "allowed_resolutions": form.choices("allowed_resolutions", [r.value for r in Resolution]),
    }
    return rules, form.errors


def publish_from_form(
    market: Market, data: Mapping[str, Any], *, created_by: str = ""
) -> tuple[PolicyVersion | None, list[FieldError]]:
    """Publish the editor input as the market's next version; published versions are never
    edited. The new version, or every field error and nothing published."""
    rules, errors = rules_from_form(data)
    if errors:
        return None, errors
    try:
        version = publish_policy(market=market, rules=rules, created_by=created_by)
    except InvalidRules as error:
        return None, [FieldError(PREFIX, "INVALID", str(error))]
    return version, []
