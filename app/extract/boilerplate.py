"""Blocks that belong to the site rather than the article: link lists, menus, teasers, credits,
stray captions. Dropped on pages no portal profile knows (the generic profile asks for it)."""

from __future__ import annotations

import re

from app.extract import markup
from app.extract.blocks import Piece
from app.extract.markup import HtmlElement
from app.extract.profiles import (
    BOILERPLATE_MAX_CHARS,
    BOILERPLATE_PATTERNS,
    LINK_BLOCK_MAX_CHARS,
    MENU_CHARS_PER_SENTENCE,
    MENU_MIN_LINK_SHARE,
    MENU_MIN_LINKS,
    MIN_ANCHOR_CHARS,
    PortalProfile,
)
from app.models import BlockKind

_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in BOILERPLATE_PATTERNS), re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…](?:\s|$)")


def strip_boilerplate(
    pieces: list[Piece], profile: PortalProfile, root: HtmlElement
) -> list[Piece]:
    """The pieces without the site's own blocks, when the profile asks for it."""
    if not profile.drop_boilerplate:
        return pieces
    anchors = anchor_texts(root)
    share = profile.max_link_share
    return [p for p in pieces if not (is_link_block(p, anchors, share) or is_boilerplate(p))]


def anchor_texts(root: HtmlElement) -> frozenset[str]:
    """The texts of the page's links, those long enough to tell apart from ordinary words."""
    texts = (markup.text_of(a) for a in root.iter("a"))
    return frozenset(t for t in texts if len(t) >= MIN_ANCHOR_CHARS)


def is_link_block(piece: Piece, anchors: frozenset[str], max_share: float) -> bool:
    """Whether a block is mostly the text of the page's links: a link list or a menu."""
    text = piece.text
    if len(text) <= LINK_BLOCK_MAX_CHARS or piece.kind is BlockKind.LIST:
        return _share(text, [a for a in anchors if a in text]) > max_share
    if not _reads_like_menu(text):
        return False  # long prose, even if a link wraps it
    found = [a for a in anchors if a in text]
    return len(found) >= MENU_MIN_LINKS and _share(text, found) > MENU_MIN_LINK_SHARE


def _share(text: str, found: list[str]) -> float:
    """The share of the text taken by the link texts found in it."""
    return min(1.0, sum(map(len, found)) / len(text)) if text else 0.0


def _reads_like_menu(text: str) -> bool:
    """Whether a long text has too few sentence ends to be prose."""
    return len(_SENTENCE_END.findall(text)) * MENU_CHARS_PER_SENTENCE < len(text)


def is_site_line(text: str) -> bool:
    """Whether the text is one of the site's own lines (teaser, share, credit, date)."""
    return len(text) <= BOILERPLATE_MAX_CHARS and bool(_BOILERPLATE.match(text))


def is_boilerplate(piece: Piece) -> bool:
    """Whether a block is a stray caption or one of the site's lines."""
    if piece.kind is BlockKind.FIGURE:
        return False
    if piece.kind is BlockKind.PARAGRAPH and piece.caption_hint:
        return True  # a caption whose photo trafilatura left out
    return is_site_line(piece.text)
