"""The lexicon page in Chromium through ``baonoi serve``, CSP in force: hear, save, see it used."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_axe import WCAG_TAGS, axe_violations
from tests.browser.test_console import csp_reports
from tests.integration.processes import Processes, free_port, post_page, wait_until
from tests.integration.test_console_server import PASSWORD, add_user
from tests.integration.test_lexicon_server import _up, audio_ready

pytestmark = [pytest.mark.browser, pytest.mark.slow]
DATA = Path(__file__).resolve().parents[1] / "data" / "portal"
DURATION = """() => new Promise(resolve => {
  const audio = document.querySelector("audio");
  if (audio.readyState >= 1) return resolve(audio.duration);
  audio.addEventListener("loadedmetadata", () => resolve(audio.duration));
  audio.addEventListener("error", () => resolve(-1));
})"""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """``baonoi serve`` with an editor account and the short sample article's audio made."""
    env = {
        "BAONOI_DATA_DIR": str(tmp_path / "instance"),
        "BAONOI_AUDIO_CACHE_DIR": str(tmp_path / "audio"),
        "BAONOI_TTS_ENGINE": "espeak",
    }
    procs = Processes(env, tmp_path)
    try:
        add_user(procs, "lan", "editor")
        port = free_port()
        procs.start("web", "serve", "--port", str(port))
        base = f"http://127.0.0.1:{port}"
        wait_until(lambda: _up(base), 60, "baonoi serve did not start")
        page = (DATA / "sonlam-2021-11-05-zone-variant.html").read_bytes()
        assert post_page(base, page, "son").ok
        wait_until(lambda: audio_ready(base, "son"), 180, "the article's audio was not made")
        yield base
    finally:
        procs.stop_all()


def test_hear_save_and_see_the_reading_change(browser: Any, server: str) -> None:
    page = browser.new_context().new_page()
    reports = csp_reports(page)
    page.goto(f"{server}/admin/login")
    page.get_by_label("Tên đăng nhập").fill("lan")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_label("Mật khẩu").press("Enter")
    page.wait_for_url(f"{server}/admin/")
    page.get_by_role("navigation").get_by_role("link", name="Cách đọc").click()
    page.wait_for_url(f"{server}/admin/lexicon")
    assert axe_violations(page, WCAG_TAGS) == []

    page.get_by_label("Chữ viết", exact=True).fill("Sở Nội vụ")
    page.get_by_label("Cách đọc", exact=True).fill("sở nội vụ")
    page.get_by_role("button", name="Nghe thử").click()
    page.wait_for_selector("#trial audio")
    assert "sở nội vụ tổ chức hội nghị" in page.locator(".spoken-try").inner_text()
    assert page.evaluate(DURATION) > 1.0  # the audio loads (CSP media-src) and has a length
    assert axe_violations(page, WCAG_TAGS) == []

    page.get_by_role("button", name="Lưu").click()
    page.wait_for_selector("#changed")
    assert "1 bài và 2 câu đọc khác đi" in page.locator("#changed").inner_text()
    after = page.locator(".spoken-after").all_inner_texts()
    assert len(after) == 2 and all("sở nội vụ" in text for text in after)
    assert axe_violations(page, WCAG_TAGS) == []

    page.get_by_role("link", name="Sửa “Sở Nội vụ”").click()  # no restart in between
    assert "sở nội vụ tổ chức" in page.locator(".spoken-now").inner_text()
    assert page.get_by_label("Cách đọc", exact=True).input_value() == "sở nội vụ"
    assert axe_violations(page, WCAG_TAGS) == []
    assert reports == []
