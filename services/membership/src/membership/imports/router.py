import uuid

from fastapi import APIRouter, UploadFile, status
from fastapi.responses import StreamingResponse

from membership.dependencies import ImportServiceDep
from membership.imports.schemas import ImportRead
from servicekit.auth import authenticated

router = APIRouter(prefix="/v1", tags=["imports"], dependencies=[authenticated])


@router.post(
    "/orgs/{org_id}/imports",
    summary=(
        "批量导入会员 · "
        "Queue an import of members from a CSV or XLSX file (姓名, 身份证号, 手机号, 就业形态)"
    ),
    description="The file is checked for structure at once; a worker then checks and enrols "
    "its rows. Follow the counts with `GET /v1/imports/{id}` until `status` is `done`.",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ImportRead,
    responses={
        404: {"description": "No such organisation in your sub-tree"},
        422: {"description": "Not a readable CSV/XLSX file or the header lacks columns"},
    },
)
async def import_members(
    org_id: uuid.UUID, file: UploadFile, imports: ImportServiceDep
) -> ImportRead:
    job = await imports.queue(org_id, file.filename or "upload.csv", file.file)
    return ImportRead.model_validate(job)


@router.get(
    "/imports/{import_id}",
    summary="导入进度 · Progress and counts of an import",
    response_model=ImportRead,
    responses={404: {"description": "No such import in your sub-tree"}},
)
async def read_import(import_id: uuid.UUID, imports: ImportServiceDep) -> ImportRead:
    return ImportRead.model_validate(await imports.get(import_id))


@router.get(
    "/imports/{import_id}/errors.csv",
    summary="导入失败行（CSV） · The refused rows with their reasons, as CSV",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}, 404: {"description": "No such import"}},
)
async def import_errors(import_id: uuid.UUID, imports: ImportServiceDep) -> StreamingResponse:
    lines = await imports.error_report(import_id)
    return StreamingResponse(
        lines,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="import-{import_id}-errors.csv"'},
    )
