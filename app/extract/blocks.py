"""An article body element to blocks: headings, paragraphs, figures with captions, lists, tables."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape

import lxml.html
from lxml import etree

from app.extract import markup
from app.extract.captions import Photo, figure_html, source_of
from app.extract.markup import HtmlElement
from app.extract.profiles import (
    CAPTION_CREDIT,
    CAPTION_HINTS,
    CAPTION_MAX_CHARS,
    CHROME_MAX_CHARS,
    CHROME_PATTERNS,
    DATE_PATTERNS,
    DROP_HINTS,
    FIGURE_TABLE_MAX_CHARS,
    HEADING_MAX_CHARS,
    LAYOUT_CELL_MIN_CHARS,
    STOP_MAX_CHARS,
    STOP_PATTERNS,
    WEEKDAY_PATTERN,
)
from app.models import Block, BlockKind

# Containers read through: their children are the blocks.
CONTAINER_TAGS = frozenset(
    "div section article main center header footer aside span font fieldset details td th "
    "tbody thead tfoot tr".split()
)
# A chrome line is a run of chrome strings, weekdays, times, dates and punctuation, nothing else.
# (The date patterns' group names are dropped: one expression may not repeat them.)
_CHROME_PARTS = (
    *CHROME_PATTERNS,
    WEEKDAY_PATTERN,
    r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM)?",
    r"\d{1,2}h\d{2}",
    *(re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p in DATE_PATTERNS),
    r"[\s|/\\\-–—:,.;()\[\]·•]",
)
_CHROME_LINE = re.compile("(?:" + "|".join(f"(?:{p})" for p in _CHROME_PARTS) + ")*", re.I)
_STOP = re.compile(r"^(?:" + "|".join(STOP_PATTERNS) + r")\b", re.IGNORECASE)
_DOUBLE_BR = re.compile(r"(?:<br\s*/?>\s*){2,}", re.IGNORECASE)
_SENTENCE_END = (".", "!", "?", "…", ";", ",")
_CREDIT = re.compile(CAPTION_CREDIT, re.IGNORECASE)
# A caption read as text repeats its figure when it comes this many blocks after it at most.
CAPTION_REACH = 2
# Blocks that may be a caption the body read as text.
_CAPTION_KINDS = frozenset((BlockKind.PARAGRAPH, BlockKind.HEADING))
# A cell holding a heading or another table is page layout, not a data cell.
_LAYOUT_CELL = etree.XPath(
    ".//td[.//h1 or .//h2 or .//h3 or .//table] | .//th[.//h1 or .//h2 or .//h3 or .//table]"
)


@dataclass(frozen=True, slots=True)
class Piece:
    """A block with the layout facts later steps need: alignment, emphasis, caption look."""

    block: Block
    align: str = ""
    bold: bool = False
    italic: bool = False
    caption_hint: bool = False
    images: tuple[tuple[str, str], ...] = ()  # a figure's photos: (address, alternative text)

    @property
    def kind(self) -> BlockKind:
        """The block's kind."""
        return self.block.kind

    @property
    def text(self) -> str:
        """The block's text."""
        return self.block.text


def read_blocks(body: HtmlElement) -> list[Piece]:
    """The body's blocks in reading order, chrome dropped, captions joined to their photos."""
    for el in markup.find_hinted(body, DROP_HINTS):
        if el is not body and el.getparent() is not None:
            el.drop_tree()
    pieces: list[Piece] = []
    for leaf in leaves(body):
        text = markup.text_of(leaf)
        if text and _STOP.match(text) and len(text) <= STOP_MAX_CHARS:
            break
        if text and is_chrome(text):
            continue
        pieces.extend(classify(leaf, text))
    return attach_captions(pieces)


def is_chrome(text: str) -> bool:
    """Whether the text is only chrome strings, dates and punctuation."""
    return len(text) <= CHROME_MAX_CHARS and bool(_CHROME_LINE.fullmatch(text))


