"""Caller-chosen URLs, tried as an attacker would: every way of naming the metadata service,
loopback or a private network, and a name that changes its address after it was checked."""

import asyncio
import ipaddress

import httpx
import pytest

from servicekit.outbound_urls import (
    IPAddress,
    OutboundUrlError,
    UrlGuard,
    UrlPolicy,
    create_outbound_client,
)

PUBLIC = "93.184.215.14"
STRICT = UrlPolicy.build(allow_http=False, allowed_networks=[])
LOOPBACK_ALLOWED = UrlPolicy.build(allow_http=True, allowed_networks=["127.0.0.0/8", "::1/128"])


def resolver_of(records: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    async def resolve(host: str, port: int) -> list[IPAddress]:
        if host not in records:
            raise OSError("no such host")
        return [ipaddress.ip_address(a) for a in records[host]]

    return resolve


@pytest.mark.parametrize(
    "url",
    [
        "https://169.254.169.254/latest/meta-data/",
        "https://127.0.0.1/hook",
        "https://[::1]/hook",
        "https://10.1.2.3/hook",
        "https://172.16.0.1/hook",
        "https://192.168.1.1/hook",
        "https://0.0.0.0/hook",
        "https://[::]/hook",
        "https://100.64.0.1/hook",  # shared address space (carrier-grade NAT)
        "https://224.0.0.1/hook",  # multicast
        "https://240.0.0.1/hook",  # reserved
        "https://[fe80::1]/hook",
        "https://[fd00::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",  # IPv4-mapped
        "https://[::ffff:169.254.169.254]/hook",
        "https://[2002:7f00:1::]/hook",  # 6to4 of 127.0.0.1
        "https://2130706433/hook",  # 127.0.0.1 in decimal
        "https://0x7f000001/hook",  # in hexadecimal
        "https://0177.0.0.1/hook",  # in octal
        "https://127.1/hook",  # shortened
        "https://0xa9fea9fe/hook",  # 169.254.169.254 in hexadecimal
        "https://2852039166/hook",  # 169.254.169.254 in decimal
    ],
)
async def test_private_and_special_addresses_are_refused_in_every_spelling(url: str) -> None:
    guard = UrlGuard(STRICT, resolver_of({}))
    with pytest.raises(OutboundUrlError):
        await guard.check(url)


async def test_a_name_resolving_to_a_private_address_is_refused() -> None:
    guard = UrlGuard(STRICT, resolver_of({"bank.attacker.example": ["10.0.0.5"]}))
    with pytest.raises(OutboundUrlError, match="resolves to"):
        await guard.check("https://bank.attacker.example/hook")


async def test_one_private_address_among_public_ones_refuses_the_name() -> None:
    guard = UrlGuard(STRICT, resolver_of({"bank.example": [PUBLIC, "127.0.0.1"]}))
    with pytest.raises(OutboundUrlError):
        await guard.check("https://bank.example/hook")


@pytest.mark.parametrize(
    "url",
    [
        "http://bank.example/hook",
        "ftp://bank.example/hook",
        "file:///etc/passwd",
        "https://user:password@bank.example/hook",
    ],
)
async def test_plain_http_other_schemes_and_credentials_are_refused(url: str) -> None:
    guard = UrlGuard(STRICT, resolver_of({"bank.example": [PUBLIC]}))
    with pytest.raises(OutboundUrlError):
        await guard.check(url)


async def test_public_https_passes_and_an_unresolvable_name_waits_for_delivery() -> None:
    guard = UrlGuard(STRICT, resolver_of({"bank.example": [PUBLIC]}))
    await guard.check("https://bank.example/hook")
    await guard.check(f"https://{PUBLIC}:8443/hook")
    await guard.check("https://not-yet-live.example/hook")
    with pytest.raises(OutboundUrlError, match="does not resolve"):
        await guard.resolve("https://not-yet-live.example/hook")


async def test_the_allow_list_admits_loopback_and_http_only_where_allowed() -> None:
    guard = UrlGuard(LOOPBACK_ALLOWED, resolver_of({"localhost": ["127.0.0.1", "::1"]}))
    await guard.check("http://127.0.0.1:9000/hook")
    await guard.check("http://localhost:9000/hook")
    await guard.check("https://[::1]/hook")
    with pytest.raises(OutboundUrlError):
        await guard.check("http://10.0.0.1/hook")
    with pytest.raises(OutboundUrlError):
        await guard.check("http://169.254.169.254/")


async def test_requests_go_to_the_checked_address_with_the_name_for_host_and_tls() -> None:
    seen: list[httpx.Request] = []

    def partner(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    guard = UrlGuard(STRICT, resolver_of({"bank.example": [PUBLIC]}))
    async with create_outbound_client(
        guard, timeout=httpx.Timeout(1), transport=httpx.MockTransport(partner)
    ) as client:
        response = await client.post("https://bank.example/hook", content=b"{}")
    assert response.status_code == 204
    (request,) = seen
    assert request.url.host == PUBLIC
    assert request.headers["host"] == "bank.example"
    assert request.extensions["sni_hostname"] == "bank.example"


async def test_a_name_rebound_to_a_private_address_after_the_check_is_refused_at_send() -> None:
    records = {"bank.example": [PUBLIC]}
    sent: list[httpx.Request] = []
    guard = UrlGuard(STRICT, resolver_of(records))
    await guard.check("https://bank.example/hook")

    records["bank.example"] = ["169.254.169.254"]
    async with create_outbound_client(
        guard,
        timeout=httpx.Timeout(1),
        transport=httpx.MockTransport(lambda r: sent.append(r) or httpx.Response(200)),
    ) as client:
        with pytest.raises(OutboundUrlError):
            await client.post("https://bank.example/hook", content=b"{}")
    assert sent == []


async def test_redirects_are_not_followed() -> None:
    guard = UrlGuard(STRICT, resolver_of({"bank.example": [PUBLIC]}))
    redirect = httpx.Response(307, headers={"location": "http://169.254.169.254/"})
    async with create_outbound_client(
        guard, timeout=httpx.Timeout(1), transport=httpx.MockTransport(lambda r: redirect)
    ) as client:
        response = await client.post("https://bank.example/hook", content=b"{}")
    assert response.status_code == 307


async def test_a_real_connection_reaches_the_pinned_address_under_the_name() -> None:
    """Over a real socket (no mock transport): the name is resolved by the guard, the
    connection made to the checked address, and the server sees the name as Host."""
    received: list[bytes] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        received.append(await reader.readuntil(b"\r\n\r\n"))
        writer.write(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    guard = UrlGuard(LOOPBACK_ALLOWED, resolver_of({"partner.test": ["127.0.0.1"]}))
    try:
        async with create_outbound_client(guard, timeout=httpx.Timeout(5)) as client:
            response = await client.post(f"http://partner.test:{port}/hook", content=b"{}")
    finally:
        server.close()
        await server.wait_closed()
    assert response.status_code == 204
    assert f"host: partner.test:{port}".encode() in received[0].lower()
