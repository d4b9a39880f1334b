from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.sheet_in import SheetIn
from ...models.sheet_read import SheetRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    stage_id: UUID,
    entry_code: str,
    *,
    body: SheetIn,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/judging/stages/{stage_id}/sheets/{entry_code}".format(
            stage_id=quote(str(stage_id), safe=""),
            entry_code=quote(str(entry_code), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SheetRead | None:
    if response.status_code == 200:
        response_200 = SheetRead.from_dict(response.json())

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

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 428:
        response_428 = Problem.from_dict(response.json())

        return response_428

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | SheetRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    stage_id: UUID,
    entry_code: str,
    *,
    client: AuthenticatedClient,
    body: SheetIn,
    if_match: None | str | Unset = UNSET,
) -> Response[Problem | SheetRead]:
    """为作品评分（草稿或提交） · Mark an entry (draft or submit); changes need If-Match, submitted ones a reason

    Args:
        stage_id (UUID):
        entry_code (str):
        if_match (None | str | Unset): ETag of the sheet you read
        body (SheetIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SheetRead]
    """

    kwargs = _get_kwargs(
        stage_id=stage_id,
        entry_code=entry_code,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    stage_id: UUID,
    entry_code: str,
    *,
    client: AuthenticatedClient,
    body: SheetIn,
    if_match: None | str | Unset = UNSET,
) -> Problem | SheetRead | None:
    """为作品评分（草稿或提交） · Mark an entry (draft or submit); changes need If-Match, submitted ones a reason

    Args:
        stage_id (UUID):
        entry_code (str):
        if_match (None | str | Unset): ETag of the sheet you read
        body (SheetIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SheetRead
    """

    return sync_detailed(
        stage_id=stage_id,
        entry_code=entry_code,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    stage_id: UUID,
    entry_code: str,
    *,
    client: AuthenticatedClient,
    body: SheetIn,
    if_match: None | str | Unset = UNSET,
) -> Response[Problem | SheetRead]:
    """为作品评分（草稿或提交） · Mark an entry (draft or submit); changes need If-Match, submitted ones a reason

    Args:
        stage_id (UUID):
        entry_code (str):
        if_match (None | str | Unset): ETag of the sheet you read
        body (SheetIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SheetRead]
    """

    kwargs = _get_kwargs(
        stage_id=stage_id,
        entry_code=entry_code,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    stage_id: UUID,
    entry_code: str,
    *,
    client: AuthenticatedClient,
    body: SheetIn,
    if_match: None | str | Unset = UNSET,
) -> Problem | SheetRead | None:
    """为作品评分（草稿或提交） · Mark an entry (draft or submit); changes need If-Match, submitted ones a reason

    Args:
        stage_id (UUID):
        entry_code (str):
        if_match (None | str | Unset): ETag of the sheet you read
        body (SheetIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SheetRead
    """

    return (
        await asyncio_detailed(
            stage_id=stage_id,
            entry_code=entry_code,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
