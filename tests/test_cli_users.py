"""``baonoi user add|list|remove|passwd``, run as an operator runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.config import load_settings
from app.store import open_store
from app.web.console import manage

BAONOI = [sys.executable, "-m", "app.cli"]


def run(args: list[str], tmp_path: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run ``baonoi`` with its store under ``tmp_path`` (no terminal: stdin is a pipe)."""
    env = {**os.environ, "BAONOI_DATA_DIR": str(tmp_path / "instance")}
    return subprocess.run(
        [*BAONOI, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_user_add_keeps_only_a_slow_salted_hash_and_the_account_signs_in(tmp_path: Path) -> None:
    done = run(
        ["user", "add", "Lan", "--role", "admin", "--password-stdin"],
        tmp_path,
        "mật khẩu của Lan\n",
    )
    assert done.returncode == 0, done.stderr
    assert "lan" in done.stdout
    store = open_store(load_settings({"data_dir": tmp_path / "instance"}, environ={}))
    try:
        account = store.accounts().get("lan")
        assert account is not None and account.role == "admin"
        assert account.password_hash.startswith("scrypt:")
        assert "mật khẩu" not in account.password_hash
        assert manage.verify(account, "mật khẩu của Lan")
        assert not manage.verify(account, "mật khẩu của Lan\n")
        assert store.accounts().audit(0, 5)[0][0].action == "user_add"
    finally:
        store.close()
    assert (
        "mật khẩu của Lan".encode() not in (tmp_path / "instance" / "baonoi.sqlite3").read_bytes()
    )


def test_user_list_prints_names_and_roles(tmp_path: Path) -> None:
    for name, role in (("minh", "editor"), ("an", "admin")):
        assert (
            run(
                ["user", "add", name, "--role", role, "--password-stdin"],
                tmp_path,
                "đủ mười ký tự\n",
            ).returncode
            == 0
        )
    done = run(["user", "list"], tmp_path)
    assert done.returncode == 0
    assert done.stdout == "an\tadmin\nminh\teditor\n"


def test_user_passwd_changes_the_password(tmp_path: Path) -> None:
    run(["user", "add", "lan", "--role", "editor", "--password-stdin"], tmp_path, "cũ cũ cũ cũ\n")
    done = run(["user", "passwd", "lan", "--password-stdin"], tmp_path, "mới mới mới mới\n")
    assert done.returncode == 0, done.stderr
    store = open_store(load_settings({"data_dir": tmp_path / "instance"}, environ={}))
    try:
        account = store.accounts().get("lan")
        assert manage.verify(account, "mới mới mới mới")
        assert not manage.verify(account, "cũ cũ cũ cũ")
        assert account is not None and account.version == 2
    finally:
        store.close()


def test_user_remove_deletes_the_account(tmp_path: Path) -> None:
    run(["user", "add", "lan", "--role", "editor", "--password-stdin"], tmp_path, "đủ mười ký tự\n")
    assert run(["user", "remove", "lan"], tmp_path).returncode == 0
    assert run(["user", "list"], tmp_path).stdout == ""


def test_user_errors_are_bilingual_and_exit_1(tmp_path: Path) -> None:
    run(["user", "add", "lan", "--role", "editor", "--password-stdin"], tmp_path, "đủ mười ký tự\n")
    cases = [
        (["user", "add", "lan", "--role", "editor", "--password-stdin"], "đủ mười ký tự\n"),
        (["user", "add", "minh", "--role", "editor", "--password-stdin"], "short\n"),
        (["user", "add", "minh", "--role", "editor", "--password-stdin"], ""),
        (["user", "add", "a b", "--role", "editor", "--password-stdin"], "đủ mười ký tự\n"),
        (["user", "add", "minh", "--role", "editor"], ""),  # no terminal, no --password-stdin
        (["user", "remove", "ghost"], ""),
        (["user", "passwd", "ghost", "--password-stdin"], "đủ mười ký tự\n"),
    ]
    for args, stdin in cases:
        done = run(args, tmp_path, stdin)
        assert done.returncode == 1, (args, done.stderr)
        assert "error: " in done.stderr and "lỗi: " in done.stderr, args
        assert "Traceback" not in done.stderr


def test_user_misuse_exits_2(tmp_path: Path) -> None:
    for args in (
        ["user", "add", "lan"],
        ["user", "add", "lan", "--role", "boss"],
        ["user", "remove"],
        ["user", "frobnicate"],
    ):
        assert run(args, tmp_path).returncode == 2, args


def on_a_terminal(args: list[str], tmp_path: Path, typed: list[str]) -> tuple[int, str]:
    """Run ``baonoi ARGS`` on a pseudo-terminal of its own, typing each of ``typed`` when asked."""
    import fcntl
    import select
    import termios

    master, slave = os.openpty()
    env = {**os.environ, "BAONOI_DATA_DIR": str(tmp_path / "instance")}
    proc = subprocess.Popen(
        [*BAONOI, *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),  # noqa: PLW1509
    )
    os.close(slave)
    shown, pending = b"", list(typed)
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            shown += chunk
            # click prints the prompt, then getpass turns echo off and prints " ": answer then
            if pending and shown.count(b": ") > len(typed) - len(pending):
                os.write(master, pending.pop(0).encode() + b"\n")
    finally:
        os.close(master)
    return proc.wait(timeout=60), shown.decode("utf-8", "replace")


def test_user_add_on_a_terminal_asks_twice_without_showing_the_password(tmp_path: Path) -> None:
    code, shown = on_a_terminal(
        ["user", "add", "lan", "--role", "editor"], tmp_path, ["bí mật đủ dài", "bí mật đủ dài"]
    )
    assert code == 0, shown
    assert "Mật khẩu" in shown and "Nhập lại" in shown
    assert "bí mật" not in shown  # not echoed
    assert run(["user", "list"], tmp_path).stdout == "lan\teditor\n"


def test_user_add_on_a_terminal_refuses_two_different_passwords(tmp_path: Path) -> None:
    code, shown = on_a_terminal(
        ["user", "add", "lan", "--role", "editor"], tmp_path, ["bí mật đủ dài", "bí mật khác hẳn"]
    )
    assert code == 1
    assert "The two passwords differ" in shown and "Hai mật khẩu không giống nhau" in shown
    assert run(["user", "list"], tmp_path).stdout == ""
