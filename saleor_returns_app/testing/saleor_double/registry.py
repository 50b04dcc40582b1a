"""The resolver table: ``"Type.field"`` -> function. Adding a field is one decorated function.

Resolvers take graphql-core's ``(source, info, **arguments)``; ``info.context`` is the
``RequestContext`` (store, requester, schema). Fields without an entry read the key of the
same name from the source record. ``"*.field"`` entries apply to that field on any type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Resolver = Callable[..., Any]

RESOLVERS: dict[str, Resolver] = {}


def resolver(*keys: str) -> Callable[[Resolver], Resolver]:
    """Register the decorated function for each ``"Type.field"`` key."""

    def register(function: Resolver) -> Resolver:
        for key in keys:
            if key in RESOLVERS:
                raise ValueError(f"A resolver for {key} is already registered")
            RESOLVERS[key] = function
        return function

    return register
