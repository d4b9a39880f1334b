import uuid
from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from rebate.cases.models import CaseStatus
from rebate.policies.schemas import Period
from servicekit.schemas import ApiModel


class ApplicantAccountIn(ApiModel):
    """The account the enterprise asks to be paid to."""

    bank: str = Field(min_length=1, max_length=100, examples=["中国建设银行福州鼓楼支行"])
    account_name: str = Field(min_length=1, max_length=200, examples=["福州某某科技有限公司"])
    account_no: str = Field(pattern=r"^\d{8,30}$", examples=["6227003812345678"])


class ApplicationIn(ApiModel):
    period: Period
    contact_name: str = Field(min_length=1, max_length=100, examples=["林晓"])
    contact_phone: str = Field(pattern=r"^1\d{10}$", examples=["13800001234"])
    destination: ApplicantAccountIn | None = Field(
        default=None,
        description="The enterprise's own word on where to pay this application's case (not "
        "its supplementary cases, and not once the case was rejected); an admin applying on "
        "its behalf names none",
    )
    uscc: str | None = Field(
        default=None,
        max_length=18,
        description="Admins only, applying on the enterprise's behalf; an enterprise account "
        "applies for its own credit code",
    )


class ApplicantAccountRead(BaseModel):
    bank: str
    account_name: str
    account_no_masked: str


class ApplicationRead(BaseModel):
    id: uuid.UUID
    uscc: str
    enterprise_name: str
    period: str
    policy_id: uuid.UUID
    case_id: uuid.UUID
    state: CaseStatus = Field(description="The status of the case the application became")
    status_reason: str | None
    refund: Decimal
    contact_name: str
    contact_phone_masked: str
    destination: ApplicantAccountRead | None
    applied_by: str
    created_at: datetime
