"""The routes of an app as the router sees them (FastAPI keeps included routers nested)."""

import re
from collections.abc import Iterator

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts


def api_routes(app: FastAPI) -> Iterator[APIRoute]:
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute):
            yield route


def route_dependants(app: FastAPI) -> Iterator[Dependant]:
    """The dependants requests are solved with: an included route's own, built with the
    dependencies of the app and routers it is included in, not the route's bare one."""
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, APIRoute):
            yield context.dependant


def path_methods(app: FastAPI) -> Iterator[tuple[str, re.Pattern[str], set[str]]]:
    """(path template, its pattern, its methods) of every route, prefixes included."""
    for context in iter_route_contexts(app.routes):
        path_format, regex = context.path_format, getattr(context, "path_regex", None)
        methods = context.methods
        if path_format is not None and regex is not None and methods:
            yield path_format, regex, set(methods)


def allowed_methods(app: FastAPI, path: str) -> set[str]:
    """Every method some route answers at `path`: only the literal routes' when one matches,
    since a literal path is the one its clients mean (`/v1/cases/review`, not `{case_id}`)."""
    literal: set[str] = set()
    templated: set[str] = set()
    for path_format, regex, methods in path_methods(app):
        if regex.match(path):
            (templated if "{" in path_format else literal).update(methods)
    return literal or templated


def allow_header(methods: set[str]) -> str:
    return ", ".join(sorted(methods))
