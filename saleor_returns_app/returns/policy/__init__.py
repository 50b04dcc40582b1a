"""The return policy engine: pure functions from facts and a policy to explained decisions.

No models, no I/O, no clock: callers pass the order's facts, the market's `Policy` and `now`.

- `evaluate_returnability(order=, policy=, now=)` -> `Returnability`: per line whether it can
  be returned, how many units, until when, and why not; allowed methods with their fee.
- `evaluate_request(order=, request=, policy=, now=)` -> `Decision`: every error of a request
  at once, or the outcome (APPROVE / REVIEW with reasons), fees and refund.
- `render_message(code, params)` renders any code again, e.g. in the shopper's language.

Every refusal carries a stable `code` (an enum), `params` (JSON-safe) and a `message` rendered
with Django's gettext in the active language.
"""

from saleor_returns_app.returns.policy.codes import (
    ErrorCode,
    IneligibilityCode,
    Outcome,
    RequestErrorCode,
    ReviewReason,
)
from saleor_returns_app.returns.policy.decision import Decision, ReviewFlag, evaluate_request
from saleor_returns_app.returns.policy.eligibility import (
    LineEligibility,
    MethodOffer,
    Returnability,
    evaluate_returnability,
)
from saleor_returns_app.returns.policy.facts import (
    Method,
    OrderFacts,
    OrderLineFacts,
    RequestedLine,
    Resolution,
    ReturnRequestFacts,
)
from saleor_returns_app.returns.policy.fees import DecisionLine
from saleor_returns_app.returns.policy.messages import render_message
from saleor_returns_app.returns.policy.reasons import (
    Reason,
    ReasonFamily,
    default_reasons,
    reason_label,
)
from saleor_returns_app.returns.policy.rules import Exclusions, Policy, WindowStart
from saleor_returns_app.returns.policy.validation import RequestError

__all__ = [
    "Decision",
    "DecisionLine",
    "ErrorCode",
    "Exclusions",
    "IneligibilityCode",
    "LineEligibility",
    "Method",
    "MethodOffer",
    "OrderFacts",
    "OrderLineFacts",
    "Outcome",
    "Policy",
    "Reason",
    "ReasonFamily",
    "RequestError",
    "RequestErrorCode",
    "RequestedLine",
    "Resolution",
    "ReturnRequestFacts",
    "Returnability",
    "ReviewFlag",
    "ReviewReason",
    "WindowStart",
    "default_reasons",
    "evaluate_request",
    "evaluate_returnability",
    "reason_label",
    "render_message",
]
