import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from membership.joining.models import ImportStatus


class ImportRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    org_id: uuid.UUID
    filename: str
    file_sha256: str
    status: ImportStatus
    total_rows: int
    processed_rows: int
    created_rows: int
    unchanged_rows: int
    error_rows: int
    created_at: datetime
    finished_at: datetime | None
