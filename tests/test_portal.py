"""The snippet's service side: ``/embed?url=``, ``/api/portal``, once per address, refusals."""

from __future__ import annotations

import html
import re
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from app import create_app
from app.audiostate import audio_state
from app.errors import FetchError
from app.models import AudioStatus
from app.pipeline import get_article
from app.portal import article_for_url, canonical, get_source
from app.web.context import get_services
from tests.portal_server import PortalServer, Raw, article_page, portal

EMBED_ORIGIN = "http://portal.example"


@pytest.fixture
def site() -> Iterator[PortalServer]:
    """A portal on loopback."""
    with portal() as server:
        yield server


def portal_app(site: PortalServer, overrides: dict[str, Any], **more: Any) -> Flask:
    """The app, allowed to fetch the portal (its port named, loopback permitted).

    A visitor waits up to 30 s for a fetch (not 1.5 s): on a busy machine a first extraction may
    take longer, and only the tests about "pending" answers ask for them (``fetch_wait_s``).
    """
    settings = {
        **overrides,
        "allowed_hosts": [f"127.0.0.1:{site.port}"],
        "permitted_networks": ["127.0.0.0/8"],
        "fetch_wait_s": 30,
        **more,
    }
    return create_app(settings)


@pytest.fixture
def papp(site: PortalServer, overrides: dict[str, Any]) -> Iterator[Flask]:
    """The app pointed at the portal."""
    application = portal_app(site, overrides)
    yield application
    get_services(application).close()


@pytest.fixture
def pclient(papp: Flask) -> FlaskClient:
    """A client of the app pointed at the portal."""
    return papp.test_client()


def answered(client: FlaskClient, path: str, url: str, timeout_s: float = 60) -> TestResponse:
    """Ask as the frame does: again while the answer is 202 (pending), sooner than Retry-After."""
    deadline = time.monotonic() + timeout_s
    while (answer := client.get(path, query_string={"url": url})).status_code == 202:
        assert answer.headers["Retry-After"].isdigit()
        assert time.monotonic() < deadline, "still pending"
        time.sleep(0.1)
    return answer


def stored(papp: Flask) -> list[str]:
    """Ids of every stored article."""
    return [a.id for a in get_services(papp).store.list_articles()]


def test_embed_by_url_fetches_ingests_and_renders_the_player(
    site: PortalServer, papp: Flask, pclient: FlaskClient
) -> None:
    url = site.add("ban-tin-1", article_page(1))
    answer = pclient.get("/embed", query_string={"url": url})
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "Bản tin số 1 về cải cách hành chính" in page and "<audio" in page
    assert "frame-ancestors *" in answer.headers["Content-Security-Policy"]
    assert site.fetches("/tin-tuc/ban-tin-1.aspx") == 1
    again = pclient.get("/embed", query_string={"url": url + "#binh-luan"})
    assert again.status_code == 200
    assert site.fetches("/tin-tuc/ban-tin-1.aspx") == 1  # known: answered from the store


def test_the_frame_script_posts_only_to_an_origin_the_operator_allows(
    site: PortalServer, overrides: dict[str, Any]
) -> None:
    application = portal_app(site, overrides, embed_origins=[EMBED_ORIGIN])
    try:
        client = application.test_client()
        url = site.add("ban-tin-2", article_page(2))
        good = client.get("/embed", query_string={"url": url, "origin": EMBED_ORIGIN})
        assert f'data-origin="{EMBED_ORIGIN}"' in good.get_data(as_text=True)
        assert f"frame-ancestors {EMBED_ORIGIN}" in good.headers["Content-Security-Policy"]
        for origin in ["http://evil.example", "http://portal.example/x", "javascript:alert(1)"]:
            other = client.get("/embed", query_string={"url": url, "origin": origin})
            assert "embed-frame.js" not in other.get_data(as_text=True)
    finally:
        get_services(application).close()


def test_api_portal_answers_the_article_and_its_player(
    site: PortalServer, pclient: FlaskClient
) -> None:
    url = site.add("ban-tin-3", article_page(3))
    answer = pclient.get("/api/portal", query_string={"url": url})
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["embed_url"].endswith(f"/embed/{body['id']}")
    assert body["title"] == "Bản tin số 3 về cải cách hành chính"


