import csv
import hashlib
import io
import uuid
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Form, Request, UploadFile
from pydantic import ValidationError

from rebate.dependencies import AdminPrincipal, FeeIntakeDep, PartnerServiceDep, SettingsDep
from rebate.fees.schemas import DeliveryResult, FeeDelivery
from rebate.partners.models import PartnerKind
from servicekit.auth import authenticated
from servicekit.errors import DomainError
from servicekit.openapi import raw_json_body

router = APIRouter(prefix="/v1", tags=["fees"], dependencies=[authenticated])
# Signed by the partner, verified here: no access token at all.
webhook_router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])

SIGNATURE_HEADERS = ("webhook-id", "webhook-timestamp", "webhook-signature")
CSV_COLUMNS = (
    "record_id",
    "uscc",
    "enterprise_name",
    "region_code",
    "period",
    "payroll_total",
    "fee_amount",
    "paid_at",
    "payer_bank",
    "payer_account_no",
    "payer_account_name",
    "tax_office",
)


class InvalidDeliveryError(DomainError):
    status = 422
    code = "invalid-delivery"
    title_en = "Invalid delivery"
    title_zh = "推送内容无效"


def _envelope(body: bytes, limit: int) -> tuple[str, list[Any]]:
    try:
        delivery = FeeDelivery.model_validate(orjson.loads(body))
    except (orjson.JSONDecodeError, ValidationError) as exc:
        raise InvalidDeliveryError(
            'The body must be {"type": "fee.recorded"|"fee.corrected", "timestamp": ..., '
            f'"data": {{"records": [...]}}}}: {str(exc).splitlines()[0]}'
        ) from None
    records = delivery.data.get("records")
    if records is None:
        raise InvalidDeliveryError("data.records is missing")
    if len(records) > limit:
        raise InvalidDeliveryError(f"At most {limit} records a delivery; split it")
    return delivery.type, records


@webhook_router.post(
    "/tax/{partner_id}",
    summary=(
        "税务合作方推送缴费记录 · "
        "Fee records pushed by a tax partner (Standard Webhooks signature, no token)"
    ),
    description="The body is one of the tax partner's events (see the document's webhooks: "
    "fee.recorded, fee.corrected, fee.voided), signed with the partner's secret.",
    response_model=DeliveryResult,
    openapi_extra=raw_json_body("FeeRecordedEvent", "FeeCorrectedEvent", "FeeVoidedEvent"),
    responses={
        401: {"description": "The signature does not verify; nothing was stored"},
        409: {
            "description": "Another delivery changed the same records meanwhile; nothing was "
            "stored: send it again"
        },
        422: {"description": "Not a fee delivery, or too many records"},
    },
)
async def receive_fee_records(
    partner_id: uuid.UUID,
    request: Request,
    settings: SettingsDep,
    partners: PartnerServiceDep,
    intake: FeeIntakeDep,
) -> DeliveryResult:
    body = await request.body()
    headers = {name: request.headers.get(name, "") for name in SIGNATURE_HEADERS}
    partner, webhook_id = await partners.verify(partner_id, PartnerKind.TAX, headers, body)
    if (answer := await intake.seen(partner.id, webhook_id)) is not None:
        return answer
    event_type, records = _envelope(body, settings.max_records_per_delivery)
    return await intake.take(
        partner,
        webhook_id,
        event_type,
        records,
        hashlib.sha256(body).hexdigest(),
        actor=f"partner:{partner.id}",
    )


def _csv_records(content: bytes) -> list[dict[str, Any]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidDeliveryError("CSV files must be UTF-8") from None
    try:
        # newline="": the csv module reads line breaks itself, inside quoted fields too.
        return _rows(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error as error:
        # A file the csv module cannot read is the sender's to fix (fuzzing made it a 500).
        raise InvalidDeliveryError(f"Not a readable CSV file: {error}") from None


def _rows(reader: "csv.DictReader[str]") -> list[dict[str, Any]]:
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InvalidDeliveryError(f"Missing columns: {', '.join(missing)}")
    return [
        {
            **{k: row[k] for k in CSV_COLUMNS if not k.startswith("payer_")},
            "payer_account": {
                "bank": row["payer_bank"],
                "account_no": row["payer_account_no"],
                "account_name": row["payer_account_name"],
            },
        }
        for row in reader
    ]


@router.post(
    "/partners/{partner_id}/fee-files",
    summary=(
        "导入缴费记录 CSV · Fee records from a CSV file, for a partner without webhooks (admin)"
    ),
    description="A UTF-8 CSV file with a header line naming the columns "
    + ", ".join(f"`{column}`" for column in CSV_COLUMNS)
    + "; money as decimal strings with two places, `paid_at` in ISO 8601 with a zone. "
    "The same file twice changes nothing.",
    response_model=DeliveryResult,
    responses={
        404: {"description": "No such tax partner"},
        409: {"description": "Another delivery changed the same records meanwhile; send again"},
        422: {"description": "Unreadable"},
    },
)
async def upload_fee_file(
    partner_id: uuid.UUID,
    file: UploadFile,
    _admin: AdminPrincipal,
    settings: SettingsDep,
    partners: PartnerServiceDep,
    intake: FeeIntakeDep,
    event_type: Annotated[Literal["fee.recorded", "fee.corrected"], Form()] = "fee.recorded",
) -> DeliveryResult:
    partner = await partners.get(partner_id, PartnerKind.TAX)
    content = await file.read()
    digest = hashlib.sha256(content).hexdigest()
    # The file's digest is its delivery id: the same file twice changes nothing.
    delivery_id = f"file:{digest}"
    if (answer := await intake.seen(partner.id, delivery_id)) is not None:
        return answer
    records = _csv_records(content)
    if len(records) > settings.max_records_per_delivery * 10:
        raise InvalidDeliveryError("At most 100,000 records a file; split it")
    return await intake.take(
        partner, delivery_id, event_type, records, digest, actor="admin-upload"
    )
