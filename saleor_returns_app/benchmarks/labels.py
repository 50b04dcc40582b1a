"""Return labels rendered per second through the `self` driver, as a booking renders them.

Every label is different (its own RMA, order number, tracking URL, and a Romanian, Polish or
Czech shopper with diacritics at their own street number), so nothing can be served from a
cache. Each figure is measured in spawned worker processes after a warm-up (font file found,
modules imported): one process, then one per CPU to show how it scales across cores.

Target: >= 50 A6 PDFs/s per core, checked on the one-process figure (one worker process on an
otherwise idle core); the exit status is non-zero when it is missed. ZPL is reported alongside.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from typing import TypeVar

from saleor_returns_app.carriers.base import CarrierDriver, LabelFormat, ReturnMode
from saleor_returns_app.carriers.registry import driver_for
from saleor_returns_app.testing.carrier_stubs.samples import SHOPPERS, shipment_request

TARGET_PDF_PER_CORE = 50.0
WARMUP_LABELS = 3

FIRST_NAMES = {
    "RO": ("Ștefan", "Mădălina", "Răzvan", "Cătălina", "Ionuț"),
    "PL": ("Łukasz", "Małgorzata", "Józef", "Żaneta", "Grażyna"),
    "CZ": ("Jiří", "Růžena", "Tomáš", "Květoslava", "Přemysl"),
}
SURNAMES = {
    "RO": ("Țăranu", "Ștefănescu", "Brâncoveanu", "Pârvulescu", "Dumitrașcu"),
    "PL": ("Żółć", "Wiśniewska", "Kołodziej", "Ślązak", "Łęcki"),
    "CZ": ("Řezníček", "Dvořák", "Šťastný", "Procházková", "Kříž"),
}
COUNTRIES = tuple(FIRST_NAMES)

T = TypeVar("T")


@dataclass(frozen=True)
class Run:
    """What one worker process did inside the measured window."""

    count: int
    elapsed: float

    @property
    def rate(self) -> float:
        return self.count / self.elapsed


def _child(
    work: Callable[..., T],
    barrier: Barrier,
    results: Queue[tuple[bool, object]],
    args: tuple[object, ...],
) -> None:
    try:
        results.put((True, work(barrier, *args)))
    except BaseException:
        # Without the abort the other workers would wait at the barrier for this one forever.
        barrier.abort()
        results.put((False, traceback.format_exc()))


def in_processes(work: Callable[..., T], args: Sequence[tuple[object, ...]]) -> list[T]:
    """`work(barrier, *a)` in one spawned process per `a`, results in no particular order.

    `work` warms up, then waits at the barrier so that the measured windows of all processes
    overlap. Spawned rather than forked: a fork would copy the parent's threads' locks (the
    carrier stubs serve from threads) and whatever the parent already cached.
    """
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(args))
    results = context.Queue()
    processes = [context.Process(target=_child, args=(work, barrier, results, a)) for a in args]
    for process in processes:
        process.start()
    answers = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join()
    failures = [answer for ok, answer in answers if not ok]
    if failures:
        raise RuntimeError("a worker process failed:\n" + "\n".join(failures))
    return [answer for _, answer in answers]


def _render_one(driver: CarrierDriver, label_format: LabelFormat, worker: int, index: int) -> None:
    country = COUNTRIES[index % len(COUNTRIES)]
    firsts, lasts = FIRST_NAMES[country], SURNAMES[country]
    first = firsts[index // len(COUNTRIES) % len(firsts)]
    last = lasts[index // (len(COUNTRIES) * len(firsts)) % len(lasts)]
    shopper = SHOPPERS[country]
    rma = f"R-2026-{worker:02d}{index:06d}"
    request = shipment_request(
        country, mode=ReturnMode.SELF_SHIP, key=f"{rma}/1", reference=rma, label_format=label_format
    )
    request = replace(
        request,
        sender=replace(
            shopper,
            name=f"{first} {last}",
            street_lines=(f"{shopper.street_lines[0]}-{index}",),
        ),
        order_number=str(10_000 + index),
        tracking_url=f"https://returns.example/track/{rma}",
    )
    label = driver.create_return_shipment(request).label
    magic = b"^XA" if label_format is LabelFormat.ZPL else b"%PDF"
    if label is None or not label.content.startswith(magic):
        raise RuntimeError(f"no {label_format} label for {rma}")


def _render(barrier: Barrier, label_format: LabelFormat, seconds: float, worker: int) -> Run:
    driver = driver_for("self")
    # Negative indexes: the warm-up labels differ from the measured ones too.
    for index in range(-WARMUP_LABELS, 0):
        _render_one(driver, label_format, worker, index)
    barrier.wait()
    count = 0
    started = time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        _render_one(driver, label_format, worker, count)
        count += 1
    return Run(count, elapsed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=4.0, help="per measurement")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    print(
        "Return labels through the `self` driver (create_return_shipment), every label distinct; "
        f"{os.cpu_count()} CPUs, {args.seconds:.0f} s per row after warm-up"
    )
    print(f"{'format':<8} {'processes':>9} {'labels':>7} {'labels/s':>9} {'per process':>12}")
    per_process: dict[tuple[LabelFormat, int], float] = {}
    for label_format in (LabelFormat.PDF_A6, LabelFormat.ZPL):
        for processes in sorted({1, args.processes}):
            runs = in_processes(
                _render, [(label_format, args.seconds, worker) for worker in range(processes)]
            )
            total = sum(run.rate for run in runs)
            per_process[label_format, processes] = total / processes
            print(
                f"{label_format.value:<8} {processes:>9} {sum(run.count for run in runs):>7} "
                f"{total:>9.1f} {total / processes:>12.1f}"
            )

    pdf = per_process[LabelFormat.PDF_A6, 1]
    scaling = per_process[LabelFormat.PDF_A6, args.processes] / pdf
    verdict = "met" if pdf >= TARGET_PDF_PER_CORE else "MISSED"
    print(
        f"A6 PDF: {pdf:.1f}/s in one worker process; target >= {TARGET_PDF_PER_CORE:.0f}/s per "
        f"core: {verdict}. With {args.processes} processes each renders {scaling:.0%} of that."
    )
    if pdf < TARGET_PDF_PER_CORE:
        sys.exit(1)


if __name__ == "__main__":
    main()
