"""The routing table: which service a path belongs to, what it sends upstream, its timeout."""

import fnmatch
import itertools
import re
import time
from collections.abc import Iterable, Mapping, Sequence
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


@dataclass(slots=True, eq=False)
class Replica:
    base_url: str
    # Requests sent and not yet answered in full, for least-outstanding balancing.
    outstanding: int = 0
    # monotonic() until which the replica is passed over, after it refused a connection.
    resting_until: float = 0.0

    def url(self, target: str) -> URL:
        return URL(self.base_url + target, encoded=True)


class Upstream:
    """A service and its replicas, and the order in which a request tries them."""

    __slots__ = ("_cooldown", "_least_outstanding", "_turn", "name", "prefix", "replicas")

    def __init__(
        self,
        name: str,
        base_urls: Sequence[str],
        *,
        least_outstanding: bool = True,
        cooldown: float = 5.0,
    ) -> None:
        self.name = name
        self.prefix = "/" + name
        self.replicas = tuple(Replica(url) for url in base_urls)
        self._least_outstanding = least_outstanding
        self._cooldown = cooldown
        self._turn = itertools.count()

    def candidates(self) -> Sequence[Replica]:
        """Every replica, in the order to try them: the balanced choice first, resting ones
        last (a replica that refused a moment ago may be back; with all resting, all are
        tried rather than none)."""
        replicas = self.replicas
        if len(replicas) == 1:
            return replicas
        start = next(self._turn) % len(replicas)
        turn = replicas[start:] + replicas[:start]
        now = time.monotonic()
        awake = [r for r in turn if r.resting_until <= now]
        resting = [r for r in turn if r.resting_until > now]
        if self._least_outstanding:
            awake.sort(key=lambda r: r.outstanding)  # stable: ties keep the turn
        return awake + resting

    def refused(self, replica: Replica) -> None:
        replica.resting_until = time.monotonic() + self._cooldown


@dataclass(frozen=True, slots=True)
class Route:
    upstream: Upstream
    # The path and query sent to whichever replica answers, encoded.
    target: str
    timeout: ClientTimeout


class RouteTable:
    def __init__(
        self,
        upstreams: Mapping[str, Sequence[str]],
        *,
        default_timeout: float,
        route_timeouts: Mapping[str, float],
        connect_timeout: float,
        least_outstanding: bool = True,
        replica_cooldown: float = 5.0,
    ) -> None:
        self.upstreams = {
            name: Upstream(
                name, urls, least_outstanding=least_outstanding, cooldown=replica_cooldown
            )
            for name, urls in upstreams.items()
        }
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
        """The upstream and target for a gateway path such as `/membership/v1/orgs`, if proxied."""
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
        target = encoded[len(prefix) :] or "/"
        if query:
            target += "?" + query.decode("latin-1")
        return Route(upstream, target, self.timeout_for(path))

    def timeout_for(self, path: str) -> ClientTimeout:
        for patterns, timeout in self._timeouts:
            if patterns.matches(path):
                return timeout
        return self._default_timeout


def has_dot_segment(path: str) -> bool:
    """`.` or `..` segments could make a public path prefix reach a private route upstream."""
    return any(segment in {".", ".."} for segment in path.split("/"))
