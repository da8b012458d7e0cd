"""Console accounts, their sign-in sessions and failures, the audit log and the session secret.

A ``Accounts`` Protocol with one implementation per backend (``accounts_local``,
``accounts_redis``), reached through ``Store.accounts()``. Passwords arrive here already hashed
(the interface layer hashes them with werkzeug); session tokens are kept only as their SHA-256.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Protocol

ROLES = ("admin", "editor")  # admins may do everything editors do, and manage accounts
AUDIT_KEEP = 100_000  # audit events kept (the oldest are dropped past it)


@dataclass(frozen=True, slots=True)
class Account:
    """One console account."""

    name: str
    role: str
    password_hash: str = field(repr=False)
    created_at: float = 0.0
    version: int = 1  # bumped when the password changes: the sessions opened before end


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """Who did what, to what, and when."""

    at: float
    actor: str
    action: str
    subject: str
    detail: str = ""


def token_digest(token: str) -> str:
    """How a session token is kept: its SHA-256, so a copy of the store opens no session."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def who_digest(who: str) -> str:
    """A short fixed-length name for a sign-in subject (``user:<name>``, ``client:<address>``)."""
    return hashlib.sha256(who.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class Accounts(Protocol):
    """Accounts, sessions, sign-in failures, the audit log and the console's signing secret."""

    def add(self, account: Account) -> bool:
        """Save a new account; False when the name is taken."""
        ...

    def get(self, name: str) -> Account | None:
        """The account of ``name``, or None."""
        ...

    def all(self) -> list[Account]:
        """Every account, by name."""
        ...

    def update(self, account: Account) -> bool:
        """Replace an existing account (role, hash, version); False when there is none."""
        ...

    def remove(self, name: str) -> bool:
        """Delete an account (its sessions end with it); True when it existed."""
        ...

    def open_session(self, name: str, version: int, idle_s: int) -> str:
        """A new session token for ``name``, valid while used at least every ``idle_s``."""
        ...

    def session(self, token: str, idle_s: int) -> tuple[str, int] | None:
        """The (name, account version) of a live session, its idle time restarted; or None."""
        ...

    def close_session(self, token: str) -> None:
        """End a session."""
        ...

    def note_failure(self, who: str, window_s: int, limit: int, lock_s: int) -> bool:
        """Count a wrong password for ``who``; True when it reaches ``limit`` in ``window_s``
        (``who`` is then locked for ``lock_s`` and its count starts again)."""
        ...

    def locked_for(self, who: str) -> float:
        """Seconds ``who`` stays locked (0 when free)."""
        ...

    def clear_failures(self, who: str) -> None:
        """Forget ``who``'s wrong passwords (after a right one)."""
        ...

    def record(self, actor: str, action: str, subject: str, detail: str = "") -> None:
        """Add an event to the audit log."""
        ...

    def audit(self, offset: int = 0, limit: int = 50) -> tuple[list[AuditEvent], int]:
        """Audit events newest first from ``offset``, and how many there are in all."""
        ...

    def secret(self) -> str:
        """The console's signing secret: made once, the same for every process and machine."""
        ...
