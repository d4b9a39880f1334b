"""Tokens for tests: an Ed25519 key of the test's own, shaped like membership's tokens."""

import time
import uuid
from collections.abc import Iterable
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jwt.algorithms import OKPAlgorithm


class TokenMinter:
    def __init__(
        self, issuer: str = "gonghui-membership", audience: str = "gonghui", kid: str = "test-key"
    ) -> None:
        self.issuer = issuer
        self.audience = audience
        self.kid = kid
        self._key = Ed25519PrivateKey.generate()

    @property
    def jwk(self) -> dict[str, Any]:
        jwk: dict[str, Any] = OKPAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        jwk.update(kid=self.kid, alg="EdDSA", use="sig")
        return jwk

    @property
    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.jwk]}

    def verification_keys(self) -> list[jwt.PyJWK]:
        return [jwt.PyJWK(self.jwk)]

    def mint(
        self,
        subject: str | None = None,
        roles: Iterable[str] = ("member",),
        *,
        ttl: int = 300,
        **claims: Any,
    ) -> str:
        now = int(time.time())
        payload: dict[str, Any] = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": subject or str(uuid.uuid4()),
            "iat": now,
            "exp": now + ttl,
            "jti": uuid.uuid4().hex,
            "roles": list(roles),
            **claims,
        }
        return jwt.encode(payload, self._key, algorithm="EdDSA", headers={"kid": self.kid})

    def headers(self, roles: Iterable[str] = ("member",), **claims: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.mint(roles=roles, **claims)}"}
