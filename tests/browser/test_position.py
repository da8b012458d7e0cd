"""Where you are: a slider with the time in words, keys that move it, a one-row dock that leaves
room to read at every text size and zoom, and settings said in the status line."""

from __future__ import annotations

import re
from typing import Any

import pytest

from app.pipeline import ingest

pytestmark = pytest.mark.browser

AUDIO = "document.getElementById('audio')"
PHONE = {"width": 390, "height": 844}
# Browser zoom on a 1280×800 window: the CSS viewport shrinks by the zoom, pixels grow by it.
ZOOMS = {200: ({"width": 640, "height": 400}, 2), 400: ({"width": 320, "height": 200}, 4)}
# The docked row: its height, whether it is fixed to the screen, and whether its controls share
# one row (their boxes overlap vertically).
DOCK = """() => {
  const dock = document.querySelector('.dock'), box = dock.getBoundingClientRect();
  const parts = ['#toggle', '#seek', '#more']
    .map((s) => document.querySelector(s).getBoundingClientRect());
  const top = Math.max(...parts.map((b) => b.top));
  const bottom = Math.min(...parts.map((b) => b.bottom));
  return {height: box.height, fixed: getComputedStyle(dock).position === 'fixed',
          oneRow: top < bottom, screen: window.innerHeight};
}"""
WORDS = "document.getElementById('seek').getAttribute('aria-valuetext')"
SAID = "document.getElementById('prefs-status').textContent"
VIETNAMESE_TIME = re.compile(r"^(\d+ phút )?\d+ giây trên \d+ phút( \d+ giây)?$")


