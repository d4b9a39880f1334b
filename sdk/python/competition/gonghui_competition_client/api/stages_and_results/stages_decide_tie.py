from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.tie_decision_in import TieDecisionIn
from ...models.tie_decision_read import TieDecisionRead
from ...types import Response


def _get_kwargs(
    decision_id: UUID,
    *,
    body: TieDecisionIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/decisions/{decision_id}".format(
            decision_id=quote(str(decision_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TieDecisionRead | None:
    if response.status_code == 200:
        response_200 = TieDecisionRead.from_dict(response.json())

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
) -> Response[Problem | TieDecisionRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    decision_id: UUID,
    *,
    client: AuthenticatedClient,
    body: TieDecisionIn,
) -> Response[Problem | TieDecisionRead]:
    """裁定并列晋级 · Decide which of the tied entries advance

    Args:
        decision_id (UUID):
        body (TieDecisionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TieDecisionRead]
    """

    kwargs = _get_kwargs(
        decision_id=decision_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    decision_id: UUID,
    *,
    client: AuthenticatedClient,
    body: TieDecisionIn,
) -> Problem | TieDecisionRead | None:
    """裁定并列晋级 · Decide which of the tied entries advance

    Args:
        decision_id (UUID):
        body (TieDecisionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TieDecisionRead
    """

    return sync_detailed(
        decision_id=decision_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    decision_id: UUID,
    *,
    client: AuthenticatedClient,
    body: TieDecisionIn,
) -> Response[Problem | TieDecisionRead]:
    """裁定并列晋级 · Decide which of the tied entries advance

    Args:
        decision_id (UUID):
        body (TieDecisionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TieDecisionRead]
    """

    kwargs = _get_kwargs(
        decision_id=decision_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    decision_id: UUID,
    *,
    client: AuthenticatedClient,
    body: TieDecisionIn,
) -> Problem | TieDecisionRead | None:
    """裁定并列晋级 · Decide which of the tied entries advance

    Args:
        decision_id (UUID):
        body (TieDecisionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TieDecisionRead
    """

    return (
        await asyncio_detailed(
            decision_id=decision_id,
            client=client,
            body=body,
        )
    ).parsed
