from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.enterprise_read import EnterpriseRead
from ...models.page_enterprise_read import PageEnterpriseRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    uscc: None | str | Unset = UNSET,
    org_id: None | Unset | UUID = UNSET,
    needs_review: bool | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_uscc: None | str | Unset
    if isinstance(uscc, Unset):
        json_uscc = UNSET
    else:
        json_uscc = uscc
    params["uscc"] = json_uscc

    json_org_id: None | str | Unset
    if isinstance(org_id, Unset):
        json_org_id = UNSET
    elif isinstance(org_id, UUID):
        json_org_id = str(org_id)
    else:
        json_org_id = org_id
    params["org_id"] = json_org_id

    json_needs_review: bool | None | Unset
    if isinstance(needs_review, Unset):
        json_needs_review = UNSET
    else:
        json_needs_review = needs_review
    params["needs_review"] = json_needs_review

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/enterprises",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnterpriseRead | PageEnterpriseRead | Problem | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> EnterpriseRead | PageEnterpriseRead:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = EnterpriseRead.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = PageEnterpriseRead.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

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
) -> Response[EnterpriseRead | PageEnterpriseRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    uscc: None | str | Unset = UNSET,
    org_id: None | Unset | UUID = UNSET,
    needs_review: bool | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[EnterpriseRead | PageEnterpriseRead | Problem]:
    """查询企业 · Find one enterprise by credit code, or list those affiliated within an org

     Give exactly one of `uscc` (answers the enterprise, 404 when absent or not yours to see) or `org_id`
    (answers a page of the enterprises affiliated within that organisation's sub-tree, by name).

    Args:
        uscc (None | str | Unset): Credit code
        org_id (None | Unset | UUID): Root of the sub-tree
        needs_review (bool | None | Unset): With org_id: only flagged, or only unflagged, codes
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnterpriseRead | PageEnterpriseRead | Problem]
    """

    kwargs = _get_kwargs(
        uscc=uscc,
        org_id=org_id,
        needs_review=needs_review,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    uscc: None | str | Unset = UNSET,
    org_id: None | Unset | UUID = UNSET,
    needs_review: bool | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> EnterpriseRead | PageEnterpriseRead | Problem | None:
    """查询企业 · Find one enterprise by credit code, or list those affiliated within an org

     Give exactly one of `uscc` (answers the enterprise, 404 when absent or not yours to see) or `org_id`
    (answers a page of the enterprises affiliated within that organisation's sub-tree, by name).

    Args:
        uscc (None | str | Unset): Credit code
        org_id (None | Unset | UUID): Root of the sub-tree
        needs_review (bool | None | Unset): With org_id: only flagged, or only unflagged, codes
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnterpriseRead | PageEnterpriseRead | Problem
    """

    return sync_detailed(
        client=client,
        uscc=uscc,
        org_id=org_id,
        needs_review=needs_review,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    uscc: None | str | Unset = UNSET,
    org_id: None | Unset | UUID = UNSET,
    needs_review: bool | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[EnterpriseRead | PageEnterpriseRead | Problem]:
    """查询企业 · Find one enterprise by credit code, or list those affiliated within an org

     Give exactly one of `uscc` (answers the enterprise, 404 when absent or not yours to see) or `org_id`
    (answers a page of the enterprises affiliated within that organisation's sub-tree, by name).

    Args:
        uscc (None | str | Unset): Credit code
        org_id (None | Unset | UUID): Root of the sub-tree
        needs_review (bool | None | Unset): With org_id: only flagged, or only unflagged, codes
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnterpriseRead | PageEnterpriseRead | Problem]
    """

    kwargs = _get_kwargs(
        uscc=uscc,
        org_id=org_id,
        needs_review=needs_review,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    uscc: None | str | Unset = UNSET,
    org_id: None | Unset | UUID = UNSET,
    needs_review: bool | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> EnterpriseRead | PageEnterpriseRead | Problem | None:
    """查询企业 · Find one enterprise by credit code, or list those affiliated within an org

     Give exactly one of `uscc` (answers the enterprise, 404 when absent or not yours to see) or `org_id`
    (answers a page of the enterprises affiliated within that organisation's sub-tree, by name).

    Args:
        uscc (None | str | Unset): Credit code
        org_id (None | Unset | UUID): Root of the sub-tree
        needs_review (bool | None | Unset): With org_id: only flagged, or only unflagged, codes
        cursor (None | str | Unset): `next_cursor` of the previous page
        limit (int | Unset): Page size, at most 200 Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnterpriseRead | PageEnterpriseRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            uscc=uscc,
            org_id=org_id,
            needs_review=needs_review,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
