"""Shoppers' photos of returned items: checked by their content, stored privately.

The browser's content type and file name are the shopper's to choose, so neither is trusted:
Pillow must open and verify the bytes as JPEG, PNG or WebP. Files go to the default storage
under the store's own prefix with a random name, and nothing serves that prefix publicly;
`ReturnLine.photos` keeps the paths for staff, who see them through short-lived signed links
that the API hands only to staff (an `<img>` cannot send the Dashboard token itself).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core import signing
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.models import ReturnLine

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTOS_PER_LINE = 5
# Pillow's format name → the extension the stored file gets.
_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# A decompression bomb must not take the worker down: far above any phone camera.
_MAX_PIXELS = 80_000_000


class PhotoRefused(Exception):
    """A photo the portal does not take; the message is for the shopper."""


def _format_of(content: bytes) -> str:
    try:
        with Image.open(ContentFile(content)) as image:
            if image.width * image.height > _MAX_PIXELS:
                raise PhotoRefused(_("This photo is too large."))
            image.verify()
            return image.format or ""
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise PhotoRefused(_("Use a JPEG, PNG or WebP photo.")) from error


def check_photos(uploads: Iterable[UploadedFile]) -> list[tuple[bytes, str]]:
    """Each upload's bytes and extension, or `PhotoRefused` for the first that is not a
    JPEG/PNG/WebP image of at most 10 MB, or for more than 5."""
    checked = []
    for upload in uploads:
        if len(checked) >= MAX_PHOTOS_PER_LINE:
            raise PhotoRefused(_("Add at most 5 photos per item."))
        if upload.size is not None and upload.size > MAX_PHOTO_BYTES:
            raise PhotoRefused(_("Each photo may be at most 10 MB."))
        content = upload.read(MAX_PHOTO_BYTES + 1)
        if len(content) > MAX_PHOTO_BYTES:
            raise PhotoRefused(_("Each photo may be at most 10 MB."))
        image_format = _format_of(content)
        if image_format not in _FORMATS:
            raise PhotoRefused(_("Use a JPEG, PNG or WebP photo."))
        checked.append((content, _FORMATS[image_format]))
    return checked


def store_photos(installation: Installation, photos: Iterable[tuple[bytes, str]]) -> list[str]:
    """Save checked photos privately; their storage paths."""
    return [
        default_storage.save(
            f"return-photos/{installation.pk}/{secrets.token_urlsafe(18)}.{extension}",
            ContentFile(content),
        )
        for content, extension in photos
    ]


_LINK_SALT = "saleor-returns.return-photo"
PHOTO_LINK_MAX_AGE = 3600


def photo_link_token(installation_id: int, path: str) -> str:
    return signing.dumps({"store": installation_id, "path": path}, salt=_LINK_SALT)


def photo_for_token(token: str) -> File | None:
    """The photo a signed link names, when the link is genuine, unexpired and the path is one
    of that store's photos; None otherwise."""
    try:
        data = signing.loads(token, salt=_LINK_SALT, max_age=PHOTO_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    path = str(data.get("path") or "")
    if not path.startswith(f"return-photos/{data.get('store')}/") or ".." in path:
        return None
    if not default_storage.exists(path):
        return None
    return default_storage.open(path, "rb")


# Photos are stored when the shopper reviews the return; a review never confirmed leaves them
# behind. Its token lives an hour, so a day-old photo no return refers to will never be used.
ABANDONED_AFTER = timedelta(days=1)
_ROOT = "return-photos"


def sweep_abandoned_photos(*, now: datetime, older_than: timedelta = ABANDONED_AFTER) -> int:
    """Delete the photos no return refers to that were stored over `older_than` ago; the
    number deleted."""
    if not default_storage.exists(_ROOT):
        return 0
    stores, _files = default_storage.listdir(_ROOT)
    deleted = 0
    for store in filter(str.isdigit, stores):
        referenced = {
            path
            for photos in ReturnLine.objects.filter(
                return_request__installation_id=int(store)
            ).values_list("photos", flat=True)
            for path in photos
        }
        _dirs, names = default_storage.listdir(f"{_ROOT}/{store}")
        for name in names:
            path = f"{_ROOT}/{store}/{name}"
            if path in referenced or default_storage.get_modified_time(path) > now - older_than:
                continue
            default_storage.delete(path)
            deleted += 1
    return deleted
