"""The store's reason catalogue: seeded from the engine's defaults, labelled per language."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.models import ReturnLine, ReturnReason
from saleor_returns_app.returns.outcomes import FieldError
from saleor_returns_app.returns.policy import Reason, ReasonFamily, default_reasons

CODE_PATTERN = re.compile(r"[A-Z][A-Z0-9_]{1,63}")
# `ro`, `pl`, `pt-BR`: a language, optionally its region (the shapes Saleor's locales take).
LANGUAGE_PATTERN = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?")
MAX_LABEL_LENGTH = 120

# Default labels beyond English (the engine's source text). Stores edit their own copies.
DEFAULT_LABELS: dict[str, dict[str, str]] = {
    "DAMAGED": {"ro": "A sosit deteriorat", "pl": "Dotarł uszkodzony", "cs": "Dorazilo poškozené"},
    "DEFECTIVE": {
        "ro": "Defect sau nu funcționează",
        "pl": "Wadliwy lub nie działa",
        "cs": "Vadné nebo nefunguje",
    },
    "WRONG_ITEM": {
        "ro": "Am primit alt produs",
        "pl": "Wysłano niewłaściwy produkt",
        "cs": "Zaslán nesprávný produkt",
    },
    "NOT_AS_DESCRIBED": {
        "ro": "Nu corespunde descrierii",
        "pl": "Niezgodny z opisem",
        "cs": "Neodpovídá popisu",
    },
    "ARRIVED_LATE": {
        "ro": "A sosit prea târziu",
        "pl": "Dotarł za późno",
        "cs": "Dorazilo příliš pozdě",
    },
    "TOO_SMALL": {"ro": "Prea mic", "pl": "Za mały", "cs": "Příliš malé"},
    "TOO_LARGE": {"ro": "Prea mare", "pl": "Za duży", "cs": "Příliš velké"},
    "CHANGED_MIND": {
        "ro": "M-am răzgândit",
        "pl": "Zmiana decyzji",
        "cs": "Rozmyslel(a) jsem si to",
    },
    "BETTER_PRICE": {
        "ro": "Am găsit un preț mai bun",
        "pl": "Znaleziono lepszą cenę",
        "cs": "Našel (našla) jsem lepší cenu",
    },
    "OTHER": {
        "ro": "Alt motiv (spuneți-ne mai multe)",
        "pl": "Inny powód (napisz nam więcej)",
        "cs": "Jiný důvod (napište nám více)",
    },
}


def ensure_default_reasons(*, installation: Installation) -> list[ReturnReason]:
    """Give a store the default catalogue once; reasons it already has are left as edited."""
    for position, reason in enumerate(default_reasons().values()):
        ReturnReason.objects.get_or_create(
            installation=installation,
            code=reason.code,
            defaults={
                "family": reason.family,
                "requires_photo": reason.requires_photo,
                "requires_comment": reason.requires_comment,
                "labels": {"en": reason.label, **DEFAULT_LABELS.get(reason.code, {})},
                "position": position,
            },
        )
    return list(ReturnReason.objects.for_installation(installation))


def policy_reasons(*, installation: Installation) -> dict[str, Reason]:
    """The store's active reasons as the policy engine reads them."""
    return {
        row.code: Reason(
            code=row.code,
            family=ReasonFamily(row.family),
            requires_photo=row.requires_photo,
            requires_comment=row.requires_comment,
            label=row.labels.get("en", ""),
        )
        for row in ReturnReason.objects.for_installation(installation).filter(is_active=True)
    }


def reason_label(reason: ReturnReason, language: str) -> str:
    """The label in `language` (`pl-PL` falls back to `pl`, then English, then the code)."""
    labels = reason.labels
    return (
        labels.get(language)
        or labels.get(language.split("-")[0].lower())
        or labels.get("en")
        or reason.code
    )


@dataclass(frozen=True)
class ReasonEntry:
    """One reason as staff save it; `labels` maps a language code to its label."""

    code: str
    family: str
    requires_photo: bool = False
    requires_comment: bool = False
    labels: Mapping[str, str] = field(default_factory=dict)
    is_active: bool = True


