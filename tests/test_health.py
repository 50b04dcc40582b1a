"""Probes for the process manager and the load balancer."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def test_liveness(client):
    assert client.get("/healthz").json() == {"status": "ok"}


@pytest.mark.django_db
def test_readiness_checks_database_and_broker(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"ready": True, "checks": {"database": True, "broker": True}}


def test_production_refuses_to_start_without_its_secrets(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ENCRYPTION_KEYS"}}
    env.update(APP_ENV="production", DATA_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "saleor_returns_app", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when APP_ENV=production" in result.stderr
