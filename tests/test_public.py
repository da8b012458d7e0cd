"""Absolute URLs behind a proxy: the configured public URL, forwarded headers only when trusted."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from app.pipeline import ingest
from app.web.context import get_services

PUBLIC = "https://baonoi.example.gov.vn"
FORGED = {"Host": "evil.example", "X-Forwarded-Host": "evil2.example", "X-Forwarded-Proto": "http"}


def _app(overrides: dict[str, Any], short_page: bytes, **settings: Any) -> Flask:
    """An app with ``settings`` and the short page ingested as ``p1`` (no audio made)."""
    app = create_app({**overrides, **settings})
    ingest(get_services(app), short_page, article_id="p1", queue_audio=False)
    return app


@pytest.fixture
def public(overrides: dict[str, Any], short_page: bytes) -> Iterator[FlaskClient]:
    """A client of an app with ``public_url`` set."""
    app = _app(overrides, short_page, public_url=PUBLIC)
    yield app.test_client()
    get_services(app).close()


def _absolute_urls(client: FlaskClient, headers: dict[str, str]) -> list[str]:
    """Absolute URLs of the feed, oEmbed answer, embed page and reader page (og: tags)."""
    pages = [
        client.get("/feed.xml", headers=headers).get_data(as_text=True),
        client.get(
            "/oembed", query_string={"url": f"{PUBLIC}/articles/p1"}, headers=headers
        ).get_data(as_text=True),
        client.get("/embed/p1", headers=headers).get_data(as_text=True),
        client.get("/articles/p1", headers=headers).get_data(as_text=True),
    ]
    return pages


def test_absolute_urls_use_the_public_url_whatever_the_host_headers_say(
    public: FlaskClient,
) -> None:
    for page in _absolute_urls(public, FORGED):
        assert PUBLIC in page
        assert "evil" not in page


def test_oembed_accepts_reader_urls_of_the_public_host(public: FlaskClient) -> None:
    answer = public.get("/oembed", query_string={"url": f"{PUBLIC}/articles/p1"})
    assert answer.status_code == 200
    assert f'src="{PUBLIC}/embed/p1"' in answer.get_json()["html"]


def test_forwarded_headers_are_ignored_unless_proxies_are_trusted(
    overrides: dict[str, Any], short_page: bytes
) -> None:
    app = _app(overrides, short_page)
    feed = app.test_client().get("/feed.xml", headers=FORGED).get_data(as_text=True)
    get_services(app).close()
    assert "evil2.example" not in feed


def test_one_trusted_proxy_sets_scheme_and_host_from_its_headers(
    overrides: dict[str, Any], short_page: bytes
) -> None:
    app = _app(overrides, short_page, trusted_proxies=1)
    headers = {"X-Forwarded-Host": "portal.example.gov.vn", "X-Forwarded-Proto": "https"}
    feed = app.test_client().get("/feed.xml", headers=headers).get_data(as_text=True)
    get_services(app).close()
    assert "https://portal.example.gov.vn/articles/p1" in feed


def test_an_unexpected_error_is_logged_with_the_forwarded_client(
    overrides: dict[str, Any],
    short_page: bytes,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = _app(overrides, short_page, trusted_proxies=1)

    def broken(*_args: object) -> None:
        raise RuntimeError("broken on purpose")

    monkeypatch.setattr("app.web.api.get_article", broken)
    try:
        answer = app.test_client().get(
            "/api/articles/p1",
            headers={"X-Forwarded-For": "203.0.113.5"},
            environ_base={"REMOTE_ADDR": "127.0.0.1"},
        )
    finally:
        get_services(app).close()
    assert answer.status_code == 500
    assert "from 203.0.113.5" in caplog.text
