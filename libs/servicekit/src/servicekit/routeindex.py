"""A route index in front of FastAPI's linear matching.

FastAPI tries an app's routes in order, and an included router as a whole: it matches the
path against every route of the router, and matches again inside the router it picked. A
request to membership's `/v1/accounts/me` went through eight routers and ~40 regular
expressions before its handler ran (bench/RESULTS.md "Cost per request").

The index keys every route by the first two segments of its path (`/v1/accounts`) when its
template fixes them, and hands a request to a copy of the app's router that holds only the
routes under the request's key plus those whose template does not fix them (`/v1/{x}`), in
their original order. Every route that could match a path is among its candidates, and
trailing-slash twins (`/v1/accounts/`) share the key, so FastAPI's own matching over the
candidates picks the same route, redirects the same way and answers 404 or 405 alike.
"""

import copy
from collections.abc import Sequence

from fastapi import FastAPI
from fastapi.routing import APIRouter, iter_route_contexts
from starlette.routing import BaseRoute
from starlette.types import Receive, Scope, Send


def path_key(path: str) -> str:
    """The first two segments of a path, the same with or without a trailing slash."""
    return "/".join(path.split("/", 3)[:3]).rstrip("/")


def _template_key(path_format: str) -> str | None:
    """The key of every path the template matches, or None when it does not fix one."""
    brace = path_format.find("{")
    if brace < 0:
        return path_key(path_format)
    literal = path_format[:brace]
    # Both segments end inside the literal part: "/v1/cases/{id}", not "/v1/{kind}".
    return path_key(literal) if literal.count("/") >= 3 else None


def _route_keys(route: BaseRoute) -> set[str | None]:
    keys: set[str | None] = set()
    for context in iter_route_contexts([route]):
        path_format = getattr(context, "path_format", None)
        keys.add(_template_key(path_format) if isinstance(path_format, str) else None)
    return keys or {None}


class RouteIndex:
    """Installed as the router's middleware stack: inside FastAPI's exception and exit-stack
    middlewares, exactly where the router itself ran."""

    def __init__(self, router: APIRouter) -> None:
        self.router = router
        self._shadows: dict[str, APIRouter] | None = None
        self._unkeyed: APIRouter = router

    def _shadow(self, routes: Sequence[BaseRoute]) -> APIRouter:
        shadow = copy.copy(self.router)
        shadow.routes = list(routes)
        return shadow

    def _build(self) -> dict[str, APIRouter]:
        # Built at the first request: every router is included by then.
        keyed = [(route, _route_keys(route)) for route in self.router.routes]
        unkeyed = [route for route, keys in keyed if None in keys]
        names = {key for _, keys in keyed for key in keys if key is not None}
        self._shadows = {
            name: self._shadow([route for route, keys in keyed if name in keys or None in keys])
            for name in names
        }
        self._unkeyed = self._shadow(unkeyed)
        return self._shadows

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.router.app(scope, receive, send)
            return
        shadows = self._shadows if self._shadows is not None else self._build()
        path: str = scope["path"]
        root_path: str = scope.get("root_path", "")
        if root_path and path.startswith(root_path):
            path = path[len(root_path) :]
        # The app's own router, as FastAPI sets it, for url_for and whoever reads it.
        scope.setdefault("router", self.router)
        await shadows.get(path_key(path), self._unkeyed).app(scope, receive, send)


def install_route_index(app: FastAPI) -> None:
    """After every router is included. Left out when the app has low-priority (frontend)
    routes, which FastAPI looks for across all included routers."""
    router = app.router
    # Only over the plain router: no router-level middleware or body limit to keep.
    if router.middleware_stack != router.app:
        return
    if any(True for _ in router._iter_low_priority_routes()):
        return
    router.middleware_stack = RouteIndex(router)
