from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.objection_read import ObjectionRead
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    objection_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/objections/{objection_id}".format(
            objection_id=quote(str(objection_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ObjectionRead | Problem | None:
    if response.status_code == 200:
        response_200 = ObjectionRead.from_dict(response.json())

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
) -> Response[ObjectionRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    objection_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[ObjectionRead | Problem]:
    """查看异议 · Read an objection

    Args:
        objection_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ObjectionRead | Problem]
    """

    kwargs = _get_kwargs(
        objection_id=objection_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    objection_id: UUID,
    *,
    client: AuthenticatedClient,
) -> ObjectionRead | Problem | None:
    """查看异议 · Read an objection

    Args:
        objection_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ObjectionRead | Problem
    """

    return sync_detailed(
        objection_id=objection_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    objection_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[ObjectionRead | Problem]:
    """查看异议 · Read an objection

    Args:
        objection_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ObjectionRead | Problem]
    """

    kwargs = _get_kwargs(
        objection_id=objection_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    objection_id: UUID,
    *,
    client: AuthenticatedClient,
) -> ObjectionRead | Problem | None:
    """查看异议 · Read an objection

    Args:
        objection_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ObjectionRead | Problem
    """

    return (
        await asyncio_detailed(
            objection_id=objection_id,
            client=client,
        )
    ).parsed
