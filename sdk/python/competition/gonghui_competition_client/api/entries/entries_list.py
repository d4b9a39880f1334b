from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.entry_status import EntryStatus
from ...models.page_entry_read import PageEntryRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    competition_id: UUID,
    *,
    event_id: None | Unset | UUID = UNSET,
    group_id: None | Unset | UUID = UNSET,
    state: EntryStatus | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_event_id: None | str | Unset
    if isinstance(event_id, Unset):
        json_event_id = UNSET
    elif isinstance(event_id, UUID):
        json_event_id = str(event_id)
    else:
        json_event_id = event_id
    params["event_id"] = json_event_id

    json_group_id: None | str | Unset
    if isinstance(group_id, Unset):
        json_group_id = UNSET
    elif isinstance(group_id, UUID):
        json_group_id = str(group_id)
    else:
        json_group_id = group_id
    params["group_id"] = json_group_id

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    elif isinstance(state, EntryStatus):
        json_state = state.value
    else:
        json_state = state
    params["state"] = json_state

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
        "url": "/v1/competitions/{competition_id}/entries".format(
            competition_id=quote(str(competition_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageEntryRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageEntryRead.from_dict(response.json())

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
) -> Response[PageEntryRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    competition_id: UUID,
    *,
    client: AuthenticatedClient,
    event_id: None | Unset | UUID = UNSET,
    group_id: None | Unset | UUID = UNSET,
    state: EntryStatus | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[PageEntryRead | Problem]:
    """报名列表 · Entries by code: all for organisers, a delegation's own for its cadres

    Args:
        competition_id (UUID):
        event_id (None | Unset | UUID):
        group_id (None | Unset | UUID):
        state (EntryStatus | None | Unset):
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageEntryRead | Problem]
    """

    kwargs = _get_kwargs(
        competition_id=competition_id,
        event_id=event_id,
        group_id=group_id,
        state=state,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    competition_id: UUID,
    *,
    client: AuthenticatedClient,
    event_id: None | Unset | UUID = UNSET,
    group_id: None | Unset | UUID = UNSET,
    state: EntryStatus | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> PageEntryRead | Problem | None:
    """报名列表 · Entries by code: all for organisers, a delegation's own for its cadres

    Args:
        competition_id (UUID):
        event_id (None | Unset | UUID):
        group_id (None | Unset | UUID):
        state (EntryStatus | None | Unset):
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageEntryRead | Problem
    """

    return sync_detailed(
        competition_id=competition_id,
        client=client,
        event_id=event_id,
        group_id=group_id,
        state=state,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    competition_id: UUID,
    *,
    client: AuthenticatedClient,
    event_id: None | Unset | UUID = UNSET,
    group_id: None | Unset | UUID = UNSET,
    state: EntryStatus | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[PageEntryRead | Problem]:
    """报名列表 · Entries by code: all for organisers, a delegation's own for its cadres

    Args:
        competition_id (UUID):
        event_id (None | Unset | UUID):
        group_id (None | Unset | UUID):
        state (EntryStatus | None | Unset):
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageEntryRead | Problem]
    """

    kwargs = _get_kwargs(
        competition_id=competition_id,
        event_id=event_id,
        group_id=group_id,
        state=state,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    competition_id: UUID,
    *,
    client: AuthenticatedClient,
    event_id: None | Unset | UUID = UNSET,
    group_id: None | Unset | UUID = UNSET,
    state: EntryStatus | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> PageEntryRead | Problem | None:
    """报名列表 · Entries by code: all for organisers, a delegation's own for its cadres

    Args:
        competition_id (UUID):
        event_id (None | Unset | UUID):
        group_id (None | Unset | UUID):
        state (EntryStatus | None | Unset):
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageEntryRead | Problem
    """

    return (
        await asyncio_detailed(
            competition_id=competition_id,
            client=client,
            event_id=event_id,
            group_id=group_id,
            state=state,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
