"""Staff replace the store's reason catalogue: ordered, validated whole, never deleting a code."""

from __future__ import annotations

import pytest

from saleor_returns_app.returns.catalogue import (
    ReasonEntry,
    catalogue,
    ensure_default_reasons,
    policy_reasons,
    reason_use_counts,
    save_reasons,
)
from saleor_returns_app.returns.models import ReturnReason
from saleor_returns_app.returns.policy import ReasonFamily, default_reasons
from saleor_returns_app.testing.factories import make_installation, make_return_request

pytestmark = pytest.mark.django_db


def _entry(code: str, **overrides) -> ReasonEntry:
    values = {
        "code": code,
        "family": "CUSTOMER",
        "labels": {"en": code.replace("_", " ").capitalize()},
        **overrides,
    }
    return ReasonEntry(**values)


def _codes(installation, *, active: bool | None = None) -> list[str]:
    rows = ReturnReason.objects.for_installation(installation)
    if active is not None:
        rows = rows.filter(is_active=active)
    return list(rows.values_list("code", flat=True))


def test_saving_orders_the_catalogue_as_given_and_upserts_by_code():
    installation = make_installation()
    ensure_default_reasons(installation=installation)
    saved, errors = save_reasons(
        installation,
        [
            _entry(
                "TOO_SMALL",
                labels={"en": "Runs small", "ro": "Vine mic", "pt-br": "Ficou pequeno"},
                requires_comment=True,
            ),
            _entry("DAMAGED", family="CONTROLLABLE", requires_photo=True),
            _entry("gift_unwanted", labels={"en": " Unwanted gift ", "pl": ""}),
        ],
    )
    assert errors == []
    assert [(r.code, r.position, r.is_active) for r in saved[:3]] == [
        ("TOO_SMALL", 0, True),
        ("DAMAGED", 1, True),
        ("GIFT_UNWANTED", 2, True),
    ]
    too_small = ReturnReason.objects.get(installation=installation, code="TOO_SMALL")
    assert too_small.labels == {"en": "Runs small", "ro": "Vine mic", "pt-BR": "Ficou pequeno"}
    assert too_small.requires_comment
    # An emptied label is no label: the shopper reads English.
    gift = ReturnReason.objects.get(installation=installation, code="GIFT_UNWANTED")
    assert gift.labels == {"en": "Unwanted gift"}


def test_reasons_left_out_are_deactivated_not_deleted_and_leave_the_policy():
    installation = make_installation()
    ensure_default_reasons(installation=installation)
    make_return_request(installation)  # a line giving TOO_SMALL
    _, errors = save_reasons(installation, [_entry("DAMAGED", family="CONTROLLABLE")])
    assert errors == []
    assert _codes(installation, active=True) == ["DAMAGED"]
    assert set(_codes(installation)) == set(default_reasons())
    assert set(policy_reasons(installation=installation)) == {"DAMAGED"}
    assert policy_reasons(installation=installation)["DAMAGED"].family is ReasonFamily.CONTROLLABLE
    assert reason_use_counts(installation=installation) == {"TOO_SMALL": 1}
    # The inactive ones follow the active one, in their former order.
    others = [code for code in default_reasons() if code != "DAMAGED"]
    assert _codes(installation) == ["DAMAGED", *others]


def test_a_deactivated_reason_comes_back_with_its_code():
    installation = make_installation()
    save_reasons(installation, [_entry("TOO_SMALL"), _entry("TOO_LARGE")])
    save_reasons(installation, [_entry("TOO_LARGE")])
    _, errors = save_reasons(installation, [_entry("TOO_SMALL"), _entry("TOO_LARGE")])
    assert errors == []
    assert _codes(installation, active=True) == ["TOO_SMALL", "TOO_LARGE"]
    assert ReturnReason.objects.filter(installation=installation).count() == 2


def test_every_mistake_is_reported_at_once_by_field_and_nothing_is_saved():
    installation = make_installation()
    ensure_default_reasons(installation=installation)
    before = list(ReturnReason.objects.for_installation(installation).values())
    _, errors = save_reasons(
        installation,
        [
            _entry("TOO_SMALL"),
            _entry("9LIVES"),
            _entry("TOO_SMALL", labels={"ro": "Mic"}),
            _entry("FINE", family="SOMEONE_ELSE", labels={"en": "x" * 121, "Romanian": "Mic"}),
        ],
    )
    assert sorted((e.field, e.code) for e in errors) == [
        ("reasons.1.code", "INVALID"),
        ("reasons.2.code", "INVALID"),
        ("reasons.2.labels", "REQUIRED"),
        ("reasons.3.family", "INVALID"),
        ("reasons.3.labels", "INVALID"),
        ("reasons.3.labels", "INVALID"),
    ]
    assert "Another reason has this code." in [e.message for e in errors]
    assert list(ReturnReason.objects.for_installation(installation).values()) == before


def test_at_least_one_reason_stays_active():
    installation = make_installation()
    saved, errors = save_reasons(installation, [_entry("TOO_SMALL", is_active=False)])
    assert saved == []
    assert [(e.field, e.code) for e in errors] == [("reasons", "REQUIRED")]
    _, errors = save_reasons(installation, [])
    assert [e.field for e in errors] == ["reasons"]


def test_a_store_without_a_catalogue_reads_the_defaults_without_saving_them():
    installation = make_installation()
    rows = catalogue(installation=installation)
    assert [r.code for r in rows] == list(default_reasons())
    assert all(r.pk is None and r.is_active for r in rows)
    assert rows[0].labels["ro"]
    assert not ReturnReason.objects.filter(installation=installation).exists()


def test_one_stores_catalogue_leaves_another_stores_alone():
    first, second = make_installation(), make_installation()
    ensure_default_reasons(installation=second)
    save_reasons(first, [_entry("TOO_SMALL")])
    assert _codes(second, active=True) == list(default_reasons())
