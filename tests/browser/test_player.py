"""The player: nothing audio is fetched before play; then audio, timings and the highlight."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser

AUDIO = re.compile(
    r"(/audio\.(mp3|opus)|timings\.json|/audio/[0-9a-f.]+(mp3|opus)|/live\.(mp3|json))(\?|$)"
)
HIGHLIGHTED_BLOCK = """() => {
  const hl = window.CSS && CSS.highlights && CSS.highlights.get('now');
  if (hl && hl.size) {
    const range = [...hl][0], node = range.startContainer;
    const el = node.nodeType === 1 ? node : node.parentElement;
    const block = el.closest('[data-block]');
    return block ? Number(block.dataset.block) : null;
  }
  const now = document.querySelector('.now');
  return now ? Number(now.dataset.block) : null;
}"""
# Everything the live region ever said, recorded from now on.
RECORD_STATUS = """() => {
  window.said = [];
  const region = document.getElementById('player-status');
  new MutationObserver(() => window.said.push(region.textContent))
    .observe(region, {childList: true, characterData: true, subtree: true});
}"""


def audio_requests(page: Any) -> list[str]:
    """Start recording the page's requests for audio or timings; the list fills as they happen."""
    seen: list[str] = []
    page.on(
        "request", lambda request: seen.append(request.url) if AUDIO.search(request.url) else None
    )
    return seen


def test_nothing_audio_is_fetched_until_play_then_the_first_sentence_is_highlighted(
    page: Any, live_server: Any
) -> None:
    seen = audio_requests(page)
    page.goto(live_server.at(f"/articles/{live_server.sample}"))
    page.wait_for_selector("#player:not([hidden])")
    page.wait_for_load_state("networkidle")
    assert seen == []
    assert page.get_attribute("audio", "preload") == "none"
    assert re.search(r"\d+ phút \d+ giây · \d+,\d MB", page.inner_text("#audio-info"))
    page.click("#toggle")
    page.wait_for_function("() => !document.getElementById('audio').paused")
    page.wait_for_function(f"() => ({HIGHLIGHTED_BLOCK})() !== null")
    assert any(url.endswith((".mp3", ".opus")) for url in seen)  # the finished files
    assert any("timings.json" in url for url in seen)
    assert page.evaluate(HIGHLIGHTED_BLOCK) == 0  # the title is the first sentence
    assert page.inner_text("#toggle") == "Tạm dừng"
    title = page.inner_text("h1")
    assert page.evaluate("() => navigator.mediaSession.metadata.title") == title


def test_clicking_a_paragraph_plays_from_there(page: Any, live_server: Any) -> None:
    page.goto(live_server.at(f"/articles/{live_server.sample}"))
    page.wait_for_selector("#player:not([hidden])")
    page.click("#b4 p")
    page.wait_for_function(f"() => ({HIGHLIGHTED_BLOCK})() === 4")
    assert not page.evaluate("() => document.getElementById('audio').paused")


def test_player_keys_work_only_while_the_player_has_focus(page: Any, live_server: Any) -> None:
    page.goto(live_server.at(f"/articles/{live_server.sample}"))
    page.wait_for_selector("#player:not([hidden])")
    page.focus("main")
    page.keyboard.press("k")
    assert page.evaluate("() => document.getElementById('audio').paused")
    page.focus("#toggle")
    page.keyboard.press("k")
    page.wait_for_function("() => !document.getElementById('audio').paused")
    page.keyboard.press("]")  # next paragraph: the lead
    page.wait_for_function(f"() => ({HIGHLIGHTED_BLOCK})() === 1")


def test_position_is_resumed_on_return_and_the_sentence_kept_in_view(
    page: Any, live_server: Any
) -> None:
    timings = page.request.get(live_server.at(f"/articles/{live_server.sample}/timings.json"))
    late = [t for t in timings.json() if t["start"] > 300][0]  # far below the first screen
    page.goto(live_server.at(f"/articles/{live_server.sample}"))
    version = page.get_attribute("#player", "data-version")
    key = f"baonoi:pos:{live_server.sample}:{version}"
    page.evaluate(f"() => localStorage.setItem('{key}', '{late['start'] + 0.1}')")
    page.reload()
    page.wait_for_selector("#player:not([hidden])")
    page.evaluate(RECORD_STATUS)
    page.click("#toggle")
    page.wait_for_function(f"() => ({HIGHLIGHTED_BLOCK})() === {late['block']}")
    assert "Tiếp tục từ lần nghe trước." in page.evaluate("() => window.said")
    page.wait_for_function(  # scrolled to it (smoothly, unless reduced motion is asked for)
        f"""() => {{
          const box = document.getElementById('b{late["block"]}').getBoundingClientRect();
          return box.top < window.innerHeight && box.bottom > 0;
        }}"""
    )


def test_status_says_the_audio_is_being_prepared_then_it_plays(
    page: Any, live_server: Any, unmade_article: str
) -> None:
    page.goto(live_server.at(f"/articles/{unmade_article}"))
    page.wait_for_selector("#player:not([hidden])")
    assert page.get_attribute("#player", "data-status") != "ready"
    page.evaluate(RECORD_STATUS)
    page.click("#toggle")
    page.wait_for_function(
        "() => !document.getElementById('audio').paused && "
        "document.getElementById('audio').currentTime > 0",
        timeout=90_000,
    )
    said = page.evaluate("() => window.said")
    assert said[0] == "Đang chuẩn bị âm thanh…" and "Đang phát." in said


