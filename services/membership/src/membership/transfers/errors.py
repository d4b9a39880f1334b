from servicekit.errors import ConflictError, DomainError, NotFoundError


class TransferNotFoundError(NotFoundError):
    code = "transfer-not-found"
    title_en = "Transfer not found"
    title_zh = "转会申请不存在"


class TransferNotPendingError(ConflictError):
    code = "transfer-not-pending"
    title_en = "Transfer already decided"
    title_zh = "转会申请已处理"


class SameOrgTransferError(ConflictError):
    code = "same-org"
    title_en = "Already in that organisation"
    title_zh = "已在该组织"


class NotAGrassrootsTargetError(DomainError):
    status = 422
    code = "transfer-target-not-grassroots"
    title_en = "Members transfer to a grassroots union"
    title_zh = "会员只能转入基层工会"
