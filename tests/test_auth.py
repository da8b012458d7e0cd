"""Who may change articles: the bearer token (any case of scheme), loopback, the opt-out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from app.serve import open_warning, options, proxy_warning
from app.web.context import get_services
from tests.integration.processes import Processes, free_port, wait_until

REMOTE = {"REMOTE_ADDR": "203.0.113.7"}


@pytest.fixture
def make_app(overrides: dict[str, Any]) -> Iterator[Any]:
    """Build apps with extra settings; close them all at the end."""
    made: list[Flask] = []

    def build(**settings: Any) -> FlaskClient:
        app = create_app({**overrides, **settings})
        made.append(app)
        return app.test_client()

    yield build
    for app in made:
        get_services(app).close()


def post(client: FlaskClient, page: bytes, **kwargs: Any) -> Any:
    """POST a page as HTML."""
    return client.post("/api/articles?id=a1", data=page, content_type="text/html", **kwargs)


def test_remote_client_cannot_post_or_delete_when_no_token_is_configured(
    make_app: Any, short_page: bytes
) -> None:
    client = make_app()
    refused = post(client, short_page, environ_base=REMOTE)
    assert refused.status_code == 401 and refused.get_json()["message"]["vi"]
    assert client.get("/api/articles/a1").status_code == 404  # nothing stored
    assert post(client, short_page).status_code == 201  # loopback may
    assert client.delete("/api/articles/a1", environ_base=REMOTE).status_code == 401
    assert client.get("/api/articles/a1", environ_base=REMOTE).status_code == 200  # reads stay open


def test_ipv6_loopback_client_may_change_articles_without_a_token(
    make_app: Any, short_page: bytes
) -> None:
    client = make_app()
    assert post(client, short_page, environ_base={"REMOTE_ADDR": "::1"}).status_code == 201


def test_operator_can_open_the_api_to_every_client(make_app: Any, short_page: bytes) -> None:
    client = make_app(open_api=True)
    assert post(client, short_page, environ_base=REMOTE).status_code == 201
    assert client.delete("/api/articles/a1", environ_base=REMOTE).status_code == 204


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER", "bEaReR"])
def test_auth_scheme_is_case_insensitive(make_app: Any, short_page: bytes, scheme: str) -> None:
    client = make_app(api_token="s3cret")
    headers = {"Authorization": f"{scheme} s3cret"}
    assert post(client, short_page, headers=headers, environ_base=REMOTE).status_code == 201


@pytest.mark.parametrize(
    "value", ["s3cret", "Basic s3cret", "Bearer", "Bearer wrong", "Bearers3cret"]
)
def test_token_without_the_bearer_scheme_is_refused(
    make_app: Any, short_page: bytes, value: str
) -> None:
    client = make_app(api_token="s3cret")
    assert post(client, short_page, headers={"Authorization": value}).status_code == 401


def test_serving_a_public_address_without_a_token_warns_in_both_languages() -> None:
    closed = open_warning("0.0.0.0", None, False)
    assert closed and "BAONOI_API_TOKEN" in closed and "CẢNH BÁO" in closed
    opened = open_warning("192.0.2.1", None, True)
    assert opened and "BAONOI_OPEN_API" in opened and "BẤT KỲ" in opened
    assert open_warning("127.0.0.1", None, False) is None
    assert open_warning("0.0.0.0", "s3cret", False) is None


def test_a_forwarded_loopback_address_from_a_remote_peer_may_not_change_articles(
    make_app: Any, short_page: bytes
) -> None:
    client = make_app(trusted_proxies=1)
    forged = {"X-Forwarded-For": "127.0.0.1"}
    assert post(client, short_page, headers=forged, environ_base=REMOTE).status_code == 401
    local = {"REMOTE_ADDR": "127.0.0.1"}  # the proxy on this machine, for a client on it
    assert post(client, short_page, headers=forged, environ_base=local).status_code == 201
    remote = {"X-Forwarded-For": "203.0.113.5"}  # through the proxy, from elsewhere
    assert client.delete("/api/articles/a1", headers=remote, environ_base=local).status_code == 401


def test_waitress_passes_forwarded_headers_through_only_when_proxies_are_trusted() -> None:
    assert options(5 << 20, trusted_proxies=0)["clear_untrusted_proxy_headers"] is True
    assert options(5 << 20, trusted_proxies=2)["clear_untrusted_proxy_headers"] is False
    assert "trusted_proxy" not in options(5 << 20, trusted_proxies=2)  # ProxyFix rewrites, once


def test_trusting_proxies_on_a_public_address_warns_in_both_languages() -> None:
    warning = proxy_warning("0.0.0.0", 1)
    assert warning and "X-Forwarded-For" in warning and "CẢNH BÁO" in warning
    assert proxy_warning("127.0.0.1", 1) is None
    assert proxy_warning("0.0.0.0", 0) is None


@pytest.mark.slow
def test_baonoi_serve_on_all_addresses_without_a_token_prints_the_warning(tmp_path: Path) -> None:
    env = {"BAONOI_DATA_DIR": str(tmp_path / "i"), "BAONOI_AUDIO_CACHE_DIR": str(tmp_path / "a")}
    running = Processes({**env, "BAONOI_TTS_ENGINE": "espeak"}, tmp_path)
    try:
        running.start("public", "serve", "--host", "0.0.0.0", "--port", str(free_port()))
        log = tmp_path / "public.log"
        wait_until(lambda: "CẢNH BÁO" in log.read_text("utf-8"), 30, "no warning printed")
        assert "BAONOI_API_TOKEN" in log.read_text("utf-8")
    finally:
        running.stop_all()
