"""Accounts, sessions, sign-in failures and the audit log on Redis (shared by every machine)."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from typing import Any

import redis

from app.store import keys
from app.store.accounts import AUDIT_KEEP, Account, AuditEvent, token_digest, who_digest


def _text(raw: Any) -> str:
    """A Redis reply as text."""
    return raw.decode("utf-8", "surrogatepass") if isinstance(raw, bytes) else str(raw)


def _account(raw: Any) -> Account:
    """An account from its JSON."""
    data = json.loads(raw)
    return Account(
        name=data["name"],
        role=data["role"],
        password_hash=data["hash"],
        created_at=float(data["created_at"]),
        version=int(data["version"]),
    )


def _json(account: Account) -> str:
    """An account as JSON."""
    return json.dumps(
        {
            "name": account.name,
            "role": account.role,
            "hash": account.password_hash,
            "created_at": account.created_at,
            "version": account.version,
        },
        ensure_ascii=False,
    )


class RedisAccounts:
    """The ``Accounts`` of a ``RedisStore``; every call goes through its error mapping."""

    def __init__(self, client: redis.Redis, call: Callable[[Callable[[], Any]], Any]) -> None:
        self.client = client
        self._call = call

    def add(self, account: Account) -> bool:
        """Save a new account (HSETNX); False when the name is taken."""
        return bool(
            self._call(lambda: self.client.hsetnx(keys.ACCOUNTS, account.name, _json(account)))
        )

    def get(self, name: str) -> Account | None:
        """The account of ``name``, or None."""
        raw = self._call(lambda: self.client.hget(keys.ACCOUNTS, name))
        return _account(raw) if raw else None

    def all(self) -> list[Account]:
        """Every account, by name."""
        found = self._call(lambda: self.client.hvals(keys.ACCOUNTS))
        return sorted((_account(raw) for raw in found), key=lambda a: a.name)

    def update(self, account: Account) -> bool:
        """Replace an existing account (checked and written in one transaction)."""

        def write(pipe: Any) -> None:
            if not pipe.hexists(keys.ACCOUNTS, account.name):
                raise LookupError(account.name)
            pipe.multi()
            pipe.hset(keys.ACCOUNTS, account.name, _json(account))

        try:
            self._call(lambda: self.client.transaction(write, keys.ACCOUNTS))
        except LookupError:
            return False
        return True

    def remove(self, name: str) -> bool:
        """Delete an account; its sessions end at their next use (no account to match)."""
        return bool(self._call(lambda: self.client.hdel(keys.ACCOUNTS, name)))

    def open_session(self, name: str, version: int, idle_s: int) -> str:
        """A new session token, its record expiring after ``idle_s`` unused."""
        token = secrets.token_urlsafe(32)
        key = keys.CONSOLE_SESSION.format(digest=token_digest(token))
        self._call(lambda: self.client.set(key, f"{version} {name}", ex=idle_s))
        return token

    def session(self, token: str, idle_s: int) -> tuple[str, int] | None:
        """The (name, version) of a live session, its expiry pushed back (GETEX)."""
        key = keys.CONSOLE_SESSION.format(digest=token_digest(token))
        raw = self._call(lambda: self.client.getex(key, ex=idle_s))
        if not raw:
            return None
        version, _, name = _text(raw).partition(" ")
        return name, int(version)

    def close_session(self, token: str) -> None:
        """End a session."""
        key = keys.CONSOLE_SESSION.format(digest=token_digest(token))
        self._call(lambda: self.client.delete(key))

    def note_failure(self, who: str, window_s: int, limit: int, lock_s: int) -> bool:
        """Count a wrong password (sorted set of times); lock ``who`` when it reaches ``limit``."""
        digest, now = who_digest(who), time.time()
        failures = keys.SIGNIN_FAILURES.format(digest=digest)

        def count() -> int:
            pipe = self.client.pipeline()
            pipe.zremrangebyscore(failures, "-inf", now - window_s)
            pipe.zadd(failures, {f"{now}:{secrets.token_hex(4)}": now})
            pipe.zcard(failures)
            pipe.expire(failures, window_s)
            return int(pipe.execute()[2])

        if self._call(count) < limit:
            return False

        def lock() -> None:
            pipe = self.client.pipeline()
            pipe.set(keys.SIGNIN_LOCK.format(digest=digest), "1", ex=lock_s)
            pipe.delete(failures)
            pipe.execute()

        self._call(lock)
        return True

    def locked_for(self, who: str) -> float:
        """Seconds ``who`` stays locked (the lock key's remaining time; 0 when free)."""
        left = self._call(lambda: self.client.pttl(keys.SIGNIN_LOCK.format(digest=who_digest(who))))
        return max(0.0, int(left) / 1000)

    def clear_failures(self, who: str) -> None:
        """Forget ``who``'s wrong passwords."""
        key = keys.SIGNIN_FAILURES.format(digest=who_digest(who))
        self._call(lambda: self.client.delete(key))

    def record(self, actor: str, action: str, subject: str, detail: str = "") -> None:
        """Add an event to the audit log (LPUSH, trimmed to the newest ``AUDIT_KEEP``)."""
        body = json.dumps(
            {
                "at": time.time(),
                "actor": actor,
                "action": action,
                "subject": subject,
                "detail": detail,
            },
            ensure_ascii=False,
        )

        def push() -> None:
            pipe = self.client.pipeline()
            pipe.lpush(keys.AUDIT, body)
            pipe.ltrim(keys.AUDIT, 0, AUDIT_KEEP - 1)
            pipe.execute()

        self._call(push)

    def audit(self, offset: int = 0, limit: int = 50) -> tuple[list[AuditEvent], int]:
        """Audit events newest first from ``offset``, and how many there are in all."""

        def read() -> tuple[list[Any], int]:
            pipe = self.client.pipeline()
            pipe.lrange(keys.AUDIT, offset, offset + limit - 1)
            pipe.llen(keys.AUDIT)
            rows, total = pipe.execute()
            return list(rows), int(total)

        rows, total = self._call(read)
        events = [AuditEvent(**json.loads(raw)) for raw in rows]
        return events, total

    def secret(self) -> str:
        """The signing secret, made by the first process that asks (SET NX, then GET)."""

        def read() -> str:
            self.client.set(keys.CONSOLE_SECRET, secrets.token_hex(32), nx=True)
            return _text(self.client.get(keys.CONSOLE_SECRET))

        return str(self._call(read))
