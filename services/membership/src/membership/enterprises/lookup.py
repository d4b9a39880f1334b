"""Batch lookup by credit code for other services (the rebate service matches fee records).

Malformed codes and codes the caller may not see are answered in `missing` instead of failing
the whole batch; an enterprise outside the caller's sub-tree is `not_found`, never revealed.
"""

from collections.abc import Sequence

from membership.enterprises.repository import EnterpriseRepository, LookupRow
from membership.enterprises.schemas import EnterpriseLookupItem, EnterpriseLookupResult, LookupMiss
from membership.enterprises.uscc import UsccFormatError, parse
from membership.enterprises.visibility import Visibility


def _item(row: LookupRow) -> EnterpriseLookupItem:
    return EnterpriseLookupItem(
        id=row.id,
        uscc=row.uscc,
        name=row.name,
        size_class=row.size_class,
        region_code=row.region_code,
        needs_review=row.needs_review,
        affiliated_org_id=row.affiliated_org_id,
        affiliated_org_path=row.org_path,
        union_org_id=row.union_org_id,
        has_union_account=row.union_account_no_masked is not None,
        union_account_no_masked=row.union_account_no_masked,
    )


async def lookup(
    repo: EnterpriseRepository, visibility: Visibility, sent: Sequence[str]
) -> EnterpriseLookupResult:
    # Canonical code → the code as sent, first occurrence wins; answers keep the caller's order.
    wanted: dict[str, str] = {}
    malformed: dict[str, None] = {}
    for raw in sent:
        try:
            wanted.setdefault(parse(raw).code, raw)
        except UsccFormatError:
            malformed.setdefault(raw)
    rows = await repo.lookup(list(wanted)) if wanted else []
    seen = {row.uscc: row for row in rows if visibility.sees(row.uscc, row.org_path)}
    return EnterpriseLookupResult(
        found=[_item(seen[code]) for code in wanted if code in seen],
        missing=[
            LookupMiss(uscc=raw, reason="not_found")
            for code, raw in wanted.items()
            if code not in seen
        ]
        + [LookupMiss(uscc=raw, reason="malformed") for raw in malformed],
    )
