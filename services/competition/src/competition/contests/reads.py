"""A competition and its host and organising organisations by primary key, in one statement
on a pooled connection outside a transaction (servicekit.reads). Through a session this read
took two statements and the ORM's loading of both (bench/RESULTS.md "Cost per request")."""

import uuid
from dataclasses import dataclass
from typing import Any

import orjson

from competition.contests.models import CompetitionStatus
from competition.contests.schemas import CompetitionOrgRead, CompetitionRead
from servicekit.reads import Reads

# The organisations in the order the repository lists them (role, then name), as JSON text:
# the driver decodes JSON by whatever codec the connection was given, text it leaves alone.
_COMPETITION = """
SELECT c.id, c.name, c.kind, c.level, c.year, c.status, c.description, c.notice_days, c.demo,
       c.created_at, c.finalised_at, c.awarded_on, c.version,
       (SELECT coalesce(json_agg(json_build_object(
                   'org_id', o.org_id, 'role', o.role, 'org_name', o.org_name,
                   'org_path', o.org_path::text) ORDER BY o.role, o.org_name), '[]')::text
        FROM competition.competition_org o
        WHERE o.competition_id = c.id) AS orgs
FROM competition.competition c
WHERE c.id = $1
"""


@dataclass(frozen=True)
class CompetitionRow:
    read: CompetitionRead
    status: CompetitionStatus
    org_paths: list[str]
    version: int


class ContestReads:
    def __init__(self, reads: Reads) -> None:
        self.reads = reads

    async def competition(self, competition_id: uuid.UUID) -> CompetitionRow | None:
        async with self.reads() as connection:
            row = await connection.fetchrow(_COMPETITION, competition_id)
        if row is None:
            return None
        fields: dict[str, Any] = dict(row)
        orgs = orjson.loads(fields.pop("orgs"))
        version = fields.pop("version")
        read = CompetitionRead.model_validate(
            {**fields, "orgs": [CompetitionOrgRead.model_validate(org) for org in orgs]}
        )
        return CompetitionRow(read, read.status, [org["org_path"] for org in orgs], version)
