"""The routing table: which service a path belongs to, what it sends upstream, its timeout."""

import fnmatch
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote

from aiohttp import ClientTimeout
from yarl import URL


class PathPatterns:
    """Shell-style patterns over decoded paths; `*` also crosses slashes."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = tuple(patterns)
        # One alternation, so a lookup on the hot path is a single regex match.
        self._regex = (
            re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in self.patterns))
            if self.patterns
            else None
        )

    def matches(self, path: str) -> bool:
        return self._regex is not None and self._regex.match(path) is not None


@dataclass(frozen=True, slots=True)
class Upstream:
    name: str
    base_url: str

    @property
    def prefix(self) -> str:
        return "/" + self.name


@dataclass(frozen=True, slots=True)
class Route:
    upstream: Upstream
    url: URL
    timeout: ClientTimeout


class RouteTable:
    def __init__(
        self,
        upstreams: Mapping[str, str],
        *,
        default_timeout: float,
        route_timeouts: Mapping[str, float],
        connect_timeout: float,
    ) -> None:
        self.upstreams = {name: Upstream(name, url) for name, url in upstreams.items()}
        # sock_read bounds the wait for each read rather than the whole exchange, so a long
        # download that keeps flowing is not cut while a silent service still times out.
        self._timeouts = [
            (PathPatterns([pattern]), self._timeout(seconds, connect_timeout))
            for pattern, seconds in route_timeouts.items()
        ]
        self._default_timeout = self._timeout(default_timeout, connect_timeout)

    @staticmethod
    def _timeout(read: float, connect: float) -> ClientTimeout:
        return ClientTimeout(total=None, sock_connect=connect, sock_read=read)

    def resolve(self, path: str, raw_path: bytes | None, query: bytes) -> Route | None:
        """The upstream and URL for a gateway path such as `/membership/v1/orgs`, if proxied."""
        name = path[1:].partition("/")[0]
        upstream = self.upstreams.get(name)
        if upstream is None:
            return None
        # The raw path goes upstream as the client encoded it (an encoded slash stays encoded);
        # quoting the decoded path is the fallback when the prefix itself was percent-encoded.
        prefix = "/" + name
        encoded = raw_path.decode("latin-1") if raw_path is not None else ""
        if not (encoded == prefix or encoded.startswith(prefix + "/")):
            encoded = quote(path)
        target = upstream.base_url + (encoded[len(prefix) :] or "/")
        if query:
            target += "?" + query.decode("latin-1")
        return Route(upstream, URL(target, encoded=True), self.timeout_for(path))

    def timeout_for(self, path: str) -> ClientTimeout:
        for patterns, timeout in self._timeouts:
            if patterns.matches(path):
                return timeout
        return self._default_timeout


def has_dot_segment(path: str) -> bool:
    """`.` or `..` segments could make a public path prefix reach a private route upstream."""
    return any(segment in {".", ".."} for segment in path.split("/"))
