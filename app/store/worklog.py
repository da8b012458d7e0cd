"""What the console's work page reads beside the queues: recent failures, each feed's last pass.

Two bounded logs, newest first: ``JOB`` (audio jobs that failed, with their reason) and ``FETCH``
(portal fetches that failed); each keeps its last ``KEEP`` entries. Each feed's last pass is kept
by feed (at most ``FEEDS_KEEP`` feeds: the longest unseen goes first). Entries are JSON objects;
``at`` (seconds since the epoch) is added when recorded. Both store backends keep them.
"""

from __future__ import annotations

import json
import sqlite3
import time
from typing import TYPE_CHECKING, Any

from app.store import keys

if TYPE_CHECKING:
    from app.store import Store
    from app.store.local import LocalStore
    from app.store.redis import RedisStore

JOB, FETCH = "job", "fetch"
KINDS = (JOB, FETCH)
KEEP = 200
FEEDS_KEEP = 200

SCHEMA = """
CREATE TABLE IF NOT EXISTS work_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS work_log_by_kind ON work_log (kind, seq DESC);
CREATE TABLE IF NOT EXISTS feed_passes (
    feed TEXT PRIMARY KEY, at REAL NOT NULL, body TEXT NOT NULL);
"""


def prepare(db: sqlite3.Connection) -> None:
    """Create the embedded store's tables if needed."""
    db.executescript(SCHEMA)


def record(store: Store, kind: str, entry: dict[str, Any]) -> None:
    """Add ``entry`` to the ``kind`` log (its oldest entries past ``KEEP`` dropped)."""
    if kind not in KINDS:
        raise ValueError(f"unknown work log {kind!r}")
    body = json.dumps(dict(entry, at=entry.get("at", time.time())), ensure_ascii=False)
    if store.kind == "redis":
        _redis_record(store, kind, body)  # type: ignore[arg-type]
    else:
        _sql_record(store, kind, body)  # type: ignore[arg-type]


def recent(store: Store, kind: str, limit: int = KEEP) -> list[dict[str, Any]]:
    """The ``kind`` log's entries, newest first."""
    limit = min(max(limit, 0), KEEP)
    if store.kind == "redis":
        redis_store: RedisStore = store  # type: ignore[assignment]
        key = keys.WORK_LOG.format(kind=kind)
        raws = redis_store._call(lambda: redis_store.client.lrange(key, 0, limit - 1))
    else:
        local: LocalStore = store  # type: ignore[assignment]
        raws = [
            body
            for (body,) in local._connection().execute(
                "SELECT body FROM work_log WHERE kind = ? ORDER BY seq DESC LIMIT ?",
                (kind, limit),
            )
        ]
    return [dict(json.loads(raw)) for raw in raws]


def _sql_record(store: LocalStore, kind: str, body: str) -> None:
    """Append to the table and trim the kind to ``KEEP`` rows."""
    with store._tx() as db:
        db.execute("INSERT INTO work_log (kind, body) VALUES (?, ?)", (kind, body))
        db.execute(
            "DELETE FROM work_log WHERE kind = ? AND seq <= "
            "(SELECT seq FROM work_log WHERE kind = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)",
            (kind, kind, KEEP),
        )


def _redis_record(store: RedisStore, kind: str, body: str) -> None:
    """LPUSH and LTRIM in one transaction."""
    key = keys.WORK_LOG.format(kind=kind)

    def write() -> None:
        pipe = store.client.pipeline()
        pipe.lpush(key, body)
        pipe.ltrim(key, 0, KEEP - 1)
        pipe.execute()

    store._call(write)


def record_pass(store: Store, feed: str, summary: dict[str, Any]) -> None:
    """Keep ``summary`` as the feed's last pass (``at`` added when absent)."""
    at = float(summary.get("at", time.time()))
    body = json.dumps(dict(summary, feed=feed, at=at), ensure_ascii=False)
    if store.kind == "redis":
        redis_store: RedisStore = store  # type: ignore[assignment]
        redis_store._call(lambda: _redis_pass(redis_store, feed, body))
        return
    local: LocalStore = store  # type: ignore[assignment]
    with local._tx() as db:
        db.execute(
            "INSERT OR REPLACE INTO feed_passes (feed, at, body) VALUES (?, ?, ?)", (feed, at, body)
        )
        db.execute(
            "DELETE FROM feed_passes WHERE feed NOT IN "
            "(SELECT feed FROM feed_passes ORDER BY at DESC LIMIT ?)",
            (FEEDS_KEEP,),
        )


def _redis_pass(store: RedisStore, feed: str, body: str) -> None:
    """HSET the pass; past ``FEEDS_KEEP`` feeds, drop the longest unseen."""
    store.client.hset(keys.FEED_PASSES, feed, body)
    if store.client.hlen(keys.FEED_PASSES) > FEEDS_KEEP:
        kept = sorted(_redis_passes(store), key=lambda p: -float(p.get("at", 0)))
        stale = [str(p["feed"]) for p in kept[FEEDS_KEEP:]]
        if stale:
            store.client.hdel(keys.FEED_PASSES, *stale)


def _redis_passes(store: RedisStore) -> list[dict[str, Any]]:
    """Every feed's last pass."""
    return [dict(json.loads(raw)) for raw in store.client.hvals(keys.FEED_PASSES)]


def passes(store: Store) -> list[dict[str, Any]]:
    """Each feed's last pass, the most recent first."""
    if store.kind == "redis":
        redis_store: RedisStore = store  # type: ignore[assignment]
        found = redis_store._call(lambda: _redis_passes(redis_store))
        return sorted(found, key=lambda p: -float(p.get("at", 0)))
    local: LocalStore = store  # type: ignore[assignment]
    rows = local._connection().execute("SELECT body FROM feed_passes ORDER BY at DESC")
    return [dict(json.loads(body)) for (body,) in rows]
