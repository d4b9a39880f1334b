from servicekit.errors import NotFoundError


class OutboxMessageNotFoundError(NotFoundError):
    code = "outbox-message-not-found"
    title_en = "Outbox message not found"
    title_zh = "待发消息不存在"
