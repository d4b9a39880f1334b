from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.body_fees_upload_file import BodyFeesUploadFile
from ...models.delivery_result import DeliveryResult
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    partner_id: UUID,
    *,
    body: BodyFeesUploadFile,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/partners/{partner_id}/fee-files".format(
            partner_id=quote(str(partner_id), safe=""),
        ),
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

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
    client: AuthenticatedClient,
    body: BodyFeesUploadFile,
) -> Response[DeliveryResult | Problem]:
    """导入缴费记录 CSV · Fee records from a CSV file, for a partner without webhooks (admin)

     A UTF-8 CSV file with a header line naming the columns `record_id`, `uscc`, `enterprise_name`,
    `region_code`, `period`, `payroll_total`, `fee_amount`, `paid_at`, `payer_bank`, `payer_account_no`,
    `payer_account_name`, `tax_office`; money as decimal strings with two places, `paid_at` in ISO 8601
    with a zone. The same file twice changes nothing.

    Args:
        partner_id (UUID):
        body (BodyFeesUploadFile):

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
    client: AuthenticatedClient,
    body: BodyFeesUploadFile,
) -> DeliveryResult | Problem | None:
    """导入缴费记录 CSV · Fee records from a CSV file, for a partner without webhooks (admin)

     A UTF-8 CSV file with a header line naming the columns `record_id`, `uscc`, `enterprise_name`,
    `region_code`, `period`, `payroll_total`, `fee_amount`, `paid_at`, `payer_bank`, `payer_account_no`,
    `payer_account_name`, `tax_office`; money as decimal strings with two places, `paid_at` in ISO 8601
    with a zone. The same file twice changes nothing.

    Args:
        partner_id (UUID):
        body (BodyFeesUploadFile):

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
    client: AuthenticatedClient,
    body: BodyFeesUploadFile,
) -> Response[DeliveryResult | Problem]:
    """导入缴费记录 CSV · Fee records from a CSV file, for a partner without webhooks (admin)

     A UTF-8 CSV file with a header line naming the columns `record_id`, `uscc`, `enterprise_name`,
    `region_code`, `period`, `payroll_total`, `fee_amount`, `paid_at`, `payer_bank`, `payer_account_no`,
    `payer_account_name`, `tax_office`; money as decimal strings with two places, `paid_at` in ISO 8601
    with a zone. The same file twice changes nothing.

    Args:
        partner_id (UUID):
        body (BodyFeesUploadFile):

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
    client: AuthenticatedClient,
    body: BodyFeesUploadFile,
) -> DeliveryResult | Problem | None:
    """导入缴费记录 CSV · Fee records from a CSV file, for a partner without webhooks (admin)

     A UTF-8 CSV file with a header line naming the columns `record_id`, `uscc`, `enterprise_name`,
    `region_code`, `period`, `payroll_total`, `fee_amount`, `paid_at`, `payer_bank`, `payer_account_no`,
    `payer_account_name`, `tax_office`; money as decimal strings with two places, `paid_at` in ISO 8601
    with a zone. The same file twice changes nothing.

    Args:
        partner_id (UUID):
        body (BodyFeesUploadFile):

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
