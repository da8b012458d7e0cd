"""The console's menu, as data: one line per page (endpoint, Vietnamese label, role needed)."""

from __future__ import annotations

from typing import NamedTuple

from flask import current_app, request, url_for


class Entry(NamedTuple):
    """One menu entry."""

    endpoint: str
    label: str
    role: str  # "editor": every account; "admin": admins only


HOME = "console_articles.index"  # where sign-in leads (unless it came from another page)

# A page joins the menu with one line here; entries whose endpoint is not registered are skipped.
NAV: tuple[Entry, ...] = (
    Entry("console_articles.index", "Bài viết", "editor"),
    Entry("console_work.index", "Hàng đợi và lỗi", "editor"),
    Entry("console_lexicon.index", "Cách đọc", "editor"),
    Entry("console_listens.index", "Lượt nghe", "editor"),
    Entry("console_users.index", "Tài khoản", "admin"),
    Entry("console_audit.index", "Nhật ký", "admin"),
)


class Item(NamedTuple):
    """A menu entry as shown: its address, label and whether it is this page."""

    url: str
    label: str
    current: bool


def menu(role: str | None) -> list[Item]:
    """The entries an account of ``role`` may open (none before sign-in: ``role`` None)."""
    if role is None:
        return []
    items = []
    for entry in NAV:
        if entry.endpoint not in current_app.view_functions:
            continue
        if entry.role == "admin" and role != "admin":
            continue
        items.append(Item(url_for(entry.endpoint), entry.label, request.endpoint == entry.endpoint))
    return items
