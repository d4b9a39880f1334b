from collections.abc import Sequence

from membership.enterprises.uscc import UsccFormatError
from servicekit.errors import ConflictError, DomainError, NotFoundError


def field_error(loc: Sequence[str | int], msg: str, kind: str) -> dict[str, object]:
    """One entry of `errors`, in the shape the framework uses for validation failures."""
    return {"loc": list(loc), "msg": msg, "type": kind}


class EnterpriseNotFoundError(NotFoundError):
    code = "enterprise-not-found"
    title_en = "Enterprise not found"
    title_zh = "企业不存在"


class InvalidUsccError(DomainError):
    status = 422
    code = "invalid-uscc"
    title_en = "Invalid Unified Social Credit Code"
    title_zh = "统一社会信用代码格式不正确"

    def __init__(self, loc: Sequence[str | int], error: UsccFormatError) -> None:
        super().__init__(error.message, errors=[field_error(loc, error.message, error.kind)])


class DuplicateUsccError(ConflictError):
    code = "duplicate-uscc"
    title_en = "Enterprise already registered"
    title_zh = "该统一社会信用代码已登记"


class NotAFederationError(DomainError):
    status = 422
    code = "not-a-federation"
    title_en = "Enterprises are affiliated to a federation or industry union"
    title_zh = "企业只能隶属于总工会或产业、行业工会"


class NotAGrassrootsUnionError(DomainError):
    status = 422
    code = "not-a-grassroots-union"
    title_en = "An enterprise's own union is a grassroots union"
    title_zh = "企业工会须为基层工会"


class AccountWithoutUnionError(DomainError):
    status = 422
    code = "account-without-union"
    title_en = "A union bank account needs the enterprise's own union"
    title_zh = "企业未建立基层工会，不能登记工会账户"


class AlreadyAffiliatedError(ConflictError):
    code = "already-affiliated"
    title_en = "Already affiliated there"
    title_zh = "企业已隶属该组织"


class InvalidEnterpriseQueryError(DomainError):
    status = 422
    code = "invalid-query"
    title_en = "Invalid query"
    title_zh = "查询参数无效"


class NoUnionAccountError(NotFoundError):
    code = "no-union-account"
    title_en = "No union bank account"
    title_zh = "企业工会无银行账户"


class NotFlaggedError(ConflictError):
    code = "not-flagged"
    title_en = "The credit code is not flagged for review"
    title_zh = "该统一社会信用代码无需复核"


class CorrectionFailsCheckError(DomainError):
    status = 422
    code = "correction-fails-check"
    title_en = "A corrected credit code must pass the GB 32100 check"
    title_zh = "更正后的统一社会信用代码校验位不正确"
