"""Photo captions as a page marks them, and figures that keep their captions beside them.

A caption is a photo's <figcaption> (whatever it wraps), a caption-hinted box inside its
<figure>, or the block right after the box holding the photo alone when that block reads as a
caption: hinted as one, italic, centred, or the table cell under the photo's cell. The page's
captions are gathered once, by photo address, so that a body read by trafilatura (which drops
classes, and keeps a caption as a paragraph or not at all) gets them back at their place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape

from app.extract import markup
from app.extract.markup import HtmlElement
from app.extract.profiles import (
    CAPTION_HINTS,
    CAPTION_MAX_CHARS,
    MEANINGLESS_ALT,
    PHOTO_BOX_LEVELS,
    SKIP_TAGS,
)

# Where a page's photos keep their address (lazy loading moves it out of ``src``).
IMAGE_SOURCES = ("src", "data-src", "data-original")
# Hints of a sapo box: "description" holds "desc", yet such a box is a lead, not a caption.
_LEAD_LOOKALIKES = ("description", "sapo", "summary")
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp)(?:[?#]|$)", re.IGNORECASE)
_MEANINGLESS = re.compile("|".join(f"(?:{p})" for p in MEANINGLESS_ALT), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Photo:
    """One photo of the page: its address, its alternative text and its caption."""

    src: str
    alt: str
    caption: str


def source_of(img: HtmlElement) -> str:
    """The photo's address, wherever the page keeps it."""
    return next((img.get(a, "") for a in IMAGE_SOURCES if img.get(a, "").strip()), "")


def page_photos(root: HtmlElement) -> dict[str, Photo]:
    """Each captioned photo of the page, by every address it carries."""
    photos: dict[str, Photo] = {}
    for img in root.iter("img"):
        caption = caption_of(img)
        src = source_of(img)
        if caption and src:
            photo = Photo(src, markup.collapse(img.get("alt", "")), caption)
            photos.update(dict.fromkeys(filter(None, map(img.get, IMAGE_SOURCES)), photo))
    return photos


def enlargements(root: HtmlElement) -> frozenset[str]:
    """Photo files that links around photos open (a full-size copy, a lightbox)."""
    found = set()
    for link in root.iter("a"):
        href = link.get("href", "").strip()
        if _IMAGE_FILE.search(href) and any(True for _ in link.iter("img")):
            found.add(href)
    return frozenset(found)


def caption_of(img: HtmlElement) -> str:
    """The caption the page gives a photo, or ''."""
    figure = next(img.iterancestors("figure"), None)
    if figure is not None:
        return _figure_caption(figure)
    box = photo_box(img)
    follower = _next_block(box)
    if follower is not None and reads_as_caption(follower, box):
        return markup.text_of(follower)
    return ""


def _figure_caption(figure: HtmlElement) -> str:
    """A <figure>'s caption: its <figcaption>s, else its caption-hinted boxes, else its text."""
    parts = list(figure.iter("figcaption")) or [
        el for el in figure.iterdescendants() if is_caption_hinted(el)
    ]
    text = " ".join(filter(None, map(markup.text_of, parts))) if parts else markup.text_of(figure)
    return text if len(text) <= CAPTION_MAX_CHARS else ""


def photo_box(img: HtmlElement) -> HtmlElement:
    """The outermost element (a few levels up at most) holding the photo and no text."""
    box = img
    for parent in list(img.iterancestors())[:PHOTO_BOX_LEVELS]:
        if has_text(parent) or len(markup.images(parent)) > 1:
            break
        box = parent
    return box


def _next_block(box: HtmlElement) -> HtmlElement | None:
    """The element after the photo box: its next sibling with text, or the cell under it."""
    if box.tag == "td":
        return _cell_below(box)
    for sibling in _following(box):
        if has_text(sibling):
            return sibling
        if markup.images(sibling):
            return None  # another photo comes first
    return None


def has_text(el: HtmlElement) -> bool:
    """Whether any text shows in the element (stops at the first word: boxes can be large)."""
    return any(not part.isspace() for part in el.itertext() if part)


def _following(el: HtmlElement) -> Iterator[HtmlElement]:
    """The element's following siblings, line breaks and never-read elements skipped."""
    for sibling in el.itersiblings():
        if isinstance(sibling.tag, str) and sibling.tag != "br" and sibling.tag not in SKIP_TAGS:
            yield sibling


def _cell_below(cell: HtmlElement) -> HtmlElement | None:
    """The cell in the same column of the next table row, if any."""
    row = cell.getparent()
    below = next(_following(row), None) if row is not None else None
    if row is None or below is None or below.tag != "tr":
        return None
    column = [c for c in row if c.tag in ("td", "th")].index(cell)
    cells = [c for c in below if c.tag in ("td", "th")]
    return cells[column] if column < len(cells) else None


def reads_as_caption(el: HtmlElement, box: HtmlElement) -> bool:
    """Whether the block after a photo is its caption: short, and marked, italic or centred."""
    text = markup.text_of(el)
    if not text or len(text) > CAPTION_MAX_CHARS or markup.images(el):
        return False
    if el.tag in ("td", "th") and box.tag in ("td", "th"):
        return True  # the cell under a photo's cell
    hinted = any(is_caption_hinted(e) for e in el.iter())
    return hinted or markup.all_within(el, markup.ITALIC_TAGS) or markup.alignment(el) == "center"


def is_caption_hinted(el: HtmlElement) -> bool:
    """Whether the element's id or class marks a caption (and not a sapo)."""
    return markup.has_hint(el, CAPTION_HINTS) and not markup.has_hint(el, _LEAD_LOOKALIKES)


def is_meaningless_alt(alt: str) -> bool:
    """Whether an alternative text says nothing about the photo ('', 'Ảnh 1', a file name)."""
    return bool(_MEANINGLESS.fullmatch(alt.strip()))


def figure_html(images: tuple[tuple[str, str], ...], caption: str) -> str:
    """A <figure> of photos (address, alt) with its caption; a meaningless alt becomes it."""
    imgs = "".join(
        f'<img src="{escape(src)}" alt="{escape(caption if is_meaningless_alt(alt) else alt)}">'
        for src, alt in images
    )
    cap = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return f"<figure>{imgs}{cap}</figure>"
