"""The console in Chromium with its CSP in force: signing in, and axe on every page of mine."""

from __future__ import annotations

import secrets
from typing import Any

import pytest

from app.web.console import manage
from tests.browser.test_axe import WCAG_TAGS, axe_violations
from tests.console_support import PASSWORD

pytestmark = pytest.mark.browser


def new_account(live_server: Any, role: str) -> str:
    """A fresh account of ``role`` on the live server's store; its name."""
    name = f"{role}-{secrets.token_hex(4)}"
    manage.add_account(live_server.services.store, name, role, PASSWORD)
    return name


def csp_reports(page: Any) -> list[str]:
    """Console messages of the page about the Content Security Policy (collected as they come)."""
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def sign_in(page: Any, live_server: Any, name: str, password: str = PASSWORD) -> None:
    """Fill and send the sign-in form by keyboard, as a person does."""
    page.goto(live_server.at("/admin/login"))
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_label("Mật khẩu").press("Enter")
    page.wait_for_load_state()


def test_signing_in_and_out_in_a_browser_with_the_csp_in_force(page: Any, live_server: Any) -> None:
    reports = csp_reports(page)
    name = new_account(live_server, "admin")
    sign_in(page, live_server, name)
    assert page.url == live_server.at("/admin/")
    assert page.get_by_role("heading", level=1).inner_text() == "Bài viết"
    page.get_by_role("navigation").get_by_role("link", name="Tài khoản").click()
    assert page.get_by_role("row", name=name).count() == 1
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(live_server.at("/admin/login"))
    page.goto(live_server.at("/admin/users"))
    assert "/admin/login" in page.url
    assert reports == []


def test_a_wrong_password_shows_the_bilingual_error(page: Any, live_server: Any) -> None:
    sign_in(page, live_server, new_account(live_server, "editor"), "không phải mật khẩu")
    alert = page.get_by_role("alert")
    assert "Sai tên đăng nhập hoặc mật khẩu." in alert.inner_text()
    assert "Wrong user name or password." in alert.inner_text()


def test_console_pages_have_no_axe_violations(page: Any, live_server: Any) -> None:
    page.goto(live_server.at("/admin/login"))
    assert axe_violations(page, WCAG_TAGS) == []
    sign_in(page, live_server, "ai-đó", "không phải mật khẩu")  # the page with its error
    assert axe_violations(page, WCAG_TAGS) == []
    sign_in(page, live_server, new_account(live_server, "admin"))
    for path in ("/admin/", "/admin/users", "/admin/audit"):
        page.goto(live_server.at(path))
        assert axe_violations(page, WCAG_TAGS) == [], path


@pytest.mark.parametrize("theme", ["dark", "contrast"])
def test_console_pages_follow_the_readers_theme_without_axe_violations(
    page: Any, live_server: Any, theme: str
) -> None:
    page.goto(live_server.at(f"/?theme={theme}"))  # the reader's preference cookie
    sign_in(page, live_server, new_account(live_server, "admin"))
    page.goto(live_server.at("/admin/users"))
    assert theme in (page.get_attribute("html", "class") or "")
    assert axe_violations(page, WCAG_TAGS) == []
