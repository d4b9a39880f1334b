"""What the public sees of an entrant: a masked name and a masked organisation, enough for
colleagues to recognise a result, not enough to identify a stranger."""


def mask_org(name: str | None) -> str | None:
    """`杭州市第一人民医院工会` → `杭州*******工会`: the place and the kind, not the body."""
    if not name:
        return name
    if len(name) <= 4:
        return name[0] + "*" * (len(name) - 1)
    return name[:2] + "*" * (len(name) - 4) + name[-2:]