def catalogue(*, installation: Installation) -> list[ReturnReason]:
    """Every reason of the store, inactive ones included, in the order shoppers see them.

    A store that never had a catalogue reads the defaults (unsaved rows, without ids).
    """
    rows = list(ReturnReason.objects.for_installation(installation))
    if rows:
        return rows
    return [
        ReturnReason(
            installation=installation,
            code=reason.code,
            family=reason.family,
            requires_photo=reason.requires_photo,
            requires_comment=reason.requires_comment,
            labels={"en": reason.label, **DEFAULT_LABELS.get(reason.code, {})},
            position=position,
        )
        for position, reason in enumerate(default_reasons().values())
    ]


def reason_use_counts(*, installation: Installation) -> dict[str, int]:
    """How many return lines of the store give each reason code."""
    return dict(
        ReturnLine.objects.filter(return_request__installation=installation)
        .values("reason_code")
        .annotate(count=Count("pk"))
        .values_list("reason_code", "count")
    )


def _normalised_language(language: str) -> str:
    base, _, region = language.strip().replace("_", "-").partition("-")
    return f"{base.lower()}-{region.upper()}" if region else base.lower()


def _entry_errors(index: int, entry: ReasonEntry, labels: dict[str, str]) -> list[FieldError]:
    path = f"reasons.{index}"
    errors = []
    if not CODE_PATTERN.fullmatch(entry.code):
        errors.append(
            FieldError(
                f"{path}.code",
                "INVALID",
                "A code is 2 to 64 capital letters, digits or underscores, starting with a letter.",
            )
        )
    if entry.family not in {family.value for family in ReasonFamily}:
        errors.append(
            FieldError(f"{path}.family", "INVALID", "The family is CONTROLLABLE or CUSTOMER.")
        )
    for language, label in labels.items():
        if not LANGUAGE_PATTERN.fullmatch(language):
            errors.append(
                FieldError(
                    f"{path}.labels",
                    "INVALID",
                    f"“{language}” is not a language code (such as ro, pl or pt-BR).",
                )
            )
        elif len(label) > MAX_LABEL_LENGTH:
            errors.append(
                FieldError(
                    f"{path}.labels",
                    "INVALID",
                    f"The {language} label is longer than {MAX_LABEL_LENGTH} characters.",
                )
            )
    if not labels.get("en"):
        errors.append(FieldError(f"{path}.labels", "REQUIRED", "Give the English label."))
    return errors


def save_reasons(
    installation: Installation, entries: Sequence[ReasonEntry]
) -> tuple[list[ReturnReason], list[FieldError]]:
    """Replace the store's catalogue with `entries`, in their order; nothing is saved on errors.

    Reasons left out are deactivated, never deleted: returns keep naming their codes.
    """
    cleaned: list[ReasonEntry] = []
    errors: list[FieldError] = []
    seen: set[str] = set()
    for index, raw in enumerate(entries):
        # An emptied label means "no label in that language": the shopper sees English.
        labels = {
            _normalised_language(language): label.strip()
            for language, label in raw.labels.items()
            if label.strip()
        }
        entry = ReasonEntry(
            code=raw.code.strip().upper(),
            family=raw.family,
            requires_photo=raw.requires_photo,
            requires_comment=raw.requires_comment,
            labels=labels,
            is_active=raw.is_active,
        )
        errors.extend(_entry_errors(index, entry, labels))
        if entry.code in seen:
            errors.append(
                FieldError(f"reasons.{index}.code", "INVALID", "Another reason has this code.")
            )
        seen.add(entry.code)
        cleaned.append(entry)
    if not any(entry.is_active for entry in cleaned):
        errors.append(
            FieldError("reasons", "REQUIRED", "Keep at least one reason active for shoppers.")
        )
    if errors:
        return [], errors

    with transaction.atomic():
        # Two saves at once would both insert a new code: the store's row serialises them.
        Installation.objects.select_for_update().filter(pk=installation.pk).first()
        existing = {row.code: row for row in ReturnReason.objects.for_installation(installation)}
        for position, entry in enumerate(cleaned):
            row = existing.pop(entry.code, None) or ReturnReason(
                installation=installation, code=entry.code
            )
            row.family = entry.family
            row.requires_photo = entry.requires_photo
            row.requires_comment = entry.requires_comment
            row.labels = dict(entry.labels)
            row.position = position
            row.is_active = entry.is_active
            row.save()
        # Left-out reasons keep their relative order, after the listed ones.
        for position, row in enumerate(
            sorted(existing.values(), key=lambda r: (r.position, r.code)), start=len(cleaned)
        ):
            row.is_active = False
            row.position = position
            row.save(update_fields=["is_active", "position"])
    return list(ReturnReason.objects.for_installation(installation)), []
