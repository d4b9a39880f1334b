from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.enterprise_lookup import EnterpriseLookup
from ...models.enterprise_lookup_result import EnterpriseLookupResult
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: EnterpriseLookup,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/enterprises/lookup",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnterpriseLookupResult | Problem | None:
    if response.status_code == 200:
        response_200 = EnterpriseLookupResult.from_dict(response.json())

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
) -> Response[EnterpriseLookupResult | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: EnterpriseLookup,
) -> Response[EnterpriseLookupResult | Problem]:
    """按信用代码批量查询企业 · Look up to 1,000 enterprises by credit code in one call

     For other services. Codes not found, not yours to see, or malformed are listed in `missing` with the
    reason; the call itself fails only on a malformed body.

    Args:
        body (EnterpriseLookup):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnterpriseLookupResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: EnterpriseLookup,
) -> EnterpriseLookupResult | Problem | None:
    """按信用代码批量查询企业 · Look up to 1,000 enterprises by credit code in one call

     For other services. Codes not found, not yours to see, or malformed are listed in `missing` with the
    reason; the call itself fails only on a malformed body.

    Args:
        body (EnterpriseLookup):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnterpriseLookupResult | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: EnterpriseLookup,
) -> Response[EnterpriseLookupResult | Problem]:
    """按信用代码批量查询企业 · Look up to 1,000 enterprises by credit code in one call

     For other services. Codes not found, not yours to see, or malformed are listed in `missing` with the
    reason; the call itself fails only on a malformed body.

    Args:
        body (EnterpriseLookup):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnterpriseLookupResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: EnterpriseLookup,
) -> EnterpriseLookupResult | Problem | None:
    """按信用代码批量查询企业 · Look up to 1,000 enterprises by credit code in one call

     For other services. Codes not found, not yours to see, or malformed are listed in `missing` with the
    reason; the call itself fails only on a malformed body.

    Args:
        body (EnterpriseLookup):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnterpriseLookupResult | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
