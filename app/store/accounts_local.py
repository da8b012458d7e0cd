"""Accounts, sessions, sign-in failures and the audit log in the embedded SQLite store."""

from __future__ import annotations

import secrets
import sqlite3
import time
from collections.abc import Callable
from contextlib import AbstractContextManager

from app.store.accounts import AUDIT_KEEP, Account, AuditEvent, token_digest, who_digest

SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    name TEXT PRIMARY KEY, role TEXT NOT NULL, hash TEXT NOT NULL,
    created_at REAL NOT NULL, version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS console_sessions (
    digest TEXT PRIMARY KEY, name TEXT NOT NULL, version INTEGER NOT NULL, expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS signin_failures (who TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS signin_failures_by_who ON signin_failures (who, at);
CREATE TABLE IF NOT EXISTS signin_locks (who TEXT PRIMARY KEY, until REAL NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at REAL NOT NULL, actor TEXT NOT NULL,
    action TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
COLUMNS = "name, role, hash, created_at, version"
TOUCH_S = 30  # a session's expiry is pushed back at most this often (it idles out this much early)


def _account(row: tuple[str, str, str, float, int]) -> Account:
    """An account from its row."""
    return Account(
        name=row[0], role=row[1], password_hash=row[2], created_at=row[3], version=row[4]
    )


class LocalAccounts:
    """The ``Accounts`` of a ``LocalStore``: its per-thread connections and write transactions."""

    def __init__(
        self,
        connection: Callable[[], sqlite3.Connection],
        tx: Callable[[], AbstractContextManager[sqlite3.Connection]],
    ) -> None:
        self._connection = connection
        self._tx = tx
        with self._tx() as db:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)

    def add(self, account: Account) -> bool:
        """Save a new account; False when the name is taken."""
        with self._tx() as db:
            return (
                db.execute(
                    f"INSERT OR IGNORE INTO accounts ({COLUMNS}) VALUES (?,?,?,?,?)",  # noqa: S608
                    (
                        account.name,
                        account.role,
                        account.password_hash,
                        account.created_at,
                        account.version,
                    ),
                ).rowcount
                > 0
            )

    def get(self, name: str) -> Account | None:
        """The account of ``name``, or None."""
        row = (
            self._connection()
            .execute(f"SELECT {COLUMNS} FROM accounts WHERE name = ?", (name,))  # noqa: S608
            .fetchone()
        )
        return _account(row) if row else None

    def all(self) -> list[Account]:
        """Every account, by name."""
        rows = self._connection().execute(
            f"SELECT {COLUMNS} FROM accounts ORDER BY name"  # noqa: S608
        )
        return [_account(row) for row in rows.fetchall()]

    def update(self, account: Account) -> bool:
        """Replace an existing account; False when there is none."""
        with self._tx() as db:
            return (
                db.execute(
                    "UPDATE accounts SET role = ?, hash = ?, version = ? WHERE name = ?",
                    (account.role, account.password_hash, account.version, account.name),
                ).rowcount
                > 0
            )

    def remove(self, name: str) -> bool:
        """Delete an account and its sessions; True when it existed."""
        with self._tx() as db:
            db.execute("DELETE FROM console_sessions WHERE name = ?", (name,))
            return db.execute("DELETE FROM accounts WHERE name = ?", (name,)).rowcount > 0

    def open_session(self, name: str, version: int, idle_s: int) -> str:
        """A new session token (expired sessions are dropped here)."""
        token, now = secrets.token_urlsafe(32), time.time()
        with self._tx() as db:
            db.execute("DELETE FROM console_sessions WHERE expires <= ?", (now,))
            db.execute(
                "INSERT INTO console_sessions (digest, name, version, expires) VALUES (?,?,?,?)",
                (token_digest(token), name, version, now + idle_s),
            )
        return token

    def session(self, token: str, idle_s: int) -> tuple[str, int] | None:
        """The (name, version) of a live session, its idle time restarted; or None.

        A read; the expiry is written only when it moved by ``TOUCH_S`` or more (a write
        transaction per console request would cost more than the page).
        """
        now, digest = time.time(), token_digest(token)
        row = (
            self._connection()
            .execute(
                "SELECT name, version, expires FROM console_sessions "
                "WHERE digest = ? AND expires > ?",
                (digest, now),
            )
            .fetchone()
        )
        if row is None:
            return None
        if now + idle_s - float(row[2]) >= min(TOUCH_S, idle_s / 2):
            with self._tx() as db:
                db.execute(
                    "UPDATE console_sessions SET expires = ? WHERE digest = ?",
                    (now + idle_s, digest),
                )
        return str(row[0]), int(row[1])

    def close_session(self, token: str) -> None:
        """End a session."""
        with self._tx() as db:
            db.execute("DELETE FROM console_sessions WHERE digest = ?", (token_digest(token),))

    def note_failure(self, who: str, window_s: int, limit: int, lock_s: int) -> bool:
        """Count a wrong password; True (and locked) when ``limit`` fell within ``window_s``."""
        now, digest = time.time(), who_digest(who)
        with self._tx() as db:
            db.execute("DELETE FROM signin_failures WHERE at <= ?", (now - window_s,))
            db.execute("DELETE FROM signin_locks WHERE until <= ?", (now,))
            db.execute("INSERT INTO signin_failures (who, at) VALUES (?, ?)", (digest, now))
            count = db.execute(
                "SELECT COUNT(*) FROM signin_failures WHERE who = ?", (digest,)
            ).fetchone()[0]
            if count < limit:
                return False
            db.execute("DELETE FROM signin_failures WHERE who = ?", (digest,))
            db.execute(
                "INSERT OR REPLACE INTO signin_locks (who, until) VALUES (?, ?)",
                (digest, now + lock_s),
            )
            return True

    def locked_for(self, who: str) -> float:
        """Seconds ``who`` stays locked (0 when free)."""
        row = (
            self._connection()
            .execute("SELECT until FROM signin_locks WHERE who = ?", (who_digest(who),))
            .fetchone()
        )
        return max(0.0, float(row[0]) - time.time()) if row else 0.0

    def clear_failures(self, who: str) -> None:
        """Forget ``who``'s wrong passwords."""
        with self._tx() as db:
            db.execute("DELETE FROM signin_failures WHERE who = ?", (who_digest(who),))

    def record(self, actor: str, action: str, subject: str, detail: str = "") -> None:
        """Add an event to the audit log (keeping the newest ``AUDIT_KEEP``)."""
        with self._tx() as db:
            cursor = db.execute(
                "INSERT INTO audit (at, actor, action, subject, detail) VALUES (?,?,?,?,?)",
                (time.time(), actor, action, subject, detail),
            )
            if cursor.lastrowid and cursor.lastrowid % 1000 == 0:
                db.execute("DELETE FROM audit WHERE id <= ?", (cursor.lastrowid - AUDIT_KEEP,))

    def audit(self, offset: int = 0, limit: int = 50) -> tuple[list[AuditEvent], int]:
        """Audit events newest first from ``offset``, and how many there are in all."""
        db = self._connection()
        total = int(db.execute("SELECT COUNT(*) FROM audit").fetchone()[0])
        rows = db.execute(
            "SELECT at, actor, action, subject, detail FROM audit ORDER BY id DESC "
            "LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        return [AuditEvent(*row) for row in rows], total

    def secret(self) -> str:
        """The signing secret, made by the first process that asks."""
        with self._tx() as db:
            db.execute(
                "INSERT OR IGNORE INTO secrets (name, value) VALUES ('console', ?)",
                (secrets.token_hex(32),),
            )
            return str(db.execute("SELECT value FROM secrets WHERE name = 'console'").fetchone()[0])
