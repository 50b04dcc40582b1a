"""Everything wrong with a submitted return request, found in one pass (Saleor style)."""

from __future__ import annotations

from dataclasses import dataclass

from saleor_returns_app.returns.policy.codes import (
    ErrorCode,
    IneligibilityCode,
    RequestErrorCode,
)
from saleor_returns_app.returns.policy.eligibility import LineEligibility, Returnability
from saleor_returns_app.returns.policy.facts import RequestedLine, ReturnRequestFacts
from saleor_returns_app.returns.policy.messages import Params, freeze_params, render_message
from saleor_returns_app.returns.policy.rules import Policy


@dataclass(frozen=True, kw_only=True)
class RequestError:
    """One problem with the request. `field` is a path into `ReturnRequestFacts`
    (`lines.0.quantity`, `method`), or None for the order as a whole."""

    field: str | None
    code: ErrorCode
    message: str
    params: Params


def validate_request(
    *, request: ReturnRequestFacts, policy: Policy, returnability: Returnability
) -> tuple[RequestError, ...]:
    """All errors of `request` at once, in the order of the fields they concern.

    An ineligible line is reported on its `line_id` with the line's own code and message.
    An order that cannot be returned at all (total below the minimum) is reported once, on
    no field, rather than on every line.
    """
    errors: list[RequestError] = []
    if not request.lines:
        errors.append(_error("lines", RequestErrorCode.NO_LINES))
    errors.extend(_order_errors(request=request, returnability=returnability))

    seen: set[str] = set()
    for index, requested in enumerate(request.lines):
        duplicate = requested.line_id in seen
        seen.add(requested.line_id)
        errors.extend(
            _line_errors(
                path=f"lines.{index}",
                requested=requested,
                eligibility=None if duplicate else returnability.line(requested.line_id),
                duplicate=duplicate,
                policy=policy,
            )
        )

    if request.method not in policy.allowed_methods:
        params = {"method": str(request.method)}
        errors.append(_error("method", RequestErrorCode.METHOD_NOT_ALLOWED, params))
    if request.resolution not in policy.allowed_resolutions:
        params = {"resolution": str(request.resolution)}
        errors.append(_error("resolution", RequestErrorCode.RESOLUTION_NOT_ALLOWED, params))
    return tuple(errors)


def _order_errors(
    *, request: ReturnRequestFacts, returnability: Returnability
) -> list[RequestError]:
    for requested in request.lines:
        eligibility = returnability.line(requested.line_id)
        if eligibility is not None and eligibility.code is IneligibilityCode.ORDER_TOTAL_TOO_LOW:
            return [_error(None, eligibility.code, eligibility.params)]
    return []


def _line_errors(
    *,
    path: str,
    requested: RequestedLine,
    eligibility: LineEligibility | None,
    duplicate: bool,
    policy: Policy,
) -> list[RequestError]:
    errors: list[RequestError] = []
    if duplicate:
        errors.append(_error(f"{path}.line_id", RequestErrorCode.DUPLICATE_LINE))
    elif eligibility is None:
        errors.append(_error(f"{path}.line_id", RequestErrorCode.UNKNOWN_LINE))
    elif eligibility.code is not None and (
        eligibility.code is not IneligibilityCode.ORDER_TOTAL_TOO_LOW
    ):
        errors.append(_error(f"{path}.line_id", eligibility.code, eligibility.params))

    if requested.quantity <= 0:
        errors.append(_error(f"{path}.quantity", RequestErrorCode.QUANTITY_NOT_POSITIVE))
    elif (
        eligibility is not None
        and eligibility.eligible
        and requested.quantity > eligibility.returnable_quantity
    ):
        params = {"max_quantity": eligibility.returnable_quantity}
        errors.append(_error(f"{path}.quantity", RequestErrorCode.QUANTITY_TOO_HIGH, params))

    reason = policy.reasons.get(requested.reason_code)
    if reason is None:
        params = {"reason_code": requested.reason_code}
        errors.append(_error(f"{path}.reason_code", RequestErrorCode.UNKNOWN_REASON, params))
        return errors
    if reason.requires_comment and not requested.comment.strip():
        errors.append(_error(f"{path}.comment", RequestErrorCode.COMMENT_REQUIRED))
    if (
        reason.requires_photo
        and requested.photo_count <= 0
        and not policy.review_when_photo_missing
    ):
        errors.append(_error(f"{path}.photo_count", RequestErrorCode.PHOTO_REQUIRED))
    return errors


def _error(path: str | None, code: ErrorCode, params: Params | None = None) -> RequestError:
    return RequestError(
        field=path,
        code=code,
        message=render_message(code, params),
        params=freeze_params(params),
    )
