"""A page tree and its body element to an ``Article``: metadata, blocks, lead and author."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.extract import markup, metadata
from app.extract.blocks import Piece, read_blocks
from app.extract.markup import HtmlElement
from app.extract.profiles import MIN_ARTICLE_CHARS, PortalProfile
from app.models import Article, BlockKind


@dataclass(frozen=True, slots=True)
class Fallbacks:
    """Metadata found elsewhere (e.g. by trafilatura), used when the page tree gives none."""

    title: str = ""
    published: date | None = None
    author: str = ""


def build_article(
    root: HtmlElement,
    body: HtmlElement,
    profile: PortalProfile,
    fallbacks: Fallbacks | None = None,
) -> Article | None:
    """The article in the page, read from its body element; None when it has too little prose."""
    fallbacks = fallbacks or Fallbacks()
    in_page = body.getroottree().getroot() is root
    title = metadata.find_title(root, profile, body) or fallbacks.title
    published = metadata.find_date(root, profile, body if in_page else None)
    published = published or fallbacks.published
    lead_el = metadata.find_lead(root, profile, body)
    lead = markup.text_of(lead_el) if lead_el is not None else ""
    if lead_el is not None and metadata.contains(body, lead_el):
        lead_el.drop_tree()
    pieces, author = metadata.split_author(read_blocks(body))
    author = author or metadata.find_author(root, profile) or fallbacks.author
    if not lead:
        lead = metadata.lead_from_pieces(pieces, metadata.meta_content(root, ("description",)))
    pieces = [p for p in pieces if not _repeats(p, title, lead)]
    prose = len(lead) + sum(len(p.text) for p in pieces if p.kind is BlockKind.PARAGRAPH)
    if prose < MIN_ARTICLE_CHARS or not any(p.kind is BlockKind.PARAGRAPH for p in pieces):
        return None
    return Article(
        title=title, blocks=[p.block for p in pieces], lead=lead, published=published, author=author
    )


def _repeats(piece: Piece, title: str, lead: str) -> bool:
    """Whether a piece only repeats the title or the lead."""
    if piece.kind is BlockKind.FIGURE:
        return False
    return piece.text in (title, lead) and bool(piece.text)
