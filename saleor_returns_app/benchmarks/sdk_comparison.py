"""Yardstick: how fast the official TypeScript SDK only *verifies* Saleor webhook signatures.

`@saleor/app-sdk`'s `verifySignatureWithJwks` checks the same detached RS256 JWS
(`Saleor-Signature`) against the same JWKS as our ingest does, so its rate on one core is the
ceiling a Node app built on the SDK starts from, before any storage or queueing. The Node
project lives in `sdk_verify/` (package.json, package-lock.json, verify.mjs); it is installed
under `.cache/` so node_modules never lands in the tracked tree.

Machines without node or npm, or without registry access, still run the rest of the bench:
`sdk_verify_rate` then prints why and returns None.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
PROJECT_DIR = Path(__file__).resolve().parent / "sdk_verify"
INSTALL_DIR = REPO_ROOT / ".cache" / "sdk_verify"
PROJECT_FILES = ("package.json", "package-lock.json", "verify.mjs")
# Generous: a cold `npm ci` fetches ~17 small packages; a hung registry must not hang the bench.
INSTALL_TIMEOUT_S = 300
RUN_TIMEOUT_S = 300


def _lock_digest() -> str:
    return hashlib.sha256((PROJECT_DIR / "package-lock.json").read_bytes()).hexdigest()


def _install(npm: str) -> str | None:
    """Install the pinned SDK under `.cache/` once per lockfile; returns why it failed, if so."""
    INSTALL_DIR.mkdir(parents=True, exist_ok=True)
    # verify.mjs must sit next to node_modules: ESM imports resolve from the script's folder.
    for name in PROJECT_FILES:
        shutil.copyfile(PROJECT_DIR / name, INSTALL_DIR / name)
    stamp = INSTALL_DIR / ".installed"
    digest = _lock_digest()
    if stamp.exists() and stamp.read_text() == digest and (INSTALL_DIR / "node_modules").is_dir():
        return None
    try:
        result = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=INSTALL_DIR,
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        return f"npm ci took over {INSTALL_TIMEOUT_S} s"
    if result.returncode != 0:
        # npm puts the cause (e.g. "npm error code ECONNREFUSED") first and boilerplate last.
        head = (result.stderr or result.stdout).strip().splitlines()[:2]
        return f"npm ci failed ({result.returncode}): {' / '.join(head)}"
    stamp.write_text(digest)
    return None


def one_core_prefix() -> list[str]:
    """`taskset -c N` on the last core we may use, so the figure is one core's, like gunicorn's."""
    taskset = shutil.which("taskset")
    if taskset is None or not hasattr(os, "sched_getaffinity"):
        return []
    return [taskset, "-c", str(max(os.sched_getaffinity(0)))]


def sdk_version() -> str | None:
    """The installed `@saleor/app-sdk` version, for the report line."""
    package = INSTALL_DIR / "node_modules" / "@saleor" / "app-sdk" / "package.json"
    try:
        return json.loads(package.read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def sdk_verify_rate(jwks: dict[str, Any], deliveries: list[tuple[bytes, str]]) -> float | None:
    """Deliveries per second `@saleor/app-sdk` verifies on one core, or None if it can't run.

    `deliveries` are (raw body, `Saleor-Signature`) pairs. A delivery the SDK rejects raises
    RuntimeError: the two sides would then disagree on what a valid delivery is, and a ratio
    between them would be meaningless.
    """
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        print("@saleor/app-sdk comparison skipped: node and npm are needed on PATH")
        return None
    if not deliveries:
        raise ValueError("no deliveries to verify")
    reason = _install(npm)
    if reason is not None:
        print(f"@saleor/app-sdk comparison skipped: {reason}")
        return None

    # The SDK takes the raw body as a string; Saleor's bodies are UTF-8 JSON.
    document = {
        "jwks": jwks,
        "deliveries": [{"body": body.decode(), "signature": sig} for body, sig in deliveries],
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", prefix="sdk-verify-") as handle:
        json.dump(document, handle)
        handle.flush()
        command = [*one_core_prefix(), node, str(INSTALL_DIR / "verify.mjs"), handle.name]
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, cwd=INSTALL_DIR
            )
        except subprocess.TimeoutExpired as error:
            raise RuntimeError(
                f"@saleor/app-sdk verification took over {RUN_TIMEOUT_S} s"
            ) from error
    if result.returncode != 0:
        raise RuntimeError(
            f"@saleor/app-sdk verification failed ({result.returncode}): {result.stderr.strip()}"
        )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    if figures["verified"] != len(deliveries):
        raise RuntimeError(f"expected {len(deliveries)} verifications, got {figures}")
    return figures["verified"] / figures["seconds"]
