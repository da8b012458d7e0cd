"""The console's sign-in, sessions, roles, CSRF, headers and account pages (Flask test client)."""

from __future__ import annotations

import logging
import re
import time
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from app.web import PAGE_CSP
from app.web.context import get_services
from tests.console_support import PASSWORD, form_token, make_account, post, sign_in, signed_in


def cookie_header(answer: Any) -> str:
    """The console's Set-Cookie header of an answer."""
    found = [h for h in answer.headers.getlist("Set-Cookie") if h.startswith("baonoi_console=")]
    assert found, answer.headers
    return str(found[-1])


def test_the_sign_in_page_is_a_vietnamese_form_with_a_hidden_token(client: FlaskClient) -> None:
    answer = client.get("/admin/login")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert '<html lang="vi"' in page and '<main id="main"' in page and "<h1>" in page
    assert 'name="username"' in page and 'name="password"' in page
    assert re.search(r'<input type="hidden" name="csrf_token" value="[^"]+">', page)
    assert '<label for="username">' in page and '<label for="password">' in page
    assert "<script" not in page  # works without JavaScript


def test_console_pages_send_the_page_csp_cannot_be_framed_and_are_not_stored(
    admin_client: FlaskClient,
) -> None:
    for path in ("/admin/login", "/admin/", "/admin/users", "/admin/audit"):
        answer = admin_client.get(path)
        assert answer.headers["Content-Security-Policy"] == PAGE_CSP, path
        assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]
        assert answer.headers["X-Frame-Options"] == "DENY"
        assert answer.headers["Cache-Control"] == "no-store"


def test_signing_in_opens_the_console_with_a_new_session(app: Flask, client: FlaskClient) -> None:
    make_account(app, "lan", "editor")
    before = client.get("/admin/login")
    answer = sign_in(client, "Lan", PASSWORD)  # names are folded to lower case
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith("/admin/")
    assert cookie_header(before).split(";")[0] != cookie_header(answer).split(";")[0]
    assert "lan (biên tập)" in client.get("/admin/").get_data(as_text=True)


def test_the_session_cookie_is_httponly_lax_and_scoped_to_the_console(
    app: Flask, client: FlaskClient
) -> None:
    make_account(app, "lan", "editor")
    header = cookie_header(sign_in(client, "lan"))
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Path=/admin" in header
    assert "Secure" not in header  # no https public URL
    assert "Expires=" in header  # a lasting cookie, which the server also idles out


def test_the_session_cookie_is_secure_behind_an_https_public_url(overrides: dict[str, Any]) -> None:
    app = create_app({**overrides, "public_url": "https://baonoi.example.vn"})
    try:
        answer = app.test_client().get("/admin/login", base_url="https://baonoi.example.vn")
        assert "Secure" in cookie_header(answer)
    finally:
        get_services(app).close()


def test_reader_pages_set_no_console_cookie(client: FlaskClient) -> None:
    for path in ("/", "/healthz"):
        answer = client.get(path)
        assert not answer.headers.getlist("Set-Cookie"), path


def test_a_console_page_without_signing_in_leads_to_the_sign_in_page(client: FlaskClient) -> None:
    for path in ("/admin/", "/admin/users", "/admin/audit"):
        answer = client.get(path)
        assert answer.status_code == 303
        assert "/admin/login?next=" in answer.headers["Location"]


def test_sign_in_goes_back_to_the_page_asked_for_but_never_off_the_console(
    app: Flask, client: FlaskClient
) -> None:
    make_account(app, "lan", "admin")
    assert sign_in(client, "lan", next="/admin/audit").headers["Location"].endswith("/admin/audit")
    other = app.test_client()
    for target in ("https://evil.example/admin", "//evil.example/admin", "/articles/x"):
        answer = sign_in(other, "lan", next=target)
        assert answer.headers["Location"].endswith("/admin/"), target
        other = app.test_client()


