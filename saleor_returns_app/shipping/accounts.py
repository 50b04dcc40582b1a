"""Carrier accounts: validated when saved, turned into a driver when used, checked on demand."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from saleor_returns_app.carriers.base import (
    AccountConfig,
    Address,
    CarrierDriver,
    CarrierError,
    LabelFormat,
    ReturnMode,
)
from saleor_returns_app.carriers.registry import UnknownCarrier, carrier_codes, driver_for
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.returns.models import Market
from saleor_returns_app.returns.outcomes import FieldError
from saleor_returns_app.shipping.models import CarrierAccount
from saleor_returns_app.shipping.selection import AccountOption

_ADDRESS_FIELDS = ("name", "street_lines", "postal_code", "city", "country_code")


def credentials_of(account: CarrierAccount) -> dict[str, str]:
    return json.loads(account.credentials) if account.credentials else {}


def config_of(account: CarrierAccount) -> AccountConfig:
    return AccountConfig(
        credentials=credentials_of(account),
        test_mode=account.test_mode,
        base_url=account.base_url,
    )


def driver_of(account: CarrierAccount) -> CarrierDriver:
    return driver_for(account.carrier, config_of(account))


def option_of(account: CarrierAccount) -> AccountOption:
    capabilities = driver_for(account.carrier).capabilities
    return AccountOption(
        id=account.pk,
        carrier=account.carrier,
        modes=frozenset(ReturnMode(mode) for mode in account.enabled_modes) & capabilities.modes,
        countries=capabilities.countries,
        international=capabilities.international,
        warehouse_country=str(account.return_address.get("country_code") or ""),
    )


def accounts_for_market(installation: Installation, market: Market | None) -> list[CarrierAccount]:
    """Active accounts usable in `market`: its own and the store-wide ones."""
    scope = Q(market__isnull=True) | (Q(market=market) if market else Q())
    return list(CarrierAccount.objects.for_installation(installation).filter(scope, is_active=True))


@dataclass(frozen=True)
class AccountInput:
    carrier: str
    name: str
    market_id: int | None = None
    credentials: Mapping[str, str] | None = None  # None keeps the stored ones
    test_mode: bool = False
    base_url: str = ""
    enabled_modes: Sequence[str] = ()
    return_address: Mapping[str, Any] | None = None
    label_format: str = LabelFormat.PDF_A6
    rate_table: Sequence[Mapping[str, Any]] = ()
    is_active: bool = True


def validate_account(
    installation: Installation, data: AccountInput, account: CarrierAccount | None = None
) -> list[FieldError]:
    """What is wrong with `data` (for a new account, or an update of `account`)."""
    errors: list[FieldError] = []
    try:
        capabilities = driver_for(data.carrier).capabilities
    except UnknownCarrier:
        known = ", ".join(carrier_codes())
        return [FieldError("carrier", "UNKNOWN_CARRIER", f"Known carriers: {known}.")]
    if not data.name.strip():
        errors.append(FieldError("name", "REQUIRED", "Name the account."))
    elif (
        CarrierAccount.objects.for_installation(installation)
        .filter(name=data.name.strip())
        .exclude(pk=account.pk if account else None)
        .exists()
    ):
        errors.append(FieldError("name", "INVALID", "Another account has this name."))
    if data.market_id is not None and not (
        Market.objects.for_installation(installation).filter(pk=data.market_id).exists()
    ):
        errors.append(FieldError("marketId", "NOT_FOUND", "No such market in this store."))
    modes = set(data.enabled_modes)
    unknown = modes - set(ReturnMode)
    unsupported = {ReturnMode(m) for m in modes - unknown} - capabilities.modes
    if not modes:
        errors.append(FieldError("enabledModes", "REQUIRED", "Enable at least one return mode."))
    elif unknown or unsupported:
        offered = ", ".join(sorted(capabilities.modes))
        errors.append(
            FieldError(
                "enabledModes", "MODE_NOT_SUPPORTED", f"This carrier offers only: {offered}."
            )
        )
    if data.label_format not in set(LabelFormat) or (
        LabelFormat(data.label_format) not in capabilities.label_formats
    ):
        offered = ", ".join(sorted(capabilities.label_formats)) or "none"
        errors.append(
            FieldError(
                "labelFormat", "FORMAT_NOT_SUPPORTED", f"This carrier prints only: {offered}."
            )
        )
    errors.extend(_address_errors(data.return_address))
    if data.base_url and settings.PRODUCTION and not data.base_url.startswith("https://"):
        errors.append(FieldError("baseUrl", "INSECURE_URL", "Carrier hosts must use https."))
    for index, row in enumerate(data.rate_table):
        try:
            valid = int(row["max_weight_grams"]) > 0 and float(row["price"]) >= 0
        except (KeyError, TypeError, ValueError):
            valid = False
        if not valid:
            errors.append(
                FieldError(
                    f"rateTable.{index}",
                    "INVALID_RATE",
                    "Each row needs a positive maxWeightGrams and a price of 0 or more.",
                )
            )
    return errors


def _address_errors(address: Mapping[str, Any] | None) -> list[FieldError]:
    if not address:
        return [FieldError("returnAddress", "REQUIRED", "Where do returns go?")]
    missing = [name for name in _ADDRESS_FIELDS if not address.get(name)]
    return [
        # Paths name the API's input fields (camelCase), as every other error path does.
        FieldError(f"returnAddress.{_camel(name)}", "REQUIRED", "Required for the label.")
        for name in missing
    ]


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.title() for part in rest)


def save_account(
    installation: Installation, data: AccountInput, account: CarrierAccount | None = None
) -> tuple[CarrierAccount | None, list[FieldError]]:
    """Create (or update `account`) from `data`; with errors nothing is saved."""
    errors = validate_account(installation, data, account)
    if errors:
        return None, errors
    account = account or CarrierAccount(installation=installation)
    account.carrier = data.carrier
    account.name = data.name.strip()
    account.market_id = data.market_id
    if data.credentials is not None or not account.credentials:
        account.credentials = json.dumps(dict(data.credentials or {}))
    account.test_mode = data.test_mode
    account.base_url = data.base_url
    account.enabled_modes = sorted(set(data.enabled_modes))
    account.return_address = Address.from_dict(data.return_address or {}).as_dict()
    account.label_format = data.label_format
    account.rate_table = [
        {"max_weight_grams": int(row["max_weight_grams"]), "price": str(row["price"])}
        for row in data.rate_table
    ]
    account.is_active = data.is_active
    account.save()
    return account, []


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    message: str = ""


def check_account(account: CarrierAccount) -> CheckResult:
    """Ask the carrier whether the credentials work (its cheapest authenticated call)."""
    try:
        driver_of(account).check_credentials()
    except CarrierError as exc:
        result = CheckResult(False, exc.message)
    else:
        result = CheckResult(True)
    account.checked_at = timezone.now()
    account.check_error = result.message
    account.save(update_fields=["checked_at", "check_error", "updated_at"])
    return result
