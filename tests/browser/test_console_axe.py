"""axe finds nothing on any console page, in Chromium with the CSP in force: one case per page,
and a check that every page the console serves has its case."""

from __future__ import annotations

from typing import Any

import pytest

from app.store.listens import Cell, day_of, days_ending
from app.store.tally import listens_for
from tests.browser.test_axe import WCAG_TAGS, axe_violations
from tests.browser.test_console import csp_reports, new_account, sign_in
from tests.test_console_headers import console_rules

pytestmark = pytest.mark.browser
PAGES = {  # case -> (endpoint, address; "{sample}" is the made sample article)
    "login": ("console_auth.login", "/admin/login"),
    "articles": ("console_articles.index", "/admin/"),
    "article": ("console_articles.article", "/admin/articles/{sample}"),
    "work": ("console_work.index", "/admin/work"),
    "lexicon": ("console_lexicon.index", "/admin/lexicon"),
    "lexicon after a trial": ("console_lexicon.index", "/admin/lexicon"),
    "listens": ("console_listens.index", "/admin/listens"),
    "users": ("console_users.index", "/admin/users"),
    "audit": ("console_audit.index", "/admin/audit"),
}
NOT_PAGES = {"console_lexicon.heard", "console_listens.csv"}  # audio and CSV, not HTML


def seed_listens(live_server: Any) -> None:
    """A week of listens of the sample article, for the charts, the top list and the funnel."""
    cells = {
        Cell(day, live_server.sample, surface, "default"): [3 + n, 2 + n, 2, 1, 1, 90]
        for n, day in enumerate(days_ending(day_of(), 7))
        for surface in ("reader", "frame")
    }
    listens_for(live_server.services.store).add(cells)


def test_every_console_page_has_an_axe_case() -> None:
    pages = {endpoint for method, _, endpoint in console_rules() if method == "GET"}
    assert pages - NOT_PAGES == {endpoint for endpoint, _ in PAGES.values()}


@pytest.mark.parametrize("case", list(PAGES))
def test_console_page_has_no_axe_violations(page: Any, live_server: Any, case: str) -> None:
    reports = csp_reports(page)
    if case != "login":
        sign_in(page, live_server, new_account(live_server, "admin"))
    if case == "listens":
        seed_listens(live_server)
    page.goto(live_server.at(PAGES[case][1].format(sample=live_server.sample)))
    if case == "lexicon after a trial":
        page.get_by_label("Chữ viết", exact=True).fill("Bắc Kạn")
        page.get_by_label("Cách đọc", exact=True).fill("bắc cạn")
        page.get_by_role("button", name="Nghe thử").click()
        page.wait_for_selector("#trial audio")
    assert page.locator("h1").count() == 1
    assert axe_violations(page, WCAG_TAGS) == [], case
    assert reports == []
