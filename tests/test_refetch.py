"""Changes follow: a known address asked for after the interval is re-fetched conditionally."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from app import create_app
from app.audiostate import audio_state
from app.errors import FetchError
from app.models import Article, AudioStatus
from app.portal import article_for_url, canonical, get_source
from app.services import Services
from app.web.context import get_services
from tests.portal_server import PortalServer, article_page, portal


@pytest.fixture
def site() -> Iterator[PortalServer]:
    """A portal on loopback."""
    with portal() as server:
        yield server


@pytest.fixture
def papp(site: PortalServer, overrides: dict[str, Any]) -> Iterator[Flask]:
    """The app pointed at the portal; every visit is past the re-fetch interval."""
    application = create_app(
        {
            **overrides,
            "allowed_hosts": [f"127.0.0.1:{site.port}"],
            "permitted_networks": ["127.0.0.0/8"],
            "refetch_interval_s": 0,
        }
    )
    yield application
    get_services(application).close()


def ready(services: Services, article: Article) -> None:
    """Wait until the article's audio is made."""
    deadline = time.monotonic() + 120
    while audio_state(services, article).status is not AudioStatus.READY:
        assert time.monotonic() < deadline, "audio not ready"
        time.sleep(0.1)


def test_an_unchanged_page_is_re_checked_with_its_etag_and_costs_a_304(
    site: PortalServer, papp: Flask
) -> None:
    services = get_services(papp)
    url = site.add("tin", article_page(1))
    first = article_for_url(services, url)
    again = article_for_url(services, url)
    assert again.id == first.id and again.version == first.version
    assert site.fetches("/tin-tuc/tin.aspx") == 2
    assert site.conditions == [("", ""), (site.items["/tin-tuc/tin.aspx"].etag, "")]


def test_last_modified_is_kept_and_sent_back(site: PortalServer, papp: Flask) -> None:
    services = get_services(papp)
    url = site.add("tin", article_page(2))
    site.items["/tin-tuc/tin.aspx"].modified = "Fri, 05 Nov 2021 01:00:00 GMT"
    article_for_url(services, url)
    article_for_url(services, url)
    assert site.conditions[-1] == ("", "Fri, 05 Nov 2021 01:00:00 GMT")
    source = get_source(services, canonical(url, services))
    assert source is not None and source.last_modified == "Fri, 05 Nov 2021 01:00:00 GMT"


@pytest.mark.own_audio
def test_changed_text_updates_the_article_and_only_changed_sentences_are_spoken_again(
    site: PortalServer, papp: Flask
) -> None:
    services = get_services(papp)
    url = site.add("tin", article_page(3))
    first = article_for_url(services, url)
    ready(services, first)
    spoken = services.store.incr("sentences_synthesized", 0)
    site.items["/tin-tuc/tin.aspx"].html = article_page(3, revision=1)
    changed = article_for_url(services, url)
    assert changed.id == first.id and changed.version != first.version
    assert changed.audio_key != first.audio_key
    ready(services, changed)
    # One new sentence, "Bản tin được cập nhật lần thứ 1."; the others come from the cache.
    assert services.store.incr("sentences_synthesized", 0) - spoken == 1
    stored = services.store.get_article(first.id)
    assert stored is not None and "cập nhật lần thứ 1" in " ".join(b.text for b in stored.blocks)


def test_a_known_address_is_not_fetched_again_within_the_interval(
    site: PortalServer, overrides: dict[str, Any]
) -> None:
    application = create_app(
        {
            **overrides,
            "allowed_hosts": [f"127.0.0.1:{site.port}"],
            "permitted_networks": ["127.0.0.0/8"],
        }
    )
    services = get_services(application)
    try:
        url = site.add("tin", article_page(4))
        for _ in range(5):
            article_for_url(services, url)
        assert site.fetches("/tin-tuc/tin.aspx") == 1
    finally:
        services.close()


def test_a_failed_re_check_keeps_the_copy_held(site: PortalServer, papp: Flask) -> None:
    services = get_services(papp)
    url = site.add("tin", article_page(5))
    first = article_for_url(services, url)
    del site.items["/tin-tuc/tin.aspx"]  # the portal now answers 404
    again = article_for_url(services, url)
    assert again.id == first.id and again.version == first.version


def test_a_visitor_over_the_limit_gets_the_copy_held_not_a_429(
    site: PortalServer, overrides: dict[str, Any]
) -> None:
    application = create_app(
        {
            **overrides,
            "allowed_hosts": [f"127.0.0.1:{site.port}"],
            "permitted_networks": ["127.0.0.0/8"],
            "refetch_interval_s": 0,
            "ingest_per_minute": 1,
            "fetch_wait_s": 30,  # the first visit waits for its fetch however busy the machine
        }
    )
    try:
        client = application.test_client()
        url = site.add("tin", article_page(6))
        codes = [client.get("/api/portal", query_string={"url": url}).status_code for _ in range(3)]
        assert codes == [200, 200, 200]
        assert site.fetches("/tin-tuc/tin.aspx") == 1  # the re-checks were over the limit
    finally:
        get_services(application).close()


def test_the_watcher_sees_a_failed_re_check_as_a_failure_to_retry(
    site: PortalServer, papp: Flask
) -> None:
    services = get_services(papp)
    url = site.add("tin", article_page(7))
    article_for_url(services, url)
    del site.items["/tin-tuc/tin.aspx"]
    with pytest.raises(FetchError):
        article_for_url(services, url, force=True)
