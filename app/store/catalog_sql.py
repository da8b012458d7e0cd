"""The embedded store's article index: a ``catalog`` table written in each article's transaction.

Rows hold what the list shows and a folded title to search; the audio state comes from the
``audio`` table by an index on its status. Articles stored before the table existed are indexed
when the store opens.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from app.models import Article, AudioInfo, AudioStatus
from app.store.catalog import Page, Query, fields, fold, row_of
from app.store.sqlpart import SqlPart

SCHEMA = """
CREATE TABLE IF NOT EXISTS catalog (
    id TEXT PRIMARY KEY, created_at REAL NOT NULL, folded TEXT NOT NULL,
    audio_key TEXT NOT NULL, fields TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS catalog_by_time_id ON catalog (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS catalog_by_key ON catalog (audio_key);
CREATE INDEX IF NOT EXISTS audio_by_status ON audio (json_extract(body, '$.status'));
CREATE TABLE IF NOT EXISTS catalog_voices (
    id TEXT NOT NULL, voice TEXT NOT NULL, audio_key TEXT NOT NULL, PRIMARY KEY (id, voice));
"""
STATUS = "coalesce(json_extract(a.body, '$.status'), 'none')"
# The audio keys whose status is one of those given (through the index ``audio_by_status``).
_KEYS_WITH = "SELECT key FROM audio WHERE json_extract(body, '$.status') IN ({})"


def prepare(db: sqlite3.Connection) -> None:
    """Create the index if needed and add the articles it lacks (a store from before it)."""
    db.executescript(SCHEMA)
    missing = db.execute(
        "SELECT body FROM articles WHERE id NOT IN (SELECT id FROM catalog)"
    ).fetchall()
    if not missing:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        for (body,) in missing:
            index(db, Article.from_json(body))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def index(db: sqlite3.Connection, article: Article) -> None:
    """Write the article's row (inside the caller's transaction)."""
    db.execute(
        "INSERT OR REPLACE INTO catalog (id, created_at, folded, audio_key, fields) "
        "VALUES (?, ?, ?, ?, ?)",
        (
            article.id,
            article.created_at,
            fold(article.title),
            article.audio_key,
            json.dumps(fields(article), ensure_ascii=False),
        ),
    )


def unindex(db: sqlite3.Connection, article_id: str) -> None:
    """Remove the article's row (inside the caller's transaction)."""
    db.execute("DELETE FROM catalog WHERE id = ?", (article_id,))
    db.execute("DELETE FROM catalog_voices WHERE id = ?", (article_id,))


def _like(needle: str) -> str:
    """A LIKE pattern finding ``needle`` anywhere (its wildcards escaped)."""
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _where(query: Query, by_time: bool = False) -> tuple[str, list[Any]]:
    """The WHERE clause of a query on ``catalog c`` and its parameters.

    ``by_time``: for one page, read in time order until it is full (``+`` keeps SQLite from
    looking the keys up by their index instead and sorting every match).

    A state filter is a set of audio keys found by the index on the audio status (about 1,000
    of 10,000 rows read, not every record's JSON); "not yet made" is every key outside the
    records of the other statuses.
    """
    clauses, params = ["1"], []
    if query.needle:
        clauses.append("c.folded LIKE ? ESCAPE '\\'")
        params.append(_like(query.needle))
    if query.statuses:
        kept = [s for s in query.statuses if s != AudioStatus.NONE.value]
        column = "+c.audio_key" if by_time else "c.audio_key"
        if AudioStatus.NONE.value in query.statuses:
            kept = [s.value for s in AudioStatus if s.value not in query.statuses]
            clauses.append(f"{column} NOT IN ({_KEYS_WITH.format(_marks(kept))})")
        else:
            clauses.append(f"{column} IN ({_KEYS_WITH.format(_marks(kept))})")
        params.extend(kept)
    return " AND ".join(clauses), params


def _marks(values: list[str]) -> str:
    """``?,?,…``, one per value."""
    return ",".join("?" * len(values))


def _audio(key: str, body: str | None) -> AudioInfo:
    """The audio record of a joined row (none when there is no record)."""
    return AudioInfo.from_dict(json.loads(body)) if body else AudioInfo(key=key)


class SqlCatalog(SqlPart):
    """The ``Catalog`` of the embedded store, on the connection of the calling thread."""

    def note_voice(self, article_id: str, voice: str, audio_key: str) -> None:
        """Remember the key last queued for the article in ``voice``."""
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO catalog_voices (id, voice, audio_key) VALUES (?, ?, ?)",
                (article_id, voice, audio_key),
            )

    def voice_states(self, ids: list[str], voices: list[str]) -> dict[tuple[str, str], str]:
        """The status of each (article, voice) pair's last queued audio."""
        if not ids or not voices:
            return {}
        marks = ",".join("?" * len(ids))
        found = self._connection().execute(
            f"SELECT v.id, v.voice, {STATUS} FROM catalog_voices v "  # noqa: S608
            f"LEFT JOIN audio a ON a.key = v.audio_key WHERE v.id IN ({marks})",
            ids,
        )
        wanted = set(voices)
        return {(i, voice): str(status) for i, voice, status in found if voice in wanted}

    def find(self, query: Query) -> Page:
        """One page of matching articles, newest first, and how many match."""
        db = self._connection()
        where, params = _where(query)
        total = db.execute(f"SELECT count(*) FROM catalog c WHERE {where}", params).fetchone()[0]  # noqa: S608
        where, params = _where(query, by_time=True)
        found = db.execute(
            "SELECT c.id, c.created_at, c.audio_key, c.fields, a.body FROM ("  # noqa: S608
            f"SELECT id FROM catalog c WHERE {where} ORDER BY created_at DESC, id DESC "
            "LIMIT ? OFFSET ?) AS page JOIN catalog c ON c.id = page.id "
            "LEFT JOIN audio a ON a.key = c.audio_key ORDER BY c.created_at DESC, c.id DESC",
            [*params, query.limit, query.offset],
        ).fetchall()
        rows = [row_of(i, t, key, raw, _audio(key, body)) for i, t, key, raw, body in found]
        return Page(rows, int(total), query)

    def in_progress(self, limit: int = 100) -> list[AudioInfo]:
        """Audio records queued or running, the latest updated first."""
        found = self._connection().execute(
            "SELECT body FROM audio WHERE json_extract(body, '$.status') IN ('queued', 'running') "
            "ORDER BY json_extract(body, '$.updated_at') DESC LIMIT ?",
            (limit,),
        )
        return [AudioInfo.from_dict(json.loads(body)) for (body,) in found]

    def articles_of_keys(self, audio_keys: list[str]) -> dict[str, str]:
        """Audio key -> article id, for the keys that are some article's default voice."""
        if not audio_keys:
            return {}
        marks = ",".join("?" * len(audio_keys))
        found = self._connection().execute(
            f"SELECT audio_key, id FROM catalog WHERE audio_key IN ({marks})",  # noqa: S608
            audio_keys,
        )
        return {str(key): str(article_id) for key, article_id in found}
