from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.public_competition import PublicCompetition
from ...types import Response


def _get_kwargs(
    competition_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/public/competitions/{competition_id}".format(
            competition_id=quote(str(competition_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | PublicCompetition | None:
    if response.status_code == 200:
        response_200 = PublicCompetition.from_dict(response.json())

        return response_200

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
) -> Response[Problem | PublicCompetition]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    competition_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | PublicCompetition]:
    """竞赛已发布的项目、组别与阶段（公开） · A competition's published events, groups and stages (no token needed)

    Args:
        competition_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | PublicCompetition]
    """

    kwargs = _get_kwargs(
        competition_id=competition_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    competition_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | PublicCompetition | None:
    """竞赛已发布的项目、组别与阶段（公开） · A competition's published events, groups and stages (no token needed)

    Args:
        competition_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | PublicCompetition
    """

    return sync_detailed(
        competition_id=competition_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    competition_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | PublicCompetition]:
    """竞赛已发布的项目、组别与阶段（公开） · A competition's published events, groups and stages (no token needed)

    Args:
        competition_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | PublicCompetition]
    """

    kwargs = _get_kwargs(
        competition_id=competition_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    competition_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | PublicCompetition | None:
    """竞赛已发布的项目、组别与阶段（公开） · A competition's published events, groups and stages (no token needed)

    Args:
        competition_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | PublicCompetition
    """

    return (
        await asyncio_detailed(
            competition_id=competition_id,
            client=client,
        )
    ).parsed
