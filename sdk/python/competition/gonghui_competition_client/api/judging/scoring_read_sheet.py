from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.sheet_read import SheetRead
from ...types import Response


def _get_kwargs(
    stage_id: UUID,
    entry_code: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/judging/stages/{stage_id}/sheets/{entry_code}".format(
            stage_id=quote(str(stage_id), safe=""),
            entry_code=quote(str(entry_code), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SheetRead | None:
    if response.status_code == 200:
        response_200 = SheetRead.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | SheetRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    stage_id: UUID,
    entry_code: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | SheetRead]:
    """我的评分表 · Your score sheet for an entry

    Args:
        stage_id (UUID):
        entry_code (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SheetRead]
    """

    kwargs = _get_kwargs(
        stage_id=stage_id,
        entry_code=entry_code,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    stage_id: UUID,
    entry_code: str,
    *,
    client: AuthenticatedClient,
) -> Problem | SheetRead | None:
    """我的评分表 · Your score sheet for an entry

    Args:
        stage_id (UUID):
        entry_code (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SheetRead
    """

    return sync_detailed(
        stage_id=stage_id,
        entry_code=entry_code,
        client=client,
    ).parsed


async def asyncio_detailed(
    stage_id: UUID,
    entry_code: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | SheetRead]:
    """我的评分表 · Your score sheet for an entry

    Args:
        stage_id (UUID):
        entry_code (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SheetRead]
    """

    kwargs = _get_kwargs(
        stage_id=stage_id,
        entry_code=entry_code,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    stage_id: UUID,
    entry_code: str,
    *,
    client: AuthenticatedClient,
) -> Problem | SheetRead | None:
    """我的评分表 · Your score sheet for an entry

    Args:
        stage_id (UUID):
        entry_code (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SheetRead
    """

    return (
        await asyncio_detailed(
            stage_id=stage_id,
            entry_code=entry_code,
            client=client,
        )
    ).parsed
