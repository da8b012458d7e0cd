"""Article metadata from a page tree: title, publication date, lead (sapo) and author."""

from __future__ import annotations

import re
from datetime import date

from app.extract import markup
from app.extract.blocks import Piece
from app.extract.markup import HtmlElement
from app.extract.profiles import (
    AUTHOR_LINE_MAX_WORDS,
    AUTHOR_MAX_CHARS,
    AUTHOR_MAX_LINES,
    AUTHOR_PATTERNS,
    DATE_META,
    DATE_PATTERNS,
    SITE_NAME_PATTERNS,
    TITLE_SEPARATORS,
    PortalProfile,
)
from app.models import BlockKind

_SITE_NAME = re.compile("|".join(SITE_NAME_PATTERNS), re.IGNORECASE)
_AUTHOR_LINES = tuple(re.compile(p, re.IGNORECASE) for p in AUTHOR_PATTERNS)
_TIME = re.compile(r"\d{1,2}:\d{2}")
MIN_LEAD_CHARS = 40
MAX_TITLE_CHARS = 400
MAX_META_LINE_CHARS = 120
TITLE_TAGS = frozenset(("h1", "h2", "h3", "h4", "div", "p", "span", "td", "strong"))


def contains(outer: HtmlElement, inner: HtmlElement) -> bool:
    """Whether ``inner`` is ``outer`` or lies inside it."""
    return inner is outer or any(a is outer for a in inner.iterancestors())


def meta_content(root: HtmlElement, names: tuple[str, ...]) -> str:
    """The content of the first <meta name|property> among the names, in the names' order."""
    for name in names:
        for meta in root.iter("meta"):
            key = (meta.get("name") or meta.get("property") or "").lower()
            if key == name and (meta.get("content") or "").strip():
                return markup.collapse(meta.get("content", ""))
    return ""


def is_site_name(text: str) -> bool:
    """Whether the text names the site rather than an article."""
    return bool(_SITE_NAME.search(text))


def find_title(root: HtmlElement, profile: PortalProfile, body: HtmlElement | None) -> str:
    """The title: the <h1> or title-hinted element nearest above the body, og:title, <title>."""
    before: list[str] = []
    after: list[str] = []
    for el in root.iter():
        if el is body:
            before, after = after, before  # what was seen so far lies above the body
        elif is_title_candidate(el, profile) and not (body is not None and contains(el, body)):
            after.append(markup.text_of(el))
    if before:
        return before[-1]
    if after:
        return after[0]
    og = meta_content(root, ("og:title",))
    return strip_site_name(og) if og else head_title(root)


def is_title_candidate(el: HtmlElement, profile: PortalProfile) -> bool:
    """Whether the element may hold the article title: an <h1> or a title-hinted heading/box."""
    if el.tag != "h1" and not (el.tag in TITLE_TAGS and markup.has_hint(el, profile.title)):
        return False
    if any(a.tag in ("li", "a") for a in el.iterancestors()):
        return False
    text = markup.text_of(el)
    return bool(text) and len(text) <= MAX_TITLE_CHARS and not is_site_name(text)


def head_title(root: HtmlElement) -> str:
    """The <title> of the page, without the site name."""
    el = root.find(".//title")
    return strip_site_name(markup.text_of(el)) if el is not None else ""


def strip_site_name(title: str) -> str:
    """The title with trailing (or leading) site-name segments removed."""
    for sep in TITLE_SEPARATORS:
        parts = title.split(sep)
        while len(parts) > 1 and is_site_name(parts[-1]):
            parts.pop()
        while len(parts) > 1 and is_site_name(parts[0]):
            parts.pop(0)
        title = sep.join(parts)
    return title.strip()


def parse_date(text: str) -> date | None:
    """The first valid date written in the text."""
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
    return None


def find_date(root: HtmlElement, profile: PortalProfile, body: HtmlElement | None) -> date | None:
    """The publication date: a date-hinted element, a meta tag, <time>, a date line above."""
    for el in markup.find_hinted(root, profile.date):
        text = markup.text_of(el)
        if len(text) <= MAX_META_LINE_CHARS and not (body is not None and contains(el, body)):
            found = parse_date(text)
            if found:
                return found
    for value in [
        meta_content(root, DATE_META),
        *(t.get("datetime", "") for t in root.iter("time")),
    ]:
        found = parse_date(value)
        if found:
            return found
    return date_line_before(root, body) if body is not None else None


def date_line_before(root: HtmlElement, body: HtmlElement) -> date | None:
    """The date on the last short date-and-time line before the body (the article's toolbar)."""
    found = None
    for el in root.iter():
        if el is body:
            break
        text = markup.collapse(el.text or "") if isinstance(el.tag, str) else ""
        if text and len(text) <= MAX_META_LINE_CHARS and _TIME.search(text):
            found = parse_date(text) or found
    return found


def find_lead(root: HtmlElement, profile: PortalProfile, body: HtmlElement) -> HtmlElement | None:
    """The element holding the sapo, when the page marks one (never the body or around it)."""
    for el in markup.find_hinted(root, profile.lead):
        if contains(el, body) or el.tag in ("body", "html"):
            continue
        if len(markup.text_of(el)) >= MIN_LEAD_CHARS:
            return el
    return None


def lead_from_pieces(pieces: list[Piece], description: str) -> str:
    """The sapo opening the body: a bold first paragraph, or one the meta description begins."""
    first = next((p for p in pieces if p.kind is not BlockKind.FIGURE), None)
    if first is None or first.kind is not BlockKind.PARAGRAPH or len(first.text) < MIN_LEAD_CHARS:
        return ""
    if first.bold:
        return first.text
    summary = description.rstrip(".… ")
    if len(summary) >= MIN_LEAD_CHARS and first.text.startswith(summary):
        return first.text
    return ""


def author_line(piece: Piece) -> str:
    """The author named by a closing line ("Tác giả: X", "Theo X", a right-aligned name), or ''."""
    text = piece.text
    if piece.kind not in (BlockKind.PARAGRAPH, BlockKind.HEADING) or len(text) > AUTHOR_MAX_CHARS:
        return ""
    for pattern in _AUTHOR_LINES:
        match = pattern.match(text)
        if match:
            return match["name"].strip()
    short = len(text.split()) <= AUTHOR_LINE_MAX_WORDS
    signed = piece.align == "right" or (piece.bold and piece.kind is BlockKind.HEADING)
    return text.rstrip("./ ").strip() if short and signed else ""


def split_author(pieces: list[Piece]) -> tuple[list[Piece], str]:
    """The pieces without their closing author lines, and the author they name."""
    pieces = list(pieces)
    names: list[str] = []
    while pieces and len(names) < AUTHOR_MAX_LINES:
        name = author_line(pieces[-1])
        if not name:
            break
        names.insert(0, name)
        pieces.pop()
    return pieces, " - ".join(names)


def find_author(root: HtmlElement, profile: PortalProfile) -> str:
    """The author from an author-hinted element, or ''."""
    for el in markup.find_hinted(root, profile.author):
        text = markup.text_of(el)
        if not text or len(text) > AUTHOR_MAX_CHARS:
            continue
        for pattern in _AUTHOR_LINES:
            match = pattern.match(text)
            if match:
                return match["name"].strip()
        return text
    return ""
