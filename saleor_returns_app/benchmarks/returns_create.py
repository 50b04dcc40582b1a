"""`returnRequestCreate` through HTTP: a shopper's token, the order read from the Saleor
double on loopback, the policy engine, the writes and the enqueued Saleor sync.

p50/p95 over sequential requests against one gunicorn worker on one core. Target: p95 < 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

import requests

from saleor_returns_app.benchmarks.server import (
    REPO_ROOT,
    bench_environment,
    free_port,
    keep_client_off_server_core,
    percentile,
    start_gunicorn,
)

CREATE = """
mutation C($input: ReturnRequestCreateInput!) {
  returnRequestCreate(input: $input) { returnRequest { rma status } errors { code } }
}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()

    env = bench_environment(tempfile.mkdtemp(prefix="returns-bench-"), "bench_create")
    os.environ.update(env)
    subprocess.run(
        [sys.executable, "-m", "saleor_returns_app", "migrate", "--noinput", "-v", "0"],
        env=env,
        check=True,
        cwd=REPO_ROOT,
    )
    from saleor_returns_app.testing.saleor_double import SaleorDouble

    port = free_port()
    server = start_gunicorn(env, port)
    keep_client_off_server_core()
    try:
        with SaleorDouble() as saleor:
            saleor.install_app(f"http://127.0.0.1:{port}/api/manifest")
            channel = saleor.store.add_channel(slug="bench", currency="PLN", country="PL")
            shirt = saleor.store.add_product(
                "Bench shirt", variants=[{"sku": "B-1", "name": "M", "price": "99.00"}]
            )
            requests_to_send = []
            for index in range(args.requests):
                email = f"shopper{index}@example.com"
                order = saleor.store.add_order(
                    channel=channel, lines=[(shirt["variants"][0], 2)], user_email=email
                )
                saleor.fulfill(order, deliver=False)
                line = {
                    "orderLineId": order["lines"][0]["id"],
                    "quantity": 1,
                    "reason": "TOO_SMALL",
                }
                variables = {
                    "input": {
                        "orderId": order["id"],
                        "lines": [line],
                        "method": "SELF_SHIP",
                        "resolution": "REFUND",
                        "idempotencyKey": f"bench-{index}",
                    }
                }
                headers = {
                    "Saleor-Api-Url": saleor.api_url,
                    "Authorization": f"Bearer {saleor.mint_shopper_token(email=email)}",
                }
                requests_to_send.append((variables, headers))

            session = requests.Session()
            latencies = []
            for variables, headers in requests_to_send:
                started = time.perf_counter()
                response = session.post(
                    f"http://127.0.0.1:{port}/graphql/",
                    json={"query": CREATE, "variables": variables},
                    headers=headers,
                    timeout=30,
                )
                latencies.append(time.perf_counter() - started)
                payload = response.json()["data"]["returnRequestCreate"]
                if payload["errors"] or payload["returnRequest"]["status"] != "APPROVED":
                    raise RuntimeError(f"unexpected answer: {payload}")
        p50, p95 = statistics.median(latencies) * 1e3, percentile(latencies, 0.95) * 1e3
        print(
            f"returnRequestCreate over HTTP: {len(latencies)} requests, "
            f"p50 {p50:.1f} ms, p95 {p95:.1f} ms; target p95 < 100 ms"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
        from saleor_returns_app.celery import app as celery_app

        celery_app.control.purge()


if __name__ == "__main__":
    main()
