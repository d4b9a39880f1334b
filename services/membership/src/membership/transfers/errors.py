from servicekit.errors import ConflictError, NotFoundError


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
