"""Running the app as production does, for benchmarks: gunicorn on one core, a throw-away
database and a broker queue no worker reads."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from saleor_returns_app.benchmarks.database import fresh_postgres_url
from saleor_returns_app.benchmarks.sdk_comparison import one_core_prefix

REPO_ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_environment(data_dir: str, database_suffix: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATA_DIR": data_dir,
        "DJANGO_SETTINGS_MODULE": "saleor_returns_app.settings",
        # Messages go to a queue no worker reads, purged at the end.
        "CELERY_TASK_DEFAULT_QUEUE": "bench",
    }
    database_url = fresh_postgres_url(database_suffix)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def start_gunicorn(env: dict[str, str], port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            *one_core_prefix(),
            sys.executable,
            "-m",
            "gunicorn",
            "saleor_returns_app.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=REPO_ROOT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).ok:
                return server
        except requests.ConnectionError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def keep_client_off_server_core() -> None:
    """Keep this process (the load client) off the core gunicorn is pinned to."""
    if hasattr(os, "sched_setaffinity") and len(os.sched_getaffinity(0)) > 1:
        cores = os.sched_getaffinity(0)
        os.sched_setaffinity(0, cores - {max(cores)})
