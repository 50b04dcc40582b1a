"""Staff moves through HTTP: approve, reject, cancel, notes; refusals in the payload."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from saleor_returns_app.returns.models import ReturnEvent, ReturnRequest
from saleor_returns_app.testing.factories import make_installation, make_return_request

from .helpers import error_codes, gid

RESULT = "returnRequest { status rejectionReason events { type actor actorEmail } } "
ERRORS = "errors { field code message }"
APPROVE = f"mutation A($id: ID!) {{ returnRequestApprove(id: $id) {{ {RESULT} {ERRORS} }} }}"
REJECT = (
    "mutation R($id: ID!, $reason: String!) "
    f"{{ returnRequestReject(id: $id, reason: $reason) {{ {RESULT} {ERRORS} }} }}"
)
CANCEL = f"mutation C($id: ID!) {{ returnRequestCancel(id: $id) {{ {RESULT} {ERRORS} }} }}"
NOTE = (
    "mutation N($id: ID!, $message: String!) { returnRequestNoteAdd(id: $id, message: $message)"
    f" {{ event {{ type actorEmail data }} {RESULT} {ERRORS} }} }}"
)
EVENTS = "query E($id: ID!) { returnRequest(id: $id) { events { type actor actorEmail } } }"


def _status(return_request) -> str:
    return ReturnRequest.objects.get(pk=return_request.pk).status


def test_staff_approve_a_requested_return(api, installation, staff_token):
    return_request = make_return_request(installation)
    body = api.call(APPROVE, {"id": gid(return_request)}, staff=staff_token)
    payload = body["data"]["returnRequestApprove"]
    assert payload["errors"] == []
    assert payload["returnRequest"]["status"] == "APPROVED"
    assert payload["returnRequest"]["events"] == [
        {"type": "APPROVE", "actor": "STAFF", "actorEmail": "olga@shop.example"}
    ]


def test_approving_a_rejected_return_is_an_invalid_transition(api, installation, staff_token):
    return_request = make_return_request(installation, status="REJECTED")
    payload = api.call(APPROVE, {"id": gid(return_request)}, staff=staff_token)["data"][
        "returnRequestApprove"
    ]
    assert payload["returnRequest"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [(None, "INVALID_TRANSITION")]
    assert _status(return_request) == "REJECTED"


def test_staff_reject_with_a_reason_the_shopper_sees(api, installation, staff_token):
    return_request = make_return_request(installation, status="NEEDS_REVIEW")
    variables = {"id": gid(return_request), "reason": "Worn"}
    payload = api.call(REJECT, variables, staff=staff_token)["data"]["returnRequestReject"]
    assert payload["errors"] == []
    assert payload["returnRequest"]["status"] == "REJECTED"
    assert payload["returnRequest"]["rejectionReason"] == "Worn"


def test_rejecting_without_a_reason_changes_nothing(api, installation, staff_token):
    return_request = make_return_request(installation)
    variables = {"id": gid(return_request), "reason": "  "}
    payload = api.call(REJECT, variables, staff=staff_token)["data"]["returnRequestReject"]
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("reason", "REQUIRED")]
    assert _status(return_request) == "REQUESTED"


def test_rejecting_an_approved_return_is_an_invalid_transition(api, installation, staff_token):
    return_request = make_return_request(installation, status="APPROVED")
    variables = {"id": gid(return_request), "reason": "Too late"}
    payload = api.call(REJECT, variables, staff=staff_token)["data"]["returnRequestReject"]
    assert [e["code"] for e in payload["errors"]] == ["INVALID_TRANSITION"]
    assert _status(return_request) == "APPROVED"


def test_staff_cancel_an_approved_return(api, installation, staff_token):
    return_request = make_return_request(installation, status="APPROVED")
    payload = api.call(CANCEL, {"id": gid(return_request)}, staff=staff_token)["data"][
        "returnRequestCancel"
    ]
    assert (payload["errors"], payload["returnRequest"]["status"]) == ([], "CANCELLED")


def test_a_received_return_cannot_be_cancelled(api, installation, staff_token):
    return_request = make_return_request(installation, status="RECEIVED")
    payload = api.call(CANCEL, {"id": gid(return_request)}, staff=staff_token)["data"][
        "returnRequestCancel"
    ]
    assert [e["code"] for e in payload["errors"]] == ["INVALID_TRANSITION"]
    assert _status(return_request) == "RECEIVED"


def test_staff_add_a_note_without_moving_the_return(api, installation, staff_token):
    return_request = make_return_request(installation, status="APPROVED")
    variables = {"id": gid(return_request), "message": "Called the customer"}
    payload = api.call(NOTE, variables, staff=staff_token)["data"]["returnRequestNoteAdd"]
    assert payload["errors"] == []
    assert payload["event"]["type"] == "NOTE"
    assert payload["event"]["actorEmail"] == "olga@shop.example"
    assert payload["returnRequest"]["status"] == "APPROVED"


def test_an_empty_note_is_refused(api, installation, staff_token):
    return_request = make_return_request(installation)
    variables = {"id": gid(return_request), "message": ""}
    payload = api.call(NOTE, variables, staff=staff_token)["data"]["returnRequestNoteAdd"]
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("message", "REQUIRED")]
    assert not ReturnEvent.objects.filter(return_request=return_request).exists()


def test_shoppers_see_neither_staff_notes_nor_staff_emails(api, saleor, installation, staff_token):
    # given a return approved by staff, with a staff note
    return_request = make_return_request(installation, customer_email="ana@example.com")
    api.call(APPROVE, {"id": gid(return_request)}, staff=staff_token)
    api.call(NOTE, {"id": gid(return_request), "message": "Regular"}, staff=staff_token)
    # when its shopper reads the timeline
    shopper = saleor.mint_shopper_token(email="ana@example.com")
    events = api.call(EVENTS, {"id": gid(return_request)}, shopper=shopper)
    # then they see the approval, by staff, without the note or who approved
    assert events["data"]["returnRequest"]["events"] == [
        {"type": "APPROVE", "actor": "STAFF", "actorEmail": None}
    ]


def test_another_stores_return_is_not_found(api, installation, staff_token):
    elsewhere = make_return_request(make_installation())
    payload = api.call(APPROVE, {"id": gid(elsewhere)}, staff=staff_token)["data"][
        "returnRequestApprove"
    ]
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("id", "NOT_FOUND")]
    assert _status(elsewhere) == "REQUESTED"


def test_a_malformed_id_is_not_found(api, installation, staff_token):
    payload = api.call(APPROVE, {"id": "nonsense"}, staff=staff_token)["data"][
        "returnRequestApprove"
    ]
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("id", "NOT_FOUND")]


def test_shoppers_cannot_use_staff_mutations(api, saleor, installation):
    return_request = make_return_request(installation, customer_email="ana@example.com")
    shopper = saleor.mint_shopper_token(email="ana@example.com")
    body = api.call(APPROVE, {"id": gid(return_request)}, shopper=shopper)
    assert error_codes(body) == ["PERMISSION_DENIED"]
    assert _status(return_request) == "REQUESTED"


def test_staff_without_manage_orders_cannot_approve(api, saleor, installed, installation):
    return_request = make_return_request(installation)
    token = saleor.mint_dashboard_token(installed, user_permissions=())
    body = api.call(APPROVE, {"id": gid(return_request)}, staff=token)
    assert error_codes(body) == ["PERMISSION_DENIED"]
    assert _status(return_request) == "REQUESTED"


def test_of_two_concurrent_approvals_exactly_one_wins(api, installation, staff_token):
    # given a requested return
    return_request = make_return_request(installation)
    # when two staff requests approve it at the same time
    with ThreadPoolExecutor(max_workers=2) as pool:
        calls = [
            pool.submit(api.call, APPROVE, {"id": gid(return_request)}, staff=staff_token)
            for _ in range(2)
        ]
        payloads = [call.result()["data"]["returnRequestApprove"] for call in calls]
    # then one is approved and the other is told the return has moved on
    outcomes = sorted("won" if not p["errors"] else p["errors"][0]["code"] for p in payloads)
    assert outcomes == ["INVALID_TRANSITION", "won"]
    assert ReturnEvent.objects.filter(return_request=return_request, type="APPROVE").count() == 1
