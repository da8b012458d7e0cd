"""The player: nothing audio is fetched before play; then audio, timings and the highlight."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser

AUDIO = re.compile(r"(/audio\.(mp3|opus)|timings\.json|/audio/[0-9a-f.]+(mp3|opus))(\?|$)")
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
    assert any(url.endswith((".mp3", ".opus")) for url in seen)
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


def test_status_says_the_audio_is_being_prepared_then_it_plays(page: Any, live_server: Any) -> None:
    page.goto(live_server.at(f"/articles/{live_server.making}"))
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
    page.select_option("#speed", "1.5")
    assert page.evaluate("() => document.getElementById('audio').playbackRate") == 1.5
    page.reload()
    page.wait_for_selector("#player:not([hidden])")
    assert page.input_value("#speed") == "1.5"
    assert page.evaluate("() => document.getElementById('audio').playbackRate") == 1.5
