"""Staff moves on one return (MANAGE_ORDERS): approve, reject, cancel, add a note.

Each resolver checks the viewer, decodes the id, calls one service and maps its refusal: a
`Refused` (e.g. `TransitionNotAllowed` → INVALID_TRANSITION) becomes a payload error with its
code, a missing row → NOT_FOUND on `id`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import graphene

from graphql import GraphQLResolveInfo
from saleor_returns_app.api.context import RequestContext
from saleor_returns_app.api.errors import (
    errors_field,
    payload_error,
    permission_denied,
)
from saleor_returns_app.api.ids import pk_from_global_id
from saleor_returns_app.api.types import ReturnEventType, ReturnRequestType
from saleor_returns_app.returns import services
from saleor_returns_app.returns.models import ReturnRequest
from saleor_returns_app.returns.outcomes import Refused
from saleor_returns_app.returns.selectors import return_request_for

_NOT_FOUND = "No return with this id."


def staff_context(info: GraphQLResolveInfo) -> RequestContext:
    context: RequestContext = info.context
    if not context.viewer.manages_orders:
        raise permission_denied()
    return context


def settings_context(info: GraphQLResolveInfo) -> RequestContext:
    context: RequestContext = info.context
    if not context.viewer.manages_apps:
        raise permission_denied("MANAGE_APPS")
    return context


def run_staff_action(
    info: GraphQLResolveInfo, id: str, action: Callable[..., Any]
) -> dict[str, Any]:
    """Call `action(installation=, return_request_id=, actor=)`; its result or the errors."""
    context = staff_context(info)
    pk = pk_from_global_id(id, "ReturnRequest")
    if pk is None:
        return {"errors": [payload_error("NOT_FOUND", _NOT_FOUND, "id")]}
    try:
        result = action(
            installation=context.installation, return_request_id=pk, actor=context.viewer.actor
        )
    except ReturnRequest.DoesNotExist:
        return {"errors": [payload_error("NOT_FOUND", _NOT_FOUND, "id")]}
    except Refused as refusal:
        return {"errors": [payload_error(refusal.code, str(refusal))]}
    return {"result": result, "errors": []}


def _reloaded(info: GraphQLResolveInfo, return_request: ReturnRequest) -> ReturnRequest | None:
    context: RequestContext = info.context
    return return_request_for(installation=context.installation, id=return_request.pk)


class StaffTransition(graphene.Mutation):
    """Shared payload of the state moves."""

    return_request = graphene.Field(ReturnRequestType)
    errors = errors_field()

    class Meta:
        abstract = True

    @classmethod
    def _payload(cls, info: GraphQLResolveInfo, outcome: dict[str, Any]) -> StaffTransition:
        result = outcome.get("result")
        return cls(
            return_request=_reloaded(info, result) if result is not None else None,
            errors=outcome["errors"],
        )


class ReturnRequestApprove(StaffTransition):
    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def mutate(cls, _root: None, info: GraphQLResolveInfo, id: str) -> StaffTransition:
        return cls._payload(info, run_staff_action(info, id, services.approve_return))


class ReturnRequestReject(StaffTransition):
    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(required=True, description="Shown to the shopper.")

    @classmethod
    def mutate(cls, _root: None, info: GraphQLResolveInfo, id: str, reason: str) -> StaffTransition:
        staff_context(info)
        if not reason.strip():
            return cls(
                errors=[payload_error("REQUIRED", "Say why the return is rejected.", "reason")]
            )
        return cls._payload(
            info,
            run_staff_action(
                info, id, lambda **kw: services.reject_return(**kw, reason=reason.strip())
            ),
        )


class ReturnRequestCancel(StaffTransition):
    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def mutate(cls, _root: None, info: GraphQLResolveInfo, id: str) -> StaffTransition:
        return cls._payload(info, run_staff_action(info, id, services.cancel_return))


class ReturnRequestNoteAdd(graphene.Mutation):
    """A note on the timeline, for staff only."""

    return_request = graphene.Field(ReturnRequestType)
    event = graphene.Field(ReturnEventType)
    errors = errors_field()

    class Arguments:
        id = graphene.ID(required=True)
        message = graphene.String(required=True)

    @classmethod
    def mutate(
        cls, _root: None, info: GraphQLResolveInfo, id: str, message: str
    ) -> ReturnRequestNoteAdd:
        staff_context(info)
        if not message.strip():
            return cls(errors=[payload_error("REQUIRED", "The note is empty.", "message")])
        outcome = run_staff_action(
            info, id, lambda **kw: services.add_note(**kw, message=message.strip())
        )
        event = outcome.get("result")
        if event is None:
            return cls(errors=outcome["errors"])
        return cls(return_request=_reloaded(info, event.return_request), event=event, errors=[])


class StaffMutations(graphene.ObjectType):
    return_request_approve = ReturnRequestApprove.Field()
    return_request_reject = ReturnRequestReject.Field()
    return_request_cancel = ReturnRequestCancel.Field()
    return_request_note_add = ReturnRequestNoteAdd.Field()
