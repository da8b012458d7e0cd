"""Article HTML made safe and plain; the only module that imports bleach.

Pass 1, a nesting guard over the raw markup, keeps both parsers fast and whole; pass 2 (lxml) drops
elements with their content, fills image alt, strips attributes; pass 3 (bleach, parsing as a
browser does) applies the allow-lists, and our filters check URLs, unwrap, tidy. Only pass 3 is
the security boundary.
"""

from __future__ import annotations

import html as entities
import re
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import groupby
from typing import Any
from urllib.parse import quote, urljoin

import bleach
import lxml.html
from bleach._vendor.html5lib.treebuilders import getTreeBuilder
from bleach.html5lib_shim import BleachHTMLParser, convert_entities, getTreeWalker
from lxml import etree

from app import clean_rules as rules
from app.errors import PayloadTooLarge

Token = dict[str, Any]
SPACES = " \t\n\r\f"  # HTML's blanks
_TEXT = ("Characters", "SpaceCharacters")

# --- pass 1: the nesting guard ------------------------------------------------------------------
_MARKUP = re.compile(r"<(?:(!--)|([!?]|/(?![A-Za-z]))|(/)?([A-Za-z][^\t\n\f\r />]*))")
_TAG_REST = re.compile(r"""(?:[^>=]+|=\s*(?:"[^"]*"?|'[^']*'?|[^\s>]*))*""")
_COMMENT_END = re.compile(r"-?>|.*?--!?>", re.DOTALL)  # "<!-->" and "<!--->" end at once
_URL_EDGES = "".join(chr(code) for code in range(0x21))  # C0 controls and space
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


