"""Reflow at 320 CSS px and 300% text; the settings links work without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest

from app.pipeline import ingest

pytestmark = pytest.mark.browser
PORTAL_URL = "https://backan.gov.vn/Pages/chat-luong-to-chuc-dang.aspx"

# Elements whose text sticks out of the page, or is cut by an overflow-hidden box.
CLIPPED = """() => {
  const width = document.documentElement.clientWidth, out = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.skip, [hidden], .tbl')) continue;
    const box = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (!box.width && !box.height) continue;
    const what = el.outerHTML.slice(0, 80);
    if (box.right > width + 1 || box.left < -1) out.push('past the edge: ' + what);
    const cuts = [s.overflowX, s.overflowY].some((o) => o === 'hidden' || o === 'clip');
    if (cuts && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1))
      out.push('clips its text: ' + what);
  }
  return out;
}"""


def no_sideways_scroll(page: Any) -> tuple[int, int]:
    """The page's scroll width and client width."""
    return page.evaluate(
        "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )


@pytest.mark.parametrize(
    "query",
    ["size=7", "size=7&spacing=wide&width=full", "size=7&theme=contrast&width=narrow&lowdata=1"],
)
def test_reader_page_reflows_at_320_px_and_300_percent(
    browser: Any, live_server: Any, query: str
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(live_server.at(f"/articles/{live_server.sample}?{query}"))
        page.wait_for_selector("#player:not([hidden])")
        page.evaluate("() => { document.querySelector('details').open = true; }")
        assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "48px"
        scroll, client = no_sideways_scroll(page)
        assert scroll <= client
        assert page.evaluate(CLIPPED) == []
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/?size=7", "/embed/{id}"])
def test_list_and_embed_pages_reflow_at_320_px(browser: Any, live_server: Any, path: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(live_server.at(path.format(id=live_server.sample)))
        scroll, client = no_sideways_scroll(page)
        assert scroll <= client
        assert page.evaluate(CLIPPED) == []
    finally:
        context.close()


def root_look(page: Any) -> dict[str, str]:
    """The root's classes, computed font size, the body's background and line height."""
    return page.evaluate(
        """() => ({cls: document.documentElement.className,
                   size: getComputedStyle(document.documentElement).fontSize,
                   bg: getComputedStyle(document.body).backgroundColor,
                   line: getComputedStyle(document.body).lineHeight})"""
    )


def test_size_theme_and_spacing_links_work_without_javascript(
    browser: Any, live_server: Any
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        reader = live_server.at(f"/articles/{live_server.sample}")
        page.goto(reader)
        before = root_look(page)
        assert before["size"] == "16px" and "t-light" in before["cls"]
        assert page.is_hidden("#player") and page.is_visible("audio[controls]")
        with page.expect_navigation():  # the link reloads the page, at its panel
            page.click('ul[aria-labelledby="size-l"] >> text="175%"')
        assert root_look(page)["size"] == "28px"
        with page.expect_navigation():  # the link reloads the page, at its panel
            page.click('ul[aria-labelledby="theme-l"] >> text="Tối"')
        dark = root_look(page)
        assert "t-dark" in dark["cls"] and dark["bg"] == "rgb(18, 18, 18)"
        with page.expect_navigation():  # the link reloads the page, at its panel
            page.click('ul[aria-labelledby="sp-l"] >> text="Rộng"')
        wide = root_look(page)
        assert "sp-wide" in wide["cls"] and wide["line"] == "56px"  # line-height 2 at 28px
        assert "size=4" in page.url and "theme=dark" in page.url  # shareable as a link
        page.goto(reader)  # no query: the cookie remembers
        again = root_look(page)
        assert again == wide
        page.goto(live_server.at("/"))
        assert root_look(page)["cls"] == wide["cls"]
    finally:
        context.close()


def test_low_data_link_hides_images_and_keeps_captions_without_javascript(
    browser: Any, live_server: Any, sample_page: bytes
) -> None:
    # With its source address, the sample's pictures resolve to the portal's (never to us).
    ingest(
        live_server.services, sample_page, url=PORTAL_URL, article_id="with-base", queue_audio=False
    )
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.at("/articles/with-base"))
        assert page.locator("article img").count() > 0
        page.click('ul[aria-labelledby="ld-l"] >> text="Bật"')
        assert page.locator("article img").count() == 0
        assert page.locator("article figcaption").count() > 0
    finally:
        context.close()
