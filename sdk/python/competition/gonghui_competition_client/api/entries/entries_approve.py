from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_approval import BatchApproval
from ...models.batch_approval_result import BatchApprovalResult
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    competition_id: UUID,
    *,
    body: BatchApproval,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/competitions/{competition_id}/entries/approve".format(
            competition_id=quote(str(competition_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BatchApprovalResult | Problem | None:
    if response.status_code == 200:
        response_200 = BatchApprovalResult.from_dict(response.json())

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
) -> Response[BatchApprovalResult | Problem]:
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
    body: BatchApproval,
) -> Response[BatchApprovalResult | Problem]:
    """批量审核通过报名 · Approve many pending entries at once (organisers)

    Args:
        competition_id (UUID):
        body (BatchApproval):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchApprovalResult | Problem]
    """

    kwargs = _get_kwargs(
        competition_id=competition_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    competition_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BatchApproval,
) -> BatchApprovalResult | Problem | None:
    """批量审核通过报名 · Approve many pending entries at once (organisers)

    Args:
        competition_id (UUID):
        body (BatchApproval):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchApprovalResult | Problem
    """

    return sync_detailed(
        competition_id=competition_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    competition_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BatchApproval,
) -> Response[BatchApprovalResult | Problem]:
    """批量审核通过报名 · Approve many pending entries at once (organisers)

    Args:
        competition_id (UUID):
        body (BatchApproval):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchApprovalResult | Problem]
    """

    kwargs = _get_kwargs(
        competition_id=competition_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    competition_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BatchApproval,
) -> BatchApprovalResult | Problem | None:
    """批量审核通过报名 · Approve many pending entries at once (organisers)

    Args:
        competition_id (UUID):
        body (BatchApproval):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchApprovalResult | Problem
    """

    return (
        await asyncio_detailed(
            competition_id=competition_id,
            client=client,
            body=body,
        )
    ).parsed
