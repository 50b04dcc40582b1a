"""The staff returns list at 1,000,000 return requests in PostgreSQL.

p50/p95 of `return_requests_page` (the selector behind `returnRequests`) for the inbox's usual
questions: newest first, a status tab, a deep page, search by RMA / order number / email, a
reason filter, a reason family, a market, overdue returns; and of `return_request_counts` (the
status tabs' counts), unfiltered and filtered. Target: p95 < 50 ms. Rows are generated in SQL
into a throw-away database.

The stage clock is set as a live store has it: most returns moved within the last day, one in
a hundred has sat in its status since it was made, so about 0.5% are overdue. Markets split
60/30/9.9/0.1%, so one market is rare.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from saleor_returns_app.benchmarks.database import drop_postgres, fresh_postgres_url

REPO_ROOT = Path(__file__).resolve().parents[2]
STATUSES = (
    "REQUESTED", "NEEDS_REVIEW", "APPROVED", "REJECTED", "LABEL_ISSUED", "IN_TRANSIT",
    "RECEIVED", "INSPECTED", "REFUNDED", "EXCHANGED", "STORE_CREDIT", "CLOSED", "CANCELLED",
)  # fmt: skip
TARGET_MS = 50
REASONS = ("DAMAGED", "DEFECTIVE", "WRONG_ITEM", "TOO_SMALL", "TOO_LARGE", "CHANGED_MIND")

INSERT_RETURNS = """
INSERT INTO returns_returnrequest (
    installation_id, rma, order_id, order_number, customer_user_id, customer_email,
    channel_slug, country_code, currency, locale, method, service_point_id, resolution, status,
    items_value, shipping_fee, restocking_fee, refund_amount, decision, rejection_reason,
    idempotency_key, public_token, created_at, updated_at, status_changed_at, market_id
)
SELECT %(installation)s, 'R-2026-' || lpad(g::text, 7, '0'), 'T3JkZXI6' || (g / 2),
    (100000 + g / 2)::text, '', 'shopper' || (g %% 250000) || '@example.com',
    'default-channel', 'RO', 'RON', 'ro',
    (ARRAY['PICKUP', 'DROP_OFF', 'LOCKER', 'SELF_SHIP'])[1 + g %% 4], '', 'REFUND',
    (%(statuses)s::text[])[1 + (g * 7) %% 13], 100, 0, 0, 100, '{}'::jsonb, '', '',
    md5(g::text), now() - make_interval(secs => g * 30), now(),
    CASE WHEN g %% 100 = 0 THEN now() - make_interval(secs => g * 30)
        ELSE greatest(now() - make_interval(secs => g * 30),
            now() - make_interval(mins => g %% 1200))
    END,
    (%(markets)s::bigint[])[CASE WHEN g %% 1000 < 600 THEN 1 WHEN g %% 1000 < 900 THEN 2
        WHEN g %% 1000 < 999 THEN 3 ELSE 4 END]
FROM generate_series(1, %(rows)s) AS g
"""

INSERT_LINES = """
INSERT INTO returns_returnline (
    return_request_id, order_line_id, variant_id, sku, product_name, variant_name, thumbnail_url,
    quantity, unit_price,
    reason_code, comment, photos, exchange_variant_id, condition, restock_warehouse_id
)
SELECT id, 'T3JkZXJMaW5lOj' || id, '', 'SKU-' || (id %% 5000), 'Shirt', 'M', '', 1, 100,
    (%(reasons)s::text[])[1 + id %% 6], '', '[]'::jsonb, '', '', ''
