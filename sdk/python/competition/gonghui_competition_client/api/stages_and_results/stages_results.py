from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_result_read import PageResultRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    stage_id: UUID,
    *,
    group_id: None | Unset | UUID = UNSET,
    flagged: bool | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_group_id: None | str | Unset
    if isinstance(group_id, Unset):
        json_group_id = UNSET
    elif isinstance(group_id, UUID):
        json_group_id = str(group_id)
    else:
        json_group_id = group_id
    params["group_id"] = json_group_id

    json_flagged: bool | None | Unset
    if isinstance(flagged, Unset):
        json_flagged = UNSET
    else:
        json_flagged = flagged
    params["flagged"] = json_flagged

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/stages/{stage_id}/results".format(
            stage_id=quote(str(stage_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageResultRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageResultRead.from_dict(response.json())

        return response_200

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
) -> Response[PageResultRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    stage_id: UUID,
    *,
    client: AuthenticatedClient,
    group_id: None | Unset | UUID = UNSET,
    flagged: bool | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[PageResultRead | Problem]:
    """阶段成绩（实名） · The stage's results with names, by rank (organisers; embargoed or not)

    Args:
        stage_id (UUID):
        group_id (None | Unset | UUID):
        flagged (bool | None | Unset):
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageResultRead | Problem]
    """

    kwargs = _get_kwargs(
        stage_id=stage_id,
        group_id=group_id,
        flagged=flagged,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    stage_id: UUID,
    *,
    client: AuthenticatedClient,
    group_id: None | Unset | UUID = UNSET,
    flagged: bool | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> PageResultRead | Problem | None:
    """阶段成绩（实名） · The stage's results with names, by rank (organisers; embargoed or not)

    Args:
        stage_id (UUID):
        group_id (None | Unset | UUID):
        flagged (bool | None | Unset):
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageResultRead | Problem
    """

    return sync_detailed(
        stage_id=stage_id,
        client=client,
        group_id=group_id,
        flagged=flagged,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    stage_id: UUID,
    *,
    client: AuthenticatedClient,
    group_id: None | Unset | UUID = UNSET,
    flagged: bool | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[PageResultRead | Problem]:
    """阶段成绩（实名） · The stage's results with names, by rank (organisers; embargoed or not)

    Args:
        stage_id (UUID):
        group_id (None | Unset | UUID):
        flagged (bool | None | Unset):
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageResultRead | Problem]
    """

    kwargs = _get_kwargs(
        stage_id=stage_id,
        group_id=group_id,
        flagged=flagged,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    stage_id: UUID,
    *,
    client: AuthenticatedClient,
    group_id: None | Unset | UUID = UNSET,
    flagged: bool | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> PageResultRead | Problem | None:
    """阶段成绩（实名） · The stage's results with names, by rank (organisers; embargoed or not)

    Args:
        stage_id (UUID):
        group_id (None | Unset | UUID):
        flagged (bool | None | Unset):
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageResultRead | Problem
    """

    return (
        await asyncio_detailed(
            stage_id=stage_id,
            client=client,
            group_id=group_id,
            flagged=flagged,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
