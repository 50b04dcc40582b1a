"""Fixtures shared by the whole suite: a Saleor test double, an installed app, a real worker."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from saleor_returns_app.celery import app as celery_app
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.testing.saleor_double import SaleorDouble

ARTEFACTS = Path(__file__).resolve().parent.parent / "var" / "test-artefacts"


@pytest.fixture(scope="session", autouse=True)
def _no_persistent_connections() -> None:
    # The live server answers on a thread per client connection, and the Saleor double keeps
    # its webhook connections alive: with persistent database connections each of those
    # threads would hold one open until garbage collection, past PostgreSQL's 100.
    django_settings.DATABASES["default"]["CONN_MAX_AGE"] = 0


@pytest.fixture(autouse=True)
def _urls_from_the_request(settings) -> None:
    # The live server's URL, not a developer's APP_URL, is where the Saleor double calls back.
    settings.APP_URL = ""
    settings.ALLOWED_SALEOR_URLS = ".*"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # Throttles live in the cache and installation ids repeat across tests on SQLite.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def saleor() -> Iterator[SaleorDouble]:
    with SaleorDouble() as double:
        yield double


@pytest.fixture
def other_saleor() -> Iterator[SaleorDouble]:
    with SaleorDouble() as double:
        yield double


@pytest.fixture
def manifest_url(live_server) -> str:
    return f"{live_server.url}/api/manifest"


@pytest.fixture
def installed(saleor: SaleorDouble, manifest_url: str):
    """The app installed in the Saleor double through the real install flow."""
    return saleor.install_app(manifest_url)


@pytest.fixture
def installation(installed, saleor: SaleorDouble) -> Installation:
    return Installation.objects.get(saleor_api_url=saleor.api_url)


def _database_url(settings_dict: dict) -> str:
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = quote(settings_dict.get("USER") or "")
    password = quote(settings_dict.get("PASSWORD") or "")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker) -> Iterator[subprocess.Popen]:
    """A real celery worker process, on the real broker, writing to the test database."""
    from django.db import connection

    with django_db_blocker.unblock():
        database_url = _database_url(connection.settings_dict)
    celery_app.control.purge()
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    log = (ARTEFACTS / "celery-worker.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "saleor_returns_app",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        env={**os.environ, "DATABASE_URL": database_url},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
