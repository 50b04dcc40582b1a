"""Symmetric encryption for secrets at rest (Saleor app tokens, later carrier credentials).

`ENCRYPTION_KEYS` is a comma-separated list of Fernet keys: the first encrypts, all decrypt,
so keys can be rotated without a migration.
"""

from __future__ import annotations

from functools import cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


@cache
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key.strip().encode()) for key in settings.ENCRYPTION_KEYS])


def encrypt(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode()).decode()


def decrypt(ciphertext: str) -> str:
    return _fernet().decrypt(ciphertext.encode()).decode()
