"""Article metadata from a page tree: title, publication date, lead (sapo) and author."""

from __future__ import annotations

import re
from datetime import date

from lxml import etree

from app.extract import markup
from app.extract.blocks import Piece
from app.extract.markup import HtmlElement, Page
from app.extract.profiles import (
    AUTHOR_LINE_MAX_WORDS,
    AUTHOR_MAX_CHARS,
    AUTHOR_MAX_LINES,
    AUTHOR_META,
    AUTHOR_PATTERNS,
    CREDIT_NAME_MAX_WORDS,
    DATE_META,
    DATE_PATTERNS,
    HEADING_MAX_CHARS,
    LEAD_NEAR_TITLE_HINTS,
    LEAD_TITLE_LEVELS,
    MAX_LEAD_CHARS,
    MAX_LEAD_PARAGRAPHS,
    MIN_LEAD_CHARS,
    SITE_NAME_MAX_WORDS,
    SITE_NAME_PATTERNS,
    SITE_NAME_PREFIXES,
    TITLE_SEPARATORS,
    PortalProfile,
)
from app.models import BlockKind

_SITE_NAME = re.compile("|".join(SITE_NAME_PATTERNS), re.IGNORECASE)
_SITE_PREFIX = re.compile("|".join(SITE_NAME_PREFIXES), re.IGNORECASE)
_AUTHOR_LINES = tuple(re.compile(p, re.IGNORECASE) for p in AUTHOR_PATTERNS)
_CREDIT_LINE = _AUTHOR_LINES[0]  # a labelled credit: "Tin, ảnh: Lê Hằng"
_TIME = re.compile(r"\d{1,2}:\d{2}")
_SENTENCE_END = (".", "!", "?", "…")
# Headings that may hold a sapo set between the title and the body.
LEAD_HEADING_TAGS = frozenset(("h2", "h3", "h4"))
_POSITION = etree.XPath("count(preceding::*) + count(ancestor::*)")
# After a JSON-LD key: a string, or an object (maybe in a list) whose "name" is a string.
_JSON_LD_VALUE = re.compile(
    r'\s*:\s*(?:"(?P<text>[^"\\]{1,120})"|\[?\s*\{[^{}]{0,400}?"name"\s*:\s*"(?P<name>[^"\\]{1,120})")'
)
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
            key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
            if key == name and (meta.get("content") or "").strip():
                return markup.collapse(meta.get("content", ""))
    return ""


def is_site_name(text: str) -> bool:
    """Whether the text names the site rather than an article."""
    if _SITE_PREFIX.match(text) and len(text.split()) <= SITE_NAME_MAX_WORDS:
        return True
    return bool(_SITE_NAME.search(text))


def find_title(page: Page, profile: PortalProfile, body: HtmlElement | None) -> str:
    """The title: the <h1> or title-hinted element nearest above the body, og:title, <title>."""
    found = [*page.root.iter("h1"), *(el for el in page.find(profile.title) if el.tag != "h1")]
    candidates = sorted(
        (el for el in found if is_title_candidate(el, profile) and not _around(el, body)),
        key=position,
    )
    if candidates and body is not None and body.getroottree().getroot() is page.root:
        where = position(body)
        before = [el for el in candidates if position(el) < where]
        candidates = before[-1:] or candidates
    if candidates:
        return markup.text_of(candidates[0])
    og = meta_content(page.root, ("og:title",))
    return strip_site_name(og) if og else head_title(page.root)


def _around(el: HtmlElement, body: HtmlElement | None) -> bool:
    """Whether the element is the body or holds it."""
    return body is not None and contains(el, body)


def position(el: HtmlElement) -> int:
    """The element's place in document order."""
    return int(_POSITION(el))


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


