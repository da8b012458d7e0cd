"""``baonoi user add|list|remove|passwd``: the console's accounts from the command line.

Errors go to stderr in English and Vietnamese with exit 1; misuse (unknown option, missing
name) exits 2 as every other command does. Each change goes to the audit log as ``cli:<user>``.
"""

from __future__ import annotations

import functools
import getpass
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from app.errors import BaonoiError, InputError
from app.store import Store

F = TypeVar("F", bound=Callable[..., Any])
ROLE = click.Choice(["admin", "editor"])


def reports(command: F) -> F:
    """Print our errors on stderr (English, then Vietnamese) and exit 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except BaonoiError as exc:
            click.echo(f"error: {exc.message_en}\nlỗi: {exc.message_vi}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@contextmanager
def opened() -> Iterator[Store]:
    """The configured store (the one ``baonoi serve`` uses), closed afterwards."""
    from app.config import load_settings
    from app.store import open_store, require_answer

    settings = load_settings()
    store = open_store(settings)
    try:
        require_answer(settings, store)
        yield store
    finally:
        store.close()


def actor() -> str:
    """Who changed accounts from the command line, for the audit log."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return f"cli:{os.getuid()}"


def read_password(from_stdin: bool) -> str:
    """The new password: stdin's first line, or typed twice (not shown) on a terminal."""
    if from_stdin:
        line = sys.stdin.readline()
        password = line.removesuffix("\n").removesuffix("\r")
    elif sys.stdin.isatty():
        password = click.prompt("Password / Mật khẩu", hide_input=True, err=True)
        again = click.prompt("Again / Nhập lại", hide_input=True, err=True)
        if password != again:
            raise InputError("The two passwords differ", "Hai mật khẩu không giống nhau")
    else:
        raise InputError(
            "No terminal to type the password on: use --password-stdin",
            "Không có màn hình để gõ mật khẩu: hãy dùng --password-stdin",
        )
    if not password:
        raise InputError("The password is empty", "Mật khẩu trống")
    return password


@click.group()
def user() -> None:
    """Console accounts: add, list, remove, change a password."""


@user.command("add")
@click.argument("name")
@click.option(
    "--role", type=ROLE, required=True, help="admin: accounts too"
)
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin's first line.")
@reports
def add(name: str, role: str, password_stdin: bool) -> None:
    """Add an account NAME with a role and a password."""
    from app.web.console import manage

    password = read_password(password_stdin)
    with opened() as store:
        account = manage.add_account(store, name, role, password)
        store.accounts().record(actor(), "user_add", account.name, account.role)
    click.echo(f"added {account.name} ({account.role})")


@user.command("list")
@reports
def listing() -> None:
    """Print each account: name, tab, role."""
    with opened() as store:
        for account in store.accounts().all():
            click.echo(f"{account.name}\t{account.role}")


@user.command("remove")
@click.argument("name")
@reports
def remove(name: str) -> None:
    """Remove the account NAME (its sessions end)."""
    from app.web.console import manage

    with opened() as store:
        account = manage.existing(store, name)
        manage.remove_account(store, account.name)
        store.accounts().record(actor(), "user_remove", account.name)
    click.echo(f"removed {account.name}")


@user.command("passwd")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin's first line.")
@reports
def passwd(name: str, password_stdin: bool) -> None:
    """Set a new password for NAME (its open sessions end)."""
    from app.web.console import manage

    with opened() as store:
        account = manage.existing(store, name)
        manage.change_password(store, account.name, read_password(password_stdin))
        store.accounts().record(actor(), "user_password", account.name)
    click.echo(f"password changed for {account.name}")
