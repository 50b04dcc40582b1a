"""Which drivers exist, and the only way the rest of the app gets one."""

from __future__ import annotations

from collections.abc import Callable

from saleor_returns_app.carriers.base import AccountConfig, Capabilities, CarrierDriver
from saleor_returns_app.carriers.drivers.innoship import InnoshipDriver
from saleor_returns_app.carriers.drivers.inpost import InPostDriver
from saleor_returns_app.carriers.drivers.packeta import PacketaDriver
from saleor_returns_app.carriers.drivers.sameday import SamedayDriver
from saleor_returns_app.carriers.drivers.self_ship import SelfShipDriver

DriverFactory = Callable[[AccountConfig], CarrierDriver]

DRIVERS: dict[str, DriverFactory] = {
    driver.code: driver
    for driver in (SelfShipDriver, SamedayDriver, InPostDriver, PacketaDriver, InnoshipDriver)
}


class UnknownCarrier(KeyError):
    pass


def driver_for(code: str, config: AccountConfig | None = None) -> CarrierDriver:
    try:
        factory = DRIVERS[code]
    except KeyError as exc:
        raise UnknownCarrier(code) from exc
    return factory(config or AccountConfig(credentials={}))


def capabilities_of(code: str) -> Capabilities:
    return driver_for(code).capabilities


def carrier_codes() -> list[str]:
    return sorted(DRIVERS)


def carrier_name(code: str) -> str:
    return driver_for(code).name
