"""Reading lxml elements: parsing, plain text, inner markup, hints, alignment and emphasis."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from app.errors import NoArticleFound
from app.extract.profiles import SKIP_TAGS

BLOCK_TAGS = frozenset(
    "address article aside blockquote center dd details div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main ol p pre section table tbody td tfoot th "
    "thead tr ul".split()
)
HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
BOLD_TAGS = frozenset(("b", "strong"))
ITALIC_TAGS = frozenset(("i", "em"))

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\xad"))
_ALIGN = re.compile(r"text-align\s*:\s*(\w+)", re.IGNORECASE)
_WITH_HINTS = etree.XPath("descendant-or-self::*[@id or @class]")
_NAMESPACED = etree.XPath("descendant-or-self::*[contains(name(), ':')]")


def parse(text: str) -> HtmlElement:
    """The document tree of an HTML page; NoArticleFound when there is none."""
    raw = _XML_DECLARATION.sub("", text).encode("utf-8")
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(raw, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise NoArticleFound(detail=str(exc)) from exc
    prepare(root)
    return root


def prepare(root: HtmlElement) -> None:
    """Drop never-read elements and namespaced Word tags; make each <br> a visible break."""
    for el in list(root.iter(*SKIP_TAGS)):
        el.drop_tree()
    for el in _NAMESPACED(root):  # <o:p>, <v:shape>, <st1:place>
        el.drop_tag()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")


def collapse(text: str) -> str:
    """Text with invisible characters removed and whitespace runs collapsed to one space."""
    return " ".join(text.translate(_INVISIBLE).split())


def text_of(el: HtmlElement) -> str:
    """The element's whitespace-collapsed plain text."""
    return collapse(el.text_content())


def inner_html(el: HtmlElement) -> str:
    """The element's inner markup, as it is in the page."""
    head = escape(el.text, quote=False) if el.text else ""
    return head + "".join(etree.tostring(c, encoding="unicode", with_tail=True) for c in el)


def outer_html(el: HtmlElement) -> str:
    """The element's own markup, without its tail."""
    return etree.tostring(el, encoding="unicode", with_tail=False)


def hint_text(el: HtmlElement) -> str:
    """The element's id and class, lower-cased, for substring hints."""
    return f"{el.get('id', '')} {el.get('class', '')}".lower()


def has_hint(el: HtmlElement, hints: Iterable[str]) -> bool:
    """Whether the element's id or class contains one of the hints."""
    attrs = hint_text(el)
    return bool(attrs.strip()) and any(h in attrs for h in hints)


@dataclass(frozen=True, slots=True)
class Page:
    """A page's tree, its source text, and the ids and classes of its elements gathered once.

    ``hints`` holds each element's "id class", lower-cased, one per line, so that one regular
    expression search finds every element carrying a hint; ``starts`` maps lines to elements.
    ``source`` is the text the tree was parsed from: it still holds the scripts (JSON-LD).
    """

    root: HtmlElement
    source: str
    elements: list[HtmlElement]
    hints: str
    starts: list[int]

    @classmethod
    def of(cls, root: HtmlElement, source: str = "") -> Page:
        """The page of a tree parsed from ``source``."""
        elements = _WITH_HINTS(root)
        lines = [hint_text(el).replace("\n", " ") for el in elements]
        starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        return cls(root, source, elements, "\n".join(lines), starts)

    def find(self, hints: Iterable[str]) -> list[HtmlElement]:
        """Elements still in the page whose id or class contains one of the hints, in order."""
        lines = {
            bisect.bisect_right(self.starts, m.start()) - 1
            for m in _hint_pattern(tuple(hints)).finditer(self.hints)
        }
        found = (self.elements[i] for i in sorted(lines))
        return [el for el in found if el.getroottree().getroot() is self.root]


def find_hinted(root: HtmlElement, hints: Iterable[str]) -> list[HtmlElement]:
    """Elements whose id or class contains one of the hints, in document order."""
    pattern = _hint_pattern(tuple(hints))
    return [el for el in _WITH_HINTS(root) if pattern.search(hint_text(el))]


@functools.lru_cache(maxsize=64)
def _hint_pattern(hints: tuple[str, ...]) -> re.Pattern[str]:
    """One expression matching any of the hints, lower-cased (a hint list is compiled once)."""
    return re.compile("|".join(re.escape(hint.lower()) for hint in hints) or "(?!)")


def alignment(el: HtmlElement) -> str:
    """The text alignment set on the element or its only wrapping child ('' when none)."""
    node: HtmlElement | None = el
    while node is not None:
        match = _ALIGN.search(node.get("style", ""))
        align = match.group(1) if match else node.get("align", "")
        if align:
            return align.lower()
        node = _only_child(node)
    return ""


def _only_child(el: HtmlElement) -> HtmlElement | None:
    """The single child element wrapping all of the element's text, if there is one."""
    children = [c for c in el if isinstance(c.tag, str) and c.tag != "br"]
    if len(children) != 1 or (el.text or "").strip() or (children[0].tail or "").strip():
        return None
    return children[0]


def text_nodes(el: HtmlElement) -> Iterator[tuple[str, HtmlElement]]:
    """Each non-blank text node under the element, with the element it lives in."""
    if el.text and el.text.strip():
        yield el.text, el
    for child in el:
        if isinstance(child.tag, str):
            yield from text_nodes(child)
        if child.tail and child.tail.strip():
            yield child.tail, el


def all_within(el: HtmlElement, tags: frozenset[str]) -> bool:
    """Whether the element has text and every piece of it sits inside one of the given tags."""
    nodes = list(text_nodes(el))
    return bool(nodes) and all(_inside(holder, el, tags) for _, holder in nodes)


def _inside(node: HtmlElement | None, stop: HtmlElement, tags: frozenset[str]) -> bool:
    """Whether the node, or an ancestor up to ``stop``, is one of the given tags."""
    while node is not None:
        if node.tag in tags:
            return True
        if node is stop:
            return False
        node = node.getparent()
    return False


def images(el: HtmlElement) -> list[HtmlElement]:
    """The <img> elements in or at the element."""
    return [el] if el.tag == "img" else list(el.iter("img"))


def has_block_children(el: HtmlElement) -> bool:
    """Whether any child element is block-level."""
    return any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el)