def test_thirty_visitors_at_once_cause_one_fetch_and_one_synthesis(
    site: PortalServer, papp: Flask
) -> None:
    url = site.add("ban-tin-moi", article_page(30))
    services = get_services(papp)
    syntheses = services.store.incr("syntheses", 0)
    barrier = threading.Barrier(30)
    answers: list[int] = []

    def visit() -> None:
        client = papp.test_client()
        barrier.wait()
        answers.append(answered(client, "/embed", url).status_code)

    visitors = [threading.Thread(target=visit) for _ in range(30)]
    for thread in visitors:
        thread.start()
    for thread in visitors:
        thread.join(timeout=120)
    assert answers == [200] * 30
    assert site.fetches("/tin-tuc/ban-tin-moi.aspx") == 1
    services.queue.close()  # waits for the queued job
    article = services.store.list_articles()[0]
    assert audio_state(services, article).status is AudioStatus.READY
    assert services.store.incr("syntheses", 0) - syntheses <= 1
    assert services.store.incr("portal_fetches", 0) == 1


# -- refusals: a short Vietnamese message, the usual bilingual error, nothing stored --------------


def test_a_host_not_allowed_is_refused_with_nothing_fetched_or_stored(
    site: PortalServer, papp: Flask, pclient: FlaskClient
) -> None:
    for url in [
        "http://evil.example/tin-tuc/1.aspx",
        f"http://localhost:{site.port}/tin-tuc/1.aspx",
        f"http://127.0.0.1:{site.port}@evil.example/x",
        f"http://evil.example@127.0.0.1:{site.port}/tin-tuc/1.aspx",
        f"http://127.0.0.1:{site.port + 1}/tin-tuc/1.aspx",
        "file:///etc/passwd",
    ]:
        page = pclient.get("/embed", query_string={"url": url})
        assert page.status_code in (400, 403), url
        text = page.get_data(as_text=True)
        assert "Chưa nghe được bài này" in text and "<audio" not in text
        assert "frame-ancestors" in page.headers["Content-Security-Policy"]
        api = pclient.get("/api/portal", query_string={"url": url})
        assert api.status_code in (400, 403)
        assert set(api.get_json()["message"]) == {"vi", "en"}
    assert site.requests == []
    assert stored(papp) == []


