"""One suite, both store backends: local SQLite and a real Redis."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.config import Settings
from app.errors import StoreUnavailable
from app.models import Article, AudioInfo, AudioStatus, Block, BlockKind
from app.store import Store, open_store


def make_article(article_id: str = "a1", version: str = "v1", created: float = 1.0) -> Article:
    """A small article."""
    return Article(
        title="Tiêu đề",
        id=article_id,
        version=version,
        created_at=created,
        lead="Sapo.",
        audio_key=f"key-{article_id}",
        blocks=[Block(BlockKind.PARAGRAPH, "Đoạn một.", "<p>Đoạn một.</p>")],
    )


def test_store_round_trips_an_article(store: Store) -> None:
    article = make_article()
    assert store.put_article(article) is True
    loaded = store.get_article("a1")
    assert loaded == article
    assert loaded is not None and loaded.paragraphs == ["Đoạn một."]


def test_store_reports_unchanged_version(store: Store) -> None:
    store.put_article(make_article())
    assert store.put_article(make_article()) is False
    assert store.put_article(make_article(version="v2")) is True


def test_store_lists_newest_first(store: Store) -> None:
    for i, created in enumerate([3.0, 1.0, 2.0]):
        store.put_article(make_article(f"a{i}", created=created))
    assert [a.id for a in store.list_articles()] == ["a0", "a2", "a1"]
    assert [a.id for a in store.list_articles(limit=1)] == ["a0"]


def test_store_deletes_an_article(store: Store) -> None:
    store.put_article(make_article())
    assert store.delete_article("a1") is True
    assert store.get_article("a1") is None
    assert store.list_articles() == []
    assert store.delete_article("a1") is False


def test_store_keeps_audio_records(store: Store) -> None:
    assert store.get_audio("k").status is AudioStatus.NONE
    info = AudioInfo(
        key="k", status=AudioStatus.READY, progress=1.0, duration_s=12.5, files={"mp3": 100}
    )
    store.put_audio("k", info)
    assert store.get_audio("k") == info


def test_store_knows_which_audio_keys_are_in_use(store: Store) -> None:
    store.put_article(make_article("a1"))
    store.put_article(make_article("a2"))
    store.delete_article("a1")
    assert store.audio_keys_in_use() == {"key-a2"}


def test_lock_admits_one_holder_until_released(store: Store) -> None:
    token = store.acquire_lock("synth:x", 30)
    assert token is not None
    assert store.acquire_lock("synth:x", 30) is None
    store.release_lock("synth:x", "not-the-token")
    assert store.acquire_lock("synth:x", 30) is None
    store.release_lock("synth:x", token)
    assert store.acquire_lock("synth:x", 30) is not None


def test_lock_expires_when_its_holder_dies(store: Store) -> None:
    token = store.acquire_lock("synth:y", 0.2)
    assert token is not None
    time.sleep(0.3)
    assert store.refresh_lock("synth:y", token, 30) is False
    assert store.acquire_lock("synth:y", 30) is not None


TAKE_AND_DIE = """
import sys
from pathlib import Path
from app.config import Settings
from app.store import open_store
store = open_store(Settings(data_dir=Path(sys.argv[1]), redis_url=sys.argv[2] or None))
print(store.acquire_lock("synth:dead", 600))
"""


def test_only_the_embedded_store_frees_at_once_the_locks_of_a_process_that_died(
    store: Store, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    held_here = store.acquire_lock("synth:alive", 600)
    url = str(request.getfixturevalue("redis_url")) if store.kind == "redis" else ""
    dead = subprocess.run(
        [sys.executable, "-c", TAKE_AND_DIE, str(tmp_path), url],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert dead.stdout.strip() not in ("", "None")  # it took the lock, then exited
    reclaimed = store.reclaim_dead_locks()
    if store.kind == "local":
        assert reclaimed == ["synth:dead"]  # its process is gone; ours is alive
        assert store.acquire_lock("synth:dead", 600) is not None
    else:  # a Redis holder may be a live worker on another machine: left to expire
        assert reclaimed == [] and store.acquire_lock("synth:dead", 600) is None
    assert held_here is not None and store.acquire_lock("synth:alive", 600) is None


def test_lock_refresh_keeps_it_held(store: Store) -> None:
    token = store.acquire_lock("synth:z", 0.3)
    assert token is not None
    time.sleep(0.15)
    assert store.refresh_lock("synth:z", token, 0.5)
    time.sleep(0.25)
    assert store.acquire_lock("synth:z", 30) is None


def test_lock_is_exclusive_across_threads(store: Store) -> None:
    winners: list[str] = []

    def contend() -> None:
        if store.acquire_lock("synth:race", 30):
            winners.append(threading.current_thread().name)

    threads = [threading.Thread(target=contend) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(winners) == 1


def test_counters_add_up(store: Store) -> None:
    assert store.incr("syntheses") == 1
    assert store.incr("syntheses", 4) == 5


def test_counters_are_read_without_changing_them_and_unknown_ones_are_zero(store: Store) -> None:
    store.incr("chars:gcloud:2026-12", 120)
    store.incr("chars:gcloud:2026-12", -20)  # a sentence the vendor did not make, given back
    names = ["chars:gcloud:2026-12", "chars:azure:2026-12"]
    assert store.counters(names) == {"chars:gcloud:2026-12": 100, "chars:azure:2026-12": 0}
    assert store.counters(names) == store.counters(names) and store.counters([]) == {}


@pytest.mark.redis
def test_redis_store_down_raises_store_unavailable_quickly() -> None:
    dead = open_store(Settings(redis_url="redis://127.0.0.1:1/0"))
    started = time.monotonic()
    with pytest.raises(StoreUnavailable):
        dead.ping()
    with pytest.raises(StoreUnavailable):
        dead.get_article("x")
    assert time.monotonic() - started < 5


def test_rate_counts_per_client_and_bucket(store: Store) -> None:
    assert [store.hit("ingest", "1.2.3.4", 60) for _ in range(3)] == [1, 2, 3]
    assert store.hit("ingest", "5.6.7.8", 60) == 1
    assert store.hit("synth", "1.2.3.4", 60) == 1


def test_source_state_of_an_address_round_trips_and_is_replaced(store: Store) -> None:
    url = "https://www.backan.gov.vn:443/Pages/tin-tuc.aspx?ItemID=1"
    assert store.get_source(url) is None
    store.put_source(url, {"url": url, "article_id": "a1", "etag": '"x"', "checked_at": 1.5})
    store.put_source(url, {"url": url, "article_id": "a1", "etag": '"y"', "checked_at": 2.5})
    assert store.get_source(url) == {
        "url": url,
        "article_id": "a1",
        "etag": '"y"',
        "checked_at": 2.5,
    }
    assert store.get_source(url + "2") is None


def test_a_remembered_fetch_failure_is_read_back_until_it_expires(store: Store) -> None:
    url = "https://portal.example/tin/1.aspx"
    assert store.get_failure(url) is None
    store.put_failure(url, {"code": "fetch_failed", "vi": "Máy chủ trả lời mã 404"}, 0.3)
    assert store.get_failure(url) == {"code": "fetch_failed", "vi": "Máy chủ trả lời mã 404"}
    assert store.get_failure("https://portal.example/tin/2.aspx") is None
    time.sleep(0.4)
    assert store.get_failure(url) is None


def test_store_forgets_an_articles_audio_keys_when_it_is_deleted(store: Store) -> None:
    store.put_article(make_article("a1"))
    store.note_audio_key("a1", "k-default")
    store.note_audio_key("a1", "k-voice")
    store.note_audio_key("a1", "k-voice")  # noted twice: one key
    store.note_audio_key("a2", "k-other")
    assert store.audio_keys_of("a1") == {"k-default", "k-voice"}
    store.put_audio("k-voice", AudioInfo(key="k-voice", status=AudioStatus.READY))
    store.delete_audio("k-voice")
    assert store.get_audio("k-voice").status is AudioStatus.NONE
    assert store.delete_article("a1")
    assert store.audio_keys_of("a1") == set()
    assert store.audio_keys_of("a2") == {"k-other"}
