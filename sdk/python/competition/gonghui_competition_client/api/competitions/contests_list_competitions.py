from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.competition_kind import CompetitionKind
from ...models.competition_status import CompetitionStatus
from ...models.page_competition_read import PageCompetitionRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    year: int | None | Unset = UNSET,
    kind: CompetitionKind | None | Unset = UNSET,
    state: CompetitionStatus | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_year: int | None | Unset
    if isinstance(year, Unset):
        json_year = UNSET
    else:
        json_year = year
    params["year"] = json_year

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, CompetitionKind):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    elif isinstance(state, CompetitionStatus):
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
        "url": "/v1/competitions",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageCompetitionRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageCompetitionRead.from_dict(response.json())

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
) -> Response[PageCompetitionRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    year: int | None | Unset = UNSET,
    kind: CompetitionKind | None | Unset = UNSET,
    state: CompetitionStatus | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[PageCompetitionRead | Problem]:
    """竞赛列表 · Competitions you run, and announced ones of your part of the tree; newest first

    Args:
        year (int | None | Unset):
        kind (CompetitionKind | None | Unset):
        state (CompetitionStatus | None | Unset):
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageCompetitionRead | Problem]
    """

    kwargs = _get_kwargs(
        year=year,
        kind=kind,
        state=state,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    year: int | None | Unset = UNSET,
    kind: CompetitionKind | None | Unset = UNSET,
    state: CompetitionStatus | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> PageCompetitionRead | Problem | None:
    """竞赛列表 · Competitions you run, and announced ones of your part of the tree; newest first

    Args:
        year (int | None | Unset):
        kind (CompetitionKind | None | Unset):
        state (CompetitionStatus | None | Unset):
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageCompetitionRead | Problem
    """

    return sync_detailed(
        client=client,
        year=year,
        kind=kind,
        state=state,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    year: int | None | Unset = UNSET,
    kind: CompetitionKind | None | Unset = UNSET,
    state: CompetitionStatus | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[PageCompetitionRead | Problem]:
    """竞赛列表 · Competitions you run, and announced ones of your part of the tree; newest first

    Args:
        year (int | None | Unset):
        kind (CompetitionKind | None | Unset):
        state (CompetitionStatus | None | Unset):
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageCompetitionRead | Problem]
    """

    kwargs = _get_kwargs(
        year=year,
        kind=kind,
        state=state,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    year: int | None | Unset = UNSET,
    kind: CompetitionKind | None | Unset = UNSET,
    state: CompetitionStatus | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> PageCompetitionRead | Problem | None:
    """竞赛列表 · Competitions you run, and announced ones of your part of the tree; newest first

    Args:
        year (int | None | Unset):
        kind (CompetitionKind | None | Unset):
        state (CompetitionStatus | None | Unset):
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageCompetitionRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            year=year,
            kind=kind,
            state=state,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
