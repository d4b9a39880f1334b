"""Refund statistics of an organisation's sub-tree over a period range, with the same range a
year earlier for year-on-year growth. A cadre sees its own sub-trees only."""

import uuid
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import ColumnElement

from rebate.access import in_sub_trees, reviewer_covers, within_any
from rebate.cases.models import RebateCase
from rebate.clients.membership import MembershipClient, MembershipUnavailableError
from rebate.stats.errors import OrgNotFoundError, PeriodRangeError
from rebate.stats.repository import PeriodRange, StatsRepository
from rebate.stats.schemas import Growth, Pending, PreviousYear, RebateStats, Refunded, Rejected
from servicekit.auth import Principal
from servicekit.errors import ServiceUnavailableError

CENT = Decimal("0.01")


def year_earlier(period: str) -> str:
    year, month = period.split("-")
    return f"{int(year) - 1:04d}-{month}"


def growth(current: Decimal, previous: Decimal) -> Decimal | None:
    """Percent change with two decimals, half up; None when there is nothing to compare to."""
    if previous == 0:
        return None
    return ((current - previous) * 100 / previous).quantize(CENT, rounding=ROUND_HALF_UP)


class StatsService:
    def __init__(
        self, repository: StatsRepository, membership: MembershipClient, principal: Principal
    ) -> None:
        self.repository = repository
        self.membership = membership
        self.principal = principal

    async def figures(self, org_id: uuid.UUID | None, start: str, end: str) -> RebateStats:
        if start > end:
            raise PeriodRangeError(f"from ({start}) is after to ({end})")
        current = PeriodRange(start, end)
        previous = PeriodRange(year_earlier(start), year_earlier(end))
        figures = await self.repository.figures(await self._scope(org_id), current, previous)
        refunded = Refunded(
            enterprises=figures.enterprises_refunded,
            amount=figures.amount_refunded.quantize(CENT),
        )
        before = Refunded(
            enterprises=figures.previous_enterprises_refunded,
            amount=figures.previous_amount_refunded.quantize(CENT),
        )
        return RebateStats(
            org_id=org_id,
            period_from=start,
            period_to=end,
            refunded=refunded,
            pending=Pending(
                cases=figures.pending_cases, amount=figures.pending_amount.quantize(CENT)
            ),
            rejected=Rejected(cases=figures.rejected_cases),
            previous_year=PreviousYear(
                period_from=previous.start, period_to=previous.end, refunded=before
            ),
            growth=Growth(
                enterprises=growth(Decimal(refunded.enterprises), Decimal(before.enterprises)),
                amount=growth(refunded.amount, before.amount),
            ),
        )

    async def _scope(self, org_id: uuid.UUID | None) -> ColumnElement[bool] | None:
        """The cases counted: the organisation's sub-tree, or everything the caller sees."""
        if org_id is None:
            return in_sub_trees(self.principal, RebateCase.org_path)
        try:
            path = await self.membership.org_path(org_id)
        except MembershipUnavailableError as exc:
            raise ServiceUnavailableError("The organisation register cannot be reached") from exc
        # Outside the caller's sub-trees is answered like an unknown id: nothing leaks.
        if path is None or not reviewer_covers(self.principal, path):
            raise OrgNotFoundError()
        return within_any(RebateCase.org_path, (path,))
