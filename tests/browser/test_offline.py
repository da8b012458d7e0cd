"""Listen offline: nothing is kept until the reader asks; a saved article's page and audio then
load and play with the network off (Chromium offline, the page's CSP in force); removing it
leaves nothing behind."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.pipeline import delete_article, ingest, synthesize

pytestmark = pytest.mark.browser

SAVED_ID, OTHER_ID = "offline-saved", "offline-other"
AUDIO = "document.getElementById('audio')"
# Every cache of the origin, and the URL paths each holds.
CACHED = """async () => {
  const out = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    out[name] = (await cache.keys()).map((r) => new URL(r.url).pathname);
  }
  return out;
}"""
WORKERS = "async () => (await navigator.serviceWorker.getRegistrations()).length"


def article_page(title: str) -> bytes:
    """A short article."""
    return (
        f"<html lang='vi'><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        "<p>Đoạn một: Ủy ban nhân dân tỉnh đã chỉ đạo các sở triển khai kế hoạch năm nay.</p>"
        "<p>Đoạn hai: các địa phương báo cáo kết quả trước ngày 15 tháng 12.</p>"
        "</article></body></html>"
    ).encode()


@pytest.fixture(scope="module")
def saved_articles(live_server: Any) -> Iterator[None]:
    """Two short articles with their audio made."""
    for article_id, title in ((OTHER_ID, "Bài không lưu"), (SAVED_ID, "Bài lưu để nghe")):
        ingest(live_server.services, article_page(title), article_id=article_id, queue_audio=False)
        synthesize(live_server.services, article_id)
    yield


def plays(page: Any) -> None:
    """Press "Phát" and wait for sound."""
    page.click("#toggle")
    page.wait_for_function(f"() => !{AUDIO}.paused && {AUDIO}.currentTime > 0.3", timeout=30_000)


def save(page: Any) -> str:
    """Open the offline panel, press save, wait until it says it is saved; its status."""
    page.click("#offline summary")
    page.wait_for_function("() => document.getElementById('off-status')?.textContent")
    page.click("#off-save")
    page.wait_for_function(
        "() => document.getElementById('off-status').textContent.startsWith('Đã lưu.')",
        timeout=60_000,
    )
    page.wait_for_function("async () => !!(await navigator.serviceWorker.ready).active")
    return str(page.inner_text("#off-status"))


@pytest.mark.parametrize(("query", "ext"), [("", ".mp3"), ("?lowdata=1", ".opus")])
def test_saved_article_page_and_audio_load_offline_and_nothing_is_kept_unasked(
    context: Any, live_server: Any, saved_articles: None, query: str, ext: str
) -> None:
    page = context.new_page()
    page.goto(live_server.at(f"/articles/{SAVED_ID}{query}"))
    page.wait_for_selector("#player:not([hidden])")
    plays(page)  # listening online keeps nothing
    page.goto(live_server.at(f"/articles/{OTHER_ID}"))
    plays(page)
    assert page.evaluate(CACHED) == {} and page.evaluate(WORKERS) == 0

    page.goto(live_server.at(f"/articles/{SAVED_ID}"))
    status = save(page)
    cached = page.evaluate(CACHED)
    assert list(cached) == [f"baonoi-offline-{SAVED_ID}"]
    paths = cached[f"baonoi-offline-{SAVED_ID}"]
    audio = [p for p in paths if p.startswith("/audio/") and not p.endswith(".timings.json")]
    assert len(audio) == 1 and audio[0].endswith(ext)  # Opus when low data is chosen
    assert f"/articles/{SAVED_ID}" in paths and "/static/player.js" in paths
    assert any(p.endswith(".timings.json") for p in paths)
    assert "Bài này đã được lưu:" in status and "1 bài đã lưu, chiếm" in status

    # Whatever the browser's HTTP cache kept from listening online goes: offline, only what was
    # saved on request can answer.
    context.new_cdp_session(page).send("Network.clearBrowserCache")
    context.set_offline(True)
    try:
        # The network is really gone, for the page and for the service worker's own fetches.
        assert page.evaluate("() => fetch('/healthz').then(() => 'online', () => 'offline')") == (
            "offline"
        )
        unsaved = context.new_page()
        unsaved.goto(live_server.at(f"/articles/{OTHER_ID}"))  # our page, in Vietnamese
        assert unsaved.inner_text("h1") == "Bài này chưa được lưu để nghe khi không có mạng"
        assert unsaved.inner_text("main li") == "Bài lưu để nghe"  # the saved ones, by title
        unsaved.click("main li a")
        unsaved.wait_for_selector("#player:not([hidden])")
        assert unsaved.url == live_server.at(f"/articles/{SAVED_ID}")
        unsaved.goto(live_server.at("/"))  # the list page too
        assert unsaved.inner_text("h1") == "Không có mạng"
        assert unsaved.inner_text("main li") == "Bài lưu để nghe"
        unsaved.close()
        response = page.goto(live_server.at(f"/articles/{SAVED_ID}"))
        assert response is not None and response.from_service_worker
        assert page.inner_text("h1") == "Bài lưu để nghe"
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_selector("#player:not([hidden])")  # its scripts came from the cache too
        plays(page)
        source = page.evaluate(f"() => {AUDIO}.currentSrc")  # MP3: read into a MediaSource
        assert source.endswith(ext) or (ext == ".mp3" and source.startswith("blob:"))
        # Every setting keeps working in the saved copy: its script was saved with it.
        size = page.locator("#prefs a", has_text="150%")
        size.scroll_into_view_if_needed()
        page.wait_for_selector("#prefs a[data-v]", state="attached")
        size.click()
        page.wait_for_function(
            "() => getComputedStyle(document.documentElement).fontSize === '24px'"
        )
    finally:
        context.set_offline(False)

    page.click("#offline summary")
    page.wait_for_selector("#off-remove:not([hidden])")
    page.click("#off-remove")
    page.wait_for_function(
        "() => document.getElementById('off-status').textContent.startsWith('Đã xóa')"
    )
    assert page.evaluate(CACHED) == {} and page.evaluate(WORKERS) == 0


def test_a_deleted_article_drops_its_saved_copy_at_the_next_online_visit_and_says_so(
    context: Any, live_server: Any
) -> None:
    gone_id = "offline-gone"
    ingest(
        live_server.services, article_page("Bài sẽ bị gỡ"), article_id=gone_id, queue_audio=False
    )
    synthesize(live_server.services, gone_id)
    page = context.new_page()
    page.goto(live_server.at(f"/articles/{gone_id}"))
    page.wait_for_selector("#player:not([hidden])")
    save(page)
    assert f"baonoi-offline-{gone_id}" in page.evaluate(CACHED)
    delete_article(live_server.services, gone_id)  # the operator's delete
    page.goto(live_server.at(f"/articles/{gone_id}"))  # online: the service says 404
    assert page.inner_text("h1") == "Bài này đã bị gỡ khỏi Báo nói"
    assert "Bản đã lưu trên máy này cũng đã được xóa" in page.inner_text("main")
    assert f"baonoi-offline-{gone_id}" not in page.evaluate(CACHED)
    for name in page.evaluate(CACHED):  # leave nothing for the other tests
        page.evaluate(f"() => caches.delete('{name}')")


@pytest.mark.parametrize("zoom", [200, 400])
def test_our_offline_pages_have_no_axe_violations_when_zoomed(
    browser: Any, live_server: Any, saved_articles: None, zoom: int
) -> None:
    from tests.browser.test_axe import WCAG_TAGS, ZOOMS, axe_violations

    viewport, scale = ZOOMS[zoom]
    context = browser.new_context(viewport=viewport, device_scale_factor=scale, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(live_server.at(f"/articles/{SAVED_ID}"))
        save(page)
        context.set_offline(True)
        for path in (f"/articles/{OTHER_ID}", "/"):
            page.goto(live_server.at(path))
            assert page.inner_text("main li") == "Bài lưu để nghe"
            assert axe_violations(page, WCAG_TAGS) == [], path
    finally:
        context.set_offline(False)
        context.close()
