"""A Saleor 3.24 test double: a real loopback HTTP server speaking Saleor's app protocol.

Standalone on purpose (no Django, no app imports) so the app's tests can run it as the
"other side"::

    with SaleorDouble() as saleor:
        installed = saleor.install_app("http://127.0.0.1:8000/api/manifest")
        product = saleor.store.add_product("Shirt", variants=[{"sku": "S-1", "price": "10"}])
        order = saleor.store.add_order(lines=[(product.variants[0], 1)], user_email="a@b.c")
        saleor.fulfill(order)  # sends FULFILLMENT_CREATED ... ORDER_FULFILLED, signed
        token = saleor.mint_dashboard_token(installed)

A new GraphQL field is one function (``info.context`` is a ``RequestContext``)::

    @resolver("Query.giftCard")
    def resolve_gift_card(_root, info, *, id): ...

or, for one double only, ``saleor.resolvers["Query.giftCard"] = function``. Permission
rules come from the schema descriptions, so the function needs no checks of its own.
"""

from .double import PendingEvent, SaleorDouble
from .endpoint import RecordedRequest
from .ids import from_global_id, to_global_id
from .install import InstalledApp, InstallError
from .permissions import PermissionDenied, Requester
from .records import Record, address, money, taxed_money
from .registry import RESOLVERS, resolver
from .store import Store
from .subscription_query import SubscriptionCheck, check_subscription
from .webhooks import Delivery

__all__ = [
    "RESOLVERS",
    "Delivery",
    "InstallError",
    "InstalledApp",
    "PendingEvent",
    "PermissionDenied",
    "Record",
    "RecordedRequest",
    "Requester",
    "SaleorDouble",
    "Store",
    "SubscriptionCheck",
    "address",
    "check_subscription",
    "from_global_id",
    "money",
    "resolver",
    "taxed_money",
    "to_global_id",
]
