"""Which honours an award brings, to whom, under what title."""

from competition.awards.models import HonourKind
from competition.contests.models import CompetitionLevel
from competition.contests.rules import HonourRule

HONOUR_TITLES = {
    HonourKind.MAY_DAY_LABOUR_MEDAL: "五一劳动奖章",
    HonourKind.WORKER_PIONEER: "工人先锋号",
    HonourKind.TECHNICAL_EXPERT: "技术能手",
}


def honours_for(rank: int, rules: list[HonourRule]) -> list[HonourKind]:
    return [rule.honour for rule in rules if rank <= rule.max_rank]


def honour_title(kind: HonourKind, level: CompetitionLevel, host_name: str) -> str:
    """`浙江省总工会` hosting → `浙江省五一劳动奖章`; national → `全国五一劳动奖章`."""
    if level is CompetitionLevel.NATIONAL:
        region = "全国"
    else:
        region = host_name.removesuffix("总工会").removesuffix("工会") or host_name
    return f"{region}{HONOUR_TITLES[kind]}"
