import base64
import binascii
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Header, Query, status

from membership.dependencies import (
    AccountServiceDep,
    ActivationDep,
    AdminPrincipal,
    ClientAddressDep,
    OwnAccountDep,
    Paced,
    SigningKeysDep,
    TokenServiceDep,
)
from membership.identity.errors import (
    InvalidClientError,
    InvalidGrantError,
    UnsupportedGrantTypeError,
)
from membership.identity.schemas import (
    AccountCreate,
    AccountLookupRead,
    AccountRead,
    CodeRequest,
    CodeRequested,
    PasswordSet,
    PasswordSetRead,
    ServiceClientCreate,
    ServiceClientCreated,
    ServiceClientRead,
    TokenRead,
)
from servicekit.auth import CurrentPrincipal, Role, authenticated, require_roles

public_router = APIRouter(tags=["auth"])
router = APIRouter(prefix="/v1", tags=["accounts"], dependencies=[authenticated])


def _basic_credentials(authorization: str | None) -> tuple[str, str] | None:
    if not authorization or not authorization.lower().startswith("basic "):
        return None
    try:
        decoded = base64.b64decode(authorization[6:], validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise InvalidClientError() from None
    client_id, sep, secret = decoded.partition(":")
    if not sep:
        raise InvalidClientError()
    return client_id, secret


@public_router.post(
    "/v1/auth/token",
    summary="签发访问令牌 · Issue an access token (OAuth2 password or client_credentials grant)",
    description="Members sign in with their membership number, ID number or phone number.",
    response_model=TokenRead,
    responses={
        400: {"description": "Wrong credentials or grant"},
        401: {"description": "Bad client"},
        429: {"description": "Too many failed sign-ins for the account or address"},
    },
)
async def issue_token(
    tokens: TokenServiceDep,
    address: ClientAddressDep,
    # An empty form field is a missing one: the document says so (fuzzing sent `grant_type=`).
    grant_type: Annotated[str, Form(min_length=1)],
    username: Annotated[str | None, Form()] = None,
    password: Annotated[str | None, Form()] = None,
    client_id: Annotated[str | None, Form()] = None,
    client_secret: Annotated[str | None, Form()] = None,
    authorization: Annotated[str | None, Header()] = None,
) -> TokenRead:
    if grant_type == "password":
        if not username or not password:
            raise InvalidGrantError("username and password are required")
        return await tokens.token_for_password(username, password, address)
    if grant_type == "client_credentials":
        credentials = _basic_credentials(authorization) or (client_id, client_secret)
        if not credentials[0] or not credentials[1]:
            raise InvalidClientError()
        return await tokens.token_for_client(credentials[0], credentials[1])
    raise UnsupportedGrantTypeError(grant_type)


@public_router.post(
    "/v1/auth/activation-codes",
    summary=(
        "发送短信验证码 · "
        "Send a one-time code to the phone on record (open an account, reset a password)"
    ),
    status_code=status.HTTP_202_ACCEPTED,
    response_model=CodeRequested,
    responses={429: {"description": "Too many requests for the person or address"}},
    # First, so that its pause comes after the commit.
    dependencies=[Paced],
)
async def request_code(
    code_in: CodeRequest, activation: ActivationDep, address: ClientAddressDep
) -> CodeRequested:
    await activation.request_code(code_in.id_number, code_in.phone, address)
    return CodeRequested()


@public_router.post(
    "/v1/auth/password",
    summary=(
        "设置会员密码 · Set a member's password with the one-time code; opens the account if none"
    ),
    response_model=PasswordSetRead,
    responses={
        400: {"description": "Wrong, expired or used code"},
        429: {"description": "Too many wrong codes for the person or address"},
    },
    dependencies=[Paced],
)
async def set_password(
    password_in: PasswordSet, activation: ActivationDep, address: ClientAddressDep
) -> PasswordSetRead:
    username = await activation.set_password(
        password_in.id_number, password_in.code, password_in.password, address
    )
    return PasswordSetRead(username=username)


@public_router.get(
    "/.well-known/jwks.json", summary="令牌验证公钥 · Public keys that verify access tokens (JWKS)"
)
async def jwks(keys: SigningKeysDep) -> dict[str, Any]:
    return keys.jwks()


@router.get(
    "/accounts/me",
    summary="当前工作人员账号 · The signed-in staff account",
    response_model=AccountRead,
    responses={404: {"description": "The token is not a staff account's"}},
)
async def read_own_account(principal: CurrentPrincipal, own: OwnAccountDep) -> AccountRead:
    return await own.read(principal)


@router.post(
    "/accounts",
    summary="创建工作人员账号 · Create a staff account (admin)",
    status_code=status.HTTP_201_CREATED,
    response_model=AccountRead,
    responses={409: {"description": "The user name is taken"}},
)
async def create_account(
    account_in: AccountCreate, _admin: AdminPrincipal, accounts: AccountServiceDep
) -> Any:
    return await accounts.create_account(account_in)


@router.get(
    "/accounts/lookup",
    summary=(
        "按用户名查询有效账号（服务间调用） · "
        "An active account by username, for other services (service tokens only)"
    ),
    response_model=AccountLookupRead,
    dependencies=[Depends(require_roles(Role.SERVICE))],
    responses={
        403: {"description": "Not a service token"},
        404: {"description": "No active account of that name"},
    },
)
async def lookup_account(
    accounts: AccountServiceDep,
    username: Annotated[str, Query(min_length=1, max_length=64)],
) -> AccountLookupRead:
    return await accounts.lookup(username)


@router.get(
    "/accounts/{account_id}",
    summary="查看工作人员账号 · Read a staff account (admin)",
    response_model=AccountRead,
    responses={404: {"description": "No such account"}},
)
async def read_account(
    account_id: uuid.UUID, _admin: AdminPrincipal, accounts: AccountServiceDep
) -> Any:
    return await accounts.account(account_id)


@router.post(
    "/service-clients",
    summary="注册服务客户端 · Register a machine client; its secret is shown once (admin)",
    status_code=status.HTTP_201_CREATED,
    response_model=ServiceClientCreated,
    responses={409: {"description": "The client id is taken"}},
)
async def create_service_client(
    client_in: ServiceClientCreate, _admin: AdminPrincipal, accounts: AccountServiceDep
) -> ServiceClientCreated:
    client, secret = await accounts.create_service_client(client_in)
    return ServiceClientCreated(
        **ServiceClientRead.model_validate(client).model_dump(), client_secret=secret
    )
