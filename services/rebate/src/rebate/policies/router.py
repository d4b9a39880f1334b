from fastapi import APIRouter, status

from rebate.dependencies import (
    AdminPrincipal,
    MembershipDep,
    PolicyServiceDep,
    ReviewerPrincipal,
)
from rebate.policies.schemas import PolicyCreate, PolicyIn, PolicyRead
from servicekit.auth import authenticated

router = APIRouter(prefix="/v1/policies", tags=["policies"], dependencies=[authenticated])


@router.post(
    "",
    summary="创建返还政策 · Create a refund policy, version 1 (admin)",
    status_code=status.HTTP_201_CREATED,
    response_model=PolicyRead,
    responses={
        409: {"description": "The key exists, or another policy in force overlaps it"},
        422: {
            "description": "Invalid, a bank rule names no active bank, or a queue office no "
            "federation of its region"
        },
        503: {"description": "Membership cannot answer now"},
    },
)
async def create_policy(
    policy_in: PolicyCreate,
    admin: AdminPrincipal,
    policies: PolicyServiceDep,
    membership: MembershipDep,
) -> PolicyRead:
    return PolicyRead.model_validate(
        await policies.create(policy_in, admin.subject, membership=membership)
    )


@router.get(
    "",
    # Excluded enterprises and the pool account are the federation's business: reviewers only.
    summary="现行返还政策 · Policies in force (admins and rebate reviewers)",
    response_model=list[PolicyRead],
)
async def list_policies(_: ReviewerPrincipal, policies: PolicyServiceDep) -> list[PolicyRead]:
    return [PolicyRead.model_validate(p) for p in await policies.in_force()]


@router.put(
    "/{policy_key}",
    summary=(
        "发布政策新版本 · "
        "Save a new version of a policy; the old one is retired, cases keep naming it (admin)"
    ),
    response_model=PolicyRead,
    responses={
        404: {"description": "No such policy in force"},
        409: {"description": "Another policy in force overlaps the new version"},
        422: {
            "description": "Invalid, a bank rule names no active bank, or a queue office no "
            "federation of its region"
        },
        503: {"description": "Membership cannot answer now"},
    },
)
async def revise_policy(
    policy_key: str,
    policy_in: PolicyIn,
    admin: AdminPrincipal,
    policies: PolicyServiceDep,
    membership: MembershipDep,
) -> PolicyRead:
    policy = await policies.revise(policy_key, policy_in, admin.subject, membership=membership)
    return PolicyRead.model_validate(policy)


@router.get(
    "/{policy_key}/versions",
    summary="政策版本历史 · Every version of a policy, oldest first",
    response_model=list[PolicyRead],
    responses={404: {"description": "No such policy"}},
)
async def policy_versions(
    policy_key: str, _: ReviewerPrincipal, policies: PolicyServiceDep
) -> list[PolicyRead]:
    return [PolicyRead.model_validate(p) for p in await policies.versions(policy_key)]
