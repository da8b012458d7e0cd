"""The lexicon in the embedded store: a table of entries, the version in the counters table."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence

from app.errors import StoreUnavailable
from app.models import Article
from app.store import keys
from app.store.lexicon import MAX_ENTRIES, Entry, checked_table, json_fragment, too_many
from app.store.sqlpart import Connect, SqlPart, Transaction

SCHEMA = """
CREATE TABLE IF NOT EXISTS lexicon (
    written TEXT PRIMARY KEY, spoken TEXT NOT NULL,
    changed_by TEXT NOT NULL, changed_at REAL NOT NULL);
"""
_BUMP = (
    "INSERT INTO counters (name, value) VALUES (?, 1) "
    "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value"
)
_UPSERT = (
    "INSERT OR REPLACE INTO lexicon (written, spoken, changed_by, changed_at) VALUES (?,?,?,?)"
)
_MENTIONING = (  # ?2: a JSON array of fragments; instr(body, '') is 1
    "SELECT id, body FROM articles WHERE id > ?1 AND EXISTS "
    "(SELECT 1 FROM json_each(?2) WHERE instr(body, value) > 0) ORDER BY id LIMIT ?3"
)
_BATCH = 200  # articles read at a time while scanning


class SqliteLexicon(SqlPart):
    """The lexicon's rows beside the embedded store's other tables (same file, same locks)."""

    def __init__(self, connection: Connect, tx: Transaction) -> None:
        super().__init__(connection, tx)
        try:
            self._connection().executescript(SCHEMA)
        except sqlite3.Error as exc:
            raise StoreUnavailable(detail=str(exc)) from exc

    def _read(self, sql: str, args: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        """The rows of one query, store errors as ``StoreUnavailable``."""
        try:
            return list(self._connection().execute(sql, args).fetchall())
        except sqlite3.Error as exc:
            raise StoreUnavailable(detail=str(exc)) from exc

    def version(self) -> int:
        """The lexicon's change counter."""
        rows = self._read("SELECT value FROM counters WHERE name = ?", (keys.LEXICON_VERSION,))
        return int(str(rows[0][0])) if rows else 0

    def table(self) -> dict[str, str]:
        """Every entry: written form -> spoken form."""
        return {str(w): str(s) for w, s in self._read("SELECT written, spoken FROM lexicon")}

    def entries(self) -> list[Entry]:
        """Every entry, by written form."""
        rows = self._read("SELECT written, spoken, changed_by, changed_at FROM lexicon")
        found = [Entry(str(w), str(s), str(b), float(str(t))) for w, s, b, t in rows]
        return sorted(found, key=lambda entry: entry.written)

    def get(self, written: str) -> Entry | None:
        """The entry of ``written``, or None."""
        rows = self._read(
            "SELECT spoken, changed_by, changed_at FROM lexicon WHERE written = ?", (written,)
        )
        if not rows:
            return None
        spoken, by, at = rows[0]
        return Entry(written, str(spoken), str(by), float(str(at)))

    @staticmethod
    def _bump(db: sqlite3.Connection) -> int:
        """One more on the version, inside the caller's transaction."""
        return int(db.execute(_BUMP, (keys.LEXICON_VERSION,)).fetchone()[0])

    @staticmethod
    def _room(db: sqlite3.Connection, adding: int) -> None:
        """Refuse a change that would take the lexicon past its size."""
        count = int(db.execute("SELECT count(*) FROM lexicon").fetchone()[0]) + adding
        if adding and count > MAX_ENTRIES:
            raise too_many(count)

    def put(self, entry: Entry) -> int:
        """Add or replace an entry; the new version."""
        with self._tx() as db:
            known = db.execute("SELECT 1 FROM lexicon WHERE written = ?", (entry.written,))
            self._room(db, 0 if known.fetchone() else 1)
            db.execute(_UPSERT, (entry.written, entry.spoken, entry.changed_by, entry.changed_at))
            return self._bump(db)

    def delete(self, written: str) -> int | None:
        """Remove an entry; the new version, or None when there was none."""
        with self._tx() as db:
            if db.execute("DELETE FROM lexicon WHERE written = ?", (written,)).rowcount == 0:
                return None
            return self._bump(db)

    def put_many(self, table: Mapping[str, str], by: str, replace: bool = False) -> int:
        """Add or replace many entries (with ``replace``, drop all others); the new version."""
        cleaned, now = checked_table(table), time.time()
        with self._tx() as db:
            if replace:
                db.execute("DELETE FROM lexicon")
            present = {str(row[0]) for row in db.execute("SELECT written FROM lexicon")}
            self._room(db, len(set(cleaned) - present))
            db.executemany(_UPSERT, [(w, s, by, now) for w, s in cleaned.items()])
            return self._bump(db)

    def import_once(self, table: Mapping[str, str], by: str) -> int | None:
        """Add the entries missing from the store, the first time only; how many were added."""
        cleaned, now = checked_table(table), time.time()
        with self._tx() as db:
            marker = (keys.LEXICON_IMPORTED,)
            if db.execute("SELECT 1 FROM counters WHERE name = ?", marker).fetchone():
                return None
            db.execute("INSERT INTO counters (name, value) VALUES (?, ?)", (*marker, int(now)))
            before = db.total_changes
            db.executemany(
                "INSERT OR IGNORE INTO lexicon (written, spoken, changed_by, changed_at) "
                "VALUES (?,?,?,?)",
                [(w, s, by, now) for w, s in cleaned.items()],
            )
            added = db.total_changes - before
            if added:
                self._bump(db)
            return added

    def mentioning(self, texts: Sequence[str]) -> Iterator[Article]:
        """Articles whose stored JSON contains one of ``texts`` (``instr``, a page at a time)."""
        needles = [json_fragment(text) for text in texts]
        if not needles or "" in needles:
            needles = [""]  # instr(body, '') is 1: every article
        wanted, after = json.dumps(needles), ""
        while True:
            rows = self._read(_MENTIONING, (after, wanted, _BATCH))
            for _, body in rows:
                yield Article.from_json(str(body))
            if len(rows) < _BATCH:
                return
            after = str(rows[-1][0])
