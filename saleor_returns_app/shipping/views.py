"""Label downloads (a signed, expiring link for shoppers; the dashboard token for staff) and
the URL carriers push tracking to."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from saleor_returns_app.api.ids import pk_from_global_id
from saleor_returns_app.carriers.base import CarrierRejected, LabelFormat, NotSupported
from saleor_returns_app.core.http import json_error
from saleor_returns_app.dashboard.staff import staff_or_error
from saleor_returns_app.shipping.files import open_label, shipment_for_token
from saleor_returns_app.shipping.models import Shipment
from saleor_returns_app.shipping.pushed import account_for_push, receive_push


def _label_response(shipment: Shipment) -> FileResponse:
    label_format = LabelFormat(shipment.label_format or LabelFormat.PDF_A6)
    response = FileResponse(
        open_label(shipment),
        content_type=label_format.media_type,
        as_attachment=label_format is LabelFormat.ZPL,
        filename=f"{shipment.return_request.rma}-label.{label_format.extension}",
    )
    # Labels carry home addresses: never cached by shared caches.
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def shopper_label(request: HttpRequest, token: str) -> HttpResponse:
    shipment = shipment_for_token(token)
    if shipment is None or shipment.status != Shipment.Status.BOOKED:
        return json_error(404, "NOT_FOUND", "This label link is unknown or has expired.")
    return _label_response(shipment)


@require_GET
def staff_label(request: HttpRequest, shipment_id: str) -> HttpResponse:
    """`shipment_id` is the API's global id of the shipment."""
    user = staff_or_error(request)
    if isinstance(user, HttpResponse):
        return user
    pk = pk_from_global_id(shipment_id, "Shipment")
    shipment = (
        Shipment.objects.for_installation(user.installation)
        .select_related("return_request")
        .filter(pk=pk)
        .exclude(label_file="")
        .first()
    )
    if shipment is None:
        return json_error(404, "NOT_FOUND", "No label for this shipment.")
    return _label_response(shipment)


@csrf_exempt
@require_POST
def carrier_push(request: HttpRequest, account_id: int, token: str) -> HttpResponse:
    """A carrier pushes tracking to `/api/carrier-webhooks/<account>/<secret>`."""
    account = account_for_push(account_id, token)
    if account is None:
        return json_error(404, "NOT_FOUND", "Unknown webhook URL.")
    try:
        result = receive_push(account, dict(request.headers.items()), request.body)
    except NotSupported:
        return json_error(404, "NOT_SUPPORTED", "This carrier does not push tracking.")
    except CarrierRejected as refusal:
        return json_error(400, "INVALID_PAYLOAD", refusal.message)
    return JsonResponse({"events": result.events, "shipments": result.shipments})
