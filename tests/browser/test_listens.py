"""Listens through ``baonoi serve``: beacons answered by the real server, a flood bounded, and
an article played to the end in Chromium (CSP in force) counted in ``/admin/listens.csv``."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from app.config import Settings
from app.store import open_store
from app.web.console.manage import add_account
from tests.browser.test_axe import WCAG_TAGS, axe_violations
from tests.integration.processes import Processes, post_page, wait_until

pytestmark = pytest.mark.browser
ARTICLE = "ngan"
EDITOR, PASSWORD = "bien-tap", "mật khẩu đủ dài 123"  # noqa: S105 (a test password)


def ready(base: str) -> bool:
    """Whether the article's audio is made."""
    answer = requests.get(f"{base}/api/articles/{ARTICLE}", timeout=5).json()
    return bool(answer["audio"]["status"] == "ready")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, short_page: bytes) -> Iterator[str]:
    """``baonoi serve`` on the embedded store, the short article's audio made, an editor."""
    root = tmp_path_factory.mktemp("listens")
    env = {
        "BAONOI_DATA_DIR": str(root / "instance"),
        "BAONOI_AUDIO_CACHE_DIR": str(root / "audio"),
        "BAONOI_TTS_ENGINE": "espeak",
    }
    processes = Processes(env, root)
    try:
        base = processes.web("web")
        assert post_page(base, short_page, ARTICLE).status_code == 201
        requests.post(f"{base}/articles/{ARTICLE}/listen", timeout=5)
        wait_until(lambda: ready(base), 120, "the short article's audio was not made")
        store = open_store(Settings(data_dir=root / "instance"))
        add_account(store, EDITOR, "editor", PASSWORD)
        store.close()
        yield base
    finally:
        processes.stop_all()


def play_to_the_end(page: Any) -> None:
    """Press "Phát" on the reader's player and hear the article to its end, 16 times as fast."""
    page.click("#toggle")
    page.wait_for_function("() => !document.getElementById('audio').paused")
    page.evaluate("() => { document.getElementById('audio').playbackRate = 16; }")
    page.wait_for_function(
        "() => document.getElementById('player-status').textContent.includes('Đã đọc hết bài')",
        timeout=60_000,
    )


def csv_rows(context: Any, base: str, query: str) -> list[dict[str, str]]:
    """``/admin/listens.csv?query`` read as rows, through a signed-in browser context."""
    response = context.request.get(f"{base}/admin/listens.csv?{query}")
    assert response.status == 200
    return list(csv.DictReader(io.StringIO(response.text().lstrip("\ufeff"))))


def test_the_server_counts_beacons_and_bounds_a_flood(served: str) -> None:
    beacon = {"Content-Type": "text/plain;charset=UTF-8"}
    good = requests.post(
        f"{served}/listens", data=f"a={ARTICLE}&s=f&m=1", headers=beacon, timeout=5
    )
    assert good.status_code == 204 and "Set-Cookie" not in good.headers
    junk = requests.post(f"{served}/listens", data="a=khong-co&s=f&m=1", headers=beacon, timeout=5)
    assert junk.status_code == 400 and "Set-Cookie" not in junk.headers
    with requests.Session() as flood:
        answers = [
            flood.post(f"{served}/listens", data=f"a={ARTICLE}&s=c&m=1", headers=beacon).status_code
            for _ in range(150)
        ]
    assert answers.count(204) < 80 and answers[-1] == 429
    time.sleep(1.5)  # the tally writes once a second
    with requests.Session() as editor:
        token = editor.get(f"{served}/admin/login").text.split('name="csrf_token" value="')[1]
        login = {"username": EDITOR, "password": PASSWORD, "csrf_token": token.split('"')[0]}
        assert editor.post(f"{served}/admin/login", data=login).status_code == 200
        page = editor.get(f"{served}/admin/listens?surface=continuous")
        assert page.status_code == 200
        assert f"{answers.count(204)} lượt nghe" in page.text


def test_an_article_played_to_the_end_is_counted_in_the_csv(browser: Any, served: str) -> None:
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{served}/articles/{ARTICLE}")
    page.wait_for_selector("#player:not([hidden])")
    beacons: list[str] = []
    page.on("request", lambda r: r.url.endswith("/listens") and beacons.append(r.post_data or ""))
    play_to_the_end(page)
    page.wait_for_timeout(1500)  # the last beacon, then the tally's second
    assert beacons and all(len(b.encode()) < 80 for b in beacons)
    assert not [e for e in errors if "Content Security Policy" in e]
    page.goto(f"{served}/admin/login")
    page.fill("[name=username]", EDITOR)
    page.fill("[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/**")
    rows = [r for r in csv_rows(context, served, "surface=reader") if r["article"] == ARTICLE]
    assert len(rows) == 1
    assert rows[0]["plays"] == rows[0]["complete"] == "1"
    assert rows[0]["q25"] == rows[0]["q50"] == rows[0]["q75"] == "1"
    assert int(rows[0]["seconds"]) > 20  # heard, not jumped over
    page.goto(f"{served}/admin/listens")
    assert axe_violations(page, WCAG_TAGS) == []
    context.close()


