from pydantic import BaseModel, Field

from membership.members.models import MemberState
from servicekit.schemas import ApiModel


class CardToken(BaseModel):
    token: str = Field(description="Show it as a QR code; it expires quickly")
    expires_in: int
    card_no: str


class CardVerify(ApiModel):
    token: str = Field(min_length=10, max_length=2000)


class CardCheck(BaseModel):
    """What a service-centre counter sees: enough to serve, nothing to steal."""

    valid: bool
    reason: str | None = None
    name_masked: str | None = None
    org_name: str | None = None
    state: MemberState | None = None
    card_no_masked: str | None = None
