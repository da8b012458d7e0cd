"""A page tree and its body element to an ``Article``: metadata, blocks, lead and author."""

from __future__ import annotations

from app.extract import markup, metadata
from app.extract.blocks import Piece, join_captions, merge_repeated_figures, read_blocks
from app.extract.boilerplate import is_site_line, strip_boilerplate
from app.extract.captions import enlargements, page_photos
from app.extract.markup import HtmlElement, Page
from app.extract.profiles import MIN_ARTICLE_CHARS, MIN_STORY_CAPTIONS, PortalProfile
from app.models import Article, BlockKind


def build_article(page: Page, body: HtmlElement, profile: PortalProfile) -> Article | None:
    """The article in the page, read from its body element; None when it has too little prose."""
    root = page.root
    in_page = body.getroottree().getroot() is root
    title = metadata.find_title(page, profile, body)
    published = metadata.find_date(page, profile, body if in_page else None)
    lead_el = metadata.find_lead(page, profile, body, title)
    if lead_el is None and in_page:
        lead_el = metadata.lead_before(body)
    lead = markup.text_of(lead_el) if lead_el is not None else ""
    if profile.drop_boilerplate and is_site_line(lead):
        lead = ""
    if lead_el is not None and metadata.contains(body, lead_el):
        lead_el.drop_tree()
    pieces = join_captions(read_blocks(body), page_photos(root))
    pieces = merge_repeated_figures(pieces, enlargements(root))
    pieces = strip_boilerplate(pieces, profile, root)
    pieces, author = metadata.split_author(pieces)
    pieces, credited = metadata.split_credits(pieces)
    after = metadata.credit_after(body) if in_page else ""
    author = author or credited or after or metadata.find_author(page, profile)
    pieces = [p for p in pieces if not _repeats(p, title, "")]
    if not lead:
        lead = metadata.lead_from_pieces(pieces, metadata.meta_content(root, ("description",)))
    pieces = [p for p in pieces if not _repeats(p, title, lead)]
    if not _holds_article(lead, pieces):
        return None
    return Article(
        title=title, blocks=[p.block for p in pieces], lead=lead, published=published, author=author
    )


def _holds_article(lead: str, pieces: list[Piece]) -> bool:
    """Whether the pieces make an article: enough prose, or a photo story told in captions."""
    paragraphs = [p.text for p in pieces if p.kind is BlockKind.PARAGRAPH]
    captions = [p.text for p in pieces if p.kind is BlockKind.FIGURE and p.text]
    if len(lead) + sum(map(len, paragraphs + captions)) < MIN_ARTICLE_CHARS:
        return False
    return bool(paragraphs) or len(captions) >= MIN_STORY_CAPTIONS


def _repeats(piece: Piece, title: str, lead: str) -> bool:
    """Whether a piece only repeats the title or the lead."""
    if piece.kind is BlockKind.FIGURE:
        return False
    return piece.text in (title, lead) and bool(piece.text)
