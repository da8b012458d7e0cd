"""Account rules shared by the console's views and ``baonoi user``: names, passwords, hashes."""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import replace

from werkzeug.security import check_password_hash, generate_password_hash

from app.errors import InputError, NotFound
from app.store import Store
from app.store.accounts import ROLES, Account

NAME = re.compile(r"[\w.@+-]{1,64}")  # letters (Vietnamese too), digits and . @ + - _
PASSWORD_MIN, PASSWORD_MAX = 10, 1024  # characters
HASH_METHOD = "scrypt"  # werkzeug's default: scrypt, n=2**15, r=8, p=1, a 16-character salt
ROLE_NAMES = {"admin": "Quản trị", "editor": "Biên tập"}
# Checked against when a name has no account, so a wrong name takes as long as a wrong password.
_DUMMY = generate_password_hash("not a password: the name has no account", HASH_METHOD)


def clean_name(raw: str) -> str:
    """A sign-in name as kept: NFC, lower case; ``InputError`` unless letters, digits, . @ + - _."""
    name = unicodedata.normalize("NFC", raw.strip()).lower()
    if not NAME.fullmatch(name):
        raise InputError(
            "A user name is 1 to 64 letters, digits or . @ + - _",
            "Tên đăng nhập gồm 1 đến 64 chữ cái, chữ số hoặc . @ + - _",
        )
    return name


def check_role(role: str) -> str:
    """``role`` when it is one of ``ROLES``, else ``InputError``."""
    if role not in ROLES:
        raise InputError(
            f"The role must be one of: {', '.join(ROLES)}",
            f"Vai trò phải là một trong: {', '.join(ROLES)}",
        )
    return role


def hash_password(password: str) -> str:
    """A slow salted hash of an acceptable password (``InputError`` when too short or long)."""
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise InputError(
            f"A password has {PASSWORD_MIN} to {PASSWORD_MAX} characters",
            f"Mật khẩu phải có từ {PASSWORD_MIN} đến {PASSWORD_MAX} ký tự",
        )
    return generate_password_hash(password, HASH_METHOD)


def verify(account: Account | None, password: str) -> bool:
    """Whether ``password`` is the account's (as slow when there is no account)."""
    if len(password) > PASSWORD_MAX:
        return False
    if account is None:
        check_password_hash(_DUMMY, password)
        return False
    return check_password_hash(account.password_hash, password)


def add_account(store: Store, name: str, role: str, password: str) -> Account:
    """Create an account; ``InputError`` when the name is taken or a value is refused."""
    account = Account(
        name=clean_name(name),
        role=check_role(role),
        password_hash=hash_password(password),
        created_at=time.time(),
    )
    if not store.accounts().add(account):
        raise InputError(
            f"The user {account.name} exists already",
            f"Tài khoản {account.name} đã có",
        )
    return account


def existing(store: Store, name: str) -> Account:
    """The account of ``name``, or ``NotFound``."""
    account = store.accounts().get(clean_name(name))
    if account is None:
        raise NotFound(f"No user {name!r}", f"Không có tài khoản {name!r}")
    return account


def change_password(store: Store, name: str, password: str) -> Account:
    """Set a new password; the account's open sessions end."""
    account = existing(store, name)
    changed = replace(account, password_hash=hash_password(password), version=account.version + 1)
    store.accounts().update(changed)
    return changed


def change_role(store: Store, name: str, role: str) -> Account:
    """Give an account another role (it takes effect at its next request)."""
    changed = replace(existing(store, name), role=check_role(role))
    store.accounts().update(changed)
    return changed


def remove_account(store: Store, name: str) -> None:
    """Delete an account; ``NotFound`` when there is none."""
    if not store.accounts().remove(existing(store, name).name):
        raise NotFound(f"No user {name!r}", f"Không có tài khoản {name!r}")


def admins_left(store: Store, without: str) -> int:
    """How many admins there would be without the account ``without``."""
    return sum(1 for a in store.accounts().all() if a.role == "admin" and a.name != without)
