"""Staff handle the parcel once it arrives (MANAGE_ORDERS): receive, inspect, refund, close.

Thin as the other mutations: decode ids, call one service in `returns.receiving` or
`returns.refunds`, map its errors; Saleor is told by the sync operations those services plan.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene
from django.utils import timezone

from graphql import GraphQLResolveInfo
from saleor_returns_app.api.errors import payload_error
from saleor_returns_app.api.fields import enum_value
from saleor_returns_app.api.ids import pk_from_global_id
from saleor_returns_app.api.staff_mutations import (
    StaffTransition,
    run_staff_action,
    staff_context,
)
from saleor_returns_app.api.types import ReturnLineCondition
from saleor_returns_app.returns import receiving, refunds
from saleor_returns_app.returns.models import ReturnLine, ReturnRequest
from saleor_returns_app.returns.outcomes import ServiceResult


class ReturnLineReceivedInput(graphene.InputObjectType):
    line_id = graphene.ID(required=True, description="A line of the return (`ReturnLine.id`).")
    quantity = graphene.Int(required=True, description="How many units arrived.")
    condition = ReturnLineCondition(required=True)
    restock = graphene.Boolean(required=True, description="Put the units back on sale.")
    warehouse_id = graphene.ID(description="The Saleor warehouse to restock into.")


def _received(lines: list[dict[str, Any]]) -> list[receiving.ReceivedLine]:
    return [
        receiving.ReceivedLine(
            # An id that is not a ReturnLine's becomes 0: the service reports UNKNOWN_LINE.
            line_id=pk_from_global_id(line["line_id"], "ReturnLine") or 0,
            quantity=line["quantity"],
            condition=ReturnLine.Condition(enum_value(line["condition"])),
            restock=line["restock"],
            warehouse_id=(line.get("warehouse_id") or "").strip(),
        )
        for line in lines
    ]


def _with_errors(outcome: dict[str, Any]) -> dict[str, Any]:
    """A service result with `errors` becomes the payload's errors; else it is the result."""
    result = outcome.get("result")
    if result is not None and result.errors:
        errors = [payload_error(e.code, e.message, e.field) for e in result.errors]
        return {"errors": errors}
    if result is not None:
        return {"result": result.return_request, "errors": []}
    return outcome


class ReturnRequestReceive(StaffTransition):
    class Arguments:
        id = graphene.ID(required=True)
        lines = graphene.NonNull(graphene.List(graphene.NonNull(ReturnLineReceivedInput)))

    @classmethod
    def mutate(
        cls, _root: None, info: GraphQLResolveInfo, id: str, lines: list[dict[str, Any]]
    ) -> StaffTransition:
        def receive(**kwargs: Any) -> ServiceResult:
            return receiving.receive_return(**kwargs, lines=_received(lines), now=timezone.now())

        return cls._payload(info, _with_errors(run_staff_action(info, id, receive)))


class ReturnRequestRefund(StaffTransition):
    class Arguments:
        id = graphene.ID(required=True)
        amount = graphene.Decimal(description="Default: received items minus the policy's fees.")
        include_shipping = graphene.Boolean(default_value=False)

    @classmethod
    def mutate(
        cls,
        _root: None,
        info: GraphQLResolveInfo,
        id: str,
        amount: Decimal | None = None,
        include_shipping: bool = False,
    ) -> StaffTransition:
        def refund(**kwargs: Any) -> ServiceResult:
            return refunds.refund_return(
                **kwargs, amount=amount, include_shipping=include_shipping, now=timezone.now()
            )

        return cls._payload(info, _with_errors(run_staff_action(info, id, refund)))


class ReturnRequestInspect(StaffTransition):
    """The received items were checked; markets that refund on inspection refund now."""

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def mutate(cls, _root: None, info: GraphQLResolveInfo, id: str) -> StaffTransition:
        def inspect(**kwargs: Any) -> ReturnRequest:
            return receiving.inspect_return(**kwargs, now=timezone.now())

        return cls._payload(info, run_staff_action(info, id, inspect))


class ReturnRequestClose(StaffTransition):
    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def mutate(cls, _root: None, info: GraphQLResolveInfo, id: str) -> StaffTransition:
        staff_context(info)
        return cls._payload(info, run_staff_action(info, id, refunds.close_return))


class WarehouseMutations(graphene.ObjectType):
    return_request_receive = ReturnRequestReceive.Field()
    return_request_inspect = ReturnRequestInspect.Field()
    return_request_refund = ReturnRequestRefund.Field()
    return_request_close = ReturnRequestClose.Field()
