"""A market's return policy: rules as data, versioned, validated when built."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from saleor_returns_app.returns.policy.facts import Method, Resolution
from saleor_returns_app.returns.policy.reasons import Reason, default_reasons

FINAL_SALE_VALUES = frozenset({"true", "1", "yes"})


class WindowStart(StrEnum):
    """What starts the return window. DELIVERY falls back to fulfilment when not delivered."""

    FULFILLMENT = "FULFILLMENT"
    DELIVERY = "DELIVERY"


_AMOUNTS = ("restocking_fee_percent", "restocking_fee_fixed")
_OPTIONAL_AMOUNTS = ("min_order_total", "free_returns_over", "review_above_value")


def as_amount(value: Decimal | int | str) -> Decimal:
    """An amount from policy data (stored as JSON strings or ints); floats are refused, as
    they cannot hold money exactly."""
    if isinstance(value, float):
        raise TypeError(f"Amounts must be Decimal, int or str, not float ({value!r})")
    return Decimal(value)


def normalise_email(email: str) -> str:
    return email.strip().casefold()


@dataclass(frozen=True, kw_only=True)
class Exclusions:
    """Products that can never be returned, by Saleor product type, category, collection
    (names or ids, as long as the facts use the same), SKU, or a final-sale metadata flag
    (the key with a value of "true", "1" or "yes", case-insensitive)."""

    product_types: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    collections: frozenset[str] = frozenset()
    skus: frozenset[str] = frozenset()
    final_sale_metadata_key: str | None = None

    def __post_init__(self) -> None:
        for name in ("product_types", "categories", "collections", "skus"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))

    def is_final_sale(self, metadata: Mapping[str, str]) -> bool:
        if not self.final_sale_metadata_key:
            return False
        value = metadata.get(self.final_sale_metadata_key)
        return value is not None and str(value).strip().lower() in FINAL_SALE_VALUES


@dataclass(frozen=True, kw_only=True)
class Policy:
    """Everything a market decides about returns. A request records the `version` it met.

    Mappings are copied into read-only views when the policy is built, so a policy never
    changes under a decision; `customer_exceptions` keys are matched case-insensitively.
    """

    version: int
    window_days: int = 30
    window_starts: WindowStart = WindowStart.DELIVERY
    time_zone: str = "UTC"

    exclusions: Exclusions = field(default_factory=Exclusions)
    discounted_lines_returnable: bool = True
    min_order_total: Decimal | None = None
    customer_exceptions: Mapping[str, int] = field(default_factory=dict)

    allowed_methods: frozenset[Method] = frozenset(Method)
    method_fees: Mapping[Method, Decimal] = field(default_factory=dict)
    restocking_fee_percent: Decimal = Decimal(0)
    restocking_fee_fixed: Decimal = Decimal(0)
    free_returns_over: Decimal | None = None
    controllable_is_free: bool = True

    auto_approve: bool = True
    review_above_value: Decimal | None = None
    review_when_photo_missing: bool = True

    reasons: Mapping[str, Reason] = field(default_factory=default_reasons)
    allowed_resolutions: frozenset[Resolution] = frozenset(Resolution)

    def __post_init__(self) -> None:
        freeze = object.__setattr__
        for name in _AMOUNTS:
            freeze(self, name, as_amount(getattr(self, name)))
        for name in _OPTIONAL_AMOUNTS:
            value = getattr(self, name)
            freeze(self, name, None if value is None else as_amount(value))
        fees = {Method(m): as_amount(fee) for m, fee in self.method_fees.items()}
        freeze(self, "method_fees", MappingProxyType(fees))
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"Unknown time zone {self.time_zone!r}") from error
        if self.window_days < 0:
            raise ValueError("window_days cannot be negative")
        if not Decimal(0) <= self.restocking_fee_percent <= Decimal(100):
            raise ValueError("restocking_fee_percent must be between 0 and 100")
        amounts = [self.restocking_fee_fixed, *self.method_fees.values()]
        if any(amount < 0 for amount in amounts):
            raise ValueError("Fees cannot be negative")
        if any(days < 0 for days in self.customer_exceptions.values()):
            raise ValueError("Customer exceptions cannot shorten the window")
        for code, reason in self.reasons.items():
            if code != reason.code:
                raise ValueError(f"Reason {reason.code!r} is filed under {code!r}")

        freeze(self, "allowed_methods", frozenset(Method(m) for m in self.allowed_methods))
        freeze(self, "allowed_resolutions", frozenset(map(Resolution, self.allowed_resolutions)))
        freeze(
            self,
            "customer_exceptions",
            MappingProxyType(
                {normalise_email(e): days for e, days in self.customer_exceptions.items()}
            ),
        )
        freeze(self, "reasons", MappingProxyType(dict(self.reasons)))

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def extra_days_for(self, email: str) -> int:
        """Extra window days granted to this customer (0 when not on the allow-list)."""
        return self.customer_exceptions.get(normalise_email(email), 0)

    def method_fee(self, method: Method) -> Decimal:
        return self.method_fees.get(method, Decimal(0))
