from servicekit.errors import ConflictError, DomainError, NotFoundError


class OrgNotFoundError(NotFoundError):
    code = "org-not-found"
    title_en = "Organisation not found"
    title_zh = "组织不存在"


class InvalidHierarchyError(DomainError):
    status = 422
    code = "invalid-hierarchy"
    title_en = "Invalid place in the organisation tree"
    title_zh = "组织层级关系不正确"


class OrgNotEmptyError(ConflictError):
    code = "org-not-empty"
    title_en = "Organisation still in use"
    title_zh = "组织下仍有下级组织或会员"


class OrgClosedError(ConflictError):
    code = "org-closed"
    title_en = "Organisation closed"
    title_zh = "组织已撤销"


class KindLevelMismatchError(DomainError):
    status = 422
    code = "kind-level-mismatch"
    title_en = "Kind and level do not go together"
    title_zh = "组织类型与层级不匹配"


class RegionOutsideParentError(DomainError):
    status = 422
    code = "region-outside-parent"
    title_en = "Region code outside the parent's region"
    title_zh = "行政区划代码不在上级组织的区划范围内"
