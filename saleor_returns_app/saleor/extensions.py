"""The views the app mounts in the Saleor Dashboard, declared once for the manifest."""

from __future__ import annotations

from dataclasses import dataclass, field

from saleor_returns_app.saleor.versions import Version

# Targets the Dashboard understands only from Saleor 3.22 on.
TARGETS_SINCE = {"NEW_TAB": (3, 22), "WIDGET": (3, 22)}


@dataclass(frozen=True)
class ExtensionDefinition:
    identifier: str
    label: str
    mount: str
    target: str
    path: str
    permissions: tuple[str, ...]
    options: dict = field(default_factory=dict)

    @property
    def min_schema_version(self) -> Version | None:
        return TARGETS_SINCE.get(self.target)


EXTENSIONS: tuple[ExtensionDefinition, ...] = (
    ExtensionDefinition(
        identifier="returns",
        label="Returns",
        mount="NAVIGATION_ORDERS",
        target="APP_PAGE",
        path="/dashboard/",
        permissions=("MANAGE_ORDERS",),
    ),
    # The order's returns at a glance, in the order page (3.22+). GET: the Dashboard frames it
    # with App Bridge like any view, so the token never sits in our HTML.
    ExtensionDefinition(
        identifier="order-returns",
        label="Returns",
        mount="ORDER_DETAILS_WIDGETS",
        target="WIDGET",
        path="/dashboard/order-widget/",
        permissions=("MANAGE_ORDERS",),
        options={"widgetTarget": {"method": "GET"}},
    ),
    # Staff file a return on the shopper's behalf from the order's "more actions" menu.
    ExtensionDefinition(
        identifier="create-return",
        label="Create return",
        mount="ORDER_DETAILS_MORE_ACTIONS",
        target="POPUP",
        path="/dashboard/create-return/",
        permissions=("MANAGE_ORDERS",),
    ),
)