class _OpenElements:
    """Open elements as an HTML parser tracks them, with lookups by name in constant time."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.where: dict[str, list[int]] = {}  # name -> stack indexes where it is open
        self.barriers: list[int] = []  # stack indexes of open scope barriers
        self.unwrapped: dict[str, int] = {}  # start tags dropped as too deep, still open

    def _close_to(self, names: Iterable[str]) -> None:
        """Close the innermost of ``names`` and all inside it, unless a scope barrier is nearer."""
        target = max((self.where[n][-1] for n in names if self.where.get(n)), default=-1)
        if target < 0 or target < (self.barriers[-1] if self.barriers else -1):
            return
        while len(self.stack) > target:
            self.where[self.stack.pop()].pop()
        while self.barriers and self.barriers[-1] >= target:
            self.barriers.pop()
        self.unwrapped.clear()  # they were all inside the element just closed

    def start(self, name: str) -> bool:
        """Open ``name``; False when it is nested too deep and its tag must go."""
        if name in rules.IMPLIED_CLOSE:
            self._close_to(rules.IMPLIED_CLOSE[name])
        if name in rules.UNNESTED_ELEMENTS:
            return True
        if len(self.stack) >= rules.MAX_DEPTH:
            self.unwrapped[name] = self.unwrapped.get(name, 0) + 1
            return False
        if name in rules.SCOPE_BARRIERS:
            self.barriers.append(len(self.stack))
        self.where.setdefault(name, []).append(len(self.stack))
        self.stack.append(name)
        return True

    def end(self, name: str) -> bool:
        """Close ``name``; False when its start tag was dropped, so this end tag goes too."""
        if self.unwrapped.get(name):
            self.unwrapped[name] -= 1
            return False
        self._close_to((name,))
        return True


def _comment_end(html: str, markup: re.Match[str]) -> int:
    """Where the comment (or bogus comment, doctype, processing instruction) opened ends."""
    start = markup.end()
    if markup.group(1):
        found = _COMMENT_END.match(html, start)
        return found.end() if found else len(html)
    close = html.find(">", start)
    return close + 1 if close >= 0 else len(html)


def _limit_nesting(html: str) -> str:
    """The markup without comments, elements nested deeper than MAX_DEPTH unwrapped."""
    out: list[str] = []
    open_elements = _OpenElements()
    pos = 0
    while (markup := _MARKUP.search(html, pos)) is not None:
        out.append(html[pos : markup.start()])
        if markup.group(1) or markup.group(2):
            pos = _comment_end(html, markup)
            continue
        end = _TAG_REST.match(html, markup.end()).end()  # type: ignore[union-attr]
        if end >= len(html):
            return "".join(out)  # end of input inside a tag: parsers drop the tag
        end += 1
        name = markup.group(4).lower()
        if markup.group(3):
            keep = open_elements.end(name)
        elif name in rules.RAW_TEXT_ELEMENTS:
            close = re.compile(rf"</{name}(?:[\t\n\f\r /][^>]*)?>", re.I).search(html, end)
            end, keep = (close.end() if close else len(html)), True
        else:
            keep = open_elements.start(name)
        if keep:
            out.append(html[markup.start() : end])
        pos = end
    out.append(html[pos:])
    return "".join(out)


# --- pass 2: lxml ------------------------------------------------------------------------------
def _caption_text(image: etree._Element) -> str:
    """The whitespace-collapsed text of the caption of the figure holding ``image``, or ""."""
    for figure in image.iterancestors("figure"):
        caption = figure.find(".//figcaption")
        text = caption.text_content() if caption is not None else ""
        return " ".join(_CONTROL_CHARS.sub("", text).split())
    return ""


def _prune_element(element: etree._Element) -> None:
    """Drop ``element`` with its content, or rename it and keep only its allowed attributes."""
    tag = element.tag
    if tag in rules.DROP_WITH_CONTENT or tag.startswith(rules.DROP_PREFIXES):
        if tag in rules.VOID_ELEMENTS:  # libxml2 lets embed, source... swallow what follows
            element.drop_tag()
        else:
            element.drop_tree()
        return
    if tag in rules.RENAMED_TAGS:
        tag = element.tag = rules.RENAMED_TAGS[tag]
    if tag == "img" and "alt" not in element.attrib:
        element.set("alt", _caption_text(element))
    kept = rules.ALLOWED_ATTRIBUTES.get(tag, frozenset())
    values = {name: value for name, value in element.items() if name in kept}
    element.attrib.clear()
    for name, value in values.items():
        if (tag, name) in rules.URL_SCHEMES:  # or libxml2 would write the blanks as %20
            value = _browser_form(value)
        element.set(name, _CONTROL_CHARS.sub("", value))  # lxml refuses to set them


def _flatten(root: etree._Element) -> None:
    """Unwrap elements nested deeper than MAX_DEPTH (the nesting guard's model is approximate)."""
    too_deep: list[lxml.html.HtmlElement] = []
    pending = [(root, 0)]
    while pending:
        element, depth = pending.pop()
        if depth > rules.MAX_DEPTH:
            too_deep.append(element)
        pending.extend((child, depth + 1) for child in element)
    for element in too_deep:
        element.drop_tag()


def _prune(html: str) -> str:
    """The markup's body with dropped elements gone and attributes stripped, as HTML."""
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        body = lxml.html.document_fromstring(html, parser=parser).find("body")
    except etree.ParserError:  # nothing but blanks, comments or a doctype
        body = None
    if body is None:  # also a frameset page
        return ""
    body.tag = "div"
    for element in list(body.iter(etree.Element)):
        _prune_element(element)
    _flatten(body)
    return lxml.html.tostring(body, encoding="unicode", with_tail=False)


# --- pass 3: bleach and its filters -------------------------------------------------------------
_URL_INSIDE = str.maketrans("", "", "\t\n\r")
_URL_SAFE = "".join(chr(code) for code in range(0x21, 0x7F))  # all but blanks and non-ASCII
_BLANK_RUN = re.compile(r"[ \t\n\r\f]{2,}|[\t\r\f]")
_BLEACH_SCHEMES = sorted(set().union(*rules.URL_SCHEMES.values()))


def _scheme_allowed(url: str, schemes: frozenset[str]) -> bool:
    """Whether ``url`` (in browser form) is relative or has one of ``schemes``."""
    head, colon, _ = url.partition(":")
    if not colon or any(char in head for char in "/?#"):
        return True  # no scheme: a relative URL
    scheme = head.lower()
    return scheme in schemes and (scheme != "data" or bool(rules.DATA_IMAGE_URL.match(url)))


def _browser_form(url: str) -> str:
    """``url`` as a browser cleans it before parsing: edges trimmed, tabs and newlines gone."""
    return url.strip(_URL_EDGES).translate(_URL_INSIDE)


def _safe_url(value: str, schemes: frozenset[str], base_url: str | None) -> str | None:
    """The URL a browser will read from our output, resolved; None when not allowed."""
    for _ in range(rules.MAX_DECODE_ROUNDS):
        # until nothing is left that bleach would write as an entity: the browser reads this URL
        decoded = convert_entities(value)
        if decoded == value:
            break
        value = decoded
    else:
        return None
    url = _browser_form(value)
    # Also refuse what a laxer decoder (numeric references without ";") would turn bad.
    if not _scheme_allowed(_browser_form(entities.unescape(url)), schemes):
        return None
    if base_url and _scheme_allowed(url, schemes):
        try:
            url = urljoin(base_url, url)
        except ValueError:  # a malformed host, such as an unclosed IPv6 bracket
            return None
    if not _scheme_allowed(url, schemes):
        return None
    return quote(url, safe=_URL_SAFE, errors="replace")  # as libxml2 writes it: idempotent


def _attribute_allowed(tag: str, name: str, value: str) -> bool:
    """Whether bleach keeps attribute ``name`` with ``value`` on ``tag``."""
    if name not in rules.ALLOWED_ATTRIBUTES.get(tag, ()):
        return False
    pattern = rules.ATTRIBUTE_VALUES.get(name)
    return pattern is None or pattern.fullmatch(value.strip()) is not None


def _complete_link(token: Token, base_url: str | None) -> bool:
    """Fix the token's URLs and add attributes; False when its required URL is gone."""
    name, attrs = token["name"], token["data"]
    for key, value in list(attrs.items()):
        schemes = rules.URL_SCHEMES.get((name, key[1]))
        if schemes is not None:
            url = _safe_url(value, schemes, base_url)
            if url is None:
                del attrs[key]
            else:
                attrs[key] = url
    if (None, rules.REQUIRED_ATTRIBUTES[name]) not in attrs:
        return False
    for attr, value in rules.DEFAULT_ATTRIBUTES.get(name, {}).items():
        attrs.setdefault((None, attr), value)
    for attr, value in rules.ADDED_ATTRIBUTES.get(name, {}).items():
        attrs[(None, attr)] = value
    return True


def _check_links(source: Iterable[Token], base_url: str | None) -> Iterator[Token]:
    """URLs checked as a browser reads them; links without one unwrapped; rel, loading added."""
    dropped: dict[str, list[bool]] = {}  # per tag name: was each open start tag dropped?
    for token in source:
        kind, name = token["type"], token.get("name", "")
        if name in rules.REQUIRED_ATTRIBUTES and kind in ("StartTag", "EmptyTag"):
            keep = _complete_link(token, base_url)
            if kind == "StartTag":
                dropped.setdefault(name, []).append(not keep)
            if not keep:
                continue
        elif kind == "EndTag" and dropped.get(name) and dropped[name].pop():
            continue
        yield token


def _is_blank(token: Token) -> bool:
    """Whether ``token`` shows nothing: blank text, a blank entity, a line break."""
    kind = token["type"]
    if kind in _TEXT:
        return not token["data"].strip(rules.BLANK_CHARS)
    if kind == "Entity":
        return not entities.unescape(f"&{token['name']};").strip(rules.BLANK_CHARS)
    return kind == "Comment" or (kind == "EmptyTag" and token["name"] == "br")


def _drop_empty_wrappers(source: Iterable[Token]) -> Iterator[Token]:
    """Wrappers (p, strong, ...) holding nothing but blanks replaced by one space."""
    pending: list[list[Token]] = []  # open droppable wrappers with no content yet
    for token in source:
        kind = token["type"]
        if kind == "StartTag" and token["name"] in rules.DROP_WHEN_EMPTY:
            pending.append([token])
        elif pending and kind == "EndTag" and token["name"] == pending[-1][0]["name"]:
            spacer = [{"type": "SpaceCharacters", "data": " "}][: len(pending.pop()) - 1]
            if pending:
                pending[-1].extend(spacer)
            else:
                yield from spacer
        elif pending and _is_blank(token):
            pending[-1].append(token)
        else:
            for held in pending:
                yield from held
            pending.clear()
            yield token
    for held in pending:
        yield from held


def _joined_text(tokens: Iterable[Token]) -> Iterator[Token]:
    """The tokens with each run of adjacent text joined, as bleach expects to find entities."""
    for is_text, group in groupby(tokens, key=lambda token: token["type"] in _TEXT):
        if not is_text:
            yield from group
            continue
        data = "".join(token["data"] for token in group)
        yield {"type": "Characters" if data.strip(SPACES) else "SpaceCharacters", "data": data}


def _fix_content_model(source: Iterable[Token]) -> Iterator[Token]:
    """Inline elements closed where a block starts inside them; stray list items unwrapped."""
    open_tags: list[list[Any]] = []  # [name, its end tag already written or dropped]
    live: list[str] = []  # the open elements whose end tag is still to come
    settled = 0  # below this index no inline element is left open over a block
    for token in source:
        kind, name = token["type"], token.get("name", "")
        if kind in ("StartTag", "EmptyTag") and name in rules.BLOCK_ELEMENTS:
            for entry in reversed(open_tags[settled:]):
                if entry[0] not in rules.PHRASING_ELEMENTS:
                    break
                if not entry[1]:
                    entry[1] = True
                    live.pop()
                    yield {"type": "EndTag", "name": entry[0], "namespace": None}
            settled = len(open_tags)
        if kind == "StartTag":
            parent = live[-1] if live else None
            stray = name in rules.LIST_PARENTS and parent not in rules.LIST_PARENTS[name]
            open_tags.append([name, stray])
            if stray:
                continue
            live.append(name)
        elif kind == "EndTag" and open_tags:
            closed = open_tags.pop()[1]
            settled = min(settled, len(open_tags))
            if closed:
                continue
            live.pop()
        yield token


def _tidy_blanks(source: Iterable[Token]) -> Iterator[Token]:
    """Blank runs outside ``<pre>`` cut to one newline or space, dropped between block tags."""
    in_pre, after_block, held = 0, True, None
    for token in _joined_text(source):
        kind, name = token["type"], token.get("name", "")
        if kind in _TEXT and not in_pre:
            token["data"] = _BLANK_RUN.sub(
                lambda run: "\n" if "\n" in run[0] else " ", token["data"]
            )
            if not token["data"].strip(SPACES):
                held = token  # kept or not by what follows it
                continue
        block = kind in ("StartTag", "EndTag", "EmptyTag") and name in rules.BLOCK_ELEMENTS
        if held is not None and not (after_block and block):
            yield held
        in_pre += {"StartTag": 1, "EndTag": -1}.get(kind, 0) if name == "pre" else 0
        held, after_block = None, block
        yield token


_LAYOUT_FILTERS = (_fix_content_model, _drop_empty_wrappers, _tidy_blanks)


def _cleaner(base_url: str | None) -> bleach.Cleaner:
    """A bleach cleaner with our allow-lists and filters, on a DOM tree."""
    cleaner = bleach.Cleaner(
        tags=rules.ALLOWED_TAGS,
        attributes=_attribute_allowed,
        protocols=_BLEACH_SCHEMES,
        strip=True,
        strip_comments=True,
        filters=[partial(_check_links, base_url=base_url), *_LAYOUT_FILTERS],
    )
    # bleach's etree walker scans siblings to find a parent (quadratic); DOM nodes link to theirs
    dom = getTreeBuilder("dom")
    cleaner.parser = BleachHTMLParser(
        cleaner.tags, True, False, namespaceHTMLElements=False, tree=dom
    )
    walker = getTreeWalker("dom")
    cleaner.walker = lambda tree: _joined_text(walker(tree))
    return cleaner


def sanitize(html: str, *, base_url: str | None = None) -> str:
    """Article HTML made safe and plain: allow-listed structure only."""
    if len(html) > rules.MAX_INPUT_CHARS:
        raise PayloadTooLarge(detail=f"{len(html)} > {rules.MAX_INPUT_CHARS} characters")
    html = html.encode("utf-8", "replace").decode("utf-8")  # lone surrogates would stop lxml
    pruned = _prune(_limit_nesting(html))
    return _cleaner(base_url).clean(pruned).strip() if pruned else ""
