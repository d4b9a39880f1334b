"""Tracing is on exactly when an OTLP endpoint is configured, and then exports over OTLP;
each case runs in a fresh interpreter, as instrumentation is process-wide."""

import subprocess
import sys

import pytest

PROBE = """
import asyncpg
from servicekit.telemetry import tracer_provider
provider = tracer_provider("membership")
if provider is None:
    print("off", hasattr(asyncpg.connection.Connection.fetch, "__wrapped__"))
else:
    [processor] = provider._active_span_processor._span_processors
    print(
        "on",
        type(processor).__name__,
        type(processor.span_exporter).__name__,
        provider.resource.attributes["service.name"],
        hasattr(asyncpg.connection.Connection.fetch, "__wrapped__"),
    )
"""


def probe(**env: str) -> str:
    clean = {"PATH": "/usr/bin:/bin", **env}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=clean, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_without_an_endpoint_nothing_is_instrumented() -> None:
    assert probe() == "off False"


@pytest.mark.parametrize(
    "variable", ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]
)
def test_an_endpoint_turns_on_otlp_export_and_database_spans(variable: str) -> None:
    assert probe(**{variable: "http://127.0.0.1:4318"}) == (
        "on BatchSpanProcessor OTLPSpanExporter membership True"
    )


def test_the_sdk_switch_turns_tracing_off_whatever_else_is_set() -> None:
    off = probe(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:4318", OTEL_SDK_DISABLED="true")
    assert off == "off False"


def test_the_service_name_variable_names_the_traces() -> None:
    named = probe(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:4318", OTEL_SERVICE_NAME="m-2")
    assert named == "on BatchSpanProcessor OTLPSpanExporter m-2 True"