def test_a_wrong_password_is_refused_in_both_languages(app: Flask, client: FlaskClient) -> None:
    make_account(app, "lan", "editor")
    wrong = sign_in(client, "lan", "not the password")
    nobody = sign_in(client, "minh", "not the password")
    for answer in (wrong, nobody):
        page = answer.get_data(as_text=True)
        assert answer.status_code == 401
        assert "Sai tên đăng nhập hoặc mật khẩu." in page
        assert "Wrong user name or password." in page
    assert client.get("/admin/").status_code == 303


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_a_console_post_without_its_token_is_a_bilingual_400(
    app: Flask, client: FlaskClient, token: str | None
) -> None:
    make_account(app, "lan", "editor")
    form_token(client)
    data = {"username": "lan", "password": PASSWORD}
    if token is not None:
        data["csrf_token"] = token
    answer = client.post("/admin/login", data=data)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert "mã bảo vệ" in page and "protection token" in page
    assert client.get("/admin/").status_code == 303  # not signed in


def test_a_signed_in_post_without_its_token_is_refused(admin_client: FlaskClient) -> None:
    answer = admin_client.post(
        "/admin/users", data={"username": "minh", "role": "editor", "password": PASSWORD}
    )
    assert answer.status_code == 400
    answer = admin_client.post("/admin/logout")
    assert answer.status_code == 400
    assert admin_client.get("/admin/users").status_code == 200


def test_the_api_token_and_reader_posts_need_no_csrf_token(overrides: dict[str, Any]) -> None:
    app = create_app({**overrides, "api_token": "t0ken"})
    try:
        client = app.test_client()
        answer = client.post(
            "/api/articles",
            data=b"<html></html>",
            headers={"Authorization": "Bearer t0ken", "Content-Type": "text/html"},
        )
        assert answer.status_code != 400 or "csrf" not in answer.get_data(as_text=True).lower()
        assert client.post("/api/articles", data=b"x").status_code == 401
        assert client.post("/articles/none/listen").status_code == 404
    finally:
        get_services(app).close()


def test_signing_out_ends_the_session_even_for_a_copied_cookie(
    app: Flask, editor_client: FlaskClient
) -> None:
    copy = app.test_client()
    for cookie in editor_client._cookies.values():  # noqa: SLF001 (a thief's copy)
        copy.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)
    assert copy.get("/admin/").status_code == 200
    answer = post(editor_client, "/admin/logout")
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/admin/login")
    assert editor_client.get("/admin/").status_code == 303
    assert copy.get("/admin/").status_code == 303


def test_an_idle_session_ends(
    app: Flask, editor_client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert editor_client.get("/admin/").status_code == 200
    later = time.time() + 31 * 60
    monkeypatch.setattr("app.store.accounts_local.time.time", lambda: later)
    assert editor_client.get("/admin/").status_code == 303


def test_the_session_survives_a_new_process_on_the_same_store(
    overrides: dict[str, Any], app: Flask, editor_client: FlaskClient
) -> None:
    second = create_app(overrides)  # another process: the same store, so the same secret
    try:
        client = second.test_client()
        for cookie in editor_client._cookies.values():  # noqa: SLF001
            client.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)
        assert client.get("/admin/").status_code == 200
    finally:
        get_services(second).close()


