"""Token check at the edge: public paths pass, every other proxied request needs a valid token.

Services verify the token again; the gateway's check keeps anonymous traffic off them.
"""

import time
from collections import OrderedDict

from gateway.routing import PathPatterns
from servicekit.auth import TokenVerifier, bearer_token


class EdgeAuth:
    def __init__(
        self, verifier: TokenVerifier, public_paths: PathPatterns, cache_size: int
    ) -> None:
        self.verifier = verifier
        self.public_paths = public_paths
        self.cache_size = cache_size
        # token -> its `exp`. Verifying EdDSA costs more than proxying a small request, and a
        # client sends the same token until it expires; bounded so stray tokens cannot grow it.
        self._verified: OrderedDict[str, float] = OrderedDict()

    async def check(self, path: str, authorization: str | None) -> None:
        """Raise `UnauthorizedError` (401) or `ServiceUnavailableError` (no signing keys)."""
        if self.public_paths.matches(path):
            return
        token = bearer_token(authorization)
        expires = self._verified.get(token)
        if expires is not None:
            if expires > time.time():
                self._verified.move_to_end(token)
                return
            del self._verified[token]
        principal = await self.verifier.verify(token)
        self._verified[token] = float(principal.claims["exp"])
        if len(self._verified) > self.cache_size:
            self._verified.popitem(last=False)
