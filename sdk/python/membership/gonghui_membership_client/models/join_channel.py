from enum import StrEnum


class JoinChannel(StrEnum):
    BULK_IMPORT = "bulk_import"
    QR_CODE = "qr_code"
    SERVICE_POINT = "service_point"
    TRANSFER = "transfer"

    def __str__(self) -> str:
        return str(self.value)
