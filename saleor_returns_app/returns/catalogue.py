"""The store's reason catalogue: seeded from the engine's defaults, labelled per language."""

from __future__ import annotations

from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.models import ReturnReason
from saleor_returns_app.returns.policy import Reason, ReasonFamily, default_reasons

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
