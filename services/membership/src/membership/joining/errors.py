from servicekit.errors import DomainError, NotFoundError


class InvitationNotFoundError(NotFoundError):
    code = "invitation-not-found"
    title_en = "Invitation not found"
    title_zh = "入会邀请不存在"


class InvitationClosedError(DomainError):
    status = 410
    code = "invitation-closed"
    title_en = "Invitation no longer valid"
    title_zh = "入会邀请已失效"


class JoinApplicationNotFoundError(NotFoundError):
    code = "join-application-not-found"
    title_en = "Join application not found"
    title_zh = "入会申请不存在"
