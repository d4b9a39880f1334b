from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delivery_result import DeliveryResult
from ...models.fee_corrected_event import FeeCorrectedEvent
from ...models.fee_recorded_event import FeeRecordedEvent
from ...models.fee_voided_event import FeeVoidedEvent
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    partner_id: UUID,
    *,
    body: FeeCorrectedEvent | FeeRecordedEvent | FeeVoidedEvent,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/webhooks/tax/{partner_id}".format(
            partner_id=quote(str(partner_id), safe=""),
        ),
    }

    if isinstance(body, FeeRecordedEvent):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, FeeCorrectedEvent):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeliveryResult | Problem | None:
    if response.status_code == 200:
        response_200 = DeliveryResult.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[DeliveryResult | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    partner_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: FeeCorrectedEvent | FeeRecordedEvent | FeeVoidedEvent,
) -> Response[DeliveryResult | Problem]:
    """税务合作方推送缴费记录 · Fee records pushed by a tax partner (Standard Webhooks signature, no token)

     The body is one of the tax partner's events (see the document's webhooks: fee.recorded,
    fee.corrected, fee.voided), signed with the partner's secret.

    Args:
        partner_id (UUID):
        body (FeeCorrectedEvent | FeeRecordedEvent | FeeVoidedEvent):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryResult | Problem]
    """

    kwargs = _get_kwargs(
        partner_id=partner_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    partner_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: FeeCorrectedEvent | FeeRecordedEvent | FeeVoidedEvent,
) -> DeliveryResult | Problem | None:
    """税务合作方推送缴费记录 · Fee records pushed by a tax partner (Standard Webhooks signature, no token)

     The body is one of the tax partner's events (see the document's webhooks: fee.recorded,
    fee.corrected, fee.voided), signed with the partner's secret.

    Args:
        partner_id (UUID):
        body (FeeCorrectedEvent | FeeRecordedEvent | FeeVoidedEvent):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryResult | Problem
    """

    return sync_detailed(
        partner_id=partner_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    partner_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: FeeCorrectedEvent | FeeRecordedEvent | FeeVoidedEvent,
) -> Response[DeliveryResult | Problem]:
    """税务合作方推送缴费记录 · Fee records pushed by a tax partner (Standard Webhooks signature, no token)

     The body is one of the tax partner's events (see the document's webhooks: fee.recorded,
    fee.corrected, fee.voided), signed with the partner's secret.

    Args:
        partner_id (UUID):
        body (FeeCorrectedEvent | FeeRecordedEvent | FeeVoidedEvent):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryResult | Problem]
    """

    kwargs = _get_kwargs(
        partner_id=partner_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    partner_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: FeeCorrectedEvent | FeeRecordedEvent | FeeVoidedEvent,
) -> DeliveryResult | Problem | None:
    """税务合作方推送缴费记录 · Fee records pushed by a tax partner (Standard Webhooks signature, no token)

     The body is one of the tax partner's events (see the document's webhooks: fee.recorded,
    fee.corrected, fee.voided), signed with the partner's secret.

    Args:
        partner_id (UUID):
        body (FeeCorrectedEvent | FeeRecordedEvent | FeeVoidedEvent):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryResult | Problem
    """

    return (
        await asyncio_detailed(
            partner_id=partner_id,
            client=client,
            body=body,
        )
    ).parsed
