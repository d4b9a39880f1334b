"""What an organisation may be: the levels each kind exists at, and its region within its
parent's (GB/T 2260 codes: two digits of province, two of city, two of county)."""

from membership.orgs.errors import KindLevelMismatchError, RegionOutsideParentError
from membership.orgs.models import Org, OrgKind, OrgLevel

L = OrgLevel
LEVELS_OF_KIND: dict[OrgKind, frozenset[OrgLevel]] = {
    # 全国总工会 down to the street or township (industrial-park) union.
    OrgKind.FEDERATION: frozenset({L.NATIONAL, L.PROVINCIAL, L.CITY, L.COUNTY, L.STREET}),
    OrgKind.GRASSROOTS: frozenset({L.GRASSROOTS}),
    OrgKind.GROUP: frozenset({L.GROUP}),
    # National industry unions (中国海员工会 ...) and their provincial, city and county ones.
    OrgKind.INDUSTRY_UNION: frozenset({L.NATIONAL, L.PROVINCIAL, L.CITY, L.COUNTY}),
    # 行业工会联合会 are founded by a province, city, county or street for one trade.
    OrgKind.INDUSTRY_FEDERATION: frozenset({L.PROVINCIAL, L.CITY, L.COUNTY, L.STREET}),
}

# The code of the whole country: every region lies within it.
NATIONAL_REGION = "100000"


def check_kind_level(kind: OrgKind, level: OrgLevel) -> None:
    if level not in LEVELS_OF_KIND[kind]:
        allowed = ", ".join(sorted(lvl.value for lvl in LEVELS_OF_KIND[kind]))
        raise KindLevelMismatchError(
            f"A {kind.value} organisation is at one of these levels: {allowed}"
        )


def region_prefix(code: str) -> str:
    """The digits that fix a region: "330000" → "33", "330100" → "3301", "330110" → "330110"."""
    if code == NATIONAL_REGION:
        return ""
    prefix = code
    while prefix.endswith("00") and len(prefix) > 2:
        prefix = prefix[:-2]
    return prefix


def region_within(code: str, parent_code: str) -> bool:
    return code.startswith(region_prefix(parent_code))


def check_region(code: str, parent: Org | None) -> None:
    if parent is not None and not region_within(code, parent.region_code):
        raise RegionOutsideParentError(
            f"Region {code} does not lie within {parent.name}'s region {parent.region_code}"
        )
