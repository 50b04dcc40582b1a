"""Which policy applies to an order, and publishing new policy versions.

A store's policies are data (`PolicyVersion.rules`, JSON): publishing validates them by
building the engine's `Policy`, and never edits a published version, so a return request can
always be explained by the version that decided it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from django.db import transaction

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.catalogue import policy_reasons
from saleor_returns_app.returns.models import Market, PolicyVersion
from saleor_returns_app.returns.policy import (
    Exclusions,
    Policy,
    Reason,
    WindowStart,
    default_reasons,
)

# Set from the market and the store's reason catalogue, never from the rules themselves.
_NOT_IN_RULES = {"version", "time_zone", "reasons"}
RULE_KEYS = frozenset(f.name for f in fields(Policy)) - _NOT_IN_RULES


class InvalidRules(ValueError):
    """The rules do not make a valid policy; the message says which rule and why."""


@dataclass(frozen=True)
class AppliedPolicy:
    market: Market | None
    version: PolicyVersion | None
    policy: Policy


def policy_from_rules(
    *, rules: Mapping[str, Any], version: int, time_zone: str, reasons: Mapping[str, Reason]
) -> Policy:
    unknown = sorted(set(rules) - RULE_KEYS)
    if unknown:
        raise InvalidRules(f"Unknown rules: {', '.join(unknown)}")
    values = dict(rules)
    try:
        if "exclusions" in values:
            values["exclusions"] = Exclusions(**values["exclusions"])
        if "window_starts" in values:
            values["window_starts"] = WindowStart(values["window_starts"])
        return Policy(version=version, time_zone=time_zone, reasons=reasons, **values)
    except (TypeError, ValueError) as error:
        raise InvalidRules(str(error)) from error


def market_for(
    *, installation: Installation, channel_slug: str, country_code: str
) -> Market | None:
    """The market of an order: by its channel first, then its country, then the default."""
    markets = list(Market.objects.for_installation(installation).order_by("pk"))
    for matches in (
        lambda m: channel_slug in m.channels,
        lambda m: country_code.upper() in [c.upper() for c in m.countries],
        lambda m: m.is_default,
    ):
        found = next((market for market in markets if matches(market)), None)
        if found is not None:
            return found
    return None


def _store_reasons(installation: Installation) -> Mapping[str, Reason]:
    return policy_reasons(installation=installation) or default_reasons()


def applied_policy(
    *, installation: Installation, channel_slug: str, country_code: str
) -> AppliedPolicy:
    """The newest policy version of the order's market; the engine's defaults without one."""
    market = market_for(
        installation=installation, channel_slug=channel_slug, country_code=country_code
    )
    latest = market.policies.order_by("-version").first() if market else None
    time_zone = market.time_zone if market else "UTC"
    policy = policy_from_rules(
        rules=latest.rules if latest else {},
        version=latest.version if latest else 0,
        time_zone=time_zone,
        reasons=_store_reasons(installation),
    )
    return AppliedPolicy(market=market, version=latest, policy=policy)


def publish_policy(
    *, market: Market, rules: Mapping[str, Any], created_by: str = ""
) -> PolicyVersion:
    """Validate `rules` and store them as the market's next version (raises `InvalidRules`)."""
    with transaction.atomic():
        locked = Market.objects.select_for_update().get(pk=market.pk)
        last = locked.policies.order_by("-version").values_list("version", flat=True).first()
        version = (last or 0) + 1
        policy_from_rules(
            rules=rules,
            version=version,
            time_zone=locked.time_zone,
            reasons=_store_reasons(locked.installation),
        )
        return PolicyVersion.objects.create(
            installation=locked.installation,
            market=locked,
            version=version,
            rules=dict(rules),
            created_by=created_by,
        )
