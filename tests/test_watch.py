"""``baonoi watch``: feeds read once, changed items re-ingested, hostile feeds refused."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.audiostate import audio_state
from app.config import load_settings
from app.errors import FeedError, HostNotAllowed, PayloadTooLarge
from app.fetch.feeds import MAX_ENTRIES, parse_feed
from app.models import AudioStatus
from app.services import Services, build_services
from app.watch import watch_feed
from app.worker import attach
from tests.portal_server import PortalServer, Raw, article_page, portal


@pytest.fixture
def site() -> Iterator[PortalServer]:
    """A portal on loopback."""
    with portal() as server:
        yield server


def portal_services(site: PortalServer, overrides: dict[str, Any]) -> Services:
    """Services allowed to fetch the portal."""
    settings = load_settings(
        {
            "allowed_hosts": [f"127.0.0.1:{site.port}"],
            "permitted_networks": ["127.0.0.0/8"],
            "host_fetches_per_minute": 0,
            **overrides,
        },
        environ={},
    )
    services = build_services(settings)
    attach(services)  # the in-process queue runs synthesis, as in the app
    return services


@pytest.fixture
def wservices(site: PortalServer, overrides: dict[str, Any]) -> Iterator[Services]:
    """The services the watcher works with."""
    services = portal_services(site, overrides)
    yield services
    services.close()


def fill(site: PortalServer, count: int) -> list[str]:
    """``count`` articles on the portal; their paths."""
    for number in range(count):
        site.add(f"tin-{number}", article_page(100 + number))
    return list(site.items)


def item_fetches(site: PortalServer) -> int:
    """Requests for article pages."""
    with site.lock:
        return sum(1 for p in site.requests if p.startswith("/tin-tuc/"))


@pytest.mark.own_audio
@pytest.mark.slow
def test_a_feed_of_25_items_is_ingested_once_and_a_changed_item_alone_again(
    site: PortalServer, overrides: dict[str, Any]
) -> None:
    feed = "/feed.xml"
    paths = fill(site, 25)
    started = time.monotonic()
    services = portal_services(site, overrides)
    try:
        first = watch_feed(services, site.url(feed))
    finally:
        services.close()  # waits for every audio job
    ready_s = time.monotonic() - started
    assert len(first.new) == 25 and first.failed == []
    assert item_fetches(site) == 25
    # A restart: the state is in the store, so nothing is fetched again.
    services = portal_services(site, overrides)
    try:
        articles = services.store.list_articles(limit=100)
        assert len(articles) == 25
        assert all(audio_state(services, a).status is AudioStatus.READY for a in articles)
        second = watch_feed(services, site.url(feed))
        assert item_fetches(site) == 25
        assert second.new == [] and second.changed == []
        # One item changes: new text and a new date in the feed.
        changed = site.items[paths[7]]
        changed.html = article_page(107, revision=1)
        changed.lastmod = "2021-11-06T09:30:00+07:00"
        third = watch_feed(services, site.url(feed))
        assert site.fetches(paths[7]) == 2
        assert item_fetches(site) == 26
        assert len(third.changed) == 1 and third.new == [] and third.unchanged == 24
        article = services.store.get_article(third.changed[0])
        assert article is not None and "cập nhật lần thứ 1" in " ".join(
            b.text for b in article.blocks
        )
    finally:
        services.close()
    print(f"\nwatcher: feed of 25 items to all audio ready {ready_s:.1f} s")


@pytest.mark.parametrize("feed", ["/feed.xml", "/atom.xml", "/sitemap.xml"])
def test_rss_atom_and_sitemaps_list_every_address_with_its_date(
    site: PortalServer, feed: str
) -> None:
    import urllib.request

    paths = fill(site, 4)
    site.items[paths[2]].lastmod = "2021-12-01T00:00:00+07:00"
    with urllib.request.urlopen(site.url(feed)) as answer:  # noqa: S310 - our loopback server
        entries = parse_feed(answer.read())
    assert [e.url for e in entries] == [site.url(p) for p in paths]
    assert entries[2].lastmod == "2021-12-01T00:00:00+07:00"


def test_a_changed_date_with_the_same_page_costs_a_304(
    site: PortalServer, wservices: Services
) -> None:
    paths = fill(site, 3)
    watch_feed(wservices, site.url("/feed.xml"))
    site.items[paths[1]].lastmod = "2021-12-01T00:00:00+07:00"
    report = watch_feed(wservices, site.url("/feed.xml"))
    assert report.changed == [] and report.unchanged == 3
    assert site.fetches(paths[1]) == 2 and item_fetches(site) == 4


def test_items_on_hosts_not_allowed_are_skipped_with_nothing_stored(
    site: PortalServer, wservices: Services
) -> None:
    site.raw["feed"] = Raw(
        headers={"Content-Type": "application/rss+xml"},
        body=(
            b'<?xml version="1.0"?><rss version="2.0"><channel>'
            b"<item><link>http://evil.example/tin-tuc/1.aspx</link></item>"
            + f"<item><link>http://evil.example@127.0.0.1:{site.port}/x</link></item>".encode()
            + b"<item><link>file:///etc/passwd</link></item>"
            b"</channel></rss>"
        ),
    )
    report = watch_feed(wservices, site.url("/raw/feed"))
    assert [code for _url, code in report.failed] == [
        "host_not_allowed",
        "fetch_failed",
        "fetch_failed",
    ]
    assert wservices.store.list_articles() == []
    assert [p for p in site.requests if not p.startswith("/raw/")] == []


def test_a_feed_on_a_host_not_allowed_is_refused(wservices: Services) -> None:
    with pytest.raises(HostNotAllowed):
        watch_feed(wservices, "http://evil.example/feed.xml")


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<rss version="2.0"><channel><item><link>&d;</link></item></channel></rss>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><link>&x;</link></item></channel></rss>"""
REMOTE_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd">
<rss version="2.0"><channel><item><link>http://a/</link></item></channel></rss>"""


