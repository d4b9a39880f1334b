import uuid

from fastapi import APIRouter, status

from membership.dependencies import ServingServiceDep
from membership.serving.schemas import ServiceRecordCreate, ServiceRecordRead
from servicekit.auth import authenticated
from servicekit.pagination import LimitParam

router = APIRouter(prefix="/v1", tags=["services to workers"], dependencies=[authenticated])


@router.post(
    "/people/{person_id}/services",
    summary=(
        "登记服务记录 · "
        "Record a service given to a person (legal aid, gift, health check, training)"
    ),
    status_code=status.HTTP_201_CREATED,
    response_model=ServiceRecordRead,
    responses={
        403: {"description": "You do not manage members"},
        404: {"description": "No such person, or no such organisation, in your sub-tree"},
        409: {"description": "The organisation is closed"},
    },
)
async def record_service(
    person_id: uuid.UUID, record_in: ServiceRecordCreate, serving: ServingServiceDep
) -> ServiceRecordRead:
    return ServiceRecordRead.model_validate(await serving.record(person_id, record_in))


@router.get(
    "/people/{person_id}/services",
    summary="服务记录 · The services a person received, newest first",
    response_model=list[ServiceRecordRead],
    responses={404: {"description": "No such person in your sub-tree"}},
)
async def list_services(
    person_id: uuid.UUID, serving: ServingServiceDep, limit: LimitParam = 50
) -> list[ServiceRecordRead]:
    return [ServiceRecordRead.model_validate(r) for r in await serving.for_person(person_id, limit)]
