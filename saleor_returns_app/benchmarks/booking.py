"""Return bookings per second against the local carrier stubs, with 1, 2 and 4 workers.

Per carrier, the stub serves from this process while spawned worker processes each build the
driver from the stub's account config, book one warm-up return (token, connection), then book
returns with their own idempotency keys for a fixed time: `create_return_shipment`, the read
back where the carrier buys asynchronously (InPost), and the A6 label where the carrier has one.

The stubs answer on loopback without a carrier's latency, so the figures are our driver's
overhead (building and serialising requests, the HTTP client, parsing answers) plus the stub's
own, which shares the CPUs with the workers. No target; every booking must have a tracking
number, distinct across all workers.
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import dataclass
from multiprocessing.synchronize import Barrier

from saleor_returns_app.benchmarks.labels import in_processes
from saleor_returns_app.carriers.base import (
    AccountConfig,
    BookingState,
    CarrierDriver,
    LabelFormat,
    ReturnMode,
)
from saleor_returns_app.carriers.registry import driver_for
from saleor_returns_app.testing.carrier_stubs.innoship import InnoshipStub
from saleor_returns_app.testing.carrier_stubs.inpost import InPostStub
from saleor_returns_app.testing.carrier_stubs.packeta import PacketaStub
from saleor_returns_app.testing.carrier_stubs.sameday import SamedayStub
from saleor_returns_app.testing.carrier_stubs.samples import shipment_request

WORKERS = (1, 2, 4)

# A return each stub books without a fault: the carrier's country, a mode it serves and a point
# the stub knows (Packeta's claims are not bound to a point).
CarrierStub = SamedayStub | InPostStub | PacketaStub | InnoshipStub
RETURNS: dict[str, tuple[type[CarrierStub], str, ReturnMode, str]] = {
    "sameday": (SamedayStub, "RO", ReturnMode.LOCKER, "1003"),
    "inpost": (InPostStub, "PL", ReturnMode.LOCKER, "LOD01M"),
    "packeta": (PacketaStub, "CZ", ReturnMode.DROP_OFF, ""),
    "innoship": (InnoshipStub, "RO", ReturnMode.LOCKER, "78152"),
}


@dataclass(frozen=True)
class Run:
    """What one worker process booked inside the measured window."""

    tracking_numbers: list[str]
    elapsed: float
    cpu: float  # the worker's own CPU seconds: the driver's share, without the stub's

    @property
    def rate(self) -> float:
        return len(self.tracking_numbers) / self.elapsed


def _book(driver: CarrierDriver, code: str, reference: str) -> str:
    """One return as the app books it; returns its tracking number."""
    _, country, mode, point = RETURNS[code]
    key = f"{reference}/1"
    request = shipment_request(
        country, mode=mode, key=key, reference=reference, service_point_id=point
    )
    booking = driver.create_return_shipment(request)
    if booking.state is BookingState.PENDING:
        booking = driver.get_booking(booking.shipment_id)
    if booking.has_label and booking.label is None:
        label = driver.get_label(booking, LabelFormat.PDF_A6)
        if not label.content.startswith(b"%PDF"):
            raise RuntimeError(f"{code}: no A6 PDF label for {key}")
    if not booking.tracking_number:
        raise RuntimeError(f"{code}: no tracking number for {key}: {booking}")
    return booking.tracking_number


def _worker(barrier: Barrier, code: str, config: AccountConfig, seconds: float, run_id: str) -> Run:
    driver = driver_for(code, config)
    _book(driver, code, f"W-{run_id}")
    barrier.wait()
    numbers: list[str] = []
    started, cpu_started = time.perf_counter(), time.process_time()
    while (elapsed := time.perf_counter() - started) < seconds:
        numbers.append(_book(driver, code, f"B-{run_id}-{len(numbers):06d}"))
    return Run(numbers, elapsed, time.process_time() - cpu_started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=2.0, help="per carrier and worker count")
    args = parser.parse_args()

    print(
        "Return bookings against local carrier stubs (create + async read-back + A6 label), "
        f"{os.cpu_count()} CPUs, {args.seconds:.0f} s per row after warm-up."
    )
    print(
        "The stubs run on loopback in this process: this measures our driver overhead "
        "(serialisation, HTTP client, parsing) and the stub's, not the carrier."
    )
    print(
        f"{'carrier':<9} {'workers':>7} {'bookings':>8} {'bookings/s':>10} {'per worker':>10} "
        f"{'driver CPU/booking':>18}"
    )
    for code, (stub_class, *_) in RETURNS.items():
        stub = stub_class()
        with stub:
            config = stub.config()
            for workers in WORKERS:
                runs = in_processes(
                    _worker,
                    [(code, config, args.seconds, f"{workers}-{w}") for w in range(workers)],
                )
                numbers = [number for run in runs for number in run.tracking_numbers]
                if len(set(numbers)) != len(numbers):
                    raise RuntimeError(f"{code}: a tracking number was given to two bookings")
                total = sum(run.rate for run in runs)
                cpu_ms = sum(run.cpu for run in runs) / len(numbers) * 1e3
                print(
                    f"{code:<9} {workers:>7} {len(numbers):>8} {total:>10.1f} "
                    f"{total / workers:>10.1f} {cpu_ms:>15.2f} ms"
                )


if __name__ == "__main__":
    main()
