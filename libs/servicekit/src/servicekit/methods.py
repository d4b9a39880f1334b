"""405 with the whole `Allow` of a path.

Starlette answers a wrong method with the methods of the first route whose path matched,
though several routes may share that path; and a literal path (`/v1/cases/review`) that a
templated one also matches (`/v1/cases/{case_id}`) is handed to the templated route for a
method the literal one lacks, which then fails to read "review" as an id (422). A literal
path is the one its clients mean: a method it lacks is a 405, whatever else would match.
"""

from fastapi import FastAPI
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from servicekit.errors import problem_response, wants_chinese
from servicekit.routes import allow_header, allowed_methods, path_methods


class MethodGuard:
    """Answers OPTIONS, and a method a literal path lacks, with 405 and the full `Allow`.
    (A wrong method elsewhere reaches the router, whose 405 the problem handler completes.)"""

    def __init__(self, app: ASGIApp, *, routes_of: FastAPI) -> None:
        self.app = app
        self.routes_of = routes_of
        self._literal: dict[str, set[str]] | None = None

    def literal_paths(self) -> dict[str, set[str]]:
        # Built at the first request: routes are all included by then.
        if self._literal is None:
            literal: dict[str, set[str]] = {}
            for path_format, _, methods in path_methods(self.routes_of):
                if "{" not in path_format:
                    literal.setdefault(path_format, set()).update(methods)
            self._literal = literal
        return self._literal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path, method = scope["path"], scope["method"]
            allowed = self.literal_paths().get(path)
            if method == "OPTIONS":
                allowed = allowed_methods(self.routes_of, path)
            if allowed and method not in allowed:
                request = Request(scope)
                response = problem_response(
                    405,
                    chinese=wants_chinese(request.headers.get("accept-language")),
                    headers={"Allow": allow_header(allowed)},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
