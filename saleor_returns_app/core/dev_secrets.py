"""Development secrets generated once per checkout, so `make run` needs no configuration.

They persist in a file because the encryption key must outlive a restart: tokens stored with
it would otherwise become unreadable.
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet


def load_or_create_dev_secrets(path: Path) -> dict[str, str]:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        values = {
            "secret_key": secrets.token_urlsafe(50),
            "encryption_key": Fernet.generate_key().decode(),
        }
        fd, tmp = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(fd, "w") as handle:
            json.dump(values, handle)
        # link() refuses to overwrite: when the web process and the worker start together,
        # exactly one file wins and both read it.
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    return json.loads(path.read_text())
