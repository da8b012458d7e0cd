"""Helpers for console tests: accounts, a signed-in client per role, forms with their token."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from app.store.accounts import Account
from app.web.console import manage
from app.web.context import get_services

PASSWORD = "mật khẩu đủ dài 123"  # noqa: S105 (a test password)
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_account(app: Flask, name: str, role: str, password: str = PASSWORD) -> Account:
    """An account of ``role`` in ``app``'s store."""
    return manage.add_account(get_services(app).store, name, role, password)


def form_token(client: FlaskClient, path: str = "/admin/login") -> str:
    """The ``csrf_token`` of the form on a console page (the sign-in page, or any other)."""
    page = client.get(path).get_data(as_text=True)
    found = TOKEN.search(page)
    assert found, f"no csrf_token on {path}"
    return found.group(1)


def sign_in(client: FlaskClient, name: str, password: str = PASSWORD, **extra: str) -> TestResponse:
    """POST the sign-in form (with its token) and return the answer (303 when it worked)."""
    data = {"username": name, "password": password, "csrf_token": form_token(client), **extra}
    return client.post("/admin/login", data=data)


def signed_in(app: Flask, role: str = "editor", name: str | None = None) -> FlaskClient:
    """A test client signed in as a new account of ``role`` (named after it by default)."""
    name = name or f"test-{role}"
    make_account(app, name, role)
    client = app.test_client()
    answer = sign_in(client, name)
    assert answer.status_code == 303, answer.get_data(as_text=True)
    return client


def post(
    client: FlaskClient, path: str, data: dict[str, Any] | None = None, **kw: Any
) -> TestResponse:
    """POST a console form with the signed-in client's token (taken from ``/admin/``)."""
    return client.post(
        path, data={"csrf_token": form_token(client, "/admin/"), **(data or {})}, **kw
    )
