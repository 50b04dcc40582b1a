"""Photos of reviews the shopper never confirmed are deleted; photos of returns are kept."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from saleor_returns_app.portal.photos import store_photos, sweep_abandoned_photos
from saleor_returns_app.returns.models import ReturnLine
from saleor_returns_app.testing.factories import make_installation, make_return_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    """Files outlive each test's rolled-back rows: each test sweeps a storage of its own."""
    settings.MEDIA_ROOT = tmp_path


def _aged(path: str, days: int) -> str:
    when = (timezone.now() - timedelta(days=days)).timestamp()
    os.utime(default_storage.path(path), (when, when))
    return path


def test_only_old_photos_no_return_refers_to_are_deleted():
    store = make_installation()
    kept_by_return, abandoned, just_uploaded = store_photos(
        store, [(b"a", "png"), (b"b", "png"), (b"c", "png")]
    )
    return_request = make_return_request(store)
    ReturnLine.objects.filter(return_request=return_request).update(photos=[kept_by_return])
    _aged(kept_by_return, days=30)
    _aged(abandoned, days=2)

    deleted = sweep_abandoned_photos(now=timezone.now())

    assert deleted == 1
    assert not default_storage.exists(abandoned)
    assert default_storage.exists(kept_by_return)
    assert default_storage.exists(just_uploaded)


def test_another_stores_return_does_not_keep_a_photo():
    store, other = make_installation(), make_installation()
    (photo,) = store_photos(store, [(b"a", "png")])
    other_return = make_return_request(other)
    ReturnLine.objects.filter(return_request=other_return).update(photos=[photo])
    _aged(photo, days=2)

    assert sweep_abandoned_photos(now=timezone.now()) == 1
    assert not default_storage.exists(photo)
