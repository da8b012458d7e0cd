"""The services' lifecycle (opened once, released per request, closed once) and injected parts."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.errors import HostNotAllowed
from app.fetch import Fetcher, Page
from app.pipeline import ingest_url
from app.services import Services


@dataclass
class StandInFetcher:
    """A fetcher that answers from a dict and refuses other URLs, like the real one."""

    pages: dict[str, bytes]
    asked: list[str] = field(default_factory=list)

    def fetch(self, url: str) -> Page:
        """The page for ``url``, or the real fetcher's refusal."""
        self.asked.append(url)
        if url not in self.pages:
            raise HostNotAllowed()
        return Page(url=url, body=self.pages[url], content_type="text/html; charset=utf-8")


def test_request_thread_connection_is_released_when_the_request_ends(
    client: FlaskClient, services: Services
) -> None:
    assert client.get("/").status_code == 200
    assert threading.get_ident() not in services.store._open  # type: ignore[attr-defined]


def test_close_ends_every_connection_opened_by_any_thread(services: Services) -> None:
    worker = threading.Thread(target=services.store.ping)
    worker.start()
    worker.join()
    services.store.ping()
    assert len(services.store._open) == 2  # type: ignore[attr-defined]
    services.close()
    assert services.store._open == {}  # type: ignore[attr-defined]
    services.close()  # a second close does nothing


def test_the_services_are_closed_when_the_app_is_collected(overrides: dict[str, Any]) -> None:
    import gc

    from app import create_app
    from app.web.context import get_services

    app = create_app(overrides)
    store = get_services(app).store
    store.ping()
    del app
    gc.collect()
    assert store._open == {}  # type: ignore[attr-defined]


def test_ingest_url_goes_through_the_injected_fetcher(
    services: Services, short_page: bytes
) -> None:
    url = "https://portal.example.vn/tin/1.aspx"
    services.fetcher = StandInFetcher({url: short_page})
    article, created = ingest_url(services, url, queue_audio=False)
    assert created and article.source_url == url
    assert services.fetcher.asked == [url]  # type: ignore[attr-defined]


def test_api_url_ingest_uses_the_services_fetcher(
    app: Flask, client: FlaskClient, services: Services, short_page: bytes
) -> None:
    url = "https://portal.example.vn/tin/2.aspx"
    services.fetcher = StandInFetcher({url: short_page})
    created = client.post("/api/articles", json={"url": url})
    assert created.status_code == 201
    refused = client.post("/api/articles", json={"url": "https://elsewhere.example/x"})
    assert refused.status_code == 403
    assert services.fetcher.asked == [url, "https://elsewhere.example/x"]  # type: ignore[attr-defined]


def test_default_fetcher_is_bound_to_the_allow_list(services: Services) -> None:
    assert isinstance(services.fetcher, Fetcher)
    with pytest.raises(HostNotAllowed):
        services.fetcher.fetch("http://example.org/")
