from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus

T = TypeVar("T", bound="RunRead")


@_attrs_define
class RunRead:
    """
    Attributes:
        id (UUID):
        period (str):
        region_prefix (str):
        policy_id (UUID):
        status (RunStatus):
        started_by (str):
        started_at (datetime.datetime):
        finished_at (datetime.datetime | None):
        enterprises_total (int):
        enterprises_done (int):
        cases_created (int):
        queued (int):
        failure (None | str):
    """

    id: UUID
    period: str
    region_prefix: str
    policy_id: UUID
    status: RunStatus
    started_by: str
    started_at: datetime.datetime
    finished_at: datetime.datetime | None
    enterprises_total: int
    enterprises_done: int
    cases_created: int
    queued: int
    failure: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        period = self.period

        region_prefix = self.region_prefix

        policy_id = str(self.policy_id)

        status = self.status.value

        started_by = self.started_by

        started_at = self.started_at.isoformat()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        enterprises_total = self.enterprises_total

        enterprises_done = self.enterprises_done

        cases_created = self.cases_created

        queued = self.queued

        failure: None | str
        failure = self.failure

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "period": period,
                "region_prefix": region_prefix,
                "policy_id": policy_id,
                "status": status,
                "started_by": started_by,
                "started_at": started_at,
                "finished_at": finished_at,
                "enterprises_total": enterprises_total,
                "enterprises_done": enterprises_done,
                "cases_created": cases_created,
                "queued": queued,
                "failure": failure,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        period = d.pop("period")

        region_prefix = d.pop("region_prefix")

        policy_id = UUID(d.pop("policy_id"))

        status = RunStatus(d.pop("status"))

        started_by = d.pop("started_by")

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        enterprises_total = d.pop("enterprises_total")

        enterprises_done = d.pop("enterprises_done")

        cases_created = d.pop("cases_created")

        queued = d.pop("queued")

        def _parse_failure(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        failure = _parse_failure(d.pop("failure"))

        run_read = cls(
            id=id,
            period=period,
            region_prefix=region_prefix,
            policy_id=policy_id,
            status=status,
            started_by=started_by,
            started_at=started_at,
            finished_at=finished_at,
            enterprises_total=enterprises_total,
            enterprises_done=enterprises_done,
            cases_created=cases_created,
            queued=queued,
            failure=failure,
        )

        run_read.additional_properties = d
        return run_read

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