FROM returns_returnrequest
"""


def _timed(run: Callable[[], object], repeats: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    ordered = sorted(samples)
    return statistics.median(ordered) * 1e3, ordered[round(0.95 * (len(ordered) - 1))] * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=100)
    args = parser.parse_args()

    database_url = fresh_postgres_url("bench_list")
    if database_url is None:
        print("returns list benchmark: skipped, it needs PostgreSQL (set DATABASE_URL)")
        return
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_returns_app.settings")
    subprocess.run(
        [sys.executable, "-m", "saleor_returns_app", "migrate", "--noinput", "-v", "0"],
        check=True,
        cwd=REPO_ROOT,
    )
    import django

    django.setup()
    from django.db import connection

    from saleor_returns_app.returns.catalogue import ensure_default_reasons
    from saleor_returns_app.returns.models import Market
    from saleor_returns_app.returns.policy import ReasonFamily
    from saleor_returns_app.returns.selectors import (
        ReturnRequestFilters,
        Sort,
        return_request_counts,
        return_requests_count,
        return_requests_page,
    )
    from saleor_returns_app.returns.status import Status
    from saleor_returns_app.testing.factories import make_installation

    store = make_installation()
    ensure_default_reasons(installation=store)
    markets = [
        Market.objects.create(installation=store, name=country, countries=[country], currency=cur)
        for country, cur in (("RO", "RON"), ("PL", "PLN"), ("CZ", "CZK"), ("HU", "HUF"))
    ]
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            INSERT_RETURNS,
            {
                "installation": store.pk,
                "statuses": list(STATUSES),
                "rows": args.rows,
                "markets": [market.pk for market in markets],
            },
        )
        cursor.execute(INSERT_LINES, {"reasons": list(REASONS)})
        # What autovacuum leaves behind on a live table: statistics, and a visibility map that
        # lets the counts read the index alone.
        cursor.execute("VACUUM ANALYZE returns_returnrequest")
        cursor.execute("VACUUM ANALYZE returns_returnline")
    overdue_rows = return_requests_count(
        installation=store, filters=ReturnRequestFilters(overdue=True)
    )
    print(
        f"returns list benchmark: {args.rows:,} return requests generated in "
        f"{time.perf_counter() - started:.1f} s ({overdue_rows:,} overdue); "
        f"{args.repeats} runs per question, page of 50"
    )

    def page(filters: ReturnRequestFilters, after: str | None = None) -> Callable[[], object]:
        return lambda: return_requests_page(
            installation=store, filters=filters, first=50, after=after, sort=Sort.NEWEST
        )

    def counts(filters: ReturnRequestFilters) -> Callable[[], object]:
        return lambda: return_request_counts(installation=store, filters=filters)

    deep = None
    for _ in range(20):
        deep = return_requests_page(
            installation=store, filters=ReturnRequestFilters(), first=50, after=deep
        ).end_cursor
    questions = {
        "newest first": page(ReturnRequestFilters()),
        "status tab (NEEDS_REVIEW)": page(ReturnRequestFilters(status=(Status.NEEDS_REVIEW,))),
        "page 21 by cursor": page(ReturnRequestFilters(), after=deep),
        "search by RMA": page(ReturnRequestFilters(search="R-2026-0512345")),
        "search by order number": page(ReturnRequestFilters(search="#356172")),
        "search by email": page(ReturnRequestFilters(search="shopper4242@example.com")),
        "reason filter (DAMAGED)": page(ReturnRequestFilters(reason="DAMAGED")),
        "reason family (CONTROLLABLE)": page(
            ReturnRequestFilters(reason_family=ReasonFamily.CONTROLLABLE)
        ),
        "market (PL, 30%)": page(ReturnRequestFilters(market_id=markets[1].pk)),
        "market (HU, 0.1%)": page(ReturnRequestFilters(market_id=markets[3].pk)),
        "overdue only": page(ReturnRequestFilters(overdue=True)),
        "overdue in a tab (REQUESTED)": page(
            ReturnRequestFilters(overdue=True, status=(Status.REQUESTED,))
        ),
        "not overdue": page(ReturnRequestFilters(overdue=False)),
        "overdue + market + family": page(
            ReturnRequestFilters(
                overdue=True, market_id=markets[0].pk, reason_family=ReasonFamily.CUSTOMER
            )
        ),
        "tab counts": counts(ReturnRequestFilters()),
        "tab counts, overdue only": counts(ReturnRequestFilters(overdue=True)),
        "tab counts, market (HU, 0.1%)": counts(ReturnRequestFilters(market_id=markets[3].pk)),
        "tab counts, market (PL, 30%)": counts(ReturnRequestFilters(market_id=markets[1].pk)),
        "tab counts, reason family": counts(
            ReturnRequestFilters(reason_family=ReasonFamily.CONTROLLABLE)
        ),
        "tab counts, search by email": counts(
            ReturnRequestFilters(search="shopper4242@example.com")
        ),
    }
    worst = 0.0
    for title, run in questions.items():
        p50, p95 = _timed(run, args.repeats)
        worst = max(worst, p95)
        miss = "  (misses the target)" if p95 >= TARGET_MS else ""
        print(f"  {title}: p50 {p50:.2f} ms, p95 {p95:.2f} ms{miss}")
    print(f"worst p95 {worst:.2f} ms; target: p95 < 50 ms at 1,000,000 rows")
    connection.close()
    drop_postgres(database_url)


if __name__ == "__main__":
    main()
