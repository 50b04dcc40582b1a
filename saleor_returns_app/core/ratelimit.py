"""Fixed-window rate limits in the cache, for public endpoints that must not be brute-forced.

With `CACHE_URL` pointing at Redis the limit is shared by every web process; with the
in-process default each process counts alone (enough for `make run`, not for production).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    """At most `count` attempts per `seconds`, counted per key."""

    count: int
    seconds: int


def allow(scope: str, key: str, limit: Limit, *, now: float | None = None) -> bool:
    """Count one attempt for `key` in `scope`; False once the window's budget is spent.

    Keys are hashed: they may be emails or order numbers, which do not belong in cache keys.
    """
    window = int((time.time() if now is None else now) // limit.seconds)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}:{window}"
    if cache.add(cache_key, 1, timeout=limit.seconds + 1):
        return True
    try:
        attempts = cache.incr(cache_key)
    except ValueError:
        # The entry expired between add and incr: this attempt opens a new window.
        cache.add(cache_key, 1, timeout=limit.seconds + 1)
        return True
    return attempts <= limit.count
