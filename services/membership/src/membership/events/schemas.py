from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict


class OutboxMessageRead(BaseModel):
    """A queued organisation event for one subscriber; its secret is never stored here."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    topic: str
    message_key: str
    payload: dict[str, Any]
    status: Literal["pending", "delivered", "dead"]
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
