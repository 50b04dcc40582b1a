"""Labels and carrier documents: stored through Django's storage API, handed out by link.

Files live in the default storage (the filesystem under DATA_DIR by default; any Django
storage, S3 included, through the STORAGES setting). Rows keep only the path. Shoppers get a
signed link that expires; staff fetch through the dashboard-token endpoint.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from saleor_returns_app.carriers.base import Label
from saleor_returns_app.shipping.models import Shipment

_SALT = "saleor-returns.shipment-file"


def store_label(shipment: Shipment, label: Label) -> str:
    """Save `label` and return its storage path (a retried save gets a fresh name)."""
    name = (
        f"labels/{shipment.installation_id}/{shipment.return_request.rma}/"
        f"{shipment.attempt}-label.{label.format.extension}"
    )
    return default_storage.save(name, ContentFile(label.content))


def store_document(shipment: Shipment, kind: str, content: bytes, extension: str) -> str:
    name = (
        f"documents/{shipment.installation_id}/{shipment.return_request.rma}/"
        f"{shipment.attempt}-{kind.lower()}.{extension}"
    )
    return default_storage.save(name, ContentFile(content))


def signed_label_token(shipment: Shipment) -> str:
    return signing.dumps({"shipment": shipment.pk, "path": shipment.label_file}, salt=_SALT)


def shipment_for_token(token: str) -> Shipment | None:
    """The shipment a signed link names, if the link is genuine, unexpired and still points
    at the shipment's current label (a replaced label invalidates old links)."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=settings.LABEL_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    shipment = Shipment.objects.filter(pk=data.get("shipment")).first()
    if shipment is None or not shipment.label_file or shipment.label_file != data.get("path"):
        return None
    return shipment


def open_label(shipment: Shipment) -> File:
    return default_storage.open(shipment.label_file, "rb")
