from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.policy_read import PolicyRead
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    policy_key: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/policies/{policy_key}/versions".format(
            policy_key=quote(str(policy_key), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[PolicyRead] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = PolicyRead.from_dict(response_200_item_data)

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
) -> Response[Problem | list[PolicyRead]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    policy_key: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | list[PolicyRead]]:
    """政策版本历史 · Every version of a policy, oldest first

    Args:
        policy_key (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[PolicyRead]]
    """

    kwargs = _get_kwargs(
        policy_key=policy_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    policy_key: str,
    *,
    client: AuthenticatedClient,
) -> Problem | list[PolicyRead] | None:
    """政策版本历史 · Every version of a policy, oldest first

    Args:
        policy_key (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[PolicyRead]
    """

    return sync_detailed(
        policy_key=policy_key,
        client=client,
    ).parsed


async def asyncio_detailed(
    policy_key: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | list[PolicyRead]]:
    """政策版本历史 · Every version of a policy, oldest first

    Args:
        policy_key (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[PolicyRead]]
    """

    kwargs = _get_kwargs(
        policy_key=policy_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    policy_key: str,
    *,
    client: AuthenticatedClient,
) -> Problem | list[PolicyRead] | None:
    """政策版本历史 · Every version of a policy, oldest first

    Args:
        policy_key (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[PolicyRead]
    """

    return (
        await asyncio_detailed(
            policy_key=policy_key,
            client=client,
        )
    ).parsed
