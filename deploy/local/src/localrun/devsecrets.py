"""Development secrets: generated once into `secrets.env`, reused on every later run.

Every secret is listed in `SECRETS`; adding one is adding a line there.
"""

import base64
import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from servicekit.webhooks import generate_secret

SECRETS_FILE = "secrets.env"


@dataclass(frozen=True)
class Secret:
    name: str
    # Receives the data directory, for secrets that are files beside secrets.env.
    generate: Callable[[Path], str]


def _password(_: Path) -> str:
    return secrets.token_urlsafe(24)


def _key_32_bytes(_: Path) -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def _webhook_secret(_: Path) -> str:
    return generate_secret()


def _jwt_signing_key(data_dir: Path) -> str:
    path = data_dir / "secrets" / "jwt-signing-key.pem"
    # Kept if secrets.env alone was lost: a new key would void every token already issued.
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()
        )
        _write_private(path, pem)
    return str(path)


SECRETS: tuple[Secret, ...] = (
    Secret("MEMBERSHIP_DB_PASSWORD", _password),
    Secret("REBATE_DB_PASSWORD", _password),
    Secret("COMPETITION_DB_PASSWORD", _password),
    Secret("MEMBERSHIP_JWT_PRIVATE_KEY_FILE", _jwt_signing_key),
    Secret("MEMBERSHIP_PII_KEY", _key_32_bytes),
    Secret("MEMBERSHIP_PII_INDEX_KEY", _key_32_bytes),
    Secret("REBATE_PII_KEY", _key_32_bytes),
    Secret("REBATE_PII_INDEX_KEY", _key_32_bytes),
    # Ed25519 seed that signs rebate's audit checkpoints (a new one voids older checkpoints).
    Secret("REBATE_AUDIT_SIGNING_KEY", _key_32_bytes),
    Secret("BOOTSTRAP_ADMIN_PASSWORD", _password),
    # Machine clients of membership: the services sign in with these for service tokens.
    Secret("REBATE_MEMBERSHIP_CLIENT_SECRET", _password),
    Secret("COMPETITION_MEMBERSHIP_CLIENT_SECRET", _password),
    # Membership signs its organisation events to competition with this (Standard Webhooks).
    Secret("COMPETITION_MEMBERSHIP_WEBHOOK_SECRET", _webhook_secret),
    # The one password of every demo account the membership seed creates.
    Secret("MEMBERSHIP_DEMO_PASSWORD", _password),
)


def load_secrets(data_dir: Path, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """Every secret, generating and saving the missing ones; a value set in `environ` wins."""
    path = data_dir / SECRETS_FILE
    stored = _read(path)
    missing = [secret for secret in SECRETS if secret.name not in stored]
    if missing:
        data_dir.mkdir(parents=True, exist_ok=True)
        stored |= {secret.name: secret.generate(data_dir) for secret in missing}
        body = "".join(f"{name}={value}\n" for name, value in stored.items())
        _write_private(path, ("# Development secrets made by localrun.\n" + body).encode())
    return {name: environ.get(name) or value for name, value in stored.items()}


def _read(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    pairs = (
        line.split("=", 1)
        for line in path.read_text().splitlines()
        if "=" in line and not line.lstrip().startswith("#")
    )
    return {name.strip(): value.strip() for name, value in pairs}


def _write_private(path: Path, content: bytes) -> None:
    # Written under another name and renamed, so a crash never leaves half a file behind.
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(content)
    partial.replace(path)
