import uuid

from pydantic import BaseModel, ConfigDict, Field

from membership.people.models import EmploymentForm
from servicekit.schemas import ApiModel


class PersonIn(ApiModel):
    name: str = Field(min_length=1, max_length=100, examples=["张伟"])
    id_number: str = Field(
        min_length=15, max_length=20, description="Resident ID number (GB 11643), 18 characters"
    )
    phone: str | None = Field(default=None, max_length=20, examples=["13812345678"])
    employment_form: EmploymentForm = EmploymentForm.EMPLOYEE


class PersonRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    id_number_masked: str = Field(examples=["110105********002X"])
    phone_masked: str | None = Field(examples=["138****5678"])
    employment_form: EmploymentForm


class PersonLookup(ApiModel):
    """The ID number travels in the body, never in a URL that ends up in access logs."""

    id_number: str = Field(min_length=15, max_length=20)