def dock_at(browser: Any, live_server: Any, viewport: dict[str, int], scale: int, size: int) -> Any:
    """The dock's measures on the sample article at text size ``size``."""
    context = browser.new_context(viewport=viewport, device_scale_factor=scale, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(live_server.at(f"/articles/{live_server.sample}?size={size}"))
        page.wait_for_selector("#player:not([hidden])")
        return page.evaluate(DOCK)
    finally:
        context.close()


@pytest.mark.parametrize("size", range(8))
def test_dock_is_one_row_of_at_most_a_fifth_of_a_phone_screen_at_every_text_size(
    browser: Any, live_server: Any, size: int
) -> None:
    dock = dock_at(browser, live_server, PHONE, 3, size)
    assert dock["fixed"] and dock["oneRow"]
    assert dock["height"] <= 0.2 * dock["screen"], dock


@pytest.mark.parametrize("size", [0, 7])
@pytest.mark.parametrize("zoom", sorted(ZOOMS))
def test_dock_is_one_row_of_at_most_a_fifth_of_the_screen_when_zoomed(
    browser: Any, live_server: Any, zoom: int, size: int
) -> None:
    viewport, scale = ZOOMS[zoom]
    dock = dock_at(browser, live_server, viewport, scale, size)
    assert dock["oneRow"]
    assert dock["height"] <= 0.2 * dock["screen"], dock


def test_slider_moves_while_playing_and_says_the_time_in_words(page: Any, live_server: Any) -> None:
    page.goto(live_server.at(f"/articles/{live_server.sample}"))
    page.wait_for_selector("#player:not([hidden])")
    words = page.get_attribute("#seek", "aria-valuetext")
    assert words.startswith("0 giây trên ") and VIETNAMESE_TIME.match(words)  # the total, before
    assert page.get_attribute("#seek", "type") == "range"
    page.click("#toggle")
    page.wait_for_function("() => Number(document.getElementById('seek').value) >= 2")
    words = page.get_attribute("#seek", "aria-valuetext")
    assert VIETNAMESE_TIME.match(words) and not words.startswith("0 giây")
    assert re.match(r"^\d+:\d\d / \d+:\d\d$", page.inner_text("#time"))
    # Made already, it still streams: the finished MP3 read into a MediaSource.
    assert page.evaluate(f"() => {AUDIO}.currentSrc").startswith("blob:")


def test_the_frame_has_the_slider_and_the_speed_choice(page: Any, live_server: Any) -> None:
    page.goto(live_server.at(f"/embed/{live_server.sample}"))
    page.wait_for_selector("#player:not([hidden])")
    assert VIETNAMESE_TIME.match(page.get_attribute("#seek", "aria-valuetext"))
    page.select_option("#speed", "1.5")
    assert page.evaluate(f"() => {AUDIO}.playbackRate") == 1.5
    page.click("#toggle")
    page.wait_for_function("() => Number(document.getElementById('seek').value) >= 1")


def test_slider_keys_move_five_seconds_and_page_keys_a_minute(page: Any, live_server: Any) -> None:
    page.goto(live_server.at(f"/articles/{live_server.sample}"))
    page.wait_for_selector("#player:not([hidden])")
    page.click("#toggle")
    page.wait_for_function(f"() => {AUDIO}.currentTime > 0.2", timeout=30_000)
    page.click("#toggle")  # paused: the position moves only by the keys
    page.wait_for_function(  # and handed over to the finished file (seekable by Range)
        f"() => {AUDIO}.paused && {AUDIO}.readyState >= 2 && {AUDIO}.currentTime > 0.2"
    )

    def moved(key: str) -> float:
        before = page.evaluate(f"() => {AUDIO}.currentTime")
        page.focus("#seek")
        page.keyboard.press(key)
        page.wait_for_function(f"() => Math.abs({AUDIO}.currentTime - {before}) > 1")
        return float(page.evaluate(f"() => {AUDIO}.currentTime")) - before

    assert moved("PageUp") == pytest.approx(60, abs=1)
    assert moved("ArrowRight") == pytest.approx(5, abs=1)
    assert moved("ArrowLeft") == pytest.approx(-5, abs=1)
    assert moved("PageDown") == pytest.approx(-60, abs=1)
    words = page.get_attribute("#seek", "aria-valuetext")
    assert VIETNAMESE_TIME.match(words)


def test_a_new_articles_total_grows_and_says_so(page: Any, live_server: Any) -> None:
    body = "".join(
        f"<p>Đoạn {n}: các địa phương báo cáo kết quả thực hiện kế hoạch trước ngày 15.</p>"
        for n in range(1, 7)
    )
    html = f"<html lang='vi'><body><article><h1>Bài mới để nghe</h1>{body}</article></body></html>"
    ingest(live_server.services, html.encode(), article_id="grows", queue_audio=False)
    page.goto(live_server.at("/articles/grows"))
    page.wait_for_selector("#player:not([hidden])")
    assert page.is_visible("#audio-info .pre")  # "made when you press play", before the press
    page.evaluate(
        """() => { window.words = []; const bar = document.getElementById('seek');
          new MutationObserver(() => window.words.push(bar.getAttribute('aria-valuetext')))
            .observe(bar, {attributes: true, attributeFilter: ['aria-valuetext']}); }"""
    )
    page.click("#toggle")
    assert not page.is_visible("#audio-info .pre")  # no longer true, no longer said
    page.wait_for_function(
        f"() => /đang tạo tiếp$/.test({WORDS})"
        " || document.getElementById('player').getAttribute('data-live') !== 'making'",
        timeout=90_000,
    )
    page.wait_for_function(
        f"() => / trên \\d/.test({WORDS}) && !/đang tạo tiếp$/.test({WORDS})",
        timeout=90_000,
    )  # made: the total is the whole article's
    assert any(w.endswith("đã tạo, đang tạo tiếp") for w in page.evaluate("() => window.words"))


def test_secondary_controls_are_behind_more_and_reachable_by_keyboard(
    page: Any, live_server: Any
) -> None:
    page.goto(live_server.at(f"/articles/{live_server.sample}"))
    page.wait_for_selector("#player:not([hidden])")
    assert not page.is_visible("#speed")
    page.focus("#more")
    page.keyboard.press("Enter")
    assert page.get_attribute("#more", "aria-expanded") == "true"
    page.focus("#speed")
    page.select_option("#speed", "1.25")
    assert page.evaluate(f"() => {AUDIO}.playbackRate") == 1.25
    assert page.inner_text("#player-status") == "Tốc độ 1,25×."
    page.keyboard.press("Shift+Tab")
    focused = page.evaluate("() => document.activeElement.textContent")
    assert focused == "Đoạn sau"


def test_a_text_size_or_theme_change_is_said_in_the_status_line(
    page: Any, live_server: Any
) -> None:
    page.goto(live_server.at(f"/articles/{live_server.sample}"))
    page.wait_for_selector("#player:not([hidden])")
    size = page.locator("#prefs a", has_text="150%")
    size.scroll_into_view_if_needed()
    page.wait_for_selector("#prefs a[data-v]", state="attached")  # its script, loaded when near
    size.click()
    assert page.get_attribute("#prefs-status", "role") == "status"
    page.wait_for_function(f"() => {SAID} === 'Cỡ chữ: 150%.'")
    page.locator("#prefs a", has_text="Tối").click()
    page.wait_for_function(f"() => {SAID} === 'Màu nền: Tối.'")