def test_ten_wrong_passwords_lock_the_name_even_with_the_right_one(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    make_account(app, "lan", "editor")
    attacker = app.test_client()
    with caplog.at_level(logging.INFO):
        for number in range(10):
            assert sign_in(attacker, "lan", f"guess number {number}").status_code == 401
    elsewhere = app.test_client()  # another client: only the name is locked for it
    elsewhere.environ_base["REMOTE_ADDR"] = "10.9.8.7"
    answer = sign_in(elsewhere, "lan", PASSWORD)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 429 and answer.headers["Retry-After"] == "900"
    assert "bị khóa" in page and "locked" in page
    assert elsewhere.get("/admin/").status_code == 303
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("locked" in w and "user:lan" in w for w in warnings)
    assert not any("guess number" in r.getMessage() for r in caplog.records)


def test_a_locked_name_looks_the_same_whether_or_not_it_exists(app: Flask) -> None:
    answers = []
    for name in ("lan", "ghost"):
        if name == "lan":
            make_account(app, name, "editor")
        for _ in range(10):
            client = app.test_client()
            client.environ_base["REMOTE_ADDR"] = f"10.0.{len(answers)}.{_}"
            sign_in(client, name, "wrong password")
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = "10.1.1.1"
        answers.append(sign_in(client, name, PASSWORD if name == "lan" else "x" * 12))
    pages = [
        re.sub(r'value="[^"]*"', "", a.get_data(as_text=True).replace("lan", "ghost"))
        for a in answers
    ]
    assert [a.status_code for a in answers] == [429, 429]
    assert pages[0] == pages[1]


def test_ten_wrong_passwords_from_one_client_lock_that_client(app: Flask) -> None:
    make_account(app, "lan", "editor")
    client = app.test_client()
    for number in range(10):
        sign_in(client, f"name{number}", "wrong password")
    assert sign_in(client, "lan", PASSWORD).status_code == 429
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.2.3.4"
    assert sign_in(other, "lan", PASSWORD).status_code == 303


def test_an_editor_gets_a_bilingual_403_on_the_accounts_and_audit_pages(
    editor_client: FlaskClient,
) -> None:
    for path in ("/admin/users", "/admin/audit"):
        answer = editor_client.get(path)
        page = answer.get_data(as_text=True)
        assert answer.status_code == 403
        assert "không có quyền" in page and "may not do this" in page
    assert (
        post(
            editor_client, "/admin/users", {"username": "x", "role": "admin", "password": PASSWORD}
        ).status_code
        == 403
    )
    assert "Tài khoản" not in editor_client.get("/admin/").get_data(as_text=True)


def test_an_admin_adds_changes_and_removes_accounts(app: Flask, admin_client: FlaskClient) -> None:
    store = get_services(app).store
    answer = post(
        admin_client, "/admin/users", {"username": "Minh", "role": "editor", "password": PASSWORD}
    )
    assert answer.status_code == 303
    assert "Đã thêm tài khoản minh." in admin_client.get("/admin/users").get_data(as_text=True)
    assert store.accounts().get("minh").role == "editor"  # type: ignore[union-attr]
    assert post(admin_client, "/admin/users/minh/role", {"role": "admin"}).status_code == 303
    assert store.accounts().get("minh").role == "admin"  # type: ignore[union-attr]
    minh = app.test_client()
    assert sign_in(minh, "minh").status_code == 303
    assert (
        post(
            admin_client, "/admin/users/minh/password", {"password": "một mật khẩu mới hẳn"}
        ).status_code
        == 303
    )
    assert minh.get("/admin/").status_code == 303  # the old password's session ended
    assert sign_in(app.test_client(), "minh", "một mật khẩu mới hẳn").status_code == 303
    assert post(admin_client, "/admin/users/minh/remove").status_code == 303
    assert store.accounts().get("minh") is None
    actions = [e.action for e in store.accounts().audit(0, 20)[0]]
    for action in ("user_add", "user_role", "user_password", "user_remove", "sign_in"):
        assert action in actions


def test_bad_account_forms_are_bilingual_400s(admin_client: FlaskClient) -> None:
    for data in (
        {"username": "a b", "role": "editor", "password": PASSWORD},
        {"username": "minh", "role": "boss", "password": PASSWORD},
        {"username": "minh", "role": "editor", "password": "short"},
        {"username": "test-admin", "role": "editor", "password": PASSWORD},
    ):
        answer = post(admin_client, "/admin/users", data)
        page = answer.get_data(as_text=True)
        assert answer.status_code == 400, data
        assert 'class="error" role="alert"' in page and 'lang="en"' in page
    assert post(admin_client, "/admin/users/ghost/remove").status_code == 404


def test_the_last_admin_and_oneself_cannot_be_removed_or_demoted(admin_client: FlaskClient) -> None:
    assert post(admin_client, "/admin/users/test-admin/remove").status_code == 400
    assert post(admin_client, "/admin/users/test-admin/role", {"role": "editor"}).status_code == 400


def test_the_audit_page_shows_sign_ins_and_failures_with_markup_as_text(
    app: Flask, admin_client: FlaskClient
) -> None:
    sign_in(app.test_client(), "<script>alert(1)</script>", "wrong password")
    page = admin_client.get("/admin/audit").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Đăng nhập sai" in page and "Đăng nhập" in page and "test-admin" in page


def test_the_audit_page_is_paged_and_odd_page_numbers_are_harmless(
    app: Flask, admin_client: FlaskClient
) -> None:
    accounts = get_services(app).store.accounts()
    for number in range(120):
        accounts.record("lan", "lexicon_add", f"mục {number}")
    first = admin_client.get("/admin/audit").get_data(as_text=True)
    assert "mục 119" in first and "mục 60" not in first and "Trang sau" in first
    third = admin_client.get("/admin/audit?page=3").get_data(as_text=True)
    assert "mục 0" in third and "Trang trước" in third
    for odd in ("0", "-1", "x", "9" * 50, "²"):
        assert admin_client.get(f"/admin/audit?page={odd}").status_code == 200


def test_signed_in_helper_gives_each_role(app: Flask) -> None:
    assert signed_in(app, "admin", "boss").get("/admin/users").status_code == 200


def test_a_client_hammering_the_sign_in_costs_at_most_ten_password_checks(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.web.console import manage

    checks: list[str] = []
    real = manage.verify

    def counted(account: Any, password: str) -> bool:
        checks.append(password)
        return real(account, password)

    monkeypatch.setattr(manage, "verify", counted)
    client = app.test_client()
    token = form_token(client)
    statuses = [
        client.post(
            "/admin/login",
            data={"username": f"name{n}", "password": "x" * 20, "csrf_token": token},
        ).status_code
        for n in range(30)
    ]
    assert statuses == [401] * 10 + [429] * 20
    assert len(checks) == 10
    _, total = get_services(app).store.accounts().audit(0, 1)
    assert total <= 12  # ten failures and the client's lock: the log does not grow with the flood


def test_huge_sign_in_fields_are_refused_quickly_not_crashing(app: Flask) -> None:
    client = app.test_client()
    data = {
        "username": "n" * 1_000_000,
        "password": "p" * 1_000_000,
        "csrf_token": form_token(client),
    }
    start = time.monotonic()
    answer = client.post("/admin/login", data=data)
    assert answer.status_code == 401
    assert time.monotonic() - start < 5
    assert len(answer.get_data()) < 20_000  # the typed name is not sent back whole


def test_over_https_a_sign_in_needs_a_same_site_referrer_too(overrides: dict[str, Any]) -> None:
    app = create_app({**overrides, "public_url": "https://baonoi.example.vn"})
    try:
        make_account(app, "lan", "editor")
        base = "https://baonoi.example.vn"
        client = app.test_client()
        page = client.get("/admin/login", base_url=base).get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        data = {"username": "lan", "password": PASSWORD, "csrf_token": token}
        elsewhere = {"Referer": "https://evil.example/admin/login"}
        for headers in (elsewhere, {}):  # from another site; with no Referer at all
            refused = client.post("/admin/login", data=data, base_url=base, headers=headers)
            assert refused.status_code == 400
            assert "Referer" in refused.get_data(as_text=True)  # says what to allow
        same = {"Referer": f"{base}/admin/login"}
        answer = client.post("/admin/login", data=data, base_url=base, headers=same)
        assert answer.status_code == 303
        assert "Secure" in cookie_header(answer)
    finally:
        get_services(app).close()
