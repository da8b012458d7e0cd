"""The audit log: ``record`` (for every console action) and ``/admin/audit`` (admins), paged."""

from __future__ import annotations

import time

from flask import render_template, request

from app.web.console.guard import admin_required, console_blueprint, current_name
from app.web.context import get_services

bp = console_blueprint("console_audit", __name__)
PAGE = 50  # events per page
MAX_PAGE = 10_000  # pages past this are not asked of the store
ACTIONS = {  # how each action reads in Vietnamese (others show as they are recorded)
    "sign_in": "Đăng nhập",
    "sign_out": "Đăng xuất",
    "sign_in_failed": "Đăng nhập sai",
    "sign_in_locked": "Khóa đăng nhập",
    "user_add": "Thêm tài khoản",
    "user_remove": "Xóa tài khoản",
    "user_role": "Đổi vai trò",
    "user_password": "Đổi mật khẩu",
    "lexicon_add": "Thêm cách đọc",
    "lexicon_edit": "Sửa cách đọc",
    "lexicon_delete": "Xóa cách đọc",
    "article_remake": "Làm lại âm thanh",
    "article_delete": "Xóa bài",
    "article_retry": "Thử lại âm thanh",
}


def record(action: str, subject: str, detail: str = "") -> None:
    """Add ``action`` on ``subject`` by the signed-in account to the audit log."""
    get_services().store.accounts().record(current_name(), action, subject, detail)


def page_number() -> int:
    """The ``page`` asked for (1 when absent or not a plain number), at most ``MAX_PAGE``."""
    raw = request.args.get("page", "1")
    return (
        max(1, min(MAX_PAGE, int(raw))) if raw.isascii() and raw.isdigit() and len(raw) < 7 else 1
    )


def when(at: float) -> str:
    """A time as the log shows it (UTC)."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(at))


@bp.get("/audit")
@admin_required
def index() -> str:
    """Who did what and when, newest first, ``PAGE`` at a time."""
    page = page_number()
    events, total = get_services().store.accounts().audit((page - 1) * PAGE, PAGE)
    pages = max(1, -(-total // PAGE))
    return render_template(
        "console/audit.html",
        events=events,
        total=total,
        page=page,
        pages=pages,
        actions=ACTIONS,
        when=when,
    )
