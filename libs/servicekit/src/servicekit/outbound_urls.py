"""Outbound URLs that a caller may choose (partners' webhook endpoints), made safe against
server-side request forgery.

A URL is refused when it is not https (plain http only where the policy allows it, in
development), carries credentials, or names or resolves to an address that is not on the public
internet: loopback, private, link-local, unspecified, multicast, reserved, shared (CGNAT) and
their IPv4-mapped and 6to4 forms, unless the address lies in the policy's explicit allow-list.

The check at registration is not enough: a name can be re-pointed after it was checked (DNS
rebinding). `UrlGuard.transport` therefore resolves the name again for every request, checks every
address it gets, and connects to the checked address itself; the name is kept for the Host header
and for TLS (SNI and certificate verification), so nothing can switch the address in between.
"""

import asyncio
import contextlib
import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
# Resolves a host name to its addresses (all of them: one bad address refuses the name).
Resolver = Callable[[str, int], Awaitable[list[IPAddress]]]

# Hosts the C resolver would read as an IPv4 address in a legacy form: 2130706433,
# 0x7f000001, 0177.0.0.1, 127.1. They are checked as addresses, never looked up as names.
_LEGACY_IPV4 = re.compile(r"^(0x[0-9a-f]+|[0-9]+)(\.(0x[0-9a-f]+|[0-9]+)){0,3}$", re.IGNORECASE)


class OutboundUrlError(ValueError):
    """The URL may not be called; the message says why (safe to show to the admin who set it)."""


class UnresolvedHostError(OutboundUrlError):
    pass


@dataclass(frozen=True)
class UrlPolicy:
    allow_http: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def build(cls, *, allow_http: bool, allowed_networks: Iterable[str | IPNetwork]) -> "UrlPolicy":
        networks = tuple(ipaddress.ip_network(str(n), strict=False) for n in allowed_networks)
        return cls(allow_http=allow_http, allowed_networks=networks)

    def check_address(self, address: IPAddress) -> None:
        if any(address in network for network in self.allowed_networks):
            return
        inner = _embedded_ipv4(address)
        if inner is not None:
            self.check_address(inner)
            return
        if not address.is_global or address.is_multicast or address.is_reserved:
            raise OutboundUrlError(f"{address} is not a public internet address")

    def check_url(self, url: str) -> tuple[str, int]:
        """Scheme, credentials and (for an address literal) the address; returns host and port."""
        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise OutboundUrlError(f"not a valid URL: {exc}") from None
        schemes = ("https", "http") if self.allow_http else ("https",)
        if parsed.scheme not in schemes:
            raise OutboundUrlError(f"the URL must use {' or '.join(schemes)}")
        if parsed.userinfo:
            raise OutboundUrlError("the URL may not carry credentials")
        if not parsed.host:
            raise OutboundUrlError("the URL has no host")
        address = ip_literal(parsed.host)
        if address is not None:
            self.check_address(address)
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        return parsed.host, port


def ip_literal(host: str) -> IPAddress | None:
    """The address a host names by itself (in any form a resolver accepts), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    if _LEGACY_IPV4.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            # Digits and dots the C resolver refuses as an address (999.1): no such host.
            raise OutboundUrlError(f"{host} is not a valid address") from None
    return None


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    if isinstance(address, ipaddress.IPv6Address):
        return address.ipv4_mapped or address.sixtofour
    return None


async def system_resolver(host: str, port: int) -> list[IPAddress]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(info[4][0]) for info in infos]


class UrlGuard:
    """A policy and the resolver it checks names with."""

    def __init__(self, policy: UrlPolicy, resolver: Resolver = system_resolver) -> None:
        self.policy = policy
        self.resolver = resolver

    async def resolve(self, url: str) -> tuple[str, list[IPAddress]]:
        """The URL's host and its addresses, every one allowed; else OutboundUrlError."""
        host, port = self.policy.check_url(url)
        literal = ip_literal(host)
        if literal is not None:
            return host, [literal]
        try:
            addresses = await self.resolver(host, port)
        except OSError:
            addresses = []
        if not addresses:
            raise UnresolvedHostError(f"{host} does not resolve")
        for address in addresses:
            try:
                self.policy.check_address(address)
            except OutboundUrlError as exc:
                raise OutboundUrlError(f"{host} resolves to {exc}") from None
        return host, addresses

    async def check(self, url: str) -> None:
        """At registration: a name that does not resolve yet passes (its endpoint may not be
        live), since every request checks again; a name resolving to a forbidden address fails."""
        with contextlib.suppress(UnresolvedHostError):
            await self.resolve(url)

    def transport(self, inner: httpx.AsyncBaseTransport | None = None) -> "GuardedTransport":
        # No kept-alive connections: one would be pooled under the address, not the name.
        inner = inner or httpx.AsyncHTTPTransport(
            limits=httpx.Limits(max_keepalive_connections=0), trust_env=False
        )
        return GuardedTransport(self, inner)


class GuardedTransport(httpx.AsyncBaseTransport):
    """Checks every request's URL and sends it to the checked address; refusals raise
    OutboundUrlError before anything leaves the process."""

    def __init__(self, guard: UrlGuard, inner: httpx.AsyncBaseTransport) -> None:
        self.guard = guard
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        host, addresses = await self.guard.resolve(str(request.url))
        if request.url.scheme == "https":
            request.extensions = {**request.extensions, "sni_hostname": host}
        # The Host header was set from the name when the request was built, and stays.
        request.url = request.url.copy_with(host=str(addresses[0]))
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def create_outbound_client(
    guard: UrlGuard,
    *,
    timeout: httpx.Timeout,
    transport: httpx.AsyncBaseTransport | None = None,
) -> httpx.AsyncClient:
    """A client for caller-chosen URLs: every request guarded, no redirects followed, and no
    proxy from the environment (a proxy would connect to the name, unchecked)."""
    return httpx.AsyncClient(
        timeout=timeout,
        transport=guard.transport(transport),
        follow_redirects=False,
        trust_env=False,
    )
