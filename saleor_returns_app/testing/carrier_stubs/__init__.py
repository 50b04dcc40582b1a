"""Local stub servers that answer, and fail, as each carrier's documented API does."""

from saleor_returns_app.testing.carrier_stubs.server import (
    StubRequest,
    StubResponse,
    StubServer,
)

__all__ = ["StubRequest", "StubResponse", "StubServer"]
