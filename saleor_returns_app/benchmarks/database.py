"""Throw-away databases for benchmarks, never the configured one."""

from __future__ import annotations

import os


def fresh_postgres_url(suffix: str) -> str | None:
    """A new, empty database next to the configured PostgreSQL one (None without PostgreSQL)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    import psycopg

    os.environ.setdefault("BENCH_ORIGINAL_DATABASE_URL", url)
    base, _, name = url.rpartition("/")
    bench_name = f"{name.split('?')[0]}_{suffix}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{bench_name}"')
        connection.execute(f'CREATE DATABASE "{bench_name}"')
    return f"{base}/{bench_name}"


def drop_postgres(bench_url: str) -> None:
    """Drop a database made by `fresh_postgres_url` (1M rows take half a gigabyte)."""
    import psycopg

    # Connect to the configured database to drop the bench one (never to itself).
    admin_url = os.environ["BENCH_ORIGINAL_DATABASE_URL"]
    name = bench_url.rsplit("/", 1)[1]
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