def test_chosen_speed_is_applied_and_remembered(page: Any, live_server: Any) -> None:
    page.goto(live_server.at(f"/articles/{live_server.sample}"))
    page.wait_for_selector("#player:not([hidden])")
    page.click("#more")  # behind "Thêm"
    page.select_option("#speed", "1.5")
    assert page.evaluate("() => document.getElementById('audio').playbackRate") == 1.5
    page.reload()
    page.wait_for_selector("#player:not([hidden])")
    assert page.input_value("#speed") == "1.5"
    assert page.evaluate("() => document.getElementById('audio').playbackRate") == 1.5


# Every baonoi:* event the player sends, recorded from now on.
RECORD_EVENTS = """() => {
  window.told = [];
  for (const name of ['play', 'pause', 'ended']) {
    document.addEventListener('baonoi:' + name, (e) => window.told.push([name, e.detail.id]));
  }
}"""


def test_status_line_says_pause_and_jumps_and_other_scripts_hear_the_player(
    page: Any, live_server: Any
) -> None:
    page.goto(live_server.at(f"/articles/{live_server.sample}"))
    page.wait_for_selector("#player:not([hidden])")
    page.evaluate(RECORD_STATUS)
    page.evaluate(RECORD_EVENTS)
    assert page.get_attribute("#player-status", "aria-live") == "polite"
    page.evaluate("() => document.dispatchEvent(new CustomEvent('baonoi:play-request'))")
    page.wait_for_function("() => document.getElementById('audio').currentTime > 0.3")
    page.wait_for_function("() => window.said.includes('Đang phát.')")
    page.focus("#toggle")
    page.keyboard.press(".")  # next sentence
    page.wait_for_function("() => /^Câu 2\\/\\d+\\.$/.test(window.said[window.said.length - 1])")
    page.keyboard.press("]")  # from the lead (the second sentence) to the third block
    page.wait_for_function("() => window.said[window.said.length - 1] === 'Đoạn 3.'")
    page.keyboard.press("k")
    page.wait_for_function("() => window.said.includes('Đã dừng.')")
    told = page.evaluate("() => window.told")
    assert told[0] == ["play", live_server.sample] and told[-1] == ["pause", live_server.sample]
    page.evaluate("() => document.dispatchEvent(new CustomEvent('baonoi:play-request'))")
    page.wait_for_function("() => window.said[window.said.length - 1] === 'Đang phát.'")


def test_one_docked_player_stays_in_reach_at_400_percent_and_hides_no_text(
    browser: Any, live_server: Any
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 200}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.at(f"/articles/{live_server.sample}"))
    page.wait_for_selector("#player:not([hidden])")
    assert page.get_attribute("#audio", "controls") is None  # one set of controls
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    box = page.evaluate(
        """() => {
          const dock = document.querySelector('.dock').getBoundingClientRect();
          const last = document.querySelector('footer p').getBoundingClientRect();
          return {dockTop: dock.top, dockBottom: dock.bottom, textBottom: last.bottom,
                  height: window.innerHeight};
        }"""
    )
    assert abs(box["dockBottom"] - box["height"]) < 1  # at the bottom, after scrolling
    assert box["textBottom"] <= box["dockTop"] + 1  # room was kept: the last line shows
    assert box["dockBottom"] - box["dockTop"] < box["height"] / 2
    page.focus("#toggle")
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.getElementById('audio').paused")
    context.close()


def test_settings_apply_in_place_and_are_kept(page: Any, live_server: Any) -> None:
    page.goto(live_server.at(f"/articles/{live_server.sample}"))
    page.wait_for_selector("#player:not([hidden])")
    dark = page.locator("#prefs a", has_text="Tối")
    assert dark.get_attribute("href").endswith("#prefs-h")  # without JS: back to the panel
    dark.scroll_into_view_if_needed()
    page.wait_for_selector("#prefs a[data-v]", state="attached")  # its script, loaded when near
    page.evaluate("() => { window.stayed = true; }")
    dark.click()
    page.wait_for_function("() => document.documentElement.classList.contains('t-dark')")
    page.locator("#prefs a", has_text="200%").click()
    page.wait_for_function("() => document.documentElement.style.fontSize === '200%'")
    assert page.evaluate("() => window.stayed")  # no reload
    assert page.evaluate(
        "() => { const r = document.getElementById('prefs').getBoundingClientRect();"
        " return r.top < window.innerHeight && r.bottom > 0; }"
    )  # the reader's place is kept
    assert page.locator("#prefs a", has_text="Tối").get_attribute("aria-current") == "true"
    assert "(đang dùng)" in page.locator("#prefs a", has_text="Tối").inner_text()
    page.wait_for_load_state("networkidle")  # the HEAD request that saves them
    page.goto(live_server.at(f"/articles/{live_server.sample}"))
    assert "t-dark" in page.get_attribute("html", "class")
    assert page.evaluate("() => document.documentElement.style.fontSize") == "200%"
