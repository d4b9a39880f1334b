"""The public notice period (公示) that follows every publication of a stage's results: at
least a floor set by the federation (settings), longer for provincial and national contests,
and never shortened once results have been on notice."""

from dataclasses import dataclass

from competition.contests.errors import NoticeTooShortError
from competition.contests.models import Competition, CompetitionLevel

_HIGH = (CompetitionLevel.NATIONAL, CompetitionLevel.PROVINCIAL)


@dataclass(frozen=True)
class NoticeRule:
    min_provincial: int  # national and provincial competitions
    min_other: int

    def floor(self, level: CompetitionLevel) -> int:
        return self.min_provincial if level in _HIGH else self.min_other

    def check(self, level: CompetitionLevel, days: int) -> None:
        if days < (floor := self.floor(level)):
            raise NoticeTooShortError(
                f"Results of a {level.value} competition stay on notice at least {floor} days"
            )

    def days(self, competition: Competition) -> int:
        """The period a publication opens now. The floor holds for rows stored before it
        (or before it was raised); demo contests, seeded only and granting nothing, keep
        theirs so the walkthrough runs in one sitting."""
        if competition.demo:
            return competition.notice_days
        return max(competition.notice_days, self.floor(competition.level))
