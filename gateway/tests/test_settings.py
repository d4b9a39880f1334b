import pytest

from gateway.routing import PathPatterns
from gateway.settings import GatewaySettings


def test_jwks_url_defaults_to_membership_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_MEMBERSHIP_URL", "http://membership.internal:9001/")

    settings = GatewaySettings()

    assert settings.jwks_url == "http://membership.internal:9001/.well-known/jwks.json"
    assert settings.upstream_urls()["membership"] == ["http://membership.internal:9001"]


def test_a_service_takes_several_addresses_separated_by_commas(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GATEWAY_REBATE_URL", "http://10.0.0.5:8002/, http://10.0.0.6:8002")
    monkeypatch.setenv("GATEWAY_MEMBERSHIP_URL", "http://10.0.0.7:8001,http://10.0.0.8:8001")

    settings = GatewaySettings()

    assert settings.upstream_urls()["rebate"] == ["http://10.0.0.5:8002", "http://10.0.0.6:8002"]
    # Keys come from the first replica; every replica of membership holds the same ones.
    assert settings.jwks_url == "http://10.0.0.7:8001/.well-known/jwks.json"


def test_a_service_without_any_address_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one address"):
        GatewaySettings(rebate_url=" , ")


def test_lists_and_tables_come_from_json_in_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GATEWAY_JWKS_URL", "http://keys.internal/jwks.json")
    monkeypatch.setenv("GATEWAY_PUBLIC_PATHS", '["/membership/healthz", "/rebate/v1/hooks/*"]')
    monkeypatch.setenv("GATEWAY_ROUTE_TIMEOUTS", '{"/rebate/v1/exports/*": 120}')
    monkeypatch.setenv("GATEWAY_CORS_ORIGINS", '["https://console.example"]')

    settings = GatewaySettings()

    assert settings.jwks_url == "http://keys.internal/jwks.json"
    assert settings.public_paths == ["/membership/healthz", "/rebate/v1/hooks/*"]
    assert settings.route_timeouts == {"/rebate/v1/exports/*": 120.0}
    assert settings.cors_origins == ["https://console.example"]


def test_default_public_paths_cover_the_agreed_list() -> None:
    public = PathPatterns(GatewaySettings().public_paths)

    for path in (
        "/competition/readyz",
        "/membership/.well-known/jwks.json",
        "/membership/v1/auth/token",
        "/rebate/v1/webhooks/tax/fee-records",
        "/membership/v1/join/abc",
        "/membership/v1/cards/verify",
        "/competition/v1/public/results",
    ):
        assert public.matches(path), path
    for path in ("/membership/v1/accounts/me", "/rebate/v1/webhooks", "/membership/v1/join"):
        assert not public.matches(path), path
