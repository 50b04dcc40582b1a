"""The instance's RSA signing key: JWKS, JWTs and detached JWS webhook signatures.

Mirrors Saleor's ``JWTManager``: RS256, ``kid`` = the RFC 7638 thumbprint of the public
key, JWKS entries with ``use: sig`` and ``alg: RS256``, webhook signatures made with
``api_jws.encode(..., headers={"kid", "crit": ["b64"]}, is_payload_detached=True)``.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt import api_jws
from jwt.algorithms import RSAAlgorithm

ALGORITHM = "RS256"


def _b64url_uint(value: int) -> str:
    raw = value.to_bytes((value.bit_length() + 7) // 8 or 1, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def rfc7638_thumbprint(public_key: rsa.RSAPublicKey) -> str:
    """SHA-256 JWK thumbprint (RFC 7638) of an RSA public key, base64url without padding."""
    numbers = public_key.public_numbers()
    # RFC 7638 §3.2: only the required members, lexicographic order, no whitespace.
    canonical = json.dumps(
        {"e": _b64url_uint(numbers.e), "kty": "RSA", "n": _b64url_uint(numbers.n)},
        separators=(",", ":"),
        sort_keys=True,
    )
    digest = hashlib.sha256(canonical.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


class SigningKey:
    """One RSA 2048 key pair with Saleor's kid, JWK and signing helpers."""

    def __init__(self, private_key: rsa.RSAPrivateKey | None = None) -> None:
        self.private_key = private_key or rsa.generate_private_key(
            public_exponent=65537, key_size=2048
        )
        self.public_key = self.private_key.public_key()
        self.kid = rfc7638_thumbprint(self.public_key)

    def public_jwk(self) -> dict[str, Any]:
        """The JWKS entry Saleor serves for this key."""
        jwk = RSAAlgorithm.to_jwk(self.public_key, as_dict=True)
        jwk.update({"use": "sig", "kid": self.kid, "alg": ALGORITHM})
        return jwk

    def jwks(self) -> dict[str, Any]:
        """The body of ``/.well-known/jwks.json``: only the current key is published."""
        return {"keys": [self.public_jwk()]}

    def sign_detached(self, body: bytes) -> str:
        """``Saleor-Signature`` of a webhook body: JWS with unencoded detached payload."""
        return api_jws.encode(
            body,
            key=self.private_key,
            algorithm=ALGORITHM,
            headers={"kid": self.kid, "crit": ["b64"]},
            is_payload_detached=True,
        )

    def encode_jwt(self, claims: dict[str, Any]) -> str:
        """Sign ``claims`` as Saleor signs its access and app tokens."""
        return jwt.encode(claims, self.private_key, algorithm=ALGORITHM, headers={"kid": self.kid})

    def decode_jwt(self, token: str) -> dict[str, Any]:
        """Verify signature and expiry; ``aud`` is not checked, like Saleor's own decode."""
        return jwt.decode(
            token,
            self.public_key,
            algorithms=[ALGORITHM],
            options={"verify_aud": False},
        )
