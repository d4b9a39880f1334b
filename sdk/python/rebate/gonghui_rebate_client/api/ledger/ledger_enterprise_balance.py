from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.balances import Balances
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    uscc: str,
    *,
    period: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_period: None | str | Unset
    if isinstance(period, Unset):
        json_period = UNSET
    else:
        json_period = period
    params["period"] = json_period

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/ledger/enterprises/{uscc}".format(
            uscc=quote(str(uscc), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Balances | Problem | None:
    if response.status_code == 200:
        response_200 = Balances.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Balances | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    uscc: str,
    *,
    client: AuthenticatedClient,
    period: None | str | Unset = UNSET,
) -> Response[Balances | Problem]:
    """企业经费收支余额 · An enterprise's balances: collected, refunded, payable, receivable

    Args:
        uscc (str):
        period (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Balances | Problem]
    """

    kwargs = _get_kwargs(
        uscc=uscc,
        period=period,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    uscc: str,
    *,
    client: AuthenticatedClient,
    period: None | str | Unset = UNSET,
) -> Balances | Problem | None:
    """企业经费收支余额 · An enterprise's balances: collected, refunded, payable, receivable

    Args:
        uscc (str):
        period (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Balances | Problem
    """

    return sync_detailed(
        uscc=uscc,
        client=client,
        period=period,
    ).parsed


async def asyncio_detailed(
    uscc: str,
    *,
    client: AuthenticatedClient,
    period: None | str | Unset = UNSET,
) -> Response[Balances | Problem]:
    """企业经费收支余额 · An enterprise's balances: collected, refunded, payable, receivable

    Args:
        uscc (str):
        period (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Balances | Problem]
    """

    kwargs = _get_kwargs(
        uscc=uscc,
        period=period,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    uscc: str,
    *,
    client: AuthenticatedClient,
    period: None | str | Unset = UNSET,
) -> Balances | Problem | None:
    """企业经费收支余额 · An enterprise's balances: collected, refunded, payable, receivable

    Args:
        uscc (str):
        period (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Balances | Problem
    """

    return (
        await asyncio_detailed(
            uscc=uscc,
            client=client,
            period=period,
        )
    ).parsed
