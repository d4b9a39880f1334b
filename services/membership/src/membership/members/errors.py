from servicekit.errors import ConflictError, NotFoundError


class MemberNotFoundError(NotFoundError):
    code = "member-not-found"
    title_en = "Member not found"
    title_zh = "会员不存在"


class TransferRequiredError(ConflictError):
    """The person is registered with a union the caller may not know of; neither that union
    nor the person's state is named."""

    code = "transfer-required"
    title_en = "Transfer required"
    title_zh = "需办理会籍转接"

    def __init__(self) -> None:
        super().__init__(
            "This person is registered with another union; ask for a transfer of membership"
        )


class InvalidTransitionError(ConflictError):
    code = "invalid-transition"
    title_en = "Not possible in the current state"
    title_zh = "当前状态下不能进行此操作"
