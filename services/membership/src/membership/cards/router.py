from fastapi import APIRouter

from membership.cards.schemas import CardCheck, CardVerify
from membership.dependencies import CardServiceDep

# Service-centre counters check a card without signing in: the token is short-lived and
# signed, and the answer carries only a masked name.
public_router = APIRouter(prefix="/v1/cards", tags=["cards"])


@public_router.post(
    "/verify",
    summary=(
        "验证电子会员证二维码（公开） · Check an e-member card token shown as a QR code (public)"
    ),
    response_model=CardCheck,
)
async def verify_card(check: CardVerify, cards: CardServiceDep) -> CardCheck:
    return await cards.verify(check.token)
