"""Page bytes to an ``Article``: charset and NFC, portal-family profiles, generic fallback.

``extract`` decodes the bytes (gzip, HTTP charset, BOM, <meta>, UTF-8, windows-1258), reads the
page with the first portal profile whose markers it carries, and reads any other page from the
element it marks as its article body or else from trafilatura's body, dropping the site's own
blocks (link lists, teasers, credits). Block HTML is the page's own markup (links are kept on
portal pages only); ``app.clean`` sanitizes it afterwards.
"""

from __future__ import annotations

from app.errors import NoArticleFound
from app.extract import markup
from app.extract.assemble import build_article
from app.extract.charset import MAX_INFLATED_BYTES, decode
from app.extract.generic import extract_generic
from app.extract.portal import find_body, match_profile
from app.models import Article

__all__ = ["extract"]


def extract(
    data: bytes,
    *,
    url: str | None = None,
    content_type: str | None = None,
    max_bytes: int = MAX_INFLATED_BYTES,
) -> Article:
    """The article in a page's bytes; DecodeError for non-text, NoArticleFound for no article."""
    text = decode(data, content_type, max_bytes)
    page = markup.Page.of(markup.parse(text), text)
    article = extract_portal(page) or extract_generic(page, url)
    if article is None or not article.title:
        raise NoArticleFound()
    article.source_url = url
    return article


def extract_portal(page: markup.Page) -> Article | None:
    """The article read by the page's portal profile, or None when no profile fits."""
    profile = match_profile(page.root)
    body = find_body(page, profile) if profile else None
    if profile is None or body is None:
        return None
    return build_article(page, body, profile)