@pytest.mark.parametrize("body", [LAUGHS, XXE, REMOTE_DTD], ids=["laughs", "xxe", "remote-dtd"])
def test_feeds_with_entities_or_a_dtd_are_refused_with_nothing_stored(
    site: PortalServer, wservices: Services, body: bytes
) -> None:
    site.raw["feed"] = Raw(headers={"Content-Type": "application/xml"}, body=body)
    with pytest.raises(FeedError):
        watch_feed(wservices, site.url("/raw/feed"))
    assert wservices.store.list_articles() == []
    assert site.requests == ["/raw/feed"]


def test_a_feed_listing_too_many_addresses_is_refused() -> None:
    items = "".join(f"<item><link>http://a.vn/{n}</link></item>" for n in range(MAX_ENTRIES + 1))
    with pytest.raises(FeedError):
        parse_feed(f'<rss version="2.0"><channel>{items}</channel></rss>'.encode())


def test_a_feed_over_the_size_limit_is_refused_before_parsing(
    site: PortalServer, wservices: Services
) -> None:
    huge = b'<rss version="2.0"><channel>' + b"<item><title>x</title></item>" * 300_000
    site.raw["feed"] = Raw(
        headers={"Content-Type": "application/rss+xml", "Content-Length": str(len(huge))},
        body=huge,
    )
    with pytest.raises(PayloadTooLarge):
        watch_feed(wservices, site.url("/raw/feed"))
    assert wservices.store.list_articles() == []


@pytest.mark.parametrize("body", [b"<html><body>no feed</body></html>", b"not xml at all <"])
def test_documents_that_are_not_feeds_are_refused(body: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(body)


def test_baonoi_watch_once_ingests_and_a_second_run_does_nothing(
    site: PortalServer, tmp_path: Path
) -> None:
    fill(site, 3)
    env = {
        **os.environ,
        "BAONOI_DATA_DIR": str(tmp_path / "instance"),
        "BAONOI_AUDIO_CACHE_DIR": str(tmp_path / "audio"),
        "BAONOI_TTS_ENGINE": "espeak",
        "BAONOI_ALLOWED_HOSTS": f"127.0.0.1:{site.port}",
        "BAONOI_PERMITTED_NETWORKS": "127.0.0.0/8",
    }
    command = [sys.executable, "-m", "app.cli", "watch", "--once", site.url("/sitemap.xml")]
    first = subprocess.run(command, capture_output=True, env=env, timeout=300, check=False)
    assert first.returncode == 0, first.stderr
    assert "new 3\tchanged 0\tunchanged 0\tfailed 0" in first.stdout.decode()
    second = subprocess.run(command, capture_output=True, env=env, timeout=300, check=False)
    assert second.returncode == 0, second.stderr
    assert "new 0\tchanged 0\tunchanged 3\tfailed 0" in second.stdout.decode()
    assert item_fetches(site) == 3


def test_past_the_host_limit_the_rest_of_a_feed_waits_for_the_next_pass(
    site: PortalServer, overrides: dict[str, Any]
) -> None:
    fill(site, 5)
    services = portal_services(site, {**overrides, "host_fetches_per_minute": 3})
    try:
        report = watch_feed(services, site.url("/sitemap.xml"))
        assert len(report.new) == 3 and report.deferred == 2 and report.failed == []
        assert item_fetches(site) == 3
    finally:
        services.close()


def test_each_pass_over_a_feed_is_kept_as_its_last_and_a_failed_fetch_is_logged(
    site: PortalServer, wservices: Services
) -> None:
    fill(site, 2)
    site.add("trong", "<html><body></body></html>")  # listed in the feed, holds no article
    report = watch_feed(wservices, site.url("/feed.xml"))
    assert len(report.new) == 2 and len(report.failed) == 1
    with pytest.raises(HostNotAllowed):
        watch_feed(wservices, "http://evil.example/feed.xml")
    passes = {p["feed"]: p for p in wservices.store.work_log().passes()}
    kept = passes[site.url("/feed.xml")]
    assert (kept["new"], kept["failed"], kept["unchanged"]) == (2, 1, 0) and kept["at"] > 0
    assert passes["http://evil.example/feed.xml"]["error"] == "host_not_allowed"
    fetches = wservices.store.work_log().recent("fetch")
    assert [f["url"].endswith("/trong.aspx") for f in fetches] == [True]
    assert fetches[0]["outcome"] == "failed" and fetches[0]["vi"]
