"""The generic fallback for pages no portal profile knows: the body is the element the page marks
as its article body, or else the one trafilatura finds (``assemble`` gives its photos back their
captions: trafilatura mostly drops <figcaption>; in a photo story the captions are the story)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from app.extract import markup
from app.extract.assemble import build_article
from app.extract.markup import HtmlElement, Page
from app.extract.profiles import GENERIC, MARKED_BODY
from app.models import Article

# trafilatura's XML tags and their HTML names; "hi" and "head" depend on ``rend``.
TAGS = {
    "body": "div",
    "doc": "div",
    "main": "div",
    "lb": "br",
    "list": "ul",
    "item": "li",
    "row": "tr",
    "cell": "td",
    "graphic": "img",
    "ref": "a",
    "quote": "blockquote",
    "code": "pre",
    "del": "s",
}
HI_RENDS = {"#b": "b", "#i": "i", "#u": "u", "#t": "code", "#sub": "sub", "#sup": "sup"}
HEAD_RENDS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h5", "h6": "h6"}
# Attributes kept, by their HTML name: links and photos, and what our block rules read.
ATTRS = {
    "target": "href",
    "src": "src",
    "alt": "alt",
    "class": "class",
    "id": "id",
    "style": "style",
    "align": "align",
}


# trafilatura's passes, until one gives an article: first its own rules alone (fast: the
# readability/jusText comparison costs more than it gains here), then its full cascade, for the
# pages where the first pass found only navigation.
FAST_PASSES: tuple[bool, ...] = (True, False)
_MARKED_BODY = etree.XPath(MARKED_BODY)
# An XML name lxml accepts when a tag is set; the HTML parser keeps others (<o:p>, <a[>).
_XML_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def extract_generic(page: Page, url: str | None = None) -> Article | None:
    """The article in the first body candidate that holds one, with our metadata rules."""
    for body in find_bodies(page.root, url):
        article = build_article(page, body, GENERIC)
        if article is not None:
            return article
    return None


def find_bodies(root: HtmlElement, url: str | None) -> Iterator[HtmlElement]:
    """Body candidates, best first: the one element marked as article body, then trafilatura's."""
    marked = _MARKED_BODY(root)
    if len(marked) == 1:
        yield marked[0]
    for fast in FAST_PASSES:
        body = find_body(root, url, fast=fast)
        if body is not None:
            yield body


def find_body(root: HtmlElement, url: str | None, *, fast: bool) -> HtmlElement | None:
    """trafilatura's article body for the page (it reads a copy of the tree), as HTML.

    Links are left out: trafilatura picks its body better without them, and our link rules read
    the page's own links.
    """
    doc = trafilatura.bare_extraction(
        root,
        url=url,
        fast=fast,
        include_comments=False,
        include_formatting=True,
        include_images=True,
        include_tables=True,
        include_links=False,
    )
    if not isinstance(doc, Document) or doc.body is None:
        return None
    return to_html(doc.body)


def to_html(body: etree._Element) -> HtmlElement:
    """trafilatura's XML body as an HTML element (renaming the XML elements in place)."""
    for el in body.iter():
        if isinstance(el.tag, str):
            _rename(el)
    html = etree.tostring(body, encoding="unicode")
    element = lxml.html.fragment_fromstring(html, create_parent="div")
    markup.prepare(element)
    return element


def _rename(el: etree._Element) -> None:
    """Give one trafilatura element its HTML tag and attributes."""
    rend = el.get("rend", "")
    if el.tag == "hi":
        el.tag = HI_RENDS.get(rend, "span")
    elif el.tag == "head":
        el.tag = HEAD_RENDS.get(rend, "h2")
    elif el.tag == "list":
        el.tag = "ol" if rend in ("ol", "decimal") else "ul"
    elif el.tag == "cell":
        el.tag = "th" if el.get("role") == "head" else "td"
    else:  # a tag the HTML parser kept but no XML name (<o:p>, <a[>) cannot be set: a span
        tag = TAGS.get(el.tag, el.tag)
        el.tag = tag if _XML_NAME.fullmatch(tag) else "span"
    kept = {ATTRS[k]: v for k, v in el.attrib.items() if k in ATTRS}
    el.attrib.clear()
    el.attrib.update(kept)
