"""The console's accounts, sessions, sign-in failures and audit log in the store: both backends."""

from __future__ import annotations

import time
from pathlib import Path

from app.config import Settings
from app.store import Store, open_store
from app.store.accounts import Account


def account(name: str = "lan", role: str = "editor", version: int = 1) -> Account:
    """An account with a made-up hash."""
    return Account(name, role, "scrypt:hash-of-lan", created_at=1.0, version=version)


def test_an_account_is_added_once_and_read_back(store: Store) -> None:
    accounts = store.accounts()
    assert accounts.add(account()) is True
    assert accounts.add(account(role="admin")) is False
    assert accounts.get("lan") == account()
    assert accounts.get("nobody") is None


def test_accounts_are_listed_by_name_updated_and_removed(store: Store) -> None:
    accounts = store.accounts()
    for name in ("minh", "an", "lan"):
        accounts.add(account(name))
    assert [a.name for a in accounts.all()] == ["an", "lan", "minh"]
    assert accounts.update(account("an", role="admin", version=2)) is True
    assert accounts.get("an") == account("an", role="admin", version=2)
    assert accounts.update(account("ghost")) is False
    assert accounts.get("ghost") is None
    assert accounts.remove("an") is True
    assert accounts.remove("an") is False
    assert [a.name for a in accounts.all()] == ["lan", "minh"]


def test_the_password_hash_is_not_shown_in_an_accounts_repr() -> None:
    assert "scrypt" not in repr(account())


def test_a_session_names_its_account_until_it_is_closed(store: Store) -> None:
    accounts = store.accounts()
    token = accounts.open_session("lan", 3, idle_s=60)
    assert accounts.session(token, 60) == ("lan", 3)
    assert accounts.session(token + "x", 60) is None
    accounts.close_session(token)
    assert accounts.session(token, 60) is None


def test_a_session_unused_for_its_idle_time_ends(store: Store) -> None:
    accounts = store.accounts()
    token = accounts.open_session("lan", 1, idle_s=1)
    time.sleep(0.6)
    assert accounts.session(token, 1) == ("lan", 1)  # used: its idle time starts again
    time.sleep(0.6)
    assert accounts.session(token, 1) == ("lan", 1)
    time.sleep(1.2)
    assert accounts.session(token, 1) is None


def test_session_tokens_are_not_kept_in_the_store(store: Store, tmp_path: Path) -> None:
    token = store.accounts().open_session("lan", 1, idle_s=60)
    if store.kind == "redis":
        stored = b" ".join(store.client.keys("*"))  # type: ignore[attr-defined]
        assert token.encode() not in stored
    else:
        assert token.encode() not in (tmp_path / "baonoi.sqlite3").read_bytes()
        for extra in tmp_path.glob("baonoi.sqlite3-wal"):
            assert token.encode() not in extra.read_bytes()


def test_the_tenth_failure_in_the_window_locks_and_the_count_starts_again(store: Store) -> None:
    accounts = store.accounts()
    assert [accounts.note_failure("user:lan", 900, 10, 900) for _ in range(9)] == [False] * 9
    assert accounts.locked_for("user:lan") == 0
    assert accounts.note_failure("user:lan", 900, 10, 900) is True
    assert 899 < accounts.locked_for("user:lan") <= 900
    assert accounts.locked_for("user:minh") == 0
    assert accounts.note_failure("user:lan", 900, 10, 900) is False  # a new count


def test_failures_older_than_the_window_do_not_count(store: Store) -> None:
    accounts = store.accounts()
    for _ in range(2):
        accounts.note_failure("client:10.0.0.1", 1, 3, 60)
    time.sleep(1.1)
    assert accounts.note_failure("client:10.0.0.1", 1, 3, 60) is False
    assert accounts.locked_for("client:10.0.0.1") == 0


def test_a_lock_ends_after_its_time(store: Store) -> None:
    accounts = store.accounts()
    assert accounts.note_failure("user:lan", 60, 1, 1) is True
    assert accounts.locked_for("user:lan") > 0
    time.sleep(1.1)
    assert accounts.locked_for("user:lan") == 0


def test_clearing_failures_forgets_the_count(store: Store) -> None:
    accounts = store.accounts()
    for _ in range(9):
        accounts.note_failure("user:lan", 900, 10, 900)
    accounts.clear_failures("user:lan")
    assert accounts.note_failure("user:lan", 900, 10, 900) is False


def test_the_audit_log_pages_newest_first(store: Store) -> None:
    accounts = store.accounts()
    for number in range(7):
        accounts.record("lan", "lexicon_add", f"từ {number}", f"chi tiết {number}")
    first, total = accounts.audit(0, 3)
    assert total == 7
    assert [e.subject for e in first] == ["từ 6", "từ 5", "từ 4"]
    assert first[0].actor == "lan" and first[0].action == "lexicon_add"
    assert first[0].detail == "chi tiết 6" and abs(first[0].at - time.time()) < 60
    last, _ = accounts.audit(6, 3)
    assert [e.subject for e in last] == ["từ 0"]
    assert accounts.audit(50, 3) == ([], 7)


def test_the_signing_secret_is_made_once_and_shared(store: Store, store_settings: Settings) -> None:
    secret = store.accounts().secret()
    assert len(secret) >= 32
    other = open_store(store_settings)  # the same backend, opened again (another process would)
    try:
        assert other.accounts().secret() == secret
    finally:
        other.close()
