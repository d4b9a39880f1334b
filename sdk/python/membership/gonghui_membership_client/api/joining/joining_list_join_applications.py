from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.join_application_read import JoinApplicationRead
from ...models.join_application_state import JoinApplicationState
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    org_id: UUID,
    *,
    state: JoinApplicationState | None | Unset = JoinApplicationState.PENDING,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    elif isinstance(state, JoinApplicationState):
        json_state = state.value
    else:
        json_state = state
    params["state"] = json_state

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/orgs/{org_id}/join-applications".format(
            org_id=quote(str(org_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[JoinApplicationRead] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = JoinApplicationRead.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Problem | list[JoinApplicationRead]]:
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
    state: JoinApplicationState | None | Unset = JoinApplicationState.PENDING,
) -> Response[Problem | list[JoinApplicationRead]]:
    """待核实的扫码入会 · Public joins naming a person already on record, for the union to review

    Args:
        org_id (UUID):
        state (JoinApplicationState | None | Unset):  Default: JoinApplicationState.PENDING.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[JoinApplicationRead]]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        state=state,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    state: JoinApplicationState | None | Unset = JoinApplicationState.PENDING,
) -> Problem | list[JoinApplicationRead] | None:
    """待核实的扫码入会 · Public joins naming a person already on record, for the union to review

    Args:
        org_id (UUID):
        state (JoinApplicationState | None | Unset):  Default: JoinApplicationState.PENDING.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[JoinApplicationRead]
    """

    return sync_detailed(
        org_id=org_id,
        client=client,
        state=state,
    ).parsed


async def asyncio_detailed(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    state: JoinApplicationState | None | Unset = JoinApplicationState.PENDING,
) -> Response[Problem | list[JoinApplicationRead]]:
    """待核实的扫码入会 · Public joins naming a person already on record, for the union to review

    Args:
        org_id (UUID):
        state (JoinApplicationState | None | Unset):  Default: JoinApplicationState.PENDING.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[JoinApplicationRead]]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        state=state,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    state: JoinApplicationState | None | Unset = JoinApplicationState.PENDING,
) -> Problem | list[JoinApplicationRead] | None:
    """待核实的扫码入会 · Public joins naming a person already on record, for the union to review

    Args:
        org_id (UUID):
        state (JoinApplicationState | None | Unset):  Default: JoinApplicationState.PENDING.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[JoinApplicationRead]
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            client=client,
            state=state,
        )
    ).parsed
