"""Portal families: which profile a page belongs to and where its article body is."""

from __future__ import annotations

import functools

from lxml import etree

from app.extract import markup
from app.extract.markup import HtmlElement, Page
from app.extract.profiles import MIN_BODY_CHARS, PROFILES, PortalProfile

# Among body candidates, the innermost one holding this share of the largest one's text wins.
INNERMOST_SHARE = 0.8


def match_profile(root: HtmlElement) -> PortalProfile | None:
    """The first profile whose markers appear in the page."""
    for profile in PROFILES:
        if _markers_xpath(profile.markers)(root):
            return profile
    return None


@functools.lru_cache(maxsize=16)
def _markers_xpath(markers: tuple[str, ...]) -> etree.XPath:
    """One compiled search, in one pass over the page, for an element meeting any marker."""
    return etree.XPath(f"boolean(//*[{' or '.join(f'({m})' for m in markers)}])")


def find_body(page: Page, profile: PortalProfile) -> HtmlElement | None:
    """The element holding the article body, by the profile's hints; None when too little text."""
    sized = [(len(markup.text_of(el)), el) for el in page.find(profile.body)]
    sized = [(size, el) for size, el in sized if size >= MIN_BODY_CHARS]
    if not sized:
        return None
    largest = max(size for size, _ in sized)
    enough = [el for size, el in sized if size >= INNERMOST_SHARE * largest]
    return max(enough, key=lambda el: len(list(el.iterancestors())))