def leaves(container: HtmlElement) -> Iterator[HtmlElement]:
    """The block-level leaves under a container; loose inline runs become paragraphs."""
    if not markup.has_block_children(container):
        inner = markup.inner_html(container)
        if container.tag == "p" or not _DOUBLE_BR.search(inner):
            yield container
        else:
            yield from _split_runs([inner])
        return
    run = [escape(container.text)] if (container.text or "").strip() else []
    for child in container:
        if not isinstance(child.tag, str):
            continue
        if child.tag in markup.BLOCK_TAGS or markup.has_block_children(child):
            yield from _split_runs(run)
            run = []
            if _is_container(child):
                yield from leaves(child)
            else:
                yield child
            if (child.tail or "").strip():
                run.append(escape(child.tail))
        else:
            run.append(markup.outer_html(child) + escape(child.tail or ""))
    yield from _split_runs(run)


def _is_container(el: HtmlElement) -> bool:
    """Whether to read through the element rather than take it as one block."""
    if el.tag == "table":
        return is_layout_table(el)
    return el.tag in CONTAINER_TAGS


def is_layout_table(table: HtmlElement) -> bool:
    """Whether a table lays out the page (one cell, or prose in its cells) rather than data."""
    has_images = bool(markup.images(table))
    if len(table.xpath(".//tr")) <= 1 and not has_images:
        return True
    if has_images and len(markup.text_of(table)) <= FIGURE_TABLE_MAX_CHARS:
        return False  # a photo with its caption
    return bool(_LAYOUT_CELL(table)) or any(
        len(markup.text_of(cell)) > LAYOUT_CELL_MIN_CHARS for cell in table.iter("td", "th")
    )


def _split_runs(run: list[str]) -> Iterator[HtmlElement]:
    """Paragraph elements made of inline markup, split at double line breaks."""
    for part in _DOUBLE_BR.split("".join(run)):
        if part.strip():
            yield lxml.html.fragment_fromstring(part, create_parent="p")


def classify(el: HtmlElement, text: str) -> list[Piece]:
    """The pieces one leaf element makes."""
    tag = el.tag
    if tag == "hr":
        return []
    if tag in markup.HEADING_TAGS:
        return [_heading(text, tag)] if text else []
    if tag == "figure" or (markup.images(el) and _is_photo_block(el, text)):
        return [_figure(el, _caption_text(el, text))]
    if not text:
        return []
    if tag in ("ul", "ol"):
        return [_list(el)]
    if tag == "table":
        return [_table(el)]
    align = markup.alignment(el)
    bold = markup.all_within(el, markup.BOLD_TAGS)
    if bold and len(text) <= HEADING_MAX_CHARS and not text.endswith(_SENTENCE_END):
        return [Piece(_heading(text, "h2").block, align, bold=True)]
    block = Block(BlockKind.PARAGRAPH, text, f"<p>{markup.inner_html(el).strip()}</p>")
    italic = markup.all_within(el, markup.ITALIC_TAGS)
    caption = markup.has_hint(el, CAPTION_HINTS) or bool(_CREDIT.search(text))
    return [Piece(block, align, bold, italic, caption_hint=caption)]


def _is_photo_block(el: HtmlElement, text: str) -> bool:
    """Whether an element holding images is a photo (with at most a caption), not prose."""
    limit = FIGURE_TABLE_MAX_CHARS if el.tag == "table" else CAPTION_MAX_CHARS
    return len(text) <= limit


def _caption_text(el: HtmlElement, text: str) -> str:
    """A figure's caption: its <figcaption> when it has one, else all its text."""
    captions = list(el.iter("figcaption"))
    return " ".join(markup.text_of(c) for c in captions) if captions else text


def _heading(text: str, tag: str) -> Piece:
    """A heading piece; the page's <h1> is the title, so body headings start at <h2>."""
    level = "h2" if tag == "h1" else tag
    return Piece(Block(BlockKind.HEADING, text, f"<{level}>{escape(text)}</{level}>"))


def _figure(el: HtmlElement, caption: str) -> Piece:
    """A figure piece: the element's photos and a caption."""
    imgs = markup.images(el)
    images = tuple((source_of(img), markup.collapse(img.get("alt", ""))) for img in imgs)
    return figure_piece(images, caption)


def figure_piece(images: tuple[tuple[str, str], ...], caption: str) -> Piece:
    """A figure piece of photos (address, alt) and their caption."""
    return Piece(Block(BlockKind.FIGURE, caption, figure_html(images, caption)), images=images)


