from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conflict_create import ConflictCreate
from ...models.conflict_read import ConflictRead
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    judge_id: UUID,
    *,
    body: ConflictCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/judges/{judge_id}/conflicts".format(
            judge_id=quote(str(judge_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ConflictRead | Problem | None:
    if response.status_code == 201:
        response_201 = ConflictRead.from_dict(response.json())

        return response_201

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

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
) -> Response[ConflictRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    judge_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ConflictCreate,
) -> Response[ConflictRead | Problem]:
    """登记利益冲突 · Record a declared conflict of interest; the judge leaves the entry

    Args:
        judge_id (UUID):
        body (ConflictCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConflictRead | Problem]
    """

    kwargs = _get_kwargs(
        judge_id=judge_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    judge_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ConflictCreate,
) -> ConflictRead | Problem | None:
    """登记利益冲突 · Record a declared conflict of interest; the judge leaves the entry

    Args:
        judge_id (UUID):
        body (ConflictCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConflictRead | Problem
    """

    return sync_detailed(
        judge_id=judge_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    judge_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ConflictCreate,
) -> Response[ConflictRead | Problem]:
    """登记利益冲突 · Record a declared conflict of interest; the judge leaves the entry

    Args:
        judge_id (UUID):
        body (ConflictCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConflictRead | Problem]
    """

    kwargs = _get_kwargs(
        judge_id=judge_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    judge_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ConflictCreate,
) -> ConflictRead | Problem | None:
    """登记利益冲突 · Record a declared conflict of interest; the judge leaves the entry

    Args:
        judge_id (UUID):
        body (ConflictCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConflictRead | Problem
    """

    return (
        await asyncio_detailed(
            judge_id=judge_id,
            client=client,
            body=body,
        )
    ).parsed
