"""Which return methods this store's carriers can serve for a shopper's address."""

from __future__ import annotations

from saleor_returns_app.carriers.base import ReturnMode
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.models import Market
from saleor_returns_app.returns.policy import Method
from saleor_returns_app.shipping.accounts import accounts_for_market, option_of


def methods_served(
    installation: Installation, market: Market | None, from_country: str
) -> frozenset[Method] | None:
    """Methods some active account of the market can book from `from_country` to its
    warehouse; None when the market has no carrier account (staff arrange shipping, so the
    policy alone decides)."""
    accounts = accounts_for_market(installation, market)
    if not accounts:
        return None
    served: set[Method] = set()
    for account in accounts:
        option = option_of(account)
        served.update(
            Method(mode.value)
            for mode in ReturnMode
            if option.serves(mode, from_country=from_country, to_country=from_country)
        )
    return frozenset(served)