def find_date(page: Page, profile: PortalProfile, body: HtmlElement | None) -> date | None:
    """The publication date: a date-hinted element, a meta tag, <time>, a date line above."""
    root = page.root
    for el in page.find(profile.date):
        text = markup.text_of(el)
        if len(text) <= MAX_META_LINE_CHARS and not (body is not None and contains(el, body)):
            found = parse_date(text)
            if found:
                return found
    for value in [
        meta_content(root, DATE_META),
        *(t.get("datetime", "") for t in root.iter("time")),
        json_ld(page.source, "datePublished"),
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


def find_lead(
    page: Page, profile: PortalProfile, body: HtmlElement, title: str = ""
) -> HtmlElement | None:
    """The element holding the sapo, when the page marks one (never the body or around it)."""
    for el in page.find(profile.lead):
        if contains(el, body) or el.tag in ("body", "html"):
            continue
        if not MIN_LEAD_CHARS <= len(markup.text_of(el)) <= MAX_LEAD_CHARS:
            continue
        if not is_one_paragraph(el):
            continue
        if _strongly_hinted(el, profile) or _beside_title(el, profile, title):
            return el
    return None


def _strongly_hinted(el: HtmlElement, profile: PortalProfile) -> bool:
    """Whether one of the lead hints found away from articles too is not all the box carries."""
    strong = [h for h in profile.lead if h not in LEAD_NEAR_TITLE_HINTS]
    return markup.has_hint(el, strong)


def _beside_title(el: HtmlElement, profile: PortalProfile, title: str) -> bool:
    """Whether the box shares its parent or grandparent with the article's title heading, and
    comes after it (a teaser's description sits beside the teaser's own heading)."""
    where = position(el)
    for holder in list(el.iterancestors())[:LEAD_TITLE_LEVELS]:
        titles = [*holder.iter("h1"), *(t for t in holder.iter() if _title_hinted(t, profile))]
        if any(markup.text_of(t) == title and position(t) < where for t in titles):
            return True
    return False


def _title_hinted(el: HtmlElement, profile: PortalProfile) -> bool:
    """Whether the element is a title-hinted heading or box."""
    return isinstance(el.tag, str) and el.tag in TITLE_TAGS and markup.has_hint(el, profile.title)


def is_one_paragraph(el: HtmlElement) -> bool:
    """Whether the element holds at most one paragraph (a sapo, not a body)."""
    return sum(1 for _ in el.iter("p")) <= MAX_LEAD_PARAGRAPHS


def lead_before(body: HtmlElement) -> HtmlElement | None:
    """A sapo set as an unmarked heading just above the body: a sentence, not a section name."""
    node: HtmlElement | None = body
    while node is not None and node.tag not in ("body", "html"):
        for el in node.itersiblings(preceding=True):
            text = markup.text_of(el) if isinstance(el.tag, str) else ""
            if not text or (len(text) <= MAX_META_LINE_CHARS and parse_date(text)):
                continue  # a blank box or the date line
            if el.tag in LEAD_HEADING_TAGS and text.isupper() and len(text) <= HEADING_MAX_CHARS:
                continue  # an e-magazine's upper-case chapter heading between sapo and body
            return el if el.tag in LEAD_HEADING_TAGS and _reads_as_lead(text) else None
        node = node.getparent()
    return None


def _reads_as_lead(text: str) -> bool:
    """Whether a text is long enough, and sentence enough, to be a sapo."""
    if not MIN_LEAD_CHARS <= len(text) <= MAX_LEAD_CHARS:
        return False
    return text.endswith(_SENTENCE_END) or len(text) > HEADING_MAX_CHARS


def lead_from_pieces(pieces: list[Piece], description: str) -> str:
    """The sapo opening the body: a bold or wholly italic first paragraph (also under an opening
    heading that is no sentence), a sentence-long first heading, or a paragraph the meta
    description begins."""
    prose = [p for p in pieces if p.kind is not BlockKind.FIGURE and not _kicker(p)]
    if not prose:
        return ""
    first = prose[0]
    if first.kind is BlockKind.HEADING:
        if _reads_as_lead(first.text):
            return first.text
        after = prose[1] if len(prose) > 1 else None  # a heading restating the title, then a sapo
        return after.text if after is not None and _set_apart(after) else ""
    if first.kind is not BlockKind.PARAGRAPH or len(first.text) < MIN_LEAD_CHARS:
        return ""
    if first.bold or _set_apart(first):
        return first.text
    summary = description.rstrip(".… ")
    if len(summary) >= MIN_LEAD_CHARS and first.text.startswith(summary):
        return first.text
    return ""


def _set_apart(piece: Piece) -> bool:
    """Whether a paragraph is set apart as a sapo: wholly bold or italic, a sentence, left-set,
    and no caption."""
    if piece.kind is not BlockKind.PARAGRAPH or not (piece.bold or piece.italic):
        return False
    if piece.caption_hint or piece.align in ("center", "right"):
        return False
    return _reads_as_lead(piece.text) and piece.text.endswith(_SENTENCE_END)


def _kicker(piece: Piece) -> bool:
    """Whether a piece is an upper-case heading over the sapo (an e-magazine's chapter title)."""
    return piece.kind is BlockKind.HEADING and piece.text.isupper()


def credit_name(piece: Piece) -> str:
    """The name a labelled credit line gives ("Bài và ảnh: Vũ Thanh"), or ''."""
    if piece.kind not in (BlockKind.PARAGRAPH, BlockKind.HEADING):
        return ""
    match = _CREDIT_LINE.match(piece.text) if len(piece.text) <= AUTHOR_MAX_CHARS else None
    name = match["name"].strip() if match else ""
    return name if len(name.split()) <= CREDIT_NAME_MAX_WORDS else ""


def credit_after(body: HtmlElement) -> str:
    """The name a labelled credit line right after the body gives, when the page sets it apart
    from the body (a table row under the body's cell), or ''."""
    node: HtmlElement | None = body
    while node is not None and node.tag not in ("body", "html"):
        for el in node.itersiblings():
            text = markup.text_of(el) if isinstance(el.tag, str) else ""
            if not text:
                continue
            match = _CREDIT_LINE.match(text) if len(text) <= AUTHOR_MAX_CHARS else None
            name = match["name"].strip() if match else ""
            return name if len(name.split()) <= CREDIT_NAME_MAX_WORDS else ""
        node = node.getparent()
    return ""


def split_credits(pieces: list[Piece]) -> tuple[list[Piece], str]:
    """The pieces without labelled credit lines anywhere in the body, and the first name given."""
    names = [credit_name(p) for p in pieces]
    kept = [p for p, name in zip(pieces, names, strict=True) if not name]
    return kept, next(filter(None, names), "")


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


def find_author(page: Page, profile: PortalProfile) -> str:
    """The author from an author-hinted element or an author meta tag, or ''."""
    for el in page.find(profile.author):
        text = markup.text_of(el)
        if not text or len(text) > AUTHOR_MAX_CHARS:
            continue
        for pattern in _AUTHOR_LINES:
            match = pattern.match(text)
            if match:
                return match["name"].strip()
        return text
    author = meta_content(page.root, AUTHOR_META) or json_ld(page.source, "author")
    return "" if "://" in author else author


def json_ld(source: str, key: str) -> str:
    """The first value of a key in the page's JSON-LD (a name for an object), or ''."""
    at = source.find(f'"{key}"')
    match = _JSON_LD_VALUE.match(source, at + len(key) + 2) if at >= 0 else None
    if match is None:
        return ""
    return markup.collapse(match["text"] or match["name"] or "")
