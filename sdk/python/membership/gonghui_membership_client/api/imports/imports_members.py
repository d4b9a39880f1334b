from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.body_imports_members import BodyImportsMembers
from ...models.import_read import ImportRead
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    org_id: UUID,
    *,
    body: BodyImportsMembers,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/orgs/{org_id}/imports".format(
            org_id=quote(str(org_id), safe=""),
        ),
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ImportRead | Problem | None:
    if response.status_code == 202:
        response_202 = ImportRead.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 502:
        response_502 = Problem.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = Problem.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ImportRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BodyImportsMembers,
) -> Response[ImportRead | Problem]:
    """批量导入会员 · Queue an import of members from a CSV or XLSX file (姓名, 身份证号, 手机号, 就业形态)

     The file is checked for structure at once; a worker then checks and enrols its rows. Follow the
    counts with `GET /v1/imports/{id}` until `status` is `done`.

    Args:
        org_id (UUID):
        body (BodyImportsMembers):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportRead | Problem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BodyImportsMembers,
) -> ImportRead | Problem | None:
    """批量导入会员 · Queue an import of members from a CSV or XLSX file (姓名, 身份证号, 手机号, 就业形态)

     The file is checked for structure at once; a worker then checks and enrols its rows. Follow the
    counts with `GET /v1/imports/{id}` until `status` is `done`.

    Args:
        org_id (UUID):
        body (BodyImportsMembers):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportRead | Problem
    """

    return sync_detailed(
        org_id=org_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BodyImportsMembers,
) -> Response[ImportRead | Problem]:
    """批量导入会员 · Queue an import of members from a CSV or XLSX file (姓名, 身份证号, 手机号, 就业形态)

     The file is checked for structure at once; a worker then checks and enrols its rows. Follow the
    counts with `GET /v1/imports/{id}` until `status` is `done`.

    Args:
        org_id (UUID):
        body (BodyImportsMembers):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportRead | Problem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BodyImportsMembers,
) -> ImportRead | Problem | None:
    """批量导入会员 · Queue an import of members from a CSV or XLSX file (姓名, 身份证号, 手机号, 就业形态)

     The file is checked for structure at once; a worker then checks and enrols its rows. Follow the
    counts with `GET /v1/imports/{id}` until `status` is `done`.

    Args:
        org_id (UUID):
        body (BodyImportsMembers):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportRead | Problem
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            client=client,
            body=body,
        )
    ).parsed
