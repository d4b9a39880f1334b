"""What the lifespan opens and every request uses: the upstream pool and the token check."""

from types import TracebackType

import aiohttp
import httpx

from gateway.edge_auth import EdgeAuth
from gateway.routing import PathPatterns, RouteTable
from gateway.settings import GatewaySettings
from servicekit.auth import TokenVerifier
from servicekit.http import create_http_client

# Added by aiohttp when absent. The gateway passes bodies through undecoded, so an invented
# Accept-Encoding would hand compressed bytes to a client that never asked for them; the others
# would put words in the client's mouth.
SKIP_AUTO_HEADERS = ("Accept", "Accept-Encoding", "User-Agent", "Content-Type")


def create_upstream_session(settings: GatewaySettings) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(
        limit=settings.upstream_max_connections,
        keepalive_timeout=settings.upstream_keepalive_seconds,
    )
    return aiohttp.ClientSession(
        connector=connector,
        # Bytes pass through as the service sent them, Content-Encoding and all.
        auto_decompress=False,
        # A shared jar would replay one user's cookies in another user's requests.
        cookie_jar=aiohttp.DummyCookieJar(),
        skip_auto_headers=SKIP_AUTO_HEADERS,
        trust_env=False,
    )


class Runtime:
    def __init__(self, settings: GatewaySettings) -> None:
        self.settings = settings
        self.routes = RouteTable(
            settings.upstream_urls(),
            default_timeout=settings.default_timeout_seconds,
            route_timeouts=settings.route_timeouts,
            connect_timeout=settings.connect_timeout_seconds,
            least_outstanding=settings.balancing == "least_outstanding",
            replica_cooldown=settings.replica_cooldown_seconds,
        )
        self.public_paths = PathPatterns(settings.public_paths)
        self._session: aiohttp.ClientSession | None = None
        self._auth: EdgeAuth | None = None
        self._jwks_client: httpx.AsyncClient | None = None

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("the gateway's lifespan has not started")
        return self._session

    @property
    def auth(self) -> EdgeAuth:
        if self._auth is None:
            raise RuntimeError("the gateway's lifespan has not started")
        return self._auth

    async def __aenter__(self) -> "Runtime":
        self._session = create_upstream_session(self.settings)
        # Signing keys come through servicekit's httpx client, which TokenVerifier expects;
        # it is used once at start and on key rotation, never on the hot path.
        self._jwks_client = create_http_client()
        verifier = TokenVerifier(
            issuer=self.settings.jwt_issuer,
            audience=self.settings.jwt_audience,
            jwks_url=self.settings.jwks_url,
            http_client=self._jwks_client,
        )
        self._auth = EdgeAuth(verifier, self.public_paths, self.settings.token_cache_size)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        session, jwks_client = self._session, self._jwks_client
        self._session, self._jwks_client, self._auth = None, None, None
        try:
            if session is not None:
                await session.close()
        finally:
            if jwks_client is not None:
                await jwks_client.aclose()
