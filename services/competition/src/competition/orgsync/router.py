from fastapi import APIRouter, Request, Response, status

from competition.dependencies import OrgSyncDep

# Signed by membership, verified here: no access token at all.
router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])

SIGNATURE_HEADERS = ("webhook-id", "webhook-timestamp", "webhook-signature")


@router.post(
    "/membership",
    summary=(
        "接收工会组织变更 · "
        "Organisation moves and closures from membership (Standard Webhooks, no token)"
    ),
    status_code=status.HTTP_204_NO_CONTENT,
    responses={
        401: {"description": "The signature does not verify; nothing changed"},
        422: {"description": "Not an org.moved or org.closed event"},
    },
)
async def receive_org_event(request: Request, sync: OrgSyncDep) -> Response:
    body = await request.body()
    headers = {name: request.headers.get(name, "") for name in SIGNATURE_HEADERS}
    await sync.receive(headers, body)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
