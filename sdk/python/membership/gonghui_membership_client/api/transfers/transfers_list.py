from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.direction import Direction
from ...models.problem import Problem
from ...models.transfer_read import TransferRead
from ...models.transfer_state import TransferState
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    org_id: UUID,
    direction: Direction | Unset = UNSET,
    state: None | TransferState | Unset = TransferState.PENDING,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_org_id = str(org_id)
    params["org_id"] = json_org_id

    json_direction: str | Unset = UNSET
    if not isinstance(direction, Unset):
        json_direction = direction.value

    params["direction"] = json_direction

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    elif isinstance(state, TransferState):
        json_state = state.value
    else:
        json_state = state
    params["state"] = json_state

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/transfers",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[TransferRead] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = TransferRead.from_dict(response_200_item_data)

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
) -> Response[Problem | list[TransferRead]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    org_id: UUID,
    direction: Direction | Unset = UNSET,
    state: None | TransferState | Unset = TransferState.PENDING,
    limit: int | Unset = 50,
) -> Response[Problem | list[TransferRead]]:
    """转会列表 · Transfers into (incoming) or out of (outgoing) an organisation's sub-tree

    Args:
        org_id (UUID):
        direction (Direction | Unset):
        state (None | TransferState | Unset):  Default: TransferState.PENDING.
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[TransferRead]]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        direction=direction,
        state=state,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    org_id: UUID,
    direction: Direction | Unset = UNSET,
    state: None | TransferState | Unset = TransferState.PENDING,
    limit: int | Unset = 50,
) -> Problem | list[TransferRead] | None:
    """转会列表 · Transfers into (incoming) or out of (outgoing) an organisation's sub-tree

    Args:
        org_id (UUID):
        direction (Direction | Unset):
        state (None | TransferState | Unset):  Default: TransferState.PENDING.
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[TransferRead]
    """

    return sync_detailed(
        client=client,
        org_id=org_id,
        direction=direction,
        state=state,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    org_id: UUID,
    direction: Direction | Unset = UNSET,
    state: None | TransferState | Unset = TransferState.PENDING,
    limit: int | Unset = 50,
) -> Response[Problem | list[TransferRead]]:
    """转会列表 · Transfers into (incoming) or out of (outgoing) an organisation's sub-tree

    Args:
        org_id (UUID):
        direction (Direction | Unset):
        state (None | TransferState | Unset):  Default: TransferState.PENDING.
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[TransferRead]]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        direction=direction,
        state=state,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    org_id: UUID,
    direction: Direction | Unset = UNSET,
    state: None | TransferState | Unset = TransferState.PENDING,
    limit: int | Unset = 50,
) -> Problem | list[TransferRead] | None:
    """转会列表 · Transfers into (incoming) or out of (outgoing) an organisation's sub-tree

    Args:
        org_id (UUID):
        direction (Direction | Unset):
        state (None | TransferState | Unset):  Default: TransferState.PENDING.
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[TransferRead]
    """

    return (
        await asyncio_detailed(
            client=client,
            org_id=org_id,
            direction=direction,
            state=state,
            limit=limit,
        )
    ).parsed
