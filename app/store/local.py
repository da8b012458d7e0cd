"""The embedded store: one SQLite file, safe across threads and processes on one machine."""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.errors import StoreUnavailable
from app.jobs import InlineQueue
from app.models import UNFINISHED, Article, AudioInfo
from app.store import catalog_sql, worklog
from app.store.accounts_local import LocalAccounts
from app.store.catalog_sql import SqlCatalog
from app.store.lexicon_sqlite import SqliteLexicon

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, version TEXT NOT NULL, created_at REAL NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_by_time ON articles (created_at DESC);
CREATE TABLE IF NOT EXISTS audio (key TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS article_audio (
    id TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (id, key));
CREATE TABLE IF NOT EXISTS locks (
    name TEXT PRIMARY KEY, token TEXT NOT NULL, expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sources (url TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS failures (
    url TEXT PRIMARY KEY, body TEXT NOT NULL, expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS rates (
    key TEXT PRIMARY KEY, window INTEGER NOT NULL, count INTEGER NOT NULL);
"""


def _started(pid: int) -> str:
    """When process ``pid`` started (clock ticks since boot), or "" if there is no such process.

    With the pid it names one process for good: a pid the system hands out again to another
    process comes with another start time.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rpartition(")")[2].split()[19]  # field 22, counted after the command's name


def this_process() -> str:
    """``<pid>.<start time>``: who holds a lock this process takes."""
    return f"{os.getpid()}.{_started(os.getpid())}"


def process_alive(holder: str) -> bool:
    """Whether the process a lock token names (``this_process()`` of its taker) still runs."""
    pid, dot, started = holder.partition(".")
    if not pid.isdigit() or not dot:
        return False  # a token from before holders were named: its process is long gone
    if not started:  # no /proc to read start times from: whether the pid exists at all
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return False
        except OSError:
            return True  # it exists, as another user
        return True
    return _started(int(pid)) == started


class LocalStore:
    """SQLite in WAL mode; one connection per thread, each released by its thread or at close."""

    kind = "local"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._open: dict[int, sqlite3.Connection] = {}  # every connection opened, by id
        self._open_lock = threading.Lock()
        self._accounts: LocalAccounts | None = None
        self._lexicon: SqliteLexicon | None = None
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._connection().executescript(SCHEMA)
            catalog_sql.prepare(self._connection())
            worklog.prepare(self._connection())
        except sqlite3.Error as exc:
            raise StoreUnavailable(detail=str(exc)) from exc

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection."""
        db = getattr(self._local, "db", None)
        if db is None:
            try:
                # check_same_thread off only so that close() can end a finished thread's connection
                db = sqlite3.connect(
                    self.path, timeout=10, isolation_level=None, check_same_thread=False
                )
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
            except sqlite3.Error as exc:
                raise StoreUnavailable(detail=str(exc)) from exc
            self._local.db = db
            with self._open_lock:  # by connection: a finished thread's ident may come again
                self._open[id(db)] = db
        return db

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (BEGIN IMMEDIATE), committed or rolled back."""
        db = self._connection()
        try:
            db.execute("BEGIN IMMEDIATE")
            yield db
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise StoreUnavailable(detail=str(exc)) from exc
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def ping(self) -> None:
        """Raise unless the database answers."""
        try:
            self._connection().execute("SELECT 1").fetchone()
        except sqlite3.Error as exc:
            raise StoreUnavailable(detail=str(exc)) from exc

    def put_article(self, article: Article) -> bool:
        """Save ``article`` (always); True when its id or version is new."""
        with self._tx() as db:
            row = db.execute("SELECT version FROM articles WHERE id = ?", (article.id,)).fetchone()
            db.execute(
                "INSERT OR REPLACE INTO articles (id, version, created_at, body) VALUES (?,?,?,?)",
                (article.id, article.version, article.created_at, article.to_json()),
            )
            catalog_sql.index(db, article)
            return row is None or row[0] != article.version

    def get_article(self, article_id: str) -> Article | None:
        """The article with this id, or None."""
        row = (
            self._connection()
            .execute("SELECT body FROM articles WHERE id = ?", (article_id,))
            .fetchone()
        )
        return Article.from_json(row[0]) if row else None

    def list_articles(self, limit: int = 100) -> list[Article]:
        """Articles, newest first."""
        rows = (
            self._connection()
            .execute("SELECT body FROM articles ORDER BY created_at DESC LIMIT ?", (limit,))
            .fetchall()
        )
        return [Article.from_json(r[0]) for r in rows]

    def delete_article(self, article_id: str) -> bool:
        """Remove an article; True when it existed."""
        with self._tx() as db:
            catalog_sql.unindex(db, article_id)
            db.execute("DELETE FROM article_audio WHERE id = ?", (article_id,))
            return db.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount > 0

    def get_source(self, url: str) -> dict[str, Any] | None:
        """The source state of a fetched address, or None."""
        db = self._connection()
        row = db.execute("SELECT body FROM sources WHERE url = ?", (url,)).fetchone()
        return dict(json.loads(row[0])) if row else None

    def put_source(self, url: str, state: dict[str, Any]) -> None:
        """Save the source state of a fetched address."""
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO sources (url, body) VALUES (?, ?)",
                (url, json.dumps(state, ensure_ascii=False)),
            )

    def get_failure(self, url: str) -> dict[str, Any] | None:
        """The remembered failure of fetching an address, until it expires."""
        db = self._connection()
        row = db.execute(
            "SELECT body FROM failures WHERE url = ? AND expires > ?", (url, time.time())
        ).fetchone()
        return dict(json.loads(row[0])) if row else None

    def put_failure(self, url: str, state: dict[str, Any], ttl_s: float) -> None:
        """Remember a failed fetch for ``ttl_s`` seconds (expired ones are dropped here)."""
        now = time.time()
        with self._tx() as db:
            db.execute("DELETE FROM failures WHERE expires <= ?", (now,))
            db.execute(
                "INSERT OR REPLACE INTO failures (url, body, expires) VALUES (?, ?, ?)",
                (url, json.dumps(state, ensure_ascii=False), now + ttl_s),
            )

    def get_audio(self, key: str) -> AudioInfo:
        """The audio record for ``key``."""
        row = self._connection().execute("SELECT body FROM audio WHERE key = ?", (key,)).fetchone()
        return AudioInfo.from_dict(json.loads(row[0])) if row else AudioInfo(key=key)

    def put_audio(self, key: str, info: AudioInfo) -> None:
        """Save the audio record for ``key``."""
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO audio (key, body) VALUES (?, ?)",
                (key, json.dumps(info.to_dict())),
            )

    def unfinished_audio(self) -> list[AudioInfo]:
        """The audio records that say queued or running."""
        rows = self._connection().execute("SELECT body FROM audio").fetchall()
        found = [AudioInfo.from_dict(json.loads(row[0])) for row in rows]
        return [info for info in found if info.status in UNFINISHED]

    def delete_audio(self, key: str) -> None:
        """Forget the audio record for ``key``."""
        with self._tx() as db:
            db.execute("DELETE FROM audio WHERE key = ?", (key,))

    def note_audio_key(self, article_id: str, key: str) -> None:
        """Remember that audio ``key`` was asked for as the article's."""
        with self._tx() as db:
            db.execute(
                "INSERT OR IGNORE INTO article_audio (id, key) VALUES (?, ?)", (article_id, key)
            )

    def audio_keys_of(self, article_id: str) -> set[str]:
        """Every audio key noted for the article."""
        db = self._connection()
        rows = db.execute("SELECT key FROM article_audio WHERE id = ?", (article_id,)).fetchall()
        return {row[0] for row in rows}

    def audio_keys_in_use(self) -> set[str]:
        """Audio keys that some article still refers to."""
        return {a.audio_key for a in self.list_articles(limit=1_000_000) if a.audio_key}

    def acquire_lock(self, name: str, ttl_s: float) -> str | None:
        """A token (naming this process) when the lock was free or expired, else None."""
        token, now = f"{this_process()}:{secrets.token_hex(16)}", time.time()
        with self._tx() as db:
            row = db.execute("SELECT expires FROM locks WHERE name = ?", (name,)).fetchone()
            if row and row[0] > now:
                return None
            db.execute(
                "INSERT OR REPLACE INTO locks (name, token, expires) VALUES (?,?,?)",
                (name, token, now + ttl_s),
            )
        return token

    def reclaim_dead_locks(self) -> list[str]:
        """Free the locks whose holder process has died (its token names it); their names."""
        with self._tx() as db:
            rows = db.execute("SELECT name, token FROM locks").fetchall()
            dead = [name for name, token in rows if not process_alive(token.partition(":")[0])]
            db.executemany("DELETE FROM locks WHERE name = ?", [(name,) for name in dead])
        return dead

    def refresh_lock(self, name: str, token: str, ttl_s: float) -> bool:
        """Extend a held lock; False when it is no longer ours."""
        with self._tx() as db:
            return (
                db.execute(
                    "UPDATE locks SET expires = ? WHERE name = ? AND token = ? AND expires > ?",
                    (time.time() + ttl_s, name, token, time.time()),
                ).rowcount
                > 0
            )

    def release_lock(self, name: str, token: str) -> None:
        """Free a lock if we still hold it."""
        with self._tx() as db:
            db.execute("DELETE FROM locks WHERE name = ? AND token = ?", (name, token))

    def incr(self, name: str, amount: int = 1) -> int:
        """Add to a named counter and return its value."""
        with self._tx() as db:
            db.execute(
                "INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) "
                "DO UPDATE SET value = value + excluded.value",
                (name, amount),
            )
            return int(
                db.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()[0]
            )

    def counters(self, names: list[str]) -> dict[str, int]:
        """The values of named counters (0 for one never counted)."""
        db = self._connection()
        found = {}
        for name in names:
            row = db.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()
            found[name] = int(row[0]) if row else 0
        return found

    def hit(self, bucket: str, client: str, window_s: int) -> int:
        """Count one request in the current fixed window."""
        window, key = int(time.time() // window_s), f"{bucket}:{client}"
        with self._tx() as db:
            db.execute(
                "INSERT INTO rates (key, window, count) VALUES (?, ?, 1) "
                "ON CONFLICT(key) DO UPDATE SET "
                "count = CASE WHEN window = excluded.window THEN count + 1 ELSE 1 END, "
                "window = excluded.window",
                (key, window),
            )
            return int(db.execute("SELECT count FROM rates WHERE key = ?", (key,)).fetchone()[0])

    def catalog(self) -> SqlCatalog:
        """The console's article list and the audio being made, from tables of this file."""
        return SqlCatalog(self._connection, self._tx)

    def work_log(self) -> worklog.SqlWorkLog:
        """Recent failures and the feeds' last passes, in tables of this file."""
        return worklog.SqlWorkLog(self._connection, self._tx)

    def accounts(self) -> LocalAccounts:
        """The console's accounts and audit log, in tables of this file."""
        if self._accounts is None:
            self._accounts = LocalAccounts(self._connection, self._tx)
        return self._accounts

    def job_queue(self) -> InlineQueue:
        """Jobs run in this process: the embedded default."""
        return InlineQueue()

    def lexicon(self) -> SqliteLexicon:
        """The operator lexicon, in this database."""
        if self._lexicon is None:
            self._lexicon = SqliteLexicon(self._connection, self._tx)
        return self._lexicon

    def release(self) -> None:
        """Close this thread's connection (the next call here opens a new one)."""
        db = getattr(self._local, "db", None)
        if db is not None:
            self._local.db = None
            with self._open_lock:
                self._open.pop(id(db), None)
            db.close()

    def close(self) -> None:
        """Close every connection this store opened, in any thread."""
        self._local = threading.local()
        with self._open_lock:
            connections, self._open = list(self._open.values()), {}
        for db in connections:
            db.close()
