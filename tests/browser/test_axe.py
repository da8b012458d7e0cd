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


# Browser zoom on a 1280×800 window: the CSS viewport shrinks by the zoom, pixels grow by it.
ZOOMS = {200: ({"width": 640, "height": 400}, 2), 400: ({"width": 320, "height": 200}, 4)}


@pytest.mark.parametrize("zoom", sorted(ZOOMS))
@pytest.mark.parametrize(
    "path",
    ["/", "/articles/{sample}", "/articles/{making}?lowdata=1&theme=dark", "/embed/{sample}"],
)
def test_pages_and_their_listening_panels_have_no_axe_violations_when_zoomed(
    browser: Any, live_server: Any, zoom: int, path: str
) -> None:
    viewport, scale = ZOOMS[zoom]
    context = browser.new_context(viewport=viewport, device_scale_factor=scale, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(live_server.at(path.format(sample=live_server.sample, making=live_server.making)))
        if path == "/":
            page.wait_for_selector("#queue:not([hidden])")  # the keep-listening panel
        elif path.startswith("/articles/"):
            page.wait_for_selector("#cont-js:not([hidden])")  # the next article's choice
            page.click("#offline summary")  # the offline panel, open, with what it says
            page.wait_for_function("() => document.getElementById('off-status')?.textContent")
            page.click("#more")  # the player's secondary controls, open
        assert axe_violations(page, WCAG_TAGS) == []
    finally:
        context.close()
