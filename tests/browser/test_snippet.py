"""The portal snippet in real Chromium: a portal page with it shows the player, which plays."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from app import create_app
from app.audiostate import audio_state
from app.models import AudioStatus
from app.web.context import get_services
from tests.browser.test_axe import WCAG_TAGS, axe_violations
from tests.portal_server import PortalServer, article_page, portal

pytestmark = pytest.mark.browser
STATIC = Path(__file__).resolve().parents[2] / "app" / "static"


@dataclass
class Service:
    """Báo nói on a live port, pointed at the portal."""

    url: str
    services: Any


@pytest.fixture
def site() -> Iterator[PortalServer]:
    """The portal on loopback."""
    with portal() as server:
        yield server


@pytest.fixture
def service(site: PortalServer, tmp_path: Path, shared_audio_dir: Path) -> Iterator[Service]:
    """The app in a werkzeug thread, allowed to fetch the portal and framed by it."""
    from werkzeug.serving import make_server

    app = create_app(
        {
            "data_dir": tmp_path / "instance",
            "audio_cache_dir": shared_audio_dir,
            "tts_engine": "espeak",
            "allowed_hosts": [f"127.0.0.1:{site.port}"],
            "permitted_networks": ["127.0.0.0/8"],
            "embed_origins": [site.origin],
        }
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Service(f"http://127.0.0.1:{server.server_port}", get_services(app))
    server.shutdown()
    thread.join(timeout=10)
    get_services(app).close()


def host_page(number: int, service: Service, refusal: str = "") -> str:
    """A portal article page (landmarks and all) with the snippet in its layout."""
    marker = f"<div data-baonoi{f' data-baonoi-refusal={refusal!r}' if refusal else ''}></div>"
    html = article_page(number, tail=f'<script src="{service.url}/embed.js" async></script>')
    return (
        html.replace('<div id="ctl00_MSO_ContentDiv">', '<div id="ctl00_MSO_ContentDiv"><main>')
        .replace('<div class="footer">', '</main><footer class="footer">')
        .replace("0200.3850.000</div>", "0200.3850.000</footer>")
        .replace('<h2 class="TieuDeTin">', '<h1 class="TieuDeTin">')
        .replace("hành chính</h2>", "hành chính</h1>")
        .replace('<div class="NoiDungTin">', f'{marker}<div class="NoiDungTin">')
    )


def portal_csp(service: Service) -> str:
    """A strict portal CSP (no inline style) that lets our origin in (script, frame) only."""
    return (
        f"default-src 'self'; script-src 'self' {service.url}; frame-src {service.url}; "
        "style-src 'self'; img-src 'self' data:; object-src 'none'"
    )


def open_page(context: Any, url: str) -> tuple[Any, list[str]]:
    """A page of ``context`` at ``url``, and the CSP violations it reports."""
    violations: list[str] = []
    page = context.new_page()
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(url)
    return page, violations


def test_a_portal_page_with_the_snippet_shows_the_player_and_it_plays(
    context: Any, site: PortalServer, service: Service
) -> None:
    url = site.add("co-doan", host_page(11, service))
    path = "/tin-tuc/co-doan.aspx"
    site.items[path].headers = {"Content-Security-Policy": portal_csp(service)}
    ours: list[str] = []
    context.on("request", lambda r: ours.append(r.url) if r.url.startswith(service.url) else None)
    started = time.monotonic()
    page, violations = open_page(context, url)
    frame_element = page.wait_for_selector("[data-baonoi] iframe", state="attached")
    page.wait_for_function(
        "() => { const f = document.querySelector('[data-baonoi] iframe');"
        " return f && f.style.visibility === 'visible' && f.offsetHeight > 60; }",
        timeout=30_000,
    )
    visible_s = time.monotonic() - started
    requests_before_play = list(ours)
    frame = frame_element.content_frame()
    assert frame is not None
    assert "Bản tin số 11" in frame.inner_text("h1")
    # The audio is being made (ingest queued it); play once it is ready.
    services = service.services
    article = services.store.list_articles()[0]
    deadline = time.monotonic() + 60
    while audio_state(services, article).status is not AudioStatus.READY:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    # The player may replace the source it starts with (live stream or finished files), which
    # settles this first play() promise as aborted; the playing audio is what counts.
    frame.evaluate("() => { document.querySelector('audio').play().catch(() => {}); }")
    frame.wait_for_function("() => document.querySelector('audio').currentTime > 0.2")
    assert violations == []
    assert site.fetches(path) == 2  # the visitor's page and our one fetch
    assert not any("audio" in u for u in requests_before_play)
    assert axe_violations(page, WCAG_TAGS) == []
    size = len(gzip.compress((STATIC / "embed.js").read_bytes(), 9))
    print(
        f"\nsnippet {size} B gzipped; {len(requests_before_play)} requests to us before play "
        f"({', '.join(u.split('?')[0].replace(service.url, '') for u in requests_before_play)});"
        f" page load to player visible {visible_s * 1000:.0f} ms (new article)"
    )


def test_a_slow_portal_shows_loading_in_the_frame_then_the_player_by_itself(
    context: Any, site: PortalServer, service: Service
) -> None:
    slow = site.add("cham", article_page(12))
    site.delays["/tin-tuc/cham.aspx"] = 4.0  # past BAONOI_FETCH_WAIT_S: the frame is "pending"
    canonical = f'<link rel="canonical" href="{slow}"></head>'
    url = site.add("trang", host_page(12, service).replace("</head>", canonical, 1))
    site.items["/tin-tuc/trang.aspx"].headers = {"Content-Security-Policy": portal_csp(service)}
    page, violations = open_page(context, url)
    frame_element = page.wait_for_selector("[data-baonoi] iframe", state="attached")
    frame = frame_element.content_frame()
    assert frame is not None
    status = frame.wait_for_selector("[role=status]", timeout=15_000)
    assert status.inner_text() == "Đang tải bài…"
    page.wait_for_function(
        "() => document.querySelector('[data-baonoi] iframe').style.visibility === 'visible'"
    )
    frame.wait_for_selector("h1", timeout=30_000)  # the frame asked again and reloaded itself
    assert "Bản tin số 12" in frame.inner_text("h1")
    assert frame.query_selector("audio") is not None
    assert violations == []
    assert site.fetches("/tin-tuc/cham.aspx") == 1


def test_without_javascript_the_loading_frame_refreshes_itself_to_the_player(
    browser: Any, site: PortalServer, service: Service
) -> None:
    slow = site.add("cham-nojs", article_page(13))
    site.delays["/tin-tuc/cham-nojs.aspx"] = 3.0
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    try:
        page, violations = open_page(context, f"{service.url}/embed?{urlencode({'url': slow})}")
        assert page.inner_text("[role=status]") == "Đang tải bài…"
        page.wait_for_selector("h1", timeout=30_000)  # the <noscript> refresh, under our CSP
        assert "Bản tin số 13" in page.inner_text("h1")
        assert violations == []
        assert site.fetches("/tin-tuc/cham-nojs.aspx") == 1
    finally:
        context.close()


@pytest.mark.parametrize("mode", ["message", "none"])
def test_a_refused_article_shows_a_short_note_or_nothing_never_a_player(
    context: Any, site: PortalServer, service: Service, mode: str
) -> None:
    html = host_page(12, service, refusal=mode).replace(
        "</title>", '</title><link rel="canonical" href="http://evil.example/tin-tuc/12.aspx">'
    )
    url = site.add("khac", html)
    site.items["/tin-tuc/khac.aspx"].headers = {"Content-Security-Policy": portal_csp(service)}
    page, violations = open_page(context, url)
    if mode == "message":
        note = page.wait_for_selector(".baonoi-note", timeout=15_000)
        assert "Chưa nghe được bài này" in note.inner_text()
    else:
        page.wait_for_function("() => !document.querySelector('[data-baonoi] iframe')")
        page.wait_for_timeout(300)
        assert page.query_selector(".baonoi-note") is None
    assert page.query_selector("[data-baonoi] iframe") is None
    assert violations == []
    assert service.services.store.list_articles() == []
    assert axe_violations(page, WCAG_TAGS) == []


def test_nothing_is_asked_of_us_before_the_marker_is_near_the_viewport(
    context: Any, site: PortalServer, service: Service
) -> None:
    html = host_page(13, service).replace(
        "<div data-baonoi>", '<div style="height:5000px"></div><div data-baonoi>'
    )
    url = site.add("xa", html)
    ours: list[str] = []
    context.on("request", lambda r: ours.append(r.url) if r.url.startswith(service.url) else None)
    page, _ = open_page(context, url)
    page.wait_for_timeout(500)
    assert [u.replace(service.url, "") for u in ours] == ["/embed.js"]
    page.evaluate("() => document.querySelector('[data-baonoi]').scrollIntoView()")
    page.wait_for_selector("[data-baonoi] iframe", state="attached")
    assert any("/embed?url=" in u for u in ours)


def test_messages_not_from_our_frame_are_ignored(
    context: Any, site: PortalServer, service: Service
) -> None:
    html = host_page(14, service)
    url = site.add("gia", html)
    page, _ = open_page(context, url)
    page.wait_for_selector("[data-baonoi] iframe", state="attached")
    # The host page (or another frame) forging the frame's messages changes nothing.
    page.evaluate(
        "() => { window.postMessage({baonoi: 1, type: 'refused', message: 'giả'}, '*');"
        " window.postMessage({baonoi: 1, type: 'size', height: 900}, '*'); }"
    )
    page.wait_for_timeout(300)
    assert page.query_selector(".baonoi-note") is None
    height = page.evaluate("() => document.querySelector('[data-baonoi] iframe').offsetHeight")
    assert height != 900


def test_a_frame_that_never_reports_is_refused_not_left_blank(
    context: Any, site: PortalServer, service: Service
) -> None:
    # The snippet served from a portal origin the operator did not list: the frame gets no
    # script to report with, so after its load the snippet gives up with the note.
    html = host_page(15, service)
    url = site.add("khong-ro", html)
    page, _ = open_page(context, url.replace("127.0.0.1", "localhost"))
    note = page.wait_for_selector(".baonoi-note", timeout=20_000)
    assert "Chưa nghe được bài này" in note.inner_text()
    assert page.query_selector("[data-baonoi] iframe") is None


def test_a_new_article_plays_in_the_frame_on_one_press_of_its_own_button(
    context: Any, site: PortalServer, service: Service
) -> None:
    url = site.add("moi-nghe", host_page(16, service))
    site.items["/tin-tuc/moi-nghe.aspx"].headers = {"Content-Security-Policy": portal_csp(service)}
    frame_errors: list[str] = []
    context.on(
        "console",
        lambda m: frame_errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page, violations = open_page(context, url)
    frame_element = page.wait_for_selector("[data-baonoi] iframe", state="attached")
    page.wait_for_function(
        "() => document.querySelector('[data-baonoi] iframe').style.visibility === 'visible'",
        timeout=30_000,
    )
    frame = frame_element.content_frame()
    assert frame is not None
    frame.wait_for_selector("#player:not([hidden])")
    assert frame.get_attribute("#audio", "controls") is None  # one set of controls: ours
    assert frame.inner_text("#toggle") == "Phát"
    frame.evaluate(
        "() => { window.played = false; document.getElementById('audio')"
        ".addEventListener('playing', () => { window.played = true; }); }"
    )
    frame.focus("#toggle")
    page.keyboard.press("Enter")  # the keyboard alone, one press
    frame.wait_for_function("() => window.played", timeout=30_000)
    frame.wait_for_function("() => document.getElementById('audio').currentTime > 0.3")
    assert frame.inner_text("#toggle") == "Tạm dừng"
    assert violations == [] and frame_errors == []
