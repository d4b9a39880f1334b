"""One OpenAPI portal: a Swagger UI whose dropdown lists every service's document.

Each document is fetched from the service and served with `servers: [{"url": "/{service}"}]`,
so "Try it out" goes through the gateway. Swagger UI's files come from the fastapi-offline
package and are served locally, so the portal works on machines without internet access.
"""

import html
import json
import logging
import time
from importlib.resources import files
from typing import Any

import aiohttp
import orjson
from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from gateway.runtime import Runtime
from servicekit.errors import PROBLEM_CONTENT_TYPE, NotFoundError, ServiceUnavailableError
from servicekit.openapi import PROBLEM_SCHEMA_NAME as PROBLEM

logger = logging.getLogger(__name__)

ASSETS_PATH = "/docs/assets"
GATEWAY_OPENAPI_URL = "/openapi/gateway.json"
_BEARER_SCHEME = {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}


def swagger_assets() -> StaticFiles:
    return StaticFiles(directory=str(files("fastapi_offline") / "static"))


def portal_html(documents: dict[str, str]) -> str:
    options = "".join(
        f'<option value="{html.escape(url)}">{html.escape(name)}</option>'
        for name, url in documents.items()
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>gonghui API</title>
<link rel="stylesheet" href="{ASSETS_PATH}/swagger-ui.css">
<link rel="icon" href="{ASSETS_PATH}/favicon.png">
<style>
  #portal-bar {{ padding: 10px 20px; background: #1b1b1b; color: #fff; font-family: sans-serif; }}
  #portal-bar select {{ margin-left: 8px; font-size: 14px; }}
</style>
</head>
<body>
<div id="portal-bar"><label for="document">API</label><select id="document">{options}</select></div>
<div id="swagger-ui"></div>
<script src="{ASSETS_PATH}/swagger-ui-bundle.js"></script>
<script>
  const select = document.getElementById("document");
  const show = (url) => SwaggerUIBundle({{
    url, dom_id: "#swagger-ui", deepLinking: true, persistAuthorization: true,
    presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout",
  }});
  // ?api=rebate opens that service's document, so a link can point at one service.
  const wanted = new URLSearchParams(location.search).get("api");
  const option = [...select.options].find((o) => o.text === wanted);
  if (option) select.value = option.value;
  select.addEventListener("change", () => {{
    history.replaceState(null, "", "?api=" + select.options[select.selectedIndex].text);
    show(select.value);
  }});
  show(select.value);
</script>
</body>
</html>"""


# What the gateway itself may answer for any operation it passes on (gateway.problems), by
# status: (Chinese, English). Fuzzing through the gateway met a 504 no document named.
GATEWAY_ANSWERS: dict[int, tuple[str, str]] = {
    502: ("服务未返回有效响应", "The service gave no valid answer"),
    503: ("服务暂时无法连接，见 Retry-After", "The service cannot be reached; see Retry-After"),
    504: ("服务未能及时响应", "The service did not answer in time"),
}
BODY_TOO_LARGE = (413, ("请求体超过网关允许的大小", "The body is larger than the gateway accepts"))
_METHODS = frozenset({"get", "head", "post", "put", "patch", "delete", "options", "trace"})


def _with_gateway_answers(paths: dict[str, Any]) -> dict[str, Any]:
    problem = {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": f"#/components/schemas/{PROBLEM}"}}}
    completed: dict[str, Any] = {}
    for path, item in paths.items():
        completed[path] = dict(item)
        for method, operation in item.items():
            if method not in _METHODS or not isinstance(operation, dict):
                continue
            answers = dict(GATEWAY_ANSWERS)
            if "requestBody" in operation:
                answers[BODY_TOO_LARGE[0]] = BODY_TOO_LARGE[1]
            responses = dict(operation.get("responses") or {})
            for status, (zh, en) in answers.items():
                responses.setdefault(
                    str(status), {"description": f"{zh} / {en}", "content": problem}
                )
            completed[path][method] = {**operation, "responses": responses}
    return completed


def through_gateway(document: dict[str, Any], service: str) -> dict[str, Any]:
    """The service's document as seen from the gateway, where its paths sit under its name,
    with the answers the gateway itself may give."""
    document = {**document, "servers": [{"url": f"/{service}"}]}
    if PROBLEM in (document.get("components") or {}).get("schemas", {}):
        document["paths"] = _with_gateway_answers(document.get("paths") or {})
    components = dict(document.get("components") or {})
    # Services check tokens in a dependency that declares no security scheme; without one
    # Swagger UI has no Authorize button and "Try it out" could never send a token.
    if not components.get("securitySchemes"):
        components["securitySchemes"] = {"bearerAuth": _BEARER_SCHEME}
        document["components"] = components
        document.setdefault("security", [{"bearerAuth": []}, {}])
    return document


class OpenAPICache:
    """Each service's document, kept briefly so the portal does not call services per view."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.ttl = runtime.settings.openapi_cache_seconds
        self.timeout = aiohttp.ClientTimeout(total=runtime.settings.openapi_timeout_seconds)
        self._documents: dict[str, tuple[float, bytes]] = {}

    async def get(self, service: str) -> bytes:
        upstream = self.runtime.routes.upstreams.get(service)
        if upstream is None:
            raise NotFoundError(f"No service is called {service}")
        cached = self._documents.get(service)
        if cached is not None and cached[0] > time.monotonic():
            return cached[1]
        replica = upstream.candidates()[0]
        try:
            async with self.runtime.session.get(
                f"{replica.base_url}/openapi.json", timeout=self.timeout
            ) as response:
                response.raise_for_status()
                document = json.loads(await response.read())
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            logger.warning("openapi document unavailable", extra={"upstream": service})
            raise ServiceUnavailableError(
                f"The {service} service's API document is unavailable"
            ) from exc
        content = orjson.dumps(through_gateway(document, service))
        self._documents[service] = (time.monotonic() + self.ttl, content)
        return content


def docs_router(runtime: Runtime) -> APIRouter:
    router = APIRouter(tags=["docs"])
    cache = OpenAPICache(runtime)
    documents = {name: f"/openapi/{name}.json" for name in runtime.routes.upstreams}
    documents["gateway"] = GATEWAY_OPENAPI_URL
    page = portal_html(documents)

    @router.get("/docs", include_in_schema=False)
    async def portal() -> HTMLResponse:
        return HTMLResponse(page)

    @router.get(
        "/openapi/{service}.json",
        summary=(
            "服务的 OpenAPI 文档 · "
            "A service's OpenAPI document, with its server set to its path on the gateway"
        ),
        responses={
            404: {"description": "No such service (problem+json)"},
            503: {"description": "The service did not provide its document (problem+json)"},
        },
        response_class=Response,
    )
    async def service_document(service: str) -> Response:
        return Response(await cache.get(service), media_type="application/json")

    return router
