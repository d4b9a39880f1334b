from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.exception_read import ExceptionRead
from ...models.exception_reason import ExceptionReason
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    run_id: None | Unset | UUID = UNSET,
    reason: ExceptionReason | None | Unset = UNSET,
    include_resolved: bool | Unset = False,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_run_id: None | str | Unset
    if isinstance(run_id, Unset):
        json_run_id = UNSET
    elif isinstance(run_id, UUID):
        json_run_id = str(run_id)
    else:
        json_run_id = run_id
    params["run_id"] = json_run_id

    json_reason: None | str | Unset
    if isinstance(reason, Unset):
        json_reason = UNSET
    elif isinstance(reason, ExceptionReason):
        json_reason = reason.value
    else:
        json_reason = reason
    params["reason"] = json_reason

    params["include_resolved"] = include_resolved

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/exceptions",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[ExceptionRead] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = ExceptionRead.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

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
) -> Response[Problem | list[ExceptionRead]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    run_id: None | Unset | UUID = UNSET,
    reason: ExceptionReason | None | Unset = UNSET,
    include_resolved: bool | Unset = False,
    limit: int | Unset = 50,
) -> Response[Problem | list[ExceptionRead]]:
    """待处理队列 · The queue: records that could not become part of a case, and bank answers that contradict
    what we know, with the reason; your sub-tree's (admins: all)

    Args:
        run_id (None | Unset | UUID):
        reason (ExceptionReason | None | Unset):
        include_resolved (bool | Unset):  Default: False.
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[ExceptionRead]]
    """

    kwargs = _get_kwargs(
        run_id=run_id,
        reason=reason,
        include_resolved=include_resolved,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    run_id: None | Unset | UUID = UNSET,
    reason: ExceptionReason | None | Unset = UNSET,
    include_resolved: bool | Unset = False,
    limit: int | Unset = 50,
) -> Problem | list[ExceptionRead] | None:
    """待处理队列 · The queue: records that could not become part of a case, and bank answers that contradict
    what we know, with the reason; your sub-tree's (admins: all)

    Args:
        run_id (None | Unset | UUID):
        reason (ExceptionReason | None | Unset):
        include_resolved (bool | Unset):  Default: False.
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[ExceptionRead]
    """

    return sync_detailed(
        client=client,
        run_id=run_id,
        reason=reason,
        include_resolved=include_resolved,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    run_id: None | Unset | UUID = UNSET,
    reason: ExceptionReason | None | Unset = UNSET,
    include_resolved: bool | Unset = False,
    limit: int | Unset = 50,
) -> Response[Problem | list[ExceptionRead]]:
    """待处理队列 · The queue: records that could not become part of a case, and bank answers that contradict
    what we know, with the reason; your sub-tree's (admins: all)

    Args:
        run_id (None | Unset | UUID):
        reason (ExceptionReason | None | Unset):
        include_resolved (bool | Unset):  Default: False.
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[ExceptionRead]]
    """

    kwargs = _get_kwargs(
        run_id=run_id,
        reason=reason,
        include_resolved=include_resolved,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    run_id: None | Unset | UUID = UNSET,
    reason: ExceptionReason | None | Unset = UNSET,
    include_resolved: bool | Unset = False,
    limit: int | Unset = 50,
) -> Problem | list[ExceptionRead] | None:
    """待处理队列 · The queue: records that could not become part of a case, and bank answers that contradict
    what we know, with the reason; your sub-tree's (admins: all)

    Args:
        run_id (None | Unset | UUID):
        reason (ExceptionReason | None | Unset):
        include_resolved (bool | Unset):  Default: False.
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[ExceptionRead]
    """

    return (
        await asyncio_detailed(
            client=client,
            run_id=run_id,
            reason=reason,
            include_resolved=include_resolved,
            limit=limit,
        )
    ).parsed
