"""The console's article index and work log, on both store backends."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import redis

from app.config import Settings
from app.models import Article, AudioInfo, AudioStatus, Block, BlockKind
from app.store import Store, catalog, keys, open_store, worklog
from app.store.catalog import Query, fold


def article(n: int, title: str = "", created: float | None = None) -> Article:
    """Article number ``n``."""
    return Article(
        title=title or f"Bài số {n}",
        id=f"a{n}",
        version="v1",
        created_at=float(n) if created is None else created,
        audio_key=f"key{n}",
        source_url=f"https://portal.example/{n}",
        blocks=[Block(BlockKind.PARAGRAPH, "Đoạn.", "<p>Đoạn.</p>")],
    )


def ids(page: catalog.Page) -> list[str]:
    """The ids on a page."""
    return [row.id for row in page.rows]


def test_fold_drops_diacritics_case_and_extra_spaces() -> None:
    assert fold("  Đắk  LẮK: Bắc Kạn ") == "dak lak: bac kan"


def test_catalog_pages_newest_first_with_a_total(store: Store) -> None:
    for n in range(1, 8):
        store.put_article(article(n))
    first = store.catalog().find(Query(per_page=3))
    assert ids(first) == ["a7", "a6", "a5"] and first.total == 7 and first.pages == 3
    assert ids(store.catalog().find(Query(page=3, per_page=3))) == ["a1"]
    assert ids(store.catalog().find(Query(page=9, per_page=3))) == []


def test_catalog_search_ignores_diacritics_and_case(store: Store) -> None:
    store.put_article(article(1, "Chất lượng tổ chức Đảng ở Bắc Kạn"))
    store.put_article(article(2, "Thời tiết Hà Nội"))
    store.put_article(article(3, "BẮC KẠN: mùa lúa"))
    for text in ("bac kan", "Bắc Kạn", "BAC  KAN"):
        assert ids(store.catalog().find(Query(text=text))) == ["a3", "a1"]
    assert ids(store.catalog().find(Query(text="dang"))) == ["a1"]
    assert store.catalog().find(Query(text="100%_")).total == 0  # wildcards are plain characters


def test_catalog_filters_by_the_default_voice_audio_state(store: Store) -> None:
    states = [AudioStatus.READY, AudioStatus.RUNNING, AudioStatus.QUEUED, AudioStatus.FAILED]
    for n, status in enumerate(states, start=1):
        store.put_article(article(n))
        store.put_audio(f"key{n}", AudioInfo(key=f"key{n}", status=status, duration_s=n))
    store.put_article(article(5))  # never asked for
    assert ids(store.catalog().find(Query(state="made"))) == ["a1"]
    assert ids(store.catalog().find(Query(state="making"))) == ["a3", "a2"]
    assert ids(store.catalog().find(Query(state="failed"))) == ["a4"]
    assert ids(store.catalog().find(Query(state="none"))) == ["a5"]
    made = store.catalog().find(Query(state="made", text="so 1")).rows[0]
    assert made.audio.status is AudioStatus.READY and made.audio.duration_s == 1
    assert made.title == "Bài số 1" and made.source_url == "https://portal.example/1"


def test_catalog_forgets_a_deleted_article_and_follows_a_new_title(store: Store) -> None:
    store.put_article(article(1, "Cũ"))
    store.put_article(article(2))
    store.delete_article("a2")
    store.put_article(article(1, "Mới"))
    assert ids(store.catalog().find(Query(text="moi"))) == ["a1"]
    assert store.catalog().find(Query(text="cu")).total == 0
    assert store.catalog().find(Query()).total == 1


def test_catalog_lists_jobs_in_progress_and_maps_keys_to_articles(store: Store) -> None:
    store.put_article(article(1))
    store.put_audio("key1", AudioInfo(key="key1", status=AudioStatus.RUNNING, progress=0.5))
    store.put_audio("other", AudioInfo(key="other", status=AudioStatus.QUEUED, updated_at=9))
    store.put_audio("done", AudioInfo(key="done", status=AudioStatus.READY))
    assert [i.key for i in store.catalog().in_progress()] == ["other", "key1"]
    assert store.catalog().articles_of_keys(["key1", "other"]) == {"key1": "a1"}


def test_articles_stored_before_the_index_are_found(tmp_path: Path) -> None:
    store = open_store(Settings(data_dir=tmp_path))
    store.put_article(article(1, "Bắc Kạn"))
    store.close()
    db = sqlite3.connect(tmp_path / "baonoi.sqlite3")
    db.execute("DROP TABLE catalog")
    db.commit()
    db.close()
    reopened = open_store(Settings(data_dir=tmp_path))
    assert ids(reopened.catalog().find(Query(text="bac"))) == ["a1"]
    reopened.close()


def test_redis_articles_stored_before_the_index_are_found(redis_url: str, tmp_path: Path) -> None:
    store = open_store(Settings(redis_url=redis_url, data_dir=tmp_path))
    store.put_article(article(1, "Bắc Kạn"))
    store.put_audio("key1", AudioInfo(key="key1", status=AudioStatus.FAILED))
    client = redis.Redis.from_url(redis_url)
    client.delete(keys.CATALOG, keys.CATALOG_FIND, keys.AUDIO_STATUS)
    client.close()
    assert ids(store.catalog().find(Query(text="bac", state="failed"))) == ["a1"]
    store.close()


def test_work_log_keeps_the_newest_entries_up_to_its_bound(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worklog, "KEEP", 5)
    for n in range(8):
        store.work_log().record(worklog.JOB, {"article": f"a{n}", "code": "synthesis_failed"})
    store.work_log().record(worklog.FETCH, {"url": "https://portal.example/x"})
    found = store.work_log().recent(worklog.JOB)
    assert [e["article"] for e in found] == ["a7", "a6", "a5", "a4", "a3"]
    assert all(e["at"] > 0 for e in found)
    assert [e["url"] for e in store.work_log().recent(worklog.FETCH)] == [
        "https://portal.example/x"
    ]


def test_each_feed_keeps_its_last_pass(store: Store) -> None:
    store.work_log().record_pass("https://a.example/rss", {"new": 1, "at": 10.0})
    store.work_log().record_pass("https://b.example/rss", {"new": 2, "at": 20.0})
    store.work_log().record_pass("https://a.example/rss", {"new": 3, "at": 30.0})
    found = store.work_log().passes()
    assert [(p["feed"], p["new"]) for p in found] == [
        ("https://a.example/rss", 3),
        ("https://b.example/rss", 2),
    ]
    assert json.dumps(found)  # plain JSON all the way


def test_each_other_voice_shows_the_state_of_its_last_queued_audio(store: Store) -> None:
    store.put_article(article(1))
    store.put_article(article(2))
    store.catalog().note_voice("a1", "giong-hai", "k-hai-old")
    store.catalog().note_voice("a1", "giong-hai", "k-hai")  # the newest key wins
    store.put_audio("k-hai", AudioInfo(key="k-hai", status=AudioStatus.READY))
    store.catalog().note_voice("a2", "giong-ba", "k-ba")  # queued, no record yet
    states = store.catalog().voice_states(["a1", "a2"], ["giong-hai", "giong-ba"])
    assert states == {("a1", "giong-hai"): "ready", ("a2", "giong-ba"): "none"}
    store.delete_article("a1")
    assert store.catalog().voice_states(["a1"], ["giong-hai"]) == {}
    assert store.catalog().voice_states([], ["giong-hai"]) == {}