def test_a_visitor_reads_a_plain_refusal_and_the_operator_the_exact_reason(
    site: PortalServer, pclient: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"http://127.0.0.1:{site.port + 1}/tin-tuc/1.aspx"  # a port the allow-list does not open
    with caplog.at_level("WARNING", logger="app.web.portal"):
        page = pclient.get("/embed", query_string={"url": url})
    note = page.get_data(as_text=True).split('id="baonoi-refusal" lang="vi">')[1].split("</p>")[0]
    assert note == "Chưa nghe được bài này."
    api = pclient.get("/api/portal", query_string={"url": url}).get_json()
    assert api["message"]["vi"] not in page.get_data(as_text=True)
    assert any(
        api["message"]["en"] in r.getMessage() and url in r.getMessage() for r in caplog.records
    )


def test_a_redirect_off_the_allow_list_is_refused_with_nothing_stored(
    site: PortalServer, papp: Flask, pclient: FlaskClient
) -> None:
    url = site.url("/go?to=http://evil.example/tin-tuc/1.aspx")
    answer = pclient.get("/api/portal", query_string={"url": url})
    assert answer.status_code == 403
    assert answer.get_json()["error"] == "host_not_allowed"
    assert stored(papp) == []
    assert get_services(papp).store.get_source(canonical(url, get_services(papp))) is None


def test_a_page_with_no_article_is_refused_in_both_languages(
    site: PortalServer, papp: Flask, pclient: FlaskClient
) -> None:
    site.raw["trong"] = Raw(
        headers={"Content-Type": "text/html", "Content-Length": "27"},
        body=b"<html><body></body></html>\n",
    )
    answer = pclient.get("/api/portal", query_string={"url": site.url("/raw/trong")})
    assert answer.status_code == 422
    assert answer.get_json()["message"]["vi"]
    frame = pclient.get("/embed", query_string={"url": site.url("/raw/trong")})
    assert "Chưa nghe được bài này" in frame.get_data(as_text=True)
    assert stored(papp) == []


def test_a_failing_fetch_is_refused_and_tells_the_snippet(
    site: PortalServer, pclient: FlaskClient
) -> None:
    answer = pclient.get(
        "/embed",
        query_string={"url": site.url("/tin-tuc/khong-co.aspx"), "origin": "http://a.example"},
    )
    assert answer.status_code == 400
    text = answer.get_data(as_text=True)
    assert 'data-refused="fetch_failed"' in text and "embed-frame.js" in text


def test_a_missing_url_is_a_bilingual_400(pclient: FlaskClient) -> None:
    answer = pclient.get("/api/portal")
    assert answer.status_code == 400
    assert set(answer.get_json()["message"]) == {"vi", "en"}


def test_per_host_limit_stops_fetches_past_it(
    site: PortalServer, overrides: dict[str, Any]
) -> None:
    application = portal_app(site, overrides, host_fetches_per_minute=2)
    try:
        client = application.test_client()
        codes = [
            client.get(
                "/api/portal", query_string={"url": site.add(f"h{n}", article_page(40 + n))}
            ).status_code
            for n in range(3)
        ]
        assert codes == [200, 200, 429]
        assert site.fetches("/tin-tuc/h2.aspx") == 0
    finally:
        get_services(application).close()


def test_the_snippet_script_is_small_and_served_at_embed_js(pclient: FlaskClient) -> None:
    import gzip

    with pclient.get("/embed.js") as answer:
        assert answer.status_code == 200
        assert "javascript" in answer.mimetype
        assert len(gzip.compress(answer.get_data(), 9)) <= 3 * 1024


def test_known_address_state_is_kept_with_the_article(site: PortalServer, papp: Flask) -> None:
    services = get_services(papp)
    url = site.add("ban-tin-4", article_page(4))
    papp.test_client().get("/api/portal", query_string={"url": url})
    source = get_source(services, canonical(url, services))
    assert source is not None and source.etag.startswith('"')
    assert get_article(services, source.article_id).source_url == url


@pytest.mark.redis
def test_thirty_visitors_on_redis_cause_one_fetch_and_one_queued_job(
    site: PortalServer, overrides: dict[str, Any], redis_url: str
) -> None:
    import redis

    application = portal_app(site, overrides, redis_url=redis_url)
    try:
        url = site.add("ban-tin-redis", article_page(31))
        barrier = threading.Barrier(30)
        answers: list[int] = []

        def visit() -> None:
            client = application.test_client()
            barrier.wait()
            answers.append(answered(client, "/api/portal", url).status_code)

        visitors = [threading.Thread(target=visit) for _ in range(30)]
        for thread in visitors:
            thread.start()
        for thread in visitors:
            thread.join(timeout=120)
        assert answers == [200] * 30
        assert site.fetches("/tin-tuc/ban-tin-redis.aspx") == 1
        client = redis.Redis.from_url(redis_url)
        assert client.llen("rq:queue:baonoi-audio") == 1
        client.close()
    finally:
        get_services(application).close()


def test_per_client_limit_counts_only_fetches(
    site: PortalServer, overrides: dict[str, Any]
) -> None:
    application = portal_app(site, overrides, ingest_per_minute=1)
    try:
        client = application.test_client()
        first = site.add("c1", article_page(50))
        assert client.get("/api/portal", query_string={"url": first}).status_code == 200
        for _ in range(3):  # known: answered from the store, not counted
            assert client.get("/api/portal", query_string={"url": first}).status_code == 200
        second = client.get("/api/portal", query_string={"url": site.add("c2", article_page(51))})
        assert second.status_code == 429 and second.headers["Retry-After"] == "60"
        assert site.fetches("/tin-tuc/c2.aspx") == 0
    finally:
        get_services(application).close()


# -- a slow or failing portal: visitors answered, failures shared and remembered -------------------


def visitors(count: int, visit: Callable[[], Any]) -> list[Any]:
    """What ``count`` visitors at once got, each in its own thread."""
    barrier = threading.Barrier(count)
    answers: list[Any] = []

    def one() -> None:
        barrier.wait()
        answers.append(visit())

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def test_thirty_visitors_on_a_failing_address_cost_one_fetch_and_it_is_remembered(
    site: PortalServer, papp: Flask
) -> None:
    url = site.url("/tin-tuc/da-xoa.aspx")  # the portal answers 404
    answers = visitors(30, lambda: answered(papp.test_client(), "/api/portal", url))
    assert [a.status_code for a in answers] == [400] * 30
    assert {a.get_json()["message"]["vi"] for a in answers} == {"Máy chủ trả lời mã 404"}
    assert site.fetches("/tin-tuc/da-xoa.aspx") == 1
    frame = papp.test_client().get("/embed", query_string={"url": url})
    assert frame.status_code == 400 and 'data-refused="fetch_failed"' in frame.text
    assert site.fetches("/tin-tuc/da-xoa.aspx") == 1  # remembered: no second fetch
    store = get_services(papp).store
    assert store.incr("portal_fetches:failed", 0) == 1 and store.incr("portal_fetches", 0) == 1


def test_a_remembered_failure_expires_and_the_watcher_tries_it_again(
    site: PortalServer, overrides: dict[str, Any]
) -> None:
    application = portal_app(site, overrides, fetch_failure_ttl_s=1)
    services = get_services(application)
    try:
        client = application.test_client()
        url = site.url("/tin-tuc/sap-dang.aspx")
        assert client.get("/api/portal", query_string={"url": url}).status_code == 400
        assert client.get("/api/portal", query_string={"url": url}).status_code == 400
        assert site.fetches("/tin-tuc/sap-dang.aspx") == 1
        with pytest.raises(FetchError):  # the watcher's way: a remembered failure is tried again
            article_for_url(services, url)
        assert site.fetches("/tin-tuc/sap-dang.aspx") == 2
        site.add("sap-dang", article_page(70))
        time.sleep(1.2)  # past BAONOI_FETCH_FAILURE_TTL_S
        assert answered(client, "/api/portal", url).status_code == 200
        assert site.fetches("/tin-tuc/sap-dang.aspx") == 3
    finally:
        services.close()


def test_a_slow_portal_gets_a_pending_frame_that_polls_then_the_player(
    site: PortalServer, overrides: dict[str, Any]
) -> None:
    application = portal_app(site, overrides, fetch_wait_s=0.05)
    try:
        client = application.test_client()
        url = site.add("cham", article_page(71))
        site.delays["/tin-tuc/cham.aspx"] = 1.0
        frame = client.get("/embed", query_string={"url": url, "origin": "http://a.example"})
        assert frame.status_code == 202 and frame.headers["Retry-After"] == "2"
        page = frame.get_data(as_text=True)
        assert '<p id="baonoi-pending" role="status" lang="vi">Đang tải bài…</p>' in page
        assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
        assert "/static/embed-pending.js" in page and "embed-frame.js" in page
        poll = re.search(r'data-poll="([^"]+)"', page)
        assert poll is not None and poll.group(1).startswith("/api/portal?")
        assert parse_qs(urlsplit(html.unescape(poll.group(1))).query) == {"url": [url]}
        csp = frame.headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src 'self';" in csp
        assert "unsafe-eval" not in csp and "'unsafe-inline'" not in csp.split("style-src")[0]
        assert frame.headers["Cache-Control"] == "no-store"
        api = client.get("/api/portal", query_string={"url": url})
        assert api.status_code == 202 and api.get_json() == {"status": "pending"}
        assert api.headers["Retry-After"] == "2"
        assert "<audio" in answered(client, "/embed", url).get_data(as_text=True)
        assert site.fetches("/tin-tuc/cham.aspx") == 1
    finally:
        get_services(application).close()


def test_a_known_address_being_re_checked_answers_the_copy_held_not_pending(
    site: PortalServer, overrides: dict[str, Any]
) -> None:
    application = portal_app(site, overrides, fetch_wait_s=0.05, refetch_interval_s=0)
    try:
        client = application.test_client()
        url = site.add("cu", article_page(72))
        first = answered(client, "/api/portal", url)
        site.delays["/tin-tuc/cu.aspx"] = 1.0
        again = client.get("/api/portal", query_string={"url": url})
        assert again.status_code == 200 and again.get_json()["id"] == first.get_json()["id"]
    finally:
        get_services(application).close()


@pytest.mark.redis
def test_a_failure_is_remembered_for_every_process_on_redis(
    site: PortalServer, overrides: dict[str, Any], redis_url: str
) -> None:
    apps = [portal_app(site, overrides, redis_url=redis_url) for _ in range(2)]
    try:
        url = site.url("/tin-tuc/khong-con.aspx")
        for application in apps:
            answer = application.test_client().get("/api/portal", query_string={"url": url})
            assert answer.status_code == 400
        assert site.fetches("/tin-tuc/khong-con.aspx") == 1
    finally:
        for application in apps:
            get_services(application).close()
