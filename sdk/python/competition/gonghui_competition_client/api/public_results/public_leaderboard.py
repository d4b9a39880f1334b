from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.public_leaderboard import PublicLeaderboard
from ...types import UNSET, Response, Unset


def _get_kwargs(
    event_id: UUID,
    *,
    group_id: None | Unset | UUID = UNSET,
    stage_id: None | Unset | UUID = UNSET,
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

    json_stage_id: None | str | Unset
    if isinstance(stage_id, Unset):
        json_stage_id = UNSET
    elif isinstance(stage_id, UUID):
        json_stage_id = str(stage_id)
    else:
        json_stage_id = stage_id
    params["stage_id"] = json_stage_id

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
        "url": "/v1/public/events/{event_id}/leaderboard".format(
            event_id=quote(str(event_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | PublicLeaderboard | None:
    if response.status_code == 200:
        response_200 = PublicLeaderboard.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

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
) -> Response[Problem | PublicLeaderboard]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    event_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    group_id: None | Unset | UUID = UNSET,
    stage_id: None | Unset | UUID = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[Problem | PublicLeaderboard]:
    """排行榜（公开） · Leaderboard of an event and group, names and organisations masked (no token)

    Args:
        event_id (UUID):
        group_id (None | Unset | UUID):
        stage_id (None | Unset | UUID):
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | PublicLeaderboard]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        group_id=group_id,
        stage_id=stage_id,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    event_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    group_id: None | Unset | UUID = UNSET,
    stage_id: None | Unset | UUID = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Problem | PublicLeaderboard | None:
    """排行榜（公开） · Leaderboard of an event and group, names and organisations masked (no token)

    Args:
        event_id (UUID):
        group_id (None | Unset | UUID):
        stage_id (None | Unset | UUID):
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | PublicLeaderboard
    """

    return sync_detailed(
        event_id=event_id,
        client=client,
        group_id=group_id,
        stage_id=stage_id,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    event_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    group_id: None | Unset | UUID = UNSET,
    stage_id: None | Unset | UUID = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[Problem | PublicLeaderboard]:
    """排行榜（公开） · Leaderboard of an event and group, names and organisations masked (no token)

    Args:
        event_id (UUID):
        group_id (None | Unset | UUID):
        stage_id (None | Unset | UUID):
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | PublicLeaderboard]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        group_id=group_id,
        stage_id=stage_id,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    group_id: None | Unset | UUID = UNSET,
    stage_id: None | Unset | UUID = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Problem | PublicLeaderboard | None:
    """排行榜（公开） · Leaderboard of an event and group, names and organisations masked (no token)

    Args:
        event_id (UUID):
        group_id (None | Unset | UUID):
        stage_id (None | Unset | UUID):
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | PublicLeaderboard
    """

    return (
        await asyncio_detailed(
            event_id=event_id,
            client=client,
            group_id=group_id,
            stage_id=stage_id,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
