from typing import Annotated

from fastapi import Depends

from membership.dependencies import AccessDep, PiiDep
from membership.enterprises.repository import EnterpriseRepository
from membership.enterprises.service import EnterpriseService


async def _enterprise_service(access: AccessDep, cipher: PiiDep) -> EnterpriseService:
    return EnterpriseService(EnterpriseRepository(access.orgs.session), access, cipher)


EnterpriseServiceDep = Annotated[EnterpriseService, Depends(_enterprise_service)]