def _list(el: HtmlElement) -> Piece:
    """A list piece: items one per line."""
    items = [markup.text_of(li) for li in el.iter("li")]
    text = "\n".join(item for item in items if item)
    return Piece(Block(BlockKind.LIST, text, markup.outer_html(el)))


def _table(el: HtmlElement) -> Piece:
    """A table piece: rows one per line, cells separated by ' | '."""
    rows = []
    for tr in el.iter("tr"):
        cells = [markup.text_of(td) for td in tr if td.tag in ("td", "th")]
        if any(cells):
            rows.append(" | ".join(cells))
    return Piece(Block(BlockKind.TABLE, "\n".join(rows), markup.outer_html(el)))


def looks_like_caption(piece: Piece) -> bool:
    """Whether a paragraph reads as a photo caption: centred, italic or marked as one."""
    if piece.kind is not BlockKind.PARAGRAPH or len(piece.text) > CAPTION_MAX_CHARS:
        return False
    return piece.caption_hint or piece.italic or piece.align == "center"


def attach_captions(pieces: list[Piece]) -> list[Piece]:
    """Pieces with each caption-looking paragraph after an uncaptioned photo joined to it."""
    out: list[Piece] = []
    for piece in pieces:
        prev = out[-1] if out else None
        if prev and prev.kind is BlockKind.FIGURE and not prev.text and looks_like_caption(piece):
            out[-1] = _with_caption(prev, piece.text)
        else:
            out.append(piece)
    return out


def _with_caption(figure: Piece, caption: str) -> Piece:
    """The figure piece with a caption added."""
    return figure_piece(figure.images, caption)


def _captioned(figure: Piece, photos: dict[str, Photo]) -> list[Piece]:
    """An uncaptioned figure as figures with the page's captions: one per captioned photo (a
    photo without a caption stays with the one before it)."""
    groups: list[tuple[list[tuple[str, str]], str]] = []
    for image in figure.images:
        photo = photos.get(image[0])
        if photo is not None or not groups:
            groups.append(([image], photo.caption if photo else ""))
        else:
            groups[-1][0].append(image)
    return [figure_piece(tuple(images), caption) for images, caption in groups]


def join_captions(pieces: list[Piece], photos: dict[str, Photo]) -> list[Piece]:
    """Figures given the captions the page marks; a caption read as a paragraph joined to its
    photo, or made a figure of its photo where the body lost the photo."""
    by_caption = {photo.caption: photo for photo in photos.values()}
    shown = {src for piece in pieces for src, _ in piece.images}
    out: list[Piece] = []
    for piece in pieces:
        if piece.kind is BlockKind.FIGURE and not piece.text:
            out.extend(_captioned(piece, photos))
            continue
        photo = by_caption.get(piece.text) if piece.kind in _CAPTION_KINDS else None
        if photo is not None and photo.src not in shown:  # the body lost the caption's photo
            shown.add(photo.src)
            out.append(figure_piece(((photo.src, photo.alt),), photo.caption))
        elif photo is None or not _shown_just_before(out, photo):
            out.append(piece)
    return out


def merge_repeated_figures(pieces: list[Piece], enlargements: frozenset[str]) -> list[Piece]:
    """Pieces with a figure that repeats the caption of the figure just before it folded into that
    one (a photo and its enlargement link both carry the caption); enlargements of a photo shown
    are dropped."""
    out: list[Piece] = []
    for piece in pieces:
        prev = out[-1] if out else None
        if prev is None or piece.kind is not BlockKind.FIGURE or prev.kind is not BlockKind.FIGURE:
            out.append(piece)
        elif not piece.text or piece.text != prev.text:
            out.append(piece)
        else:
            images = [*prev.images, *(i for i in piece.images if i not in prev.images)]
            kept = [i for i in images if i[0] not in enlargements] or images[:1]
            out[-1] = figure_piece(tuple(kept), prev.text)
    return out


def _shown_just_before(pieces: list[Piece], photo: Photo) -> bool:
    """Whether the last pieces are the photo's figure with its caption (so a copy is redundant)."""
    return any(
        p.kind is BlockKind.FIGURE and p.text == photo.caption and photo.src in dict(p.images)
        for p in pieces[-CAPTION_REACH:]
    )
