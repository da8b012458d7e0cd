"""Pass 1, the nesting guard: comments gone and elements nested deeper than MAX_DEPTH unwrapped.

It works on the raw markup in one linear scan, modelling the open elements as a parser does, so
that neither lxml nor bleach's html5lib ever meets a tree deep enough to make them slow or fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.clean import rules

_MARKUP = re.compile(r"<(?:(!--)|([!?]|/(?![A-Za-z]))|(/)?([A-Za-z][^\t\n\f\r />]*))")
_TAG_REST = re.compile(r"""(?:[^>=]+|=\s*(?:"[^"]*"?|'[^']*'?|[^\s>]*))*""")
_COMMENT_END = re.compile(r"-?>|.*?--!?>", re.DOTALL)  # "<!-->" and "<!--->" end at once


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


def limit_nesting(html: str) -> str:
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
