from servicekit.errors import ConflictError, DomainError, NotFoundError


class JudgeNotFoundError(NotFoundError):
    code = "judge-not-found"
    title_en = "Judge not found"
    title_zh = "评委不存在"


class JudgeExistsError(ConflictError):
    code = "judge-exists"
    title_en = "Already a judge of this competition"
    title_zh = "该评委已在本竞赛中"


class ConflictOfInterestError(ConflictError):
    code = "conflict-of-interest"
    title_en = "Conflict of interest"
    title_zh = "评委需回避"


class PanelInUseError(ConflictError):
    code = "panel-in-use"
    title_en = "The judge has already scored in this stage"
    title_zh = "该评委已在本阶段评分"


class JudgeWithoutOrgError(DomainError):
    status = 422
    code = "judge-without-organisation"
    title_en = "A judge's account must belong to an organisation"
    title_zh = "评委账号须隶属于组织"


class JudgeAccountNotFoundError(DomainError):
    """An unknown username and an account without the judge permission answer alike."""

    status = 422
    code = "judge-account-not-found"
    title_en = "No active judge account has this username"
    title_zh = "没有该用户名的有效评委账号"
