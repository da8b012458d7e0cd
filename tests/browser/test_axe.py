"""axe-core finds no WCAG 2.2 A/AA or best-practice violation on any page, in any theme."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


def axe_violations(page: Any, tags: list[str], rules: list[str] | None = None) -> list[str]:
    """One line per axe violation (rule, impact, offending nodes) on the loaded page."""
    from axe_playwright_python.sync_playwright import Axe

    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    else:
        options["runOnly"] = {"type": "tag", "values": tags}
    response = Axe().run(page, options=options).response
    return [
        f"{v['id']} ({v['impact']}): " + "; ".join(n["html"][:120] for n in v["nodes"][:3])
        for v in response["violations"]
    ]


def test_article_list_has_no_axe_violations(page: Any, live_server: Any) -> None:
    page.goto(live_server.at("/"))
    assert axe_violations(page, WCAG_TAGS) == []


@pytest.mark.parametrize("theme", ["light", "dark", "sepia", "contrast"])
def test_reader_page_has_no_axe_violations_in_any_theme(
    page: Any, live_server: Any, theme: str
) -> None:
    page.goto(live_server.at(f"/articles/{live_server.sample}?theme={theme}"))
    page.wait_for_selector("#player:not([hidden])")
    page.click("summary")  # the embed snippet, opened, is checked as well
    assert axe_violations(page, WCAG_TAGS) == []


def test_reader_page_without_audio_yet_has_no_axe_violations(page: Any, live_server: Any) -> None:
    page.goto(live_server.at(f"/articles/{live_server.making}?size=3&spacing=wide&lowdata=1"))
    assert axe_violations(page, WCAG_TAGS) == []


def test_high_contrast_theme_reaches_seven_to_one(page: Any, live_server: Any) -> None:
    page.goto(live_server.at(f"/articles/{live_server.sample}?theme=contrast"))
    page.wait_for_selector("#player:not([hidden])")
    assert axe_violations(page, [], rules=["color-contrast-enhanced"]) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_embed_page_has_no_axe_violations(browser: Any, live_server: Any, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(live_server.at(f"/embed/{live_server.sample}"))
    try:
        assert axe_violations(page, WCAG_TAGS) == []
    finally:
        context.close()


@pytest.mark.parametrize("zoom", [200, 400])
def test_reader_and_embed_have_no_axe_violations_at_200_and_400_percent_zoom(
    browser: Any, live_server: Any, zoom: int
) -> None:
    # A 1280 x 800 window zoomed: the page lays out in 1280/zoom x 800/zoom CSS pixels.
    size = {"width": 1280 * 100 // zoom, "height": 800 * 100 // zoom}
    context = browser.new_context(viewport=size, locale="vi-VN")
    try:
        page = context.new_page()
        for path in (f"/articles/{live_server.sample}", f"/embed/{live_server.making}"):
            page.goto(live_server.at(path))
            page.wait_for_selector("#player:not([hidden])")
            assert axe_violations(page, WCAG_TAGS) == [], path
    finally:
        context.close()
