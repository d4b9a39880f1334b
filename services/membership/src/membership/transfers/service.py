"""Transfers: asked by the member or a cadre of the old union, decided by the receiving one.
The membership number stays; the old union keeps its closed affiliation in the history.
Members transfer to open grassroots unions only (a federation holds no members); the
receiving union's approvers see who asks to come, masked (`TransferRead.person`)."""

import uuid
from datetime import UTC, datetime

from membership.access import Access, Permission
from membership.members.errors import InvalidTransitionError, MemberNotFoundError
from membership.members.lifecycle import Lifecycle
from membership.members.models import JoinChannel, MemberState, Transfer, TransferState
from membership.members.repository import MemberRepository
from membership.orgs.errors import OrgClosedError, OrgNotFoundError
from membership.orgs.models import OrgKind, OrgStatus
from membership.people.schemas import PersonRead
from membership.transfers.errors import (
    NotAGrassrootsTargetError,
    SameOrgTransferError,
    TransferNotFoundError,
    TransferNotPendingError,
)
from membership.transfers.repository import TransferRepository
from membership.transfers.schemas import TransferCreate, TransferRead

TRANSFER_FIELDS = (
    "id",
    "member_id",
    "from_org_id",
    "to_org_id",
    "state",
    "requested_by",
    "reason",
    "decided_by",
    "decided_at",
    "decision_reason",
    "created_at",
)


class TransferService:
    def __init__(self, repo: TransferRepository, members: MemberRepository, access: Access) -> None:
        self.repo = repo
        self.members = members
        self.access = access
        self.lifecycle = Lifecycle(members)

    def _is_member_self(self, person_id: uuid.UUID) -> bool:
        return str(person_id) == str(self.access.principal.claims.get("person_id"))

    async def _read(self, transfers: list[Transfer]) -> list[TransferRead]:
        details = await self.repo.details([t.id for t in transfers])
        reads = []
        for transfer in transfers:
            membership_no, person, from_name, to_name = details[transfer.id]
            reads.append(
                TransferRead.model_validate(
                    {
                        **{k: getattr(transfer, k) for k in TRANSFER_FIELDS},
                        "membership_no": membership_no,
                        "person": PersonRead.model_validate(person),
                        "from_org_name": from_name,
                        "to_org_name": to_name,
                    }
                )
            )
        return reads

    async def _read_one(self, transfer: Transfer) -> TransferRead:
        return (await self._read([transfer]))[0]

    async def request(self, member_id: uuid.UUID, transfer_in: TransferCreate) -> TransferRead:
        found = await self.members.with_person(member_id)
        if found is None:
            raise MemberNotFoundError()
        member, person, org = found
        if not self._is_member_self(person.id):
            if not await self.access.covers(org.path):
                raise MemberNotFoundError()
            self.access.require(Permission.MANAGE_MEMBERS)
        target = await self.access.orgs.get(transfer_in.to_org_id)
        if target is None:
            raise OrgNotFoundError("The receiving organisation does not exist")
        if target.status is OrgStatus.CLOSED:
            raise OrgClosedError(f"{target.name} is closed")
        if target.kind is not OrgKind.GRASSROOTS:
            raise NotAGrassrootsTargetError(f"{target.name} is a {target.kind.value} organisation")
        if target.id == member.org_id:
            raise SameOrgTransferError()
        if member.state is not MemberState.ACTIVE:
            raise InvalidTransitionError("Only an active member can transfer")
        transfer = Transfer(
            id=uuid.uuid4(),
            member_id=member.id,
            from_org_id=member.org_id,
            to_org_id=target.id,
            state=TransferState.PENDING,
            requested_by=self.access.actor,
            reason=transfer_in.reason,
        )
        await self.repo.add(transfer)
        await self.lifecycle.move(
            member,
            person,
            MemberState.TRANSFERRING,
            kind="transfer_requested",
            actor=self.access.actor,
            reason=transfer_in.reason,
        )
        return await self._read_one(transfer)

    async def _visible(self, transfer_id: uuid.UUID) -> Transfer:
        transfer = await self.repo.get(transfer_id)
        if transfer is None:
            raise TransferNotFoundError()
        member = await self.members.get(transfer.member_id)
        orgs = await self.access.orgs.get_many([transfer.from_org_id, transfer.to_org_id])
        visible = (member is not None and self._is_member_self(member.person_id)) or any(
            [await self.access.covers(org.path) for org in orgs.values()]
        )
        if not visible:
            raise TransferNotFoundError()
        return transfer

    async def read(self, transfer_id: uuid.UUID) -> TransferRead:
        return await self._read_one(await self._visible(transfer_id))

    async def decide(
        self, transfer_id: uuid.UUID, approve: bool, reason: str | None
    ) -> TransferRead:
        transfer = await self._visible(transfer_id)
        receiving = await self.access.orgs.get(transfer.to_org_id)
        assert receiving is not None
        if not await self.access.covers(receiving.path):
            raise TransferNotFoundError()
        self.access.require(Permission.REVIEW_JOINS)
        closed = await self._close(
            transfer,
            TransferState.APPROVED if approve else TransferState.REJECTED,
            reason,
            kind="transferred" if approve else "transfer_rejected",
            to_org=transfer.to_org_id if approve else None,
        )
        return await self._read_one(closed)

    async def cancel(self, transfer_id: uuid.UUID, reason: str | None) -> TransferRead:
        transfer = await self._visible(transfer_id)
        member = await self.members.get(transfer.member_id)
        assert member is not None
        if not self._is_member_self(member.person_id):
            origin = await self.access.orgs.get(transfer.from_org_id)
            assert origin is not None
            if not await self.access.covers(origin.path):
                raise TransferNotFoundError()
            self.access.require(Permission.MANAGE_MEMBERS)
        closed = await self._close(
            transfer, TransferState.CANCELLED, reason, kind="transfer_cancelled", to_org=None
        )
        return await self._read_one(closed)

    async def _close(
        self,
        transfer: Transfer,
        state: TransferState,
        reason: str | None,
        *,
        kind: str,
        to_org: uuid.UUID | None,
    ) -> Transfer:
        if transfer.state is not TransferState.PENDING:
            raise TransferNotPendingError(f"This transfer was {transfer.state.value} already")
        found = await self.members.with_person(transfer.member_id)
        assert found is not None
        member, person, _ = found
        transfer.state = state
        transfer.decided_by = self.access.actor
        transfer.decided_at = datetime.now(UTC)
        transfer.decision_reason = reason
        await self.lifecycle.move(
            member,
            person,
            MemberState.ACTIVE,
            kind=kind,
            actor=self.access.actor,
            reason=reason,
            org_id=to_org,
            channel=JoinChannel.TRANSFER if to_org else None,
        )
        return transfer

    async def list_for_org(
        self, org_id: uuid.UUID, incoming: bool, state: TransferState | None, limit: int
    ) -> list[TransferRead]:
        org = await self.access.visible_org(org_id)
        return await self._read(await self.repo.for_subtree(org.path, incoming, state, limit))