def test_a_saved_copy_played_offline_is_counted_once_back_online(browser: Any, served: str) -> None:
    from tests.browser.test_offline import CACHED, save

    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.goto(f"{served}/articles/{ARTICLE}")
    page.wait_for_selector("#player:not([hidden])")
    save(page)
    assert "/static/listens.js" in page.evaluate(CACHED)[f"baonoi-offline-{ARTICLE}"]
    context.new_cdp_session(page).send("Network.clearBrowserCache")
    context.set_offline(True)
    try:
        response = page.goto(f"{served}/articles/{ARTICLE}")
        assert response is not None and response.from_service_worker
        page.wait_for_selector("#player:not([hidden])")
        play_to_the_end(page)
        queued = page.evaluate("() => JSON.parse(localStorage.getItem('baonoi:listens'))")
        assert queued and all("&s=o&" in r["body"] for r in queued)
    finally:
        context.set_offline(False)
    page.goto(f"{served}/articles/{ARTICLE}")  # online again: the next report takes them along
    page.wait_for_selector("#player:not([hidden])")
    page.click("#toggle")
    page.wait_for_function("() => localStorage.getItem('baonoi:listens') === '[]'")
    page.wait_for_timeout(1500)  # the tally's second
    page.goto(f"{served}/admin/login")
    page.fill("[name=username]", EDITOR)
    page.fill("[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/**")
    rows = [r for r in csv_rows(context, served, "surface=offline") if r["article"] == ARTICLE]
    assert len(rows) == 1 and rows[0]["plays"] == rows[0]["complete"] == "1"
    context.close()


def counted(base: str, surface: str) -> tuple[int, int]:
    """Today's plays and completions of the article on ``surface``, as the CSV says."""
    with requests.Session() as editor:
        token = editor.get(f"{base}/admin/login", timeout=10).text
        token = token.split('name="csrf_token" value="')[1].split('"')[0]
        login = {"username": EDITOR, "password": PASSWORD, "csrf_token": token}
        editor.post(f"{base}/admin/login", data=login, timeout=10).raise_for_status()
        text = editor.get(f"{base}/admin/listens.csv?days=1&surface={surface}", timeout=10).text
    rows = [
        r for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff"))) if r["article"] == ARTICLE
    ]
    return (int(rows[0]["plays"]), int(rows[0]["complete"])) if rows else (0, 0)


@pytest.mark.parametrize(
    ("surface", "path", "button"),
    [("frame", f"/embed/{ARTICLE}", "#toggle"), ("continuous", "/", "[data-q=toggle]")],
)
def test_the_frame_and_continuous_listening_count_on_their_surface(
    browser: Any, served: str, surface: str, path: str, button: str
) -> None:
    before = counted(served, surface)
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.goto(served + path)
    page.click(button)
    audio = "document.querySelector('audio')"
    page.wait_for_function(f"() => !{audio}.paused && {audio}.currentTime > 0")
    page.evaluate(f"() => {{ {audio}.playbackRate = 16; }}")
    ended = "document.getElementById('player-status')?.textContent.includes('Đã đọc hết bài')"
    page.wait_for_function(  # the frame's player lets go of its stream at the end: ``src`` empty
        f"() => {audio}.ended || {audio}.src.includes('/announce/') || {ended}", timeout=60_000
    )
    page.wait_for_timeout(1500)
    context.close()
    assert counted(served, surface) == (before[0] + 1, before[1] + 1)


@pytest.mark.parametrize("theme", ["dark", "sepia", "contrast"])
def test_the_listens_page_has_no_axe_violations_in_other_themes(
    browser: Any, served: str, theme: str
) -> None:
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.goto(f"{served}/?theme={theme}")  # the reader's look, remembered in its cookie
    page.goto(f"{served}/admin/login")
    page.fill("[name=username]", EDITOR)
    page.fill("[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/**")
    page.goto(f"{served}/admin/listens?surface=reader")
    assert page.evaluate("() => document.documentElement.className").startswith(f"t-{theme}")
    assert axe_violations(page, WCAG_TAGS) == []
    context.close()
