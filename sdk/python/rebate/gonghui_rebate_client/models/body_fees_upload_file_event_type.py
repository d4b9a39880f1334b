from enum import StrEnum


class BodyFeesUploadFileEventType(StrEnum):
    FEE_CORRECTED = "fee.corrected"
    FEE_RECORDED = "fee.recorded"

    def __str__(self) -> str:
        return str(self.value)
