from pydantic import Field

from servicekit.schemas import ApiModel


class DismissIn(ApiModel):
    reason: str = Field(min_length=1, max_length=500, examples=["经核实为同一笔缴费，已退回税务"])


class RematchIn(ApiModel):
    note: str | None = Field(default=None, max_length=500, examples=["企业已在会员系统登记"])
