"""E-member cards: a short-lived signed token behind the member's QR code, verified at
service centres. The token names the card, never the person's ID number."""

import time
import uuid

import jwt

from membership.cards.schemas import CardCheck, CardToken
from membership.identity.keys import ALGORITHM, SigningKeys
from membership.members.errors import InvalidTransitionError
from membership.members.models import Member, MemberState
from membership.members.repository import MemberRepository
from servicekit.pii import mask_account_number, mask_name

CARD_AUDIENCE = "gonghui-card"
CARD_TOKEN_TTL_SECONDS = 300
# Suspended members keep their record but not their benefits.
CARD_VALID_STATES = frozenset({MemberState.ACTIVE, MemberState.TRANSFERRING})


class CardService:
    def __init__(self, members: MemberRepository, keys: SigningKeys, issuer: str) -> None:
        self.members = members
        self.keys = keys
        self.issuer = issuer

    def issue(self, member: Member) -> CardToken:
        if member.card_no is None or member.state not in CARD_VALID_STATES:
            raise InvalidTransitionError("Only an active member has a card to show")
        now = int(time.time())
        token = self.keys.sign(
            {
                "iss": self.issuer,
                "aud": CARD_AUDIENCE,
                "sub": str(member.id),
                "card": member.card_no,
                "iat": now,
                "exp": now + CARD_TOKEN_TTL_SECONDS,
            }
        )
        return CardToken(token=token, expires_in=CARD_TOKEN_TTL_SECONDS, card_no=member.card_no)

    async def verify(self, token: str) -> CardCheck:
        try:
            kid = jwt.get_unverified_header(token).get("kid")
            key = next(k for k in self.keys.verification_keys() if k.key_id == kid)
            claims = jwt.decode(
                token, key, algorithms=[ALGORITHM], audience=CARD_AUDIENCE, issuer=self.issuer
            )
            member_id = uuid.UUID(claims["sub"])
        except jwt.ExpiredSignatureError:
            return CardCheck(valid=False, reason="expired")
        except (jwt.InvalidTokenError, StopIteration, KeyError, ValueError):
            return CardCheck(valid=False, reason="not_a_card")
        found = await self.members.with_person(member_id)
        if found is None or found[0].card_no != claims.get("card"):
            return CardCheck(valid=False, reason="card_replaced")
        member, person, org = found
        valid = member.state in CARD_VALID_STATES
        return CardCheck(
            valid=valid,
            reason=None if valid else f"membership_{member.state.value}",
            name_masked=mask_name(person.name),
            org_name=org.name,
            state=member.state,
            card_no_masked=mask_account_number(member.card_no or ""),
        )
