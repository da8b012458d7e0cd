"""The generic fallback: trafilatura finds the body of pages no portal profile knows."""

from __future__ import annotations

import copy

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from app.extract import markup
from app.extract.assemble import Fallbacks, build_article
from app.extract.markup import HtmlElement
from app.extract.metadata import parse_date
from app.extract.profiles import GENERIC
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
ATTRS = {"target": "href", "src": "src", "alt": "alt"}


def extract_generic(text: str, root: HtmlElement, url: str | None = None) -> Article | None:
    """The article trafilatura finds in the page, with our title, date, lead and author rules."""
    doc = trafilatura.bare_extraction(
        text,
        url=url,
        include_formatting=True,
        include_images=True,
        include_tables=True,
        include_links=True,
        include_comments=False,
        with_metadata=True,
    )
    if not isinstance(doc, Document) or doc.body is None:
        return None
    fallbacks = Fallbacks(
        title=doc.title or "", published=parse_date(doc.date or ""), author=doc.author or ""
    )
    return build_article(root, to_html(doc.body), GENERIC, fallbacks)


def to_html(body: etree._Element) -> HtmlElement:
    """trafilatura's XML body as an HTML element."""
    tree = copy.deepcopy(body)
    for el in tree.iter():
        if isinstance(el.tag, str):
            _rename(el)
    html = etree.tostring(tree, encoding="unicode")
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
    elif ":" in el.tag:  # a namespaced tag (<o:p>) trafilatura kept: not a valid name here
        el.tag = "span"
    else:
        el.tag = TAGS.get(el.tag, el.tag)
    kept = {ATTRS[k]: v for k, v in el.attrib.items() if k in ATTRS}
    el.attrib.clear()
    el.attrib.update(kept)
