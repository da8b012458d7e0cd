"""The console in Chromium through a real ``baonoi serve``: sign in, editor 403, lock-out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_console import csp_reports
from tests.integration.processes import Processes
from tests.integration.test_console_server import PASSWORD, add_user

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Processes, str]]:
    """``baonoi serve`` on its own embedded store, with an admin ``lan`` and an editor ``minh``."""
    procs = Processes(
        {
            "BAONOI_DATA_DIR": str(tmp_path / "instance"),
            "BAONOI_AUDIO_CACHE_DIR": str(tmp_path / "audio"),
            "BAONOI_TTS_ENGINE": "espeak",
        },
        tmp_path,
    )
    add_user(procs, "lan", "admin")
    add_user(procs, "minh", "editor")
    try:
        yield procs, procs.web("web")
    finally:
        procs.stop_all()


def sign_in(page: Any, base: str, name: str, password: str = PASSWORD) -> Any:
    """Fill and send the sign-in form; the answer to the POST."""
    page.goto(f"{base}/admin/login")
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(password)
    with page.expect_navigation() as sent:
        page.get_by_role("button", name="Đăng nhập").click()
    return sent.value


def test_signing_in_through_the_server_with_the_csp_in_force(
    page: Any, served: tuple[Processes, str]
) -> None:
    reports = csp_reports(page)
    _, base = served
    sign_in(page, base, "lan")
    assert page.url == f"{base}/admin/"
    page.get_by_role("navigation").get_by_role("link", name="Nhật ký").click()
    assert page.get_by_role("cell", name="Đăng nhập", exact=True).count() >= 1
    assert reports == []


def test_an_editor_gets_403_on_the_accounts_page_in_a_browser(
    page: Any, served: tuple[Processes, str]
) -> None:
    _, base = served
    sign_in(page, base, "minh")
    answer = page.goto(f"{base}/admin/users")
    assert answer.status == 403
    assert "không có quyền" in page.content()


def test_ten_wrong_passwords_lock_the_name_in_a_browser(
    browser: Any, served: tuple[Processes, str]
) -> None:
    _, base = served
    context = browser.new_context(locale="vi-VN")
    try:
        page = context.new_page()
        for number in range(10):
            assert sign_in(page, base, "lan", f"đoán-mò-{number}-xyz").status == 401
    finally:
        context.close()
    other = browser.new_context(locale="vi-VN")  # fresh cookies: the name itself is locked
    try:
        page = other.new_page()
        answer = sign_in(page, base, "lan")
        assert answer.status == 429
        assert "bị khóa" in page.get_by_role("alert").inner_text()
        assert page.url.endswith("/admin/login")
    finally:
        other.close()
