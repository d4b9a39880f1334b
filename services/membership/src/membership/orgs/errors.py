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
