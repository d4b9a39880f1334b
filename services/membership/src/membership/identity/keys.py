"""The Ed25519 key that signs access tokens, and the JWKS other services verify with."""

import base64
import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from jwt.algorithms import OKPAlgorithm

from membership.settings import MembershipSettings

logger = logging.getLogger(__name__)

ALGORITHM = "EdDSA"


def _thumbprint(public_jwk: dict[str, Any]) -> str:
    # RFC 7638: the key id is derived from the key, so every replica names it the same.
    canonical = json.dumps(
        {k: public_jwk[k] for k in ("crv", "kty", "x")}, separators=(",", ":"), sort_keys=True
    )
    return (
        base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=").decode()
    )


def public_jwk(public_key: Ed25519PublicKey) -> dict[str, Any]:
    jwk: dict[str, Any] = OKPAlgorithm.to_jwk(public_key, as_dict=True)
    jwk.update(kid=_thumbprint(jwk), alg=ALGORITHM, use="sig")
    return jwk


@dataclass(frozen=True)
class SigningKeys:
    private_key: Ed25519PrivateKey
    kid: str
    published: list[dict[str, Any]]

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self.private_key, algorithm=ALGORITHM, headers={"kid": self.kid})

    def jwks(self) -> dict[str, Any]:
        return {"keys": self.published}

    def verification_keys(self) -> list[jwt.PyJWK]:
        return [jwt.PyJWK(jwk) for jwk in self.published]


def _load_private_key(settings: MembershipSettings) -> Ed25519PrivateKey:
    if settings.jwt_private_key is not None:
        pem = settings.jwt_private_key.get_secret_value().encode()
    elif settings.jwt_private_key_file is not None:
        pem = settings.jwt_private_key_file.read_bytes()
    else:
        # Only reachable outside production (the settings refuse it there): tokens then
        # last as long as the process does.
        logger.warning("no signing key configured; using a temporary one for this process")
        return Ed25519PrivateKey.generate()
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the token signing key must be an Ed25519 private key")
    return key


def load_signing_keys(settings: MembershipSettings) -> SigningKeys:
    private_key = _load_private_key(settings)
    current = public_jwk(private_key.public_key())
    published = [current]
    for path in settings.jwt_retired_public_key_files:
        retired = serialization.load_pem_public_key(path.read_bytes())
        if not isinstance(retired, Ed25519PublicKey):
            raise ValueError(f"{path} is not an Ed25519 public key")
        published.append(public_jwk(retired))
    return SigningKeys(private_key=private_key, kid=current["kid"], published=published)
