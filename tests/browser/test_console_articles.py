"""The console's article and work pages in Chromium with the CSP in force: axe, and a sentence
played from the made MP3 with one press."""

from __future__ import annotations

from typing import Any

import pytest

from app.store import worklog
from tests.browser.test_axe import WCAG_TAGS, axe_violations
from tests.browser.test_console import csp_reports, new_account, sign_in

pytestmark = pytest.mark.browser


def seed_work(live_server: Any) -> None:
    """A failed job, a failed portal fetch and a feed's pass, for the work page to show."""
    log = live_server.services.store.work_log()
    failure = {"article": live_server.making, "voice": "", "key": "k", "code": "synthesis_failed"}
    log.record(worklog.JOB, failure | {"error": "máy đọc hỏng"})
    fetch = {"url": "https://portal.example/tin/1.aspx", "outcome": "timeout", "vi": "Hết giờ"}
    log.record(worklog.FETCH, fetch)
    log.record_pass("https://portal.example/rss", {"new": 2, "changed": 0, "unchanged": 5})


@pytest.mark.parametrize("theme", ["light", "dark", "contrast"])
def test_article_and_work_pages_have_no_axe_violations(
    page: Any, live_server: Any, theme: str
) -> None:
    seed_work(live_server)
    page.goto(live_server.at(f"/?theme={theme}"))  # the reader's look, kept in its cookie
    reports = csp_reports(page)
    sign_in(page, live_server, new_account(live_server, "editor"))
    paths = [
        "/admin/",
        "/admin/?q=bac+kan&state=made",
        "/admin/?q=khong+co+bai+nao",
        f"/admin/articles/{live_server.sample}",
        f"/admin/articles/{live_server.making}",
        "/admin/work",
    ]
    for path in paths:
        page.goto(live_server.at(path))
        assert axe_violations(page, WCAG_TAGS) == [], path
    assert reports == []


def test_one_press_plays_one_sentence_and_it_stops_at_its_end(page: Any, live_server: Any) -> None:
    reports = csp_reports(page)
    sign_in(page, live_server, new_account(live_server, "editor"))
    page.goto(live_server.at(f"/admin/articles/{live_server.sample}"))
    players = page.locator("audio[aria-label^='Nghe câu']")
    spans = []
    for n in range(players.count()):
        start, _, end = (
            (players.nth(n).get_attribute("src") or "").rpartition("#t=")[2].partition(",")
        )
        spans.append((float(end) - float(start), n, float(end)))
    _, shortest, end = min(spans)
    player = players.nth(shortest)
    player.evaluate("audio => audio.play()")  # what the native control's play button does
    page.wait_for_function(
        "audio => audio.paused && audio.currentTime > 0",
        arg=player.element_handle(),
        timeout=30_000,
    )
    heard = player.evaluate("audio => audio.currentTime")
    assert abs(heard - end) < 0.5  # stopped at the sentence's end (the media fragment)
    assert reports == []
