"""Tracing is on exactly when the process's settings name an OTLP endpoint (under the standard
OTEL_* variable names), and then exports there over OTLP; each case runs in a fresh
interpreter, as instrumentation is process-wide."""

import subprocess
import sys

import pytest

from servicekit.settings import ServiceSettings

PROBE = """
import asyncpg
from servicekit.settings import ServiceSettings
from servicekit.telemetry import tracer_provider
provider = tracer_provider(ServiceSettings(service_name="membership"), *PROCESS)
if provider is None:
    print("off", hasattr(asyncpg.connection.Connection.fetch, "__wrapped__"))
else:
    [processor] = provider._active_span_processor._span_processors
    print(
        "on",
        type(processor).__name__,
        type(processor.span_exporter).__name__,
        processor.span_exporter._endpoint,
        provider.resource.attributes["service.name"],
        provider.sampler.get_description(),
        hasattr(asyncpg.connection.Connection.fetch, "__wrapped__"),
    )
"""

ENDPOINT = "http://127.0.0.1:4318"
TRACES = f"{ENDPOINT}/v1/traces"
ON = "on BatchSpanProcessor OTLPSpanExporter"
ALWAYS = "ParentBased{root:AlwaysOnSampler,remoteParentSampled:AlwaysOnSampler,remoteParentNotSampled:AlwaysOffSampler,localParentSampled:AlwaysOnSampler,localParentNotSampled:AlwaysOffSampler}"  # noqa: E501


def probe(*process: str, **env: str) -> str:
    clean = {"PATH": "/usr/bin:/bin", **env}
    code = f"PROCESS = {process!r}\n{PROBE}"
    result = subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_without_an_endpoint_nothing_is_instrumented() -> None:
    assert probe() == "off False"


def test_the_endpoint_gets_the_traces_path_and_turns_on_database_spans() -> None:
    on = probe(OTEL_EXPORTER_OTLP_ENDPOINT=ENDPOINT + "/")
    assert on == f"{ON} {TRACES} membership {ALWAYS} True"


def test_the_traces_endpoint_is_used_as_it_is() -> None:
    on = probe(OTEL_EXPORTER_OTLP_TRACES_ENDPOINT="http://collector:4318/custom")
    assert on == f"{ON} http://collector:4318/custom membership {ALWAYS} True"


def test_the_sdk_switch_turns_tracing_off_whatever_else_is_set() -> None:
    off = probe(OTEL_EXPORTER_OTLP_ENDPOINT=ENDPOINT, OTEL_SDK_DISABLED="true")
    assert off == "off False"


def test_the_service_name_variable_names_every_process_of_the_service() -> None:
    named = probe("membership-worker", OTEL_EXPORTER_OTLP_ENDPOINT=ENDPOINT, OTEL_SERVICE_NAME="m")
    assert named == f"{ON} {TRACES} m {ALWAYS} True"


def test_a_worker_is_named_as_a_worker_by_default() -> None:
    named = probe("membership-worker", OTEL_EXPORTER_OTLP_ENDPOINT=ENDPOINT)
    assert named == f"{ON} {TRACES} membership-worker {ALWAYS} True"


def test_the_sampler_comes_from_the_settings() -> None:
    sampled = probe(
        OTEL_EXPORTER_OTLP_ENDPOINT=ENDPOINT,
        OTEL_TRACES_SAMPLER="parentbased_traceidratio",
        OTEL_TRACES_SAMPLER_ARG="0.05",
    )
    assert "ParentBased{root:TraceIdRatioBased{0.05}" in sampled


def test_the_settings_read_the_standard_names_without_the_services_prefix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class ExampleSettings(ServiceSettings):
        model_config = {"env_prefix": "EXAMPLE_"}

    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", ENDPOINT)
    monkeypatch.setenv("otel_service_name", "named")  # names are not case-sensitive
    settings = ExampleSettings()
    assert settings.otel_exporter_otlp_endpoint == ENDPOINT
    assert settings.otel_service_name == "named"
    # In code, by field name.
    assert ExampleSettings(otel_sdk_disabled=True).otel_sdk_disabled is True


def test_a_sampler_the_sdk_does_not_know_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_TRACES_SAMPLER", "always_sometimes")
    with pytest.raises(ValueError, match="OTEL_TRACES_SAMPLER"):
        ServiceSettings()
