from servicekit.errors import ConflictError, DomainError, NotFoundError


class InvalidGrantError(DomainError):
    status = 400
    code = "invalid-grant"
    title_en = "Invalid credentials"
    title_zh = "用户名或密码错误"
    keeps_writes = True  # the failure is counted

    def __init__(self, detail: str = "The user name or password is wrong") -> None:
        super().__init__(detail, error="invalid_grant")


class InvalidClientError(DomainError):
    status = 401
    code = "invalid-client"
    title_en = "Invalid client"
    title_zh = "客户端认证失败"

    def __init__(self) -> None:
        super().__init__(
            "The client id or secret is wrong",
            headers={"WWW-Authenticate": 'Basic realm="token"'},
            error="invalid_client",
        )


class UnsupportedGrantTypeError(DomainError):
    status = 400
    code = "unsupported-grant-type"
    title_en = "Unsupported grant type"
    title_zh = "不支持的授权类型"

    def __init__(self, grant_type: str) -> None:
        super().__init__(
            f"grant_type must be 'password' or 'client_credentials', not {grant_type!r}",
            error="unsupported_grant_type",
        )


class AccountNotFoundError(NotFoundError):
    code = "account-not-found"
    title_en = "Account not found"
    title_zh = "账号不存在"


class UsernameTakenError(ConflictError):
    code = "username-taken"
    title_en = "User name taken"
    title_zh = "用户名已被占用"


class ClientIdTakenError(ConflictError):
    code = "client-id-taken"
    title_en = "Client id taken"
    title_zh = "客户端标识已被占用"


class TooManyAttemptsError(DomainError):
    status = 429
    code = "too-many-attempts"
    title_en = "Too many attempts"
    title_zh = "尝试次数过多"

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"Too many failed attempts; try again in {retry_after} seconds",
            headers={"Retry-After": str(retry_after)},
        )


class InvalidCodeError(DomainError):
    """One answer for a wrong, expired, used or never-sent code, and an unknown person."""

    status = 400
    code = "invalid-code"
    title_en = "Invalid code"
    title_zh = "验证码无效"
    keeps_writes = True  # the failure is counted

    def __init__(self) -> None:
        super().__init__("The code is wrong or no longer valid; ask for a new one")


class UnknownScopeOrgError(DomainError):
    status = 422
    code = "unknown-organisation"
    title_en = "Unknown organisation"
    title_zh = "组织不存在"
