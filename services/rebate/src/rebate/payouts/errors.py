from servicekit.errors import (
    ConflictError,
    DomainError,
    NotFoundError,
    ServiceUnavailableError,
)


class PayoutNotFoundError(NotFoundError):
    code = "payout-not-found"
    title_en = "Payout not found"
    title_zh = "付款指令不存在"


class PayoutSettledError(ConflictError):
    code = "payout-settled"
    title_en = "Payout already settled otherwise"
    title_zh = "付款指令已有不同结果"


class NothingToInstructError(ConflictError):
    code = "nothing-to-instruct"
    title_en = "No payout to instruct"
    title_zh = "无需发起付款"


class NamedBankInactiveError(ConflictError):
    """The bank a policy's bank rule names cannot take instructions: paying through another
    bank would send the money somewhere no one chose."""

    code = "named-bank-inactive"
    title_en = "The bank the policy names is inactive"
    title_zh = "政策指定的银行已停用"


class DestinationUnavailableError(ServiceUnavailableError):
    code = "destination-unavailable"
    title_en = "Payout destination unavailable"
    title_zh = "暂时无法确定收款账户"


class OutboxMessageNotFoundError(NotFoundError):
    code = "outbox-message-not-found"
    title_en = "Outbox message not found"
    title_zh = "待发消息不存在"


class InvalidCallbackError(DomainError):
    status = 422
    code = "invalid-callback"
    title_en = "Invalid callback"
    title_zh = "回调内容无效"
