from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.affiliation_change import AffiliationChange
from ...models.enterprise_read import EnterpriseRead
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    enterprise_id: UUID,
    *,
    body: AffiliationChange,
    if_match: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["if-match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/enterprises/{enterprise_id}/affiliation".format(
            enterprise_id=quote(str(enterprise_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnterpriseRead | Problem | None:
    if response.status_code == 200:
        response_200 = EnterpriseRead.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[EnterpriseRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    enterprise_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AffiliationChange,
    if_match: str,
) -> Response[EnterpriseRead | Problem]:
    """企业转隶其他工会 · Affiliate the enterprise to another federation (you must manage both)

    Args:
        enterprise_id (UUID):
        if_match (str): ETag of the version you read (`W/"3"`), or `*`; required (428 without it)
        body (AffiliationChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnterpriseRead | Problem]
    """

    kwargs = _get_kwargs(
        enterprise_id=enterprise_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    enterprise_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AffiliationChange,
    if_match: str,
) -> EnterpriseRead | Problem | None:
    """企业转隶其他工会 · Affiliate the enterprise to another federation (you must manage both)

    Args:
        enterprise_id (UUID):
        if_match (str): ETag of the version you read (`W/"3"`), or `*`; required (428 without it)
        body (AffiliationChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnterpriseRead | Problem
    """

    return sync_detailed(
        enterprise_id=enterprise_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    enterprise_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AffiliationChange,
    if_match: str,
) -> Response[EnterpriseRead | Problem]:
    """企业转隶其他工会 · Affiliate the enterprise to another federation (you must manage both)

    Args:
        enterprise_id (UUID):
        if_match (str): ETag of the version you read (`W/"3"`), or `*`; required (428 without it)
        body (AffiliationChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnterpriseRead | Problem]
    """

    kwargs = _get_kwargs(
        enterprise_id=enterprise_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    enterprise_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AffiliationChange,
    if_match: str,
) -> EnterpriseRead | Problem | None:
    """企业转隶其他工会 · Affiliate the enterprise to another federation (you must manage both)

    Args:
        enterprise_id (UUID):
        if_match (str): ETag of the version you read (`W/"3"`), or `*`; required (428 without it)
        body (AffiliationChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnterpriseRead | Problem
    """

    return (
        await asyncio_detailed(
            enterprise_id=enterprise_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
