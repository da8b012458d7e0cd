"""What the console's work page reads beside the queues: recent failures, each feed's last pass.

Two bounded logs, newest first: ``JOB`` (audio jobs that failed, with their reason) and ``FETCH``
(portal fetches that failed); each keeps its last ``KEEP`` entries. Each feed's last pass is kept
by feed (at most ``FEEDS_KEEP`` feeds: the longest unseen goes first). Entries are JSON objects;
``at`` (seconds since the epoch) is added when recorded. ``Store.work_log()`` gives the store's.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from typing import Any, Protocol

from app.models import AudioInfo
from app.store import keys
from app.store.sqlpart import SqlPart

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


class WorkLog(Protocol):
    """The bounded logs of failures and the feeds' last passes."""

    def record(self, kind: str, entry: dict[str, Any]) -> None:
        """Add ``entry`` to the ``kind`` log (its oldest entries past ``KEEP`` dropped)."""
        ...

    def recent(self, kind: str, limit: int = KEEP) -> list[dict[str, Any]]:
        """The ``kind`` log's entries, newest first."""
        ...

    def record_pass(self, feed: str, summary: dict[str, Any]) -> None:
        """Keep ``summary`` as the feed's last pass."""
        ...

    def passes(self) -> list[dict[str, Any]]:
        """Each feed's last pass, the most recent first."""
        ...


def job_failure(subject: str, failed: AudioInfo) -> dict[str, Any]:
    """A failed job as the ``JOB`` log keeps it: article, voice, key, code, reason (cut)."""
    article_id, _, voice = subject.partition("#")
    return {
        "article": article_id,
        "voice": voice,
        "key": failed.key,
        "code": failed.error_code,
        "error": failed.error[:500],
    }


def entry_body(kind: str, entry: dict[str, Any]) -> str:
    """An entry as stored, with its time (``ValueError`` for an unknown log)."""
    if kind not in KINDS:
        raise ValueError(f"unknown work log {kind!r}")
    return json.dumps(dict(entry, at=entry.get("at", time.time())), ensure_ascii=False)


def pass_body(feed: str, summary: dict[str, Any]) -> tuple[float, str]:
    """A feed's pass as stored, and its time."""
    at = float(summary.get("at", time.time()))
    return at, json.dumps(dict(summary, feed=feed, at=at), ensure_ascii=False)


def prepare(db: sqlite3.Connection) -> None:
    """Create the embedded store's tables if needed."""
    db.executescript(SCHEMA)


class SqlWorkLog(SqlPart):
    """The work log in tables of the embedded store."""

    def record(self, kind: str, entry: dict[str, Any]) -> None:
        """Append to the table and trim the kind to ``KEEP`` rows."""
        body = entry_body(kind, entry)
        with self._tx() as db:
            db.execute("INSERT INTO work_log (kind, body) VALUES (?, ?)", (kind, body))
            db.execute(
                "DELETE FROM work_log WHERE kind = ? AND seq <= "
                "(SELECT seq FROM work_log WHERE kind = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)",
                (kind, kind, KEEP),
            )

    def recent(self, kind: str, limit: int = KEEP) -> list[dict[str, Any]]:
        """The ``kind`` log's entries, newest first."""
        found = self._connection().execute(
            "SELECT body FROM work_log WHERE kind = ? ORDER BY seq DESC LIMIT ?",
            (kind, min(max(limit, 0), KEEP)),
        )
        return [dict(json.loads(body)) for (body,) in found]

    def record_pass(self, feed: str, summary: dict[str, Any]) -> None:
        """Replace the feed's row; past ``FEEDS_KEEP`` feeds, drop the longest unseen."""
        at, body = pass_body(feed, summary)
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO feed_passes (feed, at, body) VALUES (?, ?, ?)",
                (feed, at, body),
            )
            db.execute(
                "DELETE FROM feed_passes WHERE feed NOT IN "
                "(SELECT feed FROM feed_passes ORDER BY at DESC LIMIT ?)",
                (FEEDS_KEEP,),
            )

    def passes(self) -> list[dict[str, Any]]:
        """Each feed's last pass, the most recent first."""
        found = self._connection().execute("SELECT body FROM feed_passes ORDER BY at DESC")
        return [dict(json.loads(body)) for (body,) in found]


class RedisWorkLog:
    """The work log on Redis: a trimmed list per kind, a hash of feeds."""

    def __init__(self, client: Any, call: Callable[[Callable[[], Any]], Any]) -> None:
        self.client, self._call = client, call

    def record(self, kind: str, entry: dict[str, Any]) -> None:
        """LPUSH and LTRIM in one transaction."""
        body, key = entry_body(kind, entry), keys.WORK_LOG.format(kind=kind)

        def write() -> None:
            pipe = self.client.pipeline()
            pipe.lpush(key, body)
            pipe.ltrim(key, 0, KEEP - 1)
            pipe.execute()

        self._call(write)

    def recent(self, kind: str, limit: int = KEEP) -> list[dict[str, Any]]:
        """The ``kind`` log's entries, newest first."""
        key, limit = keys.WORK_LOG.format(kind=kind), min(max(limit, 0), KEEP)
        if not limit:
            return []
        raws = self._call(lambda: self.client.lrange(key, 0, limit - 1))
        return [dict(json.loads(raw)) for raw in raws]

    def record_pass(self, feed: str, summary: dict[str, Any]) -> None:
        """HSET the pass; past ``FEEDS_KEEP`` feeds, drop the longest unseen."""
        _, body = pass_body(feed, summary)

        def write() -> None:
            self.client.hset(keys.FEED_PASSES, feed, body)
            if self.client.hlen(keys.FEED_PASSES) > FEEDS_KEEP:
                stale = [str(p["feed"]) for p in self._passes()[FEEDS_KEEP:]]
                if stale:
                    self.client.hdel(keys.FEED_PASSES, *stale)

        self._call(write)

    def _passes(self) -> list[dict[str, Any]]:
        """Every feed's last pass, the most recent first."""
        found = [dict(json.loads(raw)) for raw in self.client.hvals(keys.FEED_PASSES)]
        return sorted(found, key=lambda p: -float(p.get("at", 0)))

    def passes(self) -> list[dict[str, Any]]:
        """Each feed's last pass, the most recent first."""
        found: list[dict[str, Any]] = self._call(self._passes)
        return found
