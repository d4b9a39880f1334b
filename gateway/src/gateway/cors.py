"""CORS for the browser apps on the allow-list; a refused preflight is a problem like any error."""

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response

from servicekit.errors import problem_response, wants_chinese


class ProblemCORSMiddleware(CORSMiddleware):
    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code == 200:
            return response
        chinese = wants_chinese(request_headers.get("accept-language"))
        # Starlette's plain-text reason ("Disallowed CORS origin, method") becomes the detail.
        return problem_response(
            response.status_code,
            chinese=chinese,
            code="cors-refused",
            detail=bytes(response.body).decode(),
            headers={"Vary": response.headers["vary"]},
        )
