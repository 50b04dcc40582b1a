"""RMA numbers and the reason catalogue a store starts with."""

from __future__ import annotations

import pytest
from django.db import transaction

from saleor_returns_app.returns.catalogue import (
    ensure_default_reasons,
    policy_reasons,
    reason_label,
)
from saleor_returns_app.returns.models import ReturnReason
from saleor_returns_app.returns.numbering import next_rma
from saleor_returns_app.returns.policy import ReasonFamily, default_reasons
from saleor_returns_app.testing.factories import make_installation

pytestmark = pytest.mark.django_db


def test_rma_numbers_count_per_store_and_year():
    first, second = make_installation(), make_installation()
    assert next_rma(installation=first, year=2026) == "R-2026-000001"
    assert next_rma(installation=first, year=2026) == "R-2026-000002"
    assert next_rma(installation=second, year=2026) == "R-2026-000001"
    assert next_rma(installation=first, year=2027) == "R-2027-000001"


def _store_a_return_that_fails(installation) -> None:
    with transaction.atomic():
        next_rma(installation=installation, year=2026)
        raise RuntimeError("the return was not stored")


def test_a_number_taken_by_a_rolled_back_return_is_issued_again():
    installation = make_installation()
    with pytest.raises(RuntimeError):
        _store_a_return_that_fails(installation)
    assert next_rma(installation=installation, year=2026) == "R-2026-000001"


def test_a_new_store_gets_the_default_reasons_in_four_languages():
    installation = make_installation()
    reasons = ensure_default_reasons(installation=installation)
    assert {r.code for r in reasons} == set(default_reasons())
    damaged = ReturnReason.objects.get(installation=installation, code="DAMAGED")
    assert damaged.requires_photo
    assert reason_label(damaged, "ro") == "A sosit deteriorat"
    assert reason_label(damaged, "pl-PL") == "Dotarł uszkodzony"
    assert reason_label(damaged, "cs") == "Dorazilo poškozené"
    assert reason_label(damaged, "hu") == "Arrived damaged"


def test_seeding_again_keeps_what_the_store_edited():
    installation = make_installation()
    ensure_default_reasons(installation=installation)
    ReturnReason.objects.filter(installation=installation, code="TOO_SMALL").update(
        labels={"en": "Runs small"}, is_active=False
    )
    ensure_default_reasons(installation=installation)
    edited = ReturnReason.objects.get(installation=installation, code="TOO_SMALL")
    assert edited.labels == {"en": "Runs small"}
    assert "TOO_SMALL" not in policy_reasons(installation=installation)
    assert policy_reasons(installation=installation)["WRONG_ITEM"].family is (
        ReasonFamily.CONTROLLABLE
    )
