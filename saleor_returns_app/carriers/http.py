"""Calling a carrier over HTTP: one place that turns network faults into driver errors."""

from __future__ import annotations

from typing import Any

import requests

from saleor_returns_app.carriers.base import CarrierUnavailable

TIMEOUT = (5, 30)  # connect, read: carriers are slow to render labels

# Statuses that say "try again later" rather than "your request is wrong".
RETRYABLE_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
# Answers that say the request was not processed (a 500 or a gateway timeout may have been).
NOT_PROCESSED_STATUSES = frozenset({425, 429, 503})


def new_session() -> requests.Session:
    """An HTTP session with our User-Agent; drivers add their own auth headers."""
    session = requests.Session()
    session.headers["User-Agent"] = "saleor-returns-app"
    return session


def send(session: requests.Session, method: str, url: str, **kwargs: Any) -> requests.Response:
    """Send one request; raise `CarrierUnavailable` for faults that may pass.

    The response is returned whatever its status otherwise: carriers disagree on what a 4xx
    means (and some answer 200 with an error), so each driver reads its own answers.
    """
    kwargs.setdefault("timeout", TIMEOUT)
    try:
        response = session.request(method, url, **kwargs)
    except requests.ConnectTimeout as exc:
        raise CarrierUnavailable(
            "Carrier not reachable: ConnectTimeout", may_have_acted=False
        ) from exc
    except (requests.ConnectionError, requests.Timeout) as exc:
        # Refused before or dropped after sending: from here the two look the same.
        raise CarrierUnavailable(f"Carrier not reachable: {type(exc).__name__}") from exc
    if response.status_code in RETRYABLE_STATUSES:
        raise CarrierUnavailable(
            f"Carrier answered HTTP {response.status_code}",
            carrier_code=str(response.status_code),
            may_have_acted=response.status_code not in NOT_PROCESSED_STATUSES,
        )
    return response
