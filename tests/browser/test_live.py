"""Speak now: a new article plays while its audio is made, in order, and hands over to the files.

The gated article's synthesis stops at one marked sentence until the test opens the gate, so
"seeking past what exists" is tested for certain, not by a race.
"""

from __future__ import annotations

import secrets
from typing import Any

import pytest

from app.pipeline import ingest
from tests.browser.conftest import gated_page
from tests.browser.test_player import HIGHLIGHTED_BLOCK, RECORD_STATUS

pytestmark = pytest.mark.browser

AUDIO_JS = "document.getElementById('audio')"
# Every currentTime the page reports while playing, recorded from now on.
RECORD_TIMES = f"""() => {{
  window.times = [];
  {AUDIO_JS}.addEventListener('timeupdate', () => window.times.push({AUDIO_JS}.currentTime));
  window.errors = 0;
  {AUDIO_JS}.addEventListener('error', () => window.errors++);
}}"""


def test_new_article_plays_in_order_while_made_and_seeking_ahead_waits_then_hands_over(
    page: Any, live_server: Any, gated_article: str
) -> None:
    page.goto(live_server.at(f"/articles/{gated_article}"))
    page.wait_for_selector("#player:not([hidden])")
    assert page.get_attribute("#player", "data-status") != "ready"
    page.evaluate(RECORD_STATUS)
    page.evaluate(RECORD_TIMES)
    page.click("#toggle")
    page.wait_for_function(f"() => !{AUDIO_JS}.paused && {AUDIO_JS}.currentTime > 0.5")
    assert page.evaluate(f"() => {AUDIO_JS}.src.startsWith('blob:')")  # the live stream
    assert page.evaluate(HIGHLIGHTED_BLOCK) == 0  # the title, in step with the sound
    made = page.evaluate(f"() => {AUDIO_JS}.buffered.end({AUDIO_JS}.buffered.length - 1)")
    assert made < 12  # held at the marked sentence: only the start exists

    page.focus("#toggle")
    page.keyboard.press("l")  # 15 s ahead: past what exists
    page.wait_for_function("() => window.said.some((t) => t.startsWith('Đang tạo đến đoạn này'))")
    assert page.evaluate(f"() => {AUDIO_JS}.currentTime") < made + 0.5  # waiting, not failed
    live_server.gate.set()
    page.wait_for_function(f"() => {AUDIO_JS}.currentTime >= 15 && !{AUDIO_JS}.paused")
    assert page.evaluate("() => window.errors") == 0
    times = page.evaluate("() => window.times")
    before_seek = times[: next(i for i, t in enumerate(times) if t >= 15)]
    assert before_seek == sorted(before_seek)  # the pieces played in order

    page.wait_for_function("() => document.getElementById('player').dataset.live !== 'making'")
    timings = page.request.get(live_server.at(f"/articles/{gated_article}/timings.json"))
    assert timings.ok  # the whole set is finished
    page.wait_for_function(f"() => {AUDIO_JS}.currentTime > 16")
    page.keyboard.press("k")  # pause: the finished files take over at the same position
    page.wait_for_function(
        f"() => !{AUDIO_JS}.src.startsWith('blob:') && {AUDIO_JS}.readyState >= 1"
    )
    paused_at = max(page.evaluate("() => window.times"))
    page.wait_for_function(f"() => Math.abs({AUDIO_JS}.currentTime - {paused_at}) < 0.3")
    assert page.evaluate(f"() => {AUDIO_JS}.currentSrc").split("?")[0].endswith((".opus", ".mp3"))
    page.keyboard.press("k")
    page.wait_for_function(f"() => !{AUDIO_JS}.paused && {AUDIO_JS}.currentTime > {paused_at}")
    now = page.evaluate(f"() => {AUDIO_JS}.currentTime")
    expected = [t["block"] for t in timings.json() if t["start"] <= now + 0.05][-1]
    page.wait_for_function(f"() => ({HIGHLIGHTED_BLOCK})() !== null")
    assert page.evaluate(HIGHLIGHTED_BLOCK) in (expected, expected + 1)  # the highlight in step


def test_without_javascript_the_page_says_when_audio_will_be_ready_without_refreshing(
    browser: Any, live_server: Any
) -> None:
    fresh = gated_page(secrets.randbelow(10**6)).replace(b"<h1>", "<h1>Không JS: ".encode())
    ingest(live_server.services, fresh, article_id="no-js", queue_audio=False)
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.at("/articles/no-js"))
    assert page.get_attribute("audio", "controls") is not None  # the browser's own, without JS
    info = page.inner_text("#audio-info")
    assert "dự kiến" in info or "xong sau khoảng" in info
    assert page.query_selector("meta[http-equiv='refresh' i]") is None  # focus is never taken
    check = page.get_attribute("#audio-info a", "href")
    assert check.endswith("#listen-h")  # a link the listener chooses to follow, to the player
    page.goto(live_server.at(f"/articles/{live_server.sample}"))
    assert page.get_attribute("#audio-info a[download]", "href").endswith(".mp3")
    context.close()


def test_without_media_source_a_new_article_plays_while_it_is_made(
    browser: Any, live_server: Any
) -> None:
    live_server.gate.clear()  # hold its synthesis at the marked sentence
    try:
        start = "".join(
            f"<p>Phần mở đầu {n}: các sở, ngành triển khai kế hoạch.</p>" for n in range(8)
        )
        page_bytes = gated_page(secrets.randbelow(10**6)).replace(
            "<p>Đây là".encode(), f"{start}<p>Đây là".encode(), 1
        )  # held well after the start: a plain <audio> wants some seconds before it plays
        ingest(
            live_server.services,
            page_bytes,
            article_id="plain",
            queue_audio=False,
        )
        context = browser.new_context(locale="vi-VN")
        context.add_init_script(
            "delete window.MediaSource; delete window.ManagedMediaSource;"
            " delete window.WebKitMediaSource;"
        )
        page = context.new_page()
        page.goto(live_server.at("/articles/plain"))
        page.wait_for_selector("#player:not([hidden])")
        assert page.evaluate("() => typeof MediaSource") == "undefined"
        page.click("#toggle")
        page.wait_for_function(f"() => !{AUDIO_JS}.paused && {AUDIO_JS}.currentTime > 0.5")
        assert page.evaluate(f"() => {AUDIO_JS}.src").endswith("/live.mp3?stream=1")
        state = page.request.get(live_server.at("/api/articles/plain")).json()["audio"]
        assert state["status"] != "ready"  # playing while the rest is held back
        page.wait_for_function(f"() => ({HIGHLIGHTED_BLOCK})() === 0")  # timings followed
        context.close()
    finally:
        live_server.gate.set()
