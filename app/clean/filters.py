"""Pass 3, bleach: the allow-lists (the security boundary) and our token filters over its tree."""

from __future__ import annotations

import html as entities
import re
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import groupby
from typing import Any

import bleach
from bleach._vendor.html5lib.treebuilders import getTreeBuilder
from bleach.html5lib_shim import BleachHTMLParser, getTreeWalker

from app.clean import rules
from app.clean.urls import safe_url

Token = dict[str, Any]
SPACES = " \t\n\r\f"  # HTML's blanks
_TEXT = ("Characters", "SpaceCharacters")
_BLANK_RUN = re.compile(r"[ \t\n\r\f]{2,}|[\t\r\f]")
_BLEACH_SCHEMES = sorted(set().union(*rules.URL_SCHEMES.values()))


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
            url = safe_url(value, schemes, base_url)
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


def cleaner(base_url: str | None) -> bleach.Cleaner:
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
