from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.rebate_stats import RebateStats
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: str,
    to: str,
    org_id: None | Unset | UUID = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["from"] = from_

    params["to"] = to

    json_org_id: None | str | Unset
    if isinstance(org_id, Unset):
        json_org_id = UNSET
    elif isinstance(org_id, UUID):
        json_org_id = str(org_id)
    else:
        json_org_id = org_id
    params["org_id"] = json_org_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/stats",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | RebateStats | None:
    if response.status_code == 200:
        response_200 = RebateStats.from_dict(response.json())

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
) -> Response[Problem | RebateStats]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_: str,
    to: str,
    org_id: None | Unset | UUID = UNSET,
) -> Response[Problem | RebateStats]:
    """返还统计 · Refunds of a sub-tree over a period range, with year-on-year growth

    Args:
        from_ (str):
        to (str):
        org_id (None | Unset | UUID): The sub-tree to count; omitted: every case you may see

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RebateStats]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        org_id=org_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    from_: str,
    to: str,
    org_id: None | Unset | UUID = UNSET,
) -> Problem | RebateStats | None:
    """返还统计 · Refunds of a sub-tree over a period range, with year-on-year growth

    Args:
        from_ (str):
        to (str):
        org_id (None | Unset | UUID): The sub-tree to count; omitted: every case you may see

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RebateStats
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        org_id=org_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: str,
    to: str,
    org_id: None | Unset | UUID = UNSET,
) -> Response[Problem | RebateStats]:
    """返还统计 · Refunds of a sub-tree over a period range, with year-on-year growth

    Args:
        from_ (str):
        to (str):
        org_id (None | Unset | UUID): The sub-tree to count; omitted: every case you may see

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RebateStats]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        org_id=org_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    from_: str,
    to: str,
    org_id: None | Unset | UUID = UNSET,
) -> Problem | RebateStats | None:
    """返还统计 · Refunds of a sub-tree over a period range, with year-on-year growth

    Args:
        from_ (str):
        to (str):
        org_id (None | Unset | UUID): The sub-tree to count; omitted: every case you may see

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RebateStats
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            org_id=org_id,
        )
    ).parsed
