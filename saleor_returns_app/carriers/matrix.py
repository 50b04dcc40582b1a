"""The carrier capability matrix, rendered from what each driver declares (`docs/carriers.md`)."""

from __future__ import annotations

from saleor_returns_app.carriers.base import Capabilities
from saleor_returns_app.carriers.registry import carrier_codes, driver_for

_HEADER = """# Carriers

Generated from the drivers' declared capabilities by
`python -m saleor_returns_app write_carrier_matrix`; a test fails when it is stale.

Only drivers implemented here and tested against a stub of the carrier's documented API are
counted. Innoship is an aggregator: through one Innoship account a merchant reaches the
couriers Innoship connects (about 55 by its own count, among them FAN Courier, Cargus, DPD,
GLS and Sameday), booked and tracked through the one `innoship` driver; they are not counted
as drivers of their own.

"""

_COLUMNS = (
    "Driver",
    "Return modes",
    "Labels",
    "Countries",
    "Live rates",
    "Async booking",
    "Cancel",
    "Label-less",
    "Pushes tracking",
    "Tracking batch",
)


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _row(code: str, name: str, caps: Capabilities) -> list[str]:
    return [
        f"`{code}` ({name})",
        ", ".join(sorted(caps.modes)),
        ", ".join(sorted(caps.label_formats)) or "none",
        ", ".join(sorted(caps.countries)) or "any",
        _yes(caps.live_rates),
        _yes(caps.async_booking),
        caps.cancel_window.value,
        _yes(caps.label_less),
        _yes(caps.pushes_tracking),
        str(caps.tracking_batch_size),
    ]


def render_matrix() -> str:
    rows = []
    for code in carrier_codes():
        driver = driver_for(code)
        rows.append(_row(code, driver.name, driver.capabilities))
    lines = [
        "| " + " | ".join(_COLUMNS) + " |",
        "|" + "|".join("---" for _ in _COLUMNS) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]
    count = sum(1 for code in carrier_codes() if driver_for(code).capabilities.needs_account)
    footer = (
        f"\n{count} carrier drivers (plus `self`, our own label for returns the shopper sends "
        "however they like).\n"
    )
    return _HEADER + "\n".join(lines) + "\n" + footer
