from __future__ import annotations

from typing import Any

from django.db import models

from saleor_returns_app.core.encryption import decrypt, encrypt


class EncryptedTextField(models.TextField):
    """A text column stored encrypted; Python code only ever sees the plaintext."""

    def get_prep_value(self, value: Any) -> Any:
        if value in (None, ""):
            return value
        return encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value in (None, ""):
            return value
        return decrypt(value)
