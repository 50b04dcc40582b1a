"""Rate limits that keep public lookups from being brute-forced."""

from __future__ import annotations

from saleor_returns_app.core.ratelimit import Limit, allow

LIMIT = Limit(count=3, seconds=60)


def test_attempts_beyond_the_budget_are_refused_until_the_window_ends():
    now = 1_000_020.0
    results = [allow("guest-lookup", "203.0.113.7", LIMIT, now=now) for _ in range(5)]
    assert results == [True, True, True, False, False]
    assert allow("guest-lookup", "203.0.113.7", LIMIT, now=now + 60)


def test_keys_and_scopes_are_counted_apart():
    now = 2_000_000.0
    for _ in range(3):
        allow("guest-lookup", "203.0.113.7", LIMIT, now=now)
    assert allow("guest-lookup", "198.51.100.1", LIMIT, now=now)
    assert allow("order-lookup", "203.0.113.7", LIMIT, now=now)
