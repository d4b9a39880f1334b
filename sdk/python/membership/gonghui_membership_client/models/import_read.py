from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.import_status import ImportStatus

T = TypeVar("T", bound="ImportRead")


@_attrs_define
class ImportRead:
    """
    Attributes:
        id (UUID):
        org_id (UUID):
        filename (str):
        file_sha256 (str):
        status (ImportStatus):
        total_rows (int):
        processed_rows (int):
        created_rows (int):
        unchanged_rows (int):
        error_rows (int):
        created_at (datetime.datetime):
        finished_at (datetime.datetime | None):
    """

    id: UUID
    org_id: UUID
    filename: str
    file_sha256: str
    status: ImportStatus
    total_rows: int
    processed_rows: int
    created_rows: int
    unchanged_rows: int
    error_rows: int
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        org_id = str(self.org_id)

        filename = self.filename

        file_sha256 = self.file_sha256

        status = self.status.value

        total_rows = self.total_rows

        processed_rows = self.processed_rows

        created_rows = self.created_rows

        unchanged_rows = self.unchanged_rows

        error_rows = self.error_rows

        created_at = self.created_at.isoformat()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "org_id": org_id,
                "filename": filename,
                "file_sha256": file_sha256,
                "status": status,
                "total_rows": total_rows,
                "processed_rows": processed_rows,
                "created_rows": created_rows,
                "unchanged_rows": unchanged_rows,
                "error_rows": error_rows,
                "created_at": created_at,
                "finished_at": finished_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        org_id = UUID(d.pop("org_id"))

        filename = d.pop("filename")

        file_sha256 = d.pop("file_sha256")

        status = ImportStatus(d.pop("status"))

        total_rows = d.pop("total_rows")

        processed_rows = d.pop("processed_rows")

        created_rows = d.pop("created_rows")

        unchanged_rows = d.pop("unchanged_rows")

        error_rows = d.pop("error_rows")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

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

        import_read = cls(
            id=id,
            org_id=org_id,
            filename=filename,
            file_sha256=file_sha256,
            status=status,
            total_rows=total_rows,
            processed_rows=processed_rows,
            created_rows=created_rows,
            unchanged_rows=unchanged_rows,
            error_rows=error_rows,
            created_at=created_at,
            finished_at=finished_at,
        )

        import_read.additional_properties = d
        return import_read

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
