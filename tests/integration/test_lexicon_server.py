"""The lexicon page through ``baonoi serve --workers 2``: heard, saved, used by both processes,
and only the changed sentences made again."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from app.audio import decode
from app.config import Settings
from app.store import open_store
from tests.integration.processes import Processes, free_port, post_page, wait_until
from tests.integration.test_console_server import add_user, sign_in, token

pytestmark = pytest.mark.slow
DATA = Path(__file__).resolve().parents[1] / "data" / "portal"
AUDIO = re.compile(r'<audio controls[^>]* src="(/admin/lexicon/nghe-thu/[0-9a-f]{32}\.mp3)"')
NOW = re.compile(r'<span class="spoken-now">([^<]*)</span>')
WORD = "Sở Nội vụ"  # said in two sentences of the short sample article


@pytest.fixture
def procs(tmp_path: Path) -> Iterator[Processes]:
    """Processes on one embedded store, with an operator's old lexicon.tsv to import."""
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "lexicon.tsv").write_text("UBND\tủy ban nhân dân\n", "utf-8")
    env = {
        "BAONOI_DATA_DIR": str(instance),
        "BAONOI_AUDIO_CACHE_DIR": str(tmp_path / "audio"),
        "BAONOI_TTS_ENGINE": "espeak",
    }
    running = Processes(env, tmp_path)
    yield running
    running.stop_all()


def audio_ready(base: str, article_id: str) -> dict[str, object] | None:
    """The article's audio JSON once ready, else None."""
    found = requests.get(f"{base}/api/articles/{article_id}", timeout=10).json()["audio"]
    return dict(found) if found["status"] == "ready" else None


def reading_now(base: str, cookies: requests.cookies.RequestsCookieJar) -> str:
    """How a fresh connection (either process) reads the word's sentence now."""
    with requests.Session() as fresh:
        fresh.cookies.update(cookies)
        page = fresh.get(f"{base}/admin/lexicon", params={"written": WORD}, timeout=10).text
    found = NOW.search(page)
    assert found, page[:500]
    return found.group(1)


def test_a_change_is_heard_saved_and_used_by_every_process(
    procs: Processes, tmp_path: Path
) -> None:
    add_user(procs, "lan", "editor")
    port = free_port()
    procs.start("web", "serve", "--port", str(port), "--workers", "2")
    base = f"http://127.0.0.1:{port}"
    wait_until(lambda: _up(base), 60, "baonoi serve did not start")
    assert post_page(base, (DATA / "sonlam-2021-11-05-zone-variant.html").read_bytes(), "son").ok
    wait_until(lambda: audio_ready(base, "son"), 180, "the article's audio was not made")
    first = audio_ready(base, "son")
    store = open_store(Settings(data_dir=tmp_path / "instance"))
    made = store.counters(["sentences_synthesized"])["sentences_synthesized"]
    assert store.lexicon().table() == {"UBND": "ủy ban nhân dân"}  # lexicon.tsv, imported

    session, answer = sign_in(base, "lan")
    assert answer.status_code == 303
    csrf = token(session, f"{base}/admin/lexicon")
    tried = session.post(
        f"{base}/admin/lexicon",
        data={"written": WORD, "spoken": "sở nội vụ", "action": "try", "csrf_token": csrf},
        timeout=60,
    )
    assert tried.status_code == 200 and "sở nội vụ tổ chức hội nghị" in tried.text
    heard = session.get(base + AUDIO.findall(tried.text)[0], timeout=10)
    samples, rate = decode(heard.content)
    assert heard.headers["Content-Type"] == "audio/mpeg" and len(samples) / rate > 1
    assert WORD in reading_now(base, session.cookies)  # not saved yet

    saved = session.post(
        f"{base}/admin/lexicon",
        data={"written": WORD, "spoken": "sở nội vụ", "csrf_token": csrf},
        timeout=60,
    )
    assert "1 bài và 2 câu đọc khác đi" in saved.text
    started = time.monotonic()
    wait_until(
        lambda: all("sở nội vụ" in reading_now(base, session.cookies) for _ in range(8)),
        10,
        "a process still reads the old form",
    )
    print(f"every process reads the new form {time.monotonic() - started:.2f} s after saving")
    wait_until(
        lambda: (now := audio_ready(base, "son")) and now["key"] != first["key"],  # type: ignore[index]
        120,
        "the article was not made again",
    )
    again = store.counters(["sentences_synthesized"])["sentences_synthesized"] - made
    store.close()
    # Of the two sentences that say the word, the one heard in "Nghe thử" is in the sentence
    # cache already: one sentence reached the engine.
    assert again == 1, again


def _up(base: str) -> bool:
    """Whether the server answers /healthz."""
    try:
        return requests.get(f"{base}/healthz", timeout=2).ok
    except requests.RequestException:
        return False


def test_on_redis_an_rq_worker_makes_the_change_with_the_new_reading(
    tmp_path: Path, redis_url: str
) -> None:
    env = {
        "BAONOI_REDIS_URL": redis_url,
        "BAONOI_DATA_DIR": str(tmp_path / "instance"),
        "BAONOI_AUDIO_CACHE_DIR": str(tmp_path / "audio"),
        "BAONOI_TTS_ENGINE": "espeak",
    }
    procs = Processes(env, tmp_path)
    try:
        add_user(procs, "lan", "editor")
        base = procs.web("web")
        procs.start("worker", "worker")
        page = (DATA / "sonlam-2021-11-05-zone-variant.html").read_bytes()
        assert post_page(base, page, "son").ok
        wait_until(lambda: audio_ready(base, "son"), 180, "the article's audio was not made")
        first = audio_ready(base, "son")
        session, _ = sign_in(base, "lan")
        csrf = token(session, f"{base}/admin/lexicon")
        saved = session.post(
            f"{base}/admin/lexicon",
            data={"written": WORD, "spoken": "sở nội vụ", "csrf_token": csrf},
            timeout=60,
        )
        assert "1 bài và 2 câu đọc khác đi" in saved.text
        new_key = requests.get(f"{base}/api/articles/son", timeout=10).json()["audio"]["key"]
        assert new_key != first["key"]  # type: ignore[index]
        # The RQ worker, another process, reads the new lexicon: it makes the new key, and does
        # not set the article back to the old one.
        wait_until(lambda: audio_ready(base, "son"), 120, "the worker did not make it again")
        assert audio_ready(base, "son")["key"] == new_key  # type: ignore[index]
    finally:
        procs.stop_all()
