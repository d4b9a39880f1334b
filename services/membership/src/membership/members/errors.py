from servicekit.errors import ConflictError, NotFoundError


class MemberNotFoundError(NotFoundError):
    code = "member-not-found"
    title_en = "Member not found"
    title_zh = "会员不存在"


class AlreadyMemberError(ConflictError):
    code = "already-member"
    title_en = "Already a member"
    title_zh = "已是工会会员"


class ApplicationPendingError(ConflictError):
    code = "application-pending"
    title_en = "Application pending"
    title_zh = "入会申请正在审核中"


class InvalidTransitionError(ConflictError):
    code = "invalid-transition"
    title_en = "Not possible in the current state"
    title_zh = "当前状态下不能进行此操作"
