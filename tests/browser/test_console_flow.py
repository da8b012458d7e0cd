"""Issue 26's measured goal, one editor's morning in Chromium through a real ``baonoi serve``
(CSP in force): sign in, hear and save a reading, see it used without a restart with only the
changed sentences made again, play the article to the end and find it counted, be refused the
accounts page, and lock a name with ten wrong passwords."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.config import Settings
from app.store import open_store
from app.web.console.manage import add_account
from tests.browser.test_console import csp_reports
from tests.browser.test_console_lexicon import DURATION
from tests.browser.test_console_server import sign_in
from tests.browser.test_listens import play_to_the_end
from tests.integration.processes import embedded, post_page, wait_until
from tests.integration.test_console_server import PASSWORD
from tests.integration.test_lexicon_server import audio_ready

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ARTICLE = "son"  # the short sample article: "Sở Nội vụ" is said in two of its sentences
WORD, READING = "Sở Nội vụ", "sở nội vụ"


@pytest.fixture
def served(tmp_path: Path, short_page: bytes) -> Iterator[tuple[str, Path]]:
    """``baonoi serve`` on an embedded store with an admin and an editor, the short article
    made; its base URL and data directory."""
    instance = tmp_path / "instance"
    store = open_store(Settings(data_dir=instance))
    add_account(store, "lan", "admin", PASSWORD)
    add_account(store, "minh", "editor", PASSWORD)
    store.close()
    procs = embedded(tmp_path)
    try:
        base = procs.web("web")
        assert post_page(base, short_page, ARTICLE).status_code == 201
        wait_until(lambda: audio_ready(base, ARTICLE), 180, "the article's audio was not made")
        yield base, instance
    finally:
        procs.stop_all()


def engine_calls(instance: Path) -> int:
    """Sentences the engine has spoken so far (the store's counter, shared by every process)."""
    store = open_store(Settings(data_dir=instance))
    try:
        return store.counters(["sentences_synthesized"])["sentences_synthesized"]
    finally:
        store.close()


def spoken_column(page: Any) -> list[str]:
    """The article page's spoken forms, in order (the second data cell of each sentence row)."""
    return [
        text.strip() for text in page.locator("tr[id^='s-'] td:nth-of-type(2)").all_inner_texts()
    ]


def listens_csv(context: Any, base: str) -> list[dict[str, str]]:
    """``/admin/listens.csv`` as rows, fetched with the context's (signed-in) cookies."""
    answer = context.request.get(f"{base}/admin/listens.csv")
    assert answer.status == 200
    return list(csv.DictReader(io.StringIO(answer.text().lstrip("\ufeff"))))


def test_an_editor_fixes_a_reading_by_ear_and_a_listen_is_counted_not_tracked(
    browser: Any, served: tuple[str, Path]
) -> None:
    base, instance = served
    full = engine_calls(instance)  # the first making: every sentence
    first_key = audio_ready(base, ARTICLE)["key"]  # type: ignore[index]
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    reports = csp_reports(page)

    assert sign_in(page, base, "minh").status == 200
    assert page.url == f"{base}/admin/"
    page.goto(f"{base}/admin/articles/{ARTICLE}")
    before = spoken_column(page)
    saying = [n for n, text in enumerate(before) if WORD in text]
    assert len(saying) == 2, before

    page.goto(f"{base}/admin/lexicon")
    page.get_by_label("Chữ viết", exact=True).fill(WORD)
    page.get_by_label("Cách đọc", exact=True).fill(READING)
    page.get_by_role("button", name="Nghe thử").click()
    page.wait_for_selector("#trial audio")
    assert page.evaluate(DURATION) > 0  # the trial loads under the CSP and has a length
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_selector("#changed")
    assert "1 bài và 2 câu đọc khác đi" in page.locator("#changed").inner_text()

    page.goto(f"{base}/admin/articles/{ARTICLE}")  # the same process, no restart
    after = spoken_column(page)
    assert [
        n for n, (old, new) in enumerate(zip(before, after, strict=True)) if old != new
    ] == saying
    assert all(READING in after[n] and WORD not in after[n] for n in saying)
    wait_until(
        lambda: (now := audio_ready(base, ARTICLE)) and now["key"] != first_key,
        120,
        "the article was not made again",
    )
    again = engine_calls(instance) - full
    print(f"engine calls: {full} for the whole article, {again} after the lexicon change")
    # Two sentences changed; the one heard in "Nghe thử" was already in the sentence cache.
    assert again == 1, (again, full)

    page.goto(f"{base}/articles/{ARTICLE}")  # the reader, played to the end
    page.wait_for_selector("#player:not([hidden])")
    play_to_the_end(page)
    wait_until(
        lambda: any(
            r["article"] == ARTICLE and int(r["complete"]) >= 1 for r in listens_csv(context, base)
        ),
        10,
        "the listen was not counted in /admin/listens.csv",
    )
    assert not [c for c in context.cookies() if c["name"] != "baonoi_console"]  # nothing else set

    assert page.goto(f"{base}/admin/users").status == 403
    assert reports == []
    context.close()

    locked = browser.new_context(locale="vi-VN")
    page = locked.new_page()
    for number in range(10):
        assert sign_in(page, base, "lan", f"đoán-mò-{number}").status == 401
    answer = sign_in(page, base, "lan")  # the right password, refused
    assert answer.status == 429
    assert "bị khóa" in page.get_by_role("alert").inner_text()
    locked.close()
