from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.org_read import OrgRead
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    org_id: UUID,
    *,
    if_match: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["if-match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/orgs/{org_id}/close".format(
            org_id=quote(str(org_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OrgRead | Problem | None:
    if response.status_code == 200:
        response_200 = OrgRead.from_dict(response.json())

        return response_200

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

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 428:
        response_428 = Problem.from_dict(response.json())

        return response_428

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[OrgRead | Problem]:
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
    if_match: str,
) -> Response[OrgRead | Problem]:
    """撤销工会组织 · Close an organisation that has no open sub-organisations and no members

    Args:
        org_id (UUID):
        if_match (str): ETag of the version you read (`W/"3"`), or `*`; required (428 without it)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrgRead | Problem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: str,
) -> OrgRead | Problem | None:
    """撤销工会组织 · Close an organisation that has no open sub-organisations and no members

    Args:
        org_id (UUID):
        if_match (str): ETag of the version you read (`W/"3"`), or `*`; required (428 without it)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrgRead | Problem
    """

    return sync_detailed(
        org_id=org_id,
        client=client,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: str,
) -> Response[OrgRead | Problem]:
    """撤销工会组织 · Close an organisation that has no open sub-organisations and no members

    Args:
        org_id (UUID):
        if_match (str): ETag of the version you read (`W/"3"`), or `*`; required (428 without it)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrgRead | Problem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: str,
) -> OrgRead | Problem | None:
    """撤销工会组织 · Close an organisation that has no open sub-organisations and no members

    Args:
        org_id (UUID):
        if_match (str): ETag of the version you read (`W/"3"`), or `*`; required (428 without it)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrgRead | Problem
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            client=client,
            if_match=if_match,
        )
    ).parsed
