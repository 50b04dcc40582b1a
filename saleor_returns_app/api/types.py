"""The API's object types and enums: a read-only view of the return models."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import graphene
from django.urls import reverse
from django.utils import timezone

from graphql import GraphQLResolveInfo
from saleor_returns_app.api.context import ViewerKind
from saleor_returns_app.api.fields import blank_as_null
from saleor_returns_app.api.ids import global_id
from saleor_returns_app.api.shipping_types import MarketType, ShipmentType
from saleor_returns_app.portal.photos import photo_link_token
from saleor_returns_app.returns import sla
from saleor_returns_app.returns.models import Market, ReturnEvent, ReturnLine, ReturnRequest
from saleor_returns_app.returns.policy import Method, Resolution
from saleor_returns_app.returns.policy.money import quantise
from saleor_returns_app.returns.refunds import deciding_policy, quote_received
from saleor_returns_app.returns.status import Action, Status
from saleor_returns_app.returns.store_settings import settings_of, sla_hours
from saleor_returns_app.shipping.models import current_shipment


def _enum(name: str, values: list[str], description: str) -> type[graphene.Enum]:
    return graphene.Enum(name, [(value, value) for value in values], description=description)


ReturnRequestStatus = _enum(
    "ReturnRequestStatus", list(Status.values), "Where a return is in its lifecycle."
)
ReturnMethod = _enum("ReturnMethod", [m.value for m in Method], "How the parcel travels back.")
ReturnResolution = _enum(
    "ReturnResolution", [r.value for r in Resolution], "What the shopper gets for the items."
)
ReturnLineCondition = _enum(
    "ReturnLineCondition", list(ReturnLine.Condition.values), "The state a unit came back in."
)
ReturnEventActor = _enum(
    "ReturnEventActor", list(ReturnEvent.Actor.values), "Who caused a timeline event."
)

# What a shopper sees of the timeline: the return's milestones. Staff notes, Saleor sync
# records and other internal events stay with staff (a list of what to show, so a new kind of
# internal event is never shown by accident).
# Carrier refusals and cancels are for staff: the shopper sees the return's state instead.
_STAFF_ACTIONS = {Action.BOOKING_FAILED, Action.REBOOK, Action.VOID_LABEL}
SHOPPER_EVENT_TYPES = frozenset(
    {"CREATED", "PARCEL_DELIVERED", *(a.value for a in Action if a not in _STAFF_ACTIONS)}
)


# Returns whose items arrived and are not yet resolved: the ones a refund can be quoted for.
_QUOTABLE = (Status.RECEIVED, Status.INSPECTED)


def _is_staff(info: GraphQLResolveInfo) -> bool:
    return info.context.viewer.kind is ViewerKind.STAFF


def _store_sla(info: GraphQLResolveInfo) -> tuple[sla.SlaHours, datetime]:
    """The store's stage limits and the instant rows are judged at: read once per request,
    so a page of returns costs one settings query and every row agrees on `now`."""
    memo = info.context.memo
    if "store_sla" not in memo:
        memo["store_sla"] = (sla_hours(settings_of(info.context.installation)), timezone.now())
    return memo["store_sla"]


class Money(graphene.ObjectType):
    amount = graphene.Decimal(required=True, description="Serialised as a decimal string.")
    currency = graphene.String(required=True)


def _money(amount: Decimal, currency: str) -> Money:
    # Stored with four places; shown in the currency's own minor unit (2 for PLN, 0 for HUF).
    return Money(amount=quantise(Decimal(amount), currency), currency=currency)


class ReturnLineType(graphene.ObjectType):
    id = graphene.ID(required=True)
    order_line_id = graphene.ID(required=True, description="The Saleor order line.")
    variant_id = graphene.ID(resolver=blank_as_null("variant_id"))
    sku = graphene.String()
    product_name = graphene.String()
    variant_name = graphene.String(required=True)
    thumbnail_url = graphene.String(
        description="The product's thumbnail when the return was made, as Saleor served it.",
        resolver=blank_as_null("thumbnail_url"),
    )
    quantity = graphene.Int(required=True)
    unit_price = graphene.Field(Money, required=True)
    reason = graphene.String(required=True, description="The reason code.")
    comment = graphene.String(required=True)
    photo_urls = graphene.NonNull(
        graphene.List(graphene.NonNull(graphene.String)),
        description="Staff only: the shopper's photos, as links valid for an hour.",
    )
    received_quantity = graphene.Int()
    condition = graphene.Field(ReturnLineCondition, resolver=blank_as_null("condition"))
    restock = graphene.Boolean()
    restock_warehouse_id = graphene.ID(
        description="The Saleor warehouse it was restocked into.",
        resolver=blank_as_null("restock_warehouse_id"),
    )

    class Meta:
        name = "ReturnLine"

    @staticmethod
    def resolve_id(line: ReturnLine, _info: GraphQLResolveInfo) -> str:
        return global_id("ReturnLine", line.pk)

    @staticmethod
    def resolve_unit_price(line: ReturnLine, _info: GraphQLResolveInfo) -> Money:
        return _money(line.unit_price, line.return_request.currency)

    @staticmethod
    def resolve_reason(line: ReturnLine, _info: GraphQLResolveInfo) -> str:
        return line.reason_code

    @staticmethod
    def resolve_photo_urls(line: ReturnLine, info: GraphQLResolveInfo) -> list[str]:
        if not _is_staff(info):
            return []
        store = line.return_request.installation_id
        return [
            info.context.base_url
            + reverse("return-photo", kwargs={"token": photo_link_token(store, path)})
            for path in line.photos
        ]


class RefundQuoteType(graphene.ObjectType):
    """What refunding a received return pays by default: what arrived, less the fees."""

    items_value = graphene.Field(Money, required=True)
    shipping_fee = graphene.Field(Money, required=True)
    restocking_fee = graphene.Field(Money, required=True)
    refund_amount = graphene.Field(Money, required=True)

    class Meta:
        name = "RefundQuote"


class ReturnEventType(graphene.ObjectType):
    type = graphene.String(required=True)
    actor = graphene.Field(ReturnEventActor, required=True)
    actor_email = graphene.String(description="Staff emails are shown to staff only.")
    created_at = graphene.DateTime(required=True)
    data = graphene.JSONString(required=True)

    class Meta:
        name = "ReturnEvent"

    @staticmethod
    def resolve_actor_email(event: ReturnEvent, info: GraphQLResolveInfo) -> str | None:
        if event.actor == ReturnEvent.Actor.STAFF and not _is_staff(info):
            return None
        return event.actor_email or None


class ReturnRequestType(graphene.ObjectType):
    id = graphene.ID(required=True)
    rma = graphene.String(required=True, description="The store's return number.")
    order_id = graphene.ID(required=True, description="The Saleor order.")
    order_number = graphene.String(required=True)
    status = graphene.Field(ReturnRequestStatus, required=True)
    status_changed_at = graphene.DateTime(
        required=True, description="When the return entered its current status."
    )
    due_at = graphene.DateTime(
        description="Staff only: when the return becomes overdue in its current status (null "
        "when the store sets no limit for that status)."
    )
    is_overdue = graphene.Boolean(
        required=True,
        description="Staff only: whether the return stayed in its status past the store's "
        "limit (false for shoppers).",
    )
    market = graphene.Field(MarketType, description="Staff only: the market it was made in.")
    method = graphene.Field(ReturnMethod, required=True)
    resolution = graphene.Field(ReturnResolution, required=True)
    customer_email = graphene.String(required=True)
    currency = graphene.String(required=True)
    items_value = graphene.Field(Money, required=True)
    shipping_fee = graphene.Field(Money, required=True)
    restocking_fee = graphene.Field(Money, required=True)
    refund_amount = graphene.Field(Money, required=True)
    rejection_reason = graphene.String(resolver=blank_as_null("rejection_reason"))
    created_at = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    approved_at = graphene.DateTime()
    rejected_at = graphene.DateTime()
    received_at = graphene.DateTime()
    resolved_at = graphene.DateTime()
    closed_at = graphene.DateTime()
    cancelled_at = graphene.DateTime()
    lines = graphene.NonNull(graphene.List(graphene.NonNull(ReturnLineType)))
    events = graphene.NonNull(
        graphene.List(graphene.NonNull(ReturnEventType)),
        description="The timeline, oldest first; staff notes are shown to staff only.",
    )
    shipment = graphene.Field(
        ShipmentType, description="The shipment on its way (or the latest attempt)."
    )
    shipments = graphene.NonNull(
        graphene.List(graphene.NonNull(ShipmentType)),
        description="Staff only: every booking attempt, newest first.",
    )
    refund_quote = graphene.Field(
        RefundQuoteType,
        description="Staff only: the default refund once the return is received (else null).",
    )
    tracking_url = graphene.String(
        required=True,
        description="The shopper's tracking page: whoever has the link can follow the return.",
    )

    class Meta:
        name = "ReturnRequest"

    @staticmethod
    def resolve_tracking_url(return_request: ReturnRequest, info: GraphQLResolveInfo) -> str:
        path = reverse("track-return", kwargs={"token": return_request.public_token})
        return f"{info.context.base_url}{path}"

    @staticmethod
    def resolve_id(return_request: ReturnRequest, _info: GraphQLResolveInfo) -> str:
        return global_id("ReturnRequest", return_request.pk)

    @staticmethod
    def resolve_due_at(return_request: ReturnRequest, info: GraphQLResolveInfo) -> datetime | None:
        if not _is_staff(info):
            return None
        limits, _now = _store_sla(info)
        return sla.due_at(return_request, limits)

    @staticmethod
    def resolve_is_overdue(return_request: ReturnRequest, info: GraphQLResolveInfo) -> bool:
        if not _is_staff(info):
            return False
        limits, now = _store_sla(info)
        return sla.is_overdue(return_request, limits, now)

    @staticmethod
    def resolve_market(return_request: ReturnRequest, info: GraphQLResolveInfo) -> Market | None:
        return return_request.market if _is_staff(info) else None

    @staticmethod
    def resolve_items_value(return_request: ReturnRequest, _info: GraphQLResolveInfo) -> Money:
        return _money(return_request.items_value, return_request.currency)

    @staticmethod
    def resolve_shipping_fee(return_request: ReturnRequest, _info: GraphQLResolveInfo) -> Money:
        return _money(return_request.shipping_fee, return_request.currency)

    @staticmethod
    def resolve_restocking_fee(return_request: ReturnRequest, _info: GraphQLResolveInfo) -> Money:
        return _money(return_request.restocking_fee, return_request.currency)

    @staticmethod
    def resolve_refund_amount(return_request: ReturnRequest, _info: GraphQLResolveInfo) -> Money:
        return _money(return_request.refund_amount, return_request.currency)

    @staticmethod
    def resolve_lines(return_request: ReturnRequest, _info: GraphQLResolveInfo) -> list:
        return list(return_request.lines.all())

    @staticmethod
    def resolve_shipment(return_request: ReturnRequest, _info: GraphQLResolveInfo) -> object:
        return current_shipment(return_request)

    @staticmethod
    def resolve_refund_quote(
        return_request: ReturnRequest, info: GraphQLResolveInfo
    ) -> RefundQuoteType | None:
        if not _is_staff(info) or return_request.status not in _QUOTABLE:
            return None
        quote = quote_received(
            return_request=return_request,
            lines=return_request.lines.all(),
            policy=deciding_policy(return_request),
        )
        currency = return_request.currency
        return RefundQuoteType(
            items_value=_money(quote.items_value, currency),
            shipping_fee=_money(quote.shipping_fee, currency),
            restocking_fee=_money(quote.restocking_fee, currency),
            refund_amount=_money(quote.refund_amount, currency),
        )

    @staticmethod
    def resolve_shipments(return_request: ReturnRequest, info: GraphQLResolveInfo) -> list:
        return list(return_request.shipments.all()) if _is_staff(info) else []

    @staticmethod
    def resolve_events(return_request: ReturnRequest, info: GraphQLResolveInfo) -> list:
        events = sorted(return_request.events.all(), key=lambda e: (e.created_at, e.pk))
        if _is_staff(info):
            return events
        return [e for e in events if e.type in SHOPPER_EVENT_TYPES]
