"""The common part of a typed client for another service of the suite: a service token on
every call, timeouts and the call policy of `servicekit.http`, and one reading of the answers.

Whatever keeps the other service from answering the question, the caller answers 503 with
`Retry-After`, never 500: unreachable, too slow, its circuit open, our service token refused
(the token endpoint's refusal, or 401/403 on the call itself), 5xx, any other unexpected status,
or a body that is not JSON. The one answer with a meaning of its own is 404, and only the
caller knows it: `call_or_none` reads it as "no such object", `call` as one more failure.

A service's client subclasses `ServiceClient`, names the upstream and its own 503 error (a
`ServiceUnavailableError` with its code and titles), and keeps only its typed calls."""

import logging
from typing import Any, ClassVar

import httpx

from servicekit.errors import ServiceUnavailableError
from servicekit.http import (
    CallPolicy,
    ClientCredentialsAuth,
    ServiceTokenError,
    create_http_client,
    retry_after,
)

logger = logging.getLogger(__name__)


def create_service_http_client(
    base_url: str,
    *,
    token_url: str,
    client_id: str,
    client_secret: str,
    transport: httpx.AsyncBaseTransport | None = None,
    policy: CallPolicy | None = None,
) -> httpx.AsyncClient:
    """An HTTP client for `base_url` that sends a service token obtained from `token_url`
    (client credentials, renewed before it expires and once more on a 401)."""
    auth = ClientCredentialsAuth(token_url, client_id, client_secret)
    return create_http_client(base_url, auth=auth, transport=transport, policy=policy)


class ServiceClient:
    # The upstream's name in messages and logs, and the error its failures become.
    upstream: ClassVar[str] = "upstream"
    unavailable: ClassVar[type[ServiceUnavailableError]] = ServiceUnavailableError

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def aclose(self) -> None:
        await self.http.aclose()

    async def exchange(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, str] | None = None,
        extensions: dict[str, Any] | None = None,
    ) -> httpx.Response:
        """The upstream's answer, whatever its status; no answer at all (or our service token
        refused before the call) raises `unavailable`. For calls that read statuses themselves."""
        try:
            return await self.http.request(
                method, path, json=json, params=params, extensions=extensions
            )
        except ServiceTokenError as exc:
            logger.warning("%s refused the service token: %s", self.upstream, exc)
            raise self.unavailable(
                f"{self.upstream} refused this service's token", headers=retry_after(exc)
            ) from exc
        except httpx.HTTPError as exc:
            logger.warning("%s call failed: %s %s: %r", self.upstream, method, path, exc)
            raise self.unavailable(
                f"{self.upstream} did not answer", headers=retry_after(exc)
            ) from exc

    def refusal(self, response: httpx.Response) -> ServiceUnavailableError:
        """The error for an answer the caller cannot use (401, 403, 5xx, ...)."""
        path = response.request.url.path
        logger.warning("%s answered %s to %s", self.upstream, response.status_code, path)
        return self.unavailable(
            f"{self.upstream} answered {response.status_code} to {path}",
            headers=retry_after(None),
        )

    async def call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, str] | None = None,
        extensions: dict[str, Any] | None = None,
    ) -> Any:
        """The JSON body of a 2xx answer; anything else, 404 included, raises `unavailable`."""
        response = await self.exchange(
            method, path, json=json, params=params, extensions=extensions
        )
        return self._body(response)

    async def call_or_none(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, str] | None = None,
        extensions: dict[str, Any] | None = None,
    ) -> Any | None:
        """As `call`, with 404 read as "no such object": None."""
        response = await self.exchange(
            method, path, json=json, params=params, extensions=extensions
        )
        if response.status_code == 404:
            return None
        return self._body(response)

    def _body(self, response: httpx.Response) -> Any:
        if not response.is_success:
            raise self.refusal(response)
        try:
            return response.json()
        except ValueError as exc:
            raise self.unavailable(
                f"{self.upstream} answered something that is not JSON", headers=retry_after(None)
            ) from exc
