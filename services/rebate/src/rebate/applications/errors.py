from servicekit.errors import ConflictError, DomainError, ForbiddenError, NotFoundError


class ApplicationNotFoundError(NotFoundError):
    code = "application-not-found"
    title_en = "Application not found"
    title_zh = "返还申请不存在"


class NotYourEnterpriseError(ForbiddenError):
    code = "not-your-enterprise"
    title_en = "You may apply only for your own enterprise"
    title_zh = "只能为本企业申请返还"


class AccountNamedByOthersError(ForbiddenError):
    code = "account-named-by-others"
    title_en = "Only the enterprise itself names the account its refund is paid to"
    title_zh = "收款账户只能由企业本身填写"


class ApplicationRefusedError(DomainError):
    """The application cannot become a case; the detail says why."""

    status = 422
    code = "application-refused"
    title_en = "The application cannot be accepted"
    title_zh = "申请不予受理"


class NoFeeRecordsError(ApplicationRefusedError):
    code = "no-fee-records"
    title_en = "No union-fee records of the period to refund"
    title_zh = "该期间没有可返还的工会经费记录"


class OutsidePolicyError(ApplicationRefusedError):
    code = "outside-policy"
    title_en = "No policy in force covers the period and region"
    title_zh = "该期间或地区不在政策范围内"


class AutomaticPolicyError(ApplicationRefusedError):
    code = "automatic-policy"
    title_en = "Refunded without applying"
    title_zh = "该政策免申即享，无需申请"


class NotEligibleError(ApplicationRefusedError):
    code = "not-eligible"
    title_en = "The enterprise is not eligible under the policy"
    title_zh = "企业不符合政策条件"


class ApplicationExistsError(ConflictError):
    code = "application-exists"
    title_en = "The period already has a case for the enterprise"
    title_zh = "该企业本期已有返还案件"


class UsccRequiredError(DomainError):
    status = 422
    code = "uscc-required"
    title_en = "Name the enterprise applied for"
    title_zh = "须注明代为申请的企业统一社会信用代码"
