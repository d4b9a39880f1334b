from pydantic import BaseModel, Field

from servicekit.pagination import Page


class ChainCheck(BaseModel):
    intact: bool
    events_checked: int
    checkpoints_checked: int = Field(description="Checkpoints the chain was held against")
    anchored_events: int = Field(description="Events covered by the newest signed checkpoint")
    problem: str | None = Field(
        default=None,
        description="broken-link, differs-from-checkpoint, shorter-than-checkpoint "
        "or bad-checkpoint-signature",
    )
    first_broken_event_id: int | None = None
    first_broken_kind: str | None = None


class CheckpointRead(BaseModel):
    id: int
    event_count: int
    head_hash: str
    at: str = Field(description="As signed: ISO 8601, UTC, microseconds")
    key_id: str
    signature: str = Field(description="Ed25519 over `statement`, base64")
    statement: str = Field(description="The exact signed text")


class CheckpointPage(Page[CheckpointRead]):
    algorithm: str = "Ed25519"
    key_id: str
    public_key: str = Field(description="The raw 32-byte public key, base64")
    retired_keys: dict[str, str] = Field(
        description="Public keys of rotated-out signing keys by key id; older checkpoints name them"
    )
