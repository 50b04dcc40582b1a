"""Human RMA numbers, unique per store: `R-2026-000123`, counting from 1 each year."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.models import RmaSequence


def next_rma(*, installation: Installation, year: int) -> str:
    """The next number; the row stays locked until the caller's transaction ends.

    Call it inside the transaction that stores the return, so two concurrent requests cannot
    read the same number; a number taken by a rolled-back request is issued again.
    """
    with transaction.atomic():
        sequence, _ = RmaSequence.objects.get_or_create(installation=installation, year=year)
        RmaSequence.objects.filter(pk=sequence.pk).update(last_number=F("last_number") + 1)
        number = RmaSequence.objects.values_list("last_number", flat=True).get(pk=sequence.pk)
    return f"R-{year}-{number:06d}"
