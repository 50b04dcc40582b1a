"""Run every benchmark, each in its own process (each sets up Django on its own database)."""

import subprocess
import sys

BENCHMARKS = (
    "saleor_returns_app.benchmarks.webhook_ingest",
    "saleor_returns_app.benchmarks.returns_create",
    "saleor_returns_app.benchmarks.returns_list",
    "saleor_returns_app.benchmarks.labels",
    "saleor_returns_app.benchmarks.booking",
)

if __name__ == "__main__":
    failed = [name for name in BENCHMARKS if subprocess.call([sys.executable, "-m", name]) != 0]
    sys.exit(1 if failed else 0)
