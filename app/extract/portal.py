"""Portal families: which profile a page belongs to and where its article body is."""

from __future__ import annotations

from app.extract import markup
from app.extract.markup import HtmlElement
from app.extract.profiles import MIN_BODY_CHARS, PROFILES, PortalProfile

# Among body candidates, the innermost one holding this share of the largest one's text wins.
INNERMOST_SHARE = 0.8


def match_profile(root: HtmlElement) -> PortalProfile | None:
    """The first profile whose markers appear in the page."""
    for profile in PROFILES:
        if any(root.xpath(marker) for marker in profile.markers):
            return profile
    return None


def find_body(root: HtmlElement, profile: PortalProfile) -> HtmlElement | None:
    """The element holding the article body, by the profile's hints; None when too little text."""
    sized = [(len(markup.text_of(el)), el) for el in markup.find_hinted(root, profile.body)]
    sized = [(size, el) for size, el in sized if size >= MIN_BODY_CHARS]
    if not sized:
        return None
    largest = max(size for size, _ in sized)
    enough = [el for size, el in sized if size >= INNERMOST_SHARE * largest]
    return max(enough, key=lambda el: len(list(el.iterancestors())))
