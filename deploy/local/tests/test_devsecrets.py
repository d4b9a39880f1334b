import base64
import stat
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from localrun.devsecrets import SECRETS, SECRETS_FILE, load_secrets


def test_secrets_are_generated_once_and_reused(tmp_path: Path) -> None:
    first = load_secrets(tmp_path, environ={})
    assert set(first) == {secret.name for secret in SECRETS}
    assert load_secrets(tmp_path, environ={}) == first


def test_files_are_private(tmp_path: Path) -> None:
    secrets = load_secrets(tmp_path, environ={})
    for path in (tmp_path / SECRETS_FILE, Path(secrets["MEMBERSHIP_JWT_PRIVATE_KEY_FILE"])):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_values_have_the_shapes_services_expect(tmp_path: Path) -> None:
    secrets = load_secrets(tmp_path, environ={})
    for name in ("MEMBERSHIP_PII_KEY", "MEMBERSHIP_PII_INDEX_KEY", "REBATE_PII_KEY"):
        assert len(base64.urlsafe_b64decode(secrets[name])) == 32
    # Rebate's audit checkpoints are signed with an Ed25519 key made from this seed.
    seed = base64.urlsafe_b64decode(secrets["REBATE_AUDIT_SIGNING_KEY"])
    assert isinstance(Ed25519PrivateKey.from_private_bytes(seed), Ed25519PrivateKey)
    key_pem = Path(secrets["MEMBERSHIP_JWT_PRIVATE_KEY_FILE"]).read_bytes()
    assert isinstance(load_pem_private_key(key_pem, password=None), Ed25519PrivateKey)
    assert secrets["MEMBERSHIP_DB_PASSWORD"] != secrets["REBATE_DB_PASSWORD"]


def test_environment_wins_without_touching_the_file(tmp_path: Path) -> None:
    stored = load_secrets(tmp_path, environ={})
    given = load_secrets(tmp_path, environ={"BOOTSTRAP_ADMIN_PASSWORD": "chosen"})
    assert given["BOOTSTRAP_ADMIN_PASSWORD"] == "chosen"
    assert load_secrets(tmp_path, environ={}) == stored


def test_a_secret_added_later_is_generated_and_the_others_kept(tmp_path: Path) -> None:
    stored = load_secrets(tmp_path, environ={})
    path = tmp_path / SECRETS_FILE
    lines = path.read_text().splitlines()
    path.write_text("\n".join(line for line in lines if "REBATE_PII_KEY=" not in line))

    again = load_secrets(tmp_path, environ={})
    assert again["REBATE_PII_KEY"] != stored["REBATE_PII_KEY"]
    assert {k: v for k, v in again.items() if k != "REBATE_PII_KEY"} == {
        k: v for k, v in stored.items() if k != "REBATE_PII_KEY"
    }
