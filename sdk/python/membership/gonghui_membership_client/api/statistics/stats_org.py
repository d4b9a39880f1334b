from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.org_stats import OrgStats
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    org_id: UUID,
    *,
    from_month: None | str | Unset = UNSET,
    to_month: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_month: None | str | Unset
    if isinstance(from_month, Unset):
        json_from_month = UNSET
    else:
        json_from_month = from_month
    params["from_month"] = json_from_month

    json_to_month: None | str | Unset
    if isinstance(to_month, Unset):
        json_to_month = UNSET
    else:
        json_to_month = to_month
    params["to_month"] = json_to_month

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/orgs/{org_id}/stats".format(
            org_id=quote(str(org_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OrgStats | Problem | None:
    if response.status_code == 200:
        response_200 = OrgStats.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[OrgStats | Problem]:
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
    from_month: None | str | Unset = UNSET,
    to_month: None | str | Unset = UNSET,
) -> Response[OrgStats | Problem]:
    """组织与会员统计 · Organisations, members, new-form members and joins per month of a sub-tree

    Args:
        org_id (UUID):
        from_month (None | str | Unset):
        to_month (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrgStats | Problem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        from_month=from_month,
        to_month=to_month,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    from_month: None | str | Unset = UNSET,
    to_month: None | str | Unset = UNSET,
) -> OrgStats | Problem | None:
    """组织与会员统计 · Organisations, members, new-form members and joins per month of a sub-tree

    Args:
        org_id (UUID):
        from_month (None | str | Unset):
        to_month (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrgStats | Problem
    """

    return sync_detailed(
        org_id=org_id,
        client=client,
        from_month=from_month,
        to_month=to_month,
    ).parsed


async def asyncio_detailed(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    from_month: None | str | Unset = UNSET,
    to_month: None | str | Unset = UNSET,
) -> Response[OrgStats | Problem]:
    """组织与会员统计 · Organisations, members, new-form members and joins per month of a sub-tree

    Args:
        org_id (UUID):
        from_month (None | str | Unset):
        to_month (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrgStats | Problem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        from_month=from_month,
        to_month=to_month,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    from_month: None | str | Unset = UNSET,
    to_month: None | str | Unset = UNSET,
) -> OrgStats | Problem | None:
    """组织与会员统计 · Organisations, members, new-form members and joins per month of a sub-tree

    Args:
        org_id (UUID):
        from_month (None | str | Unset):
        to_month (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrgStats | Problem
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            client=client,
            from_month=from_month,
            to_month=to_month,
        )
    ).parsed
