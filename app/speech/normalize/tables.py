"""The rule tables under app/data/normalize/, read once, and the patterns built from them."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from app.errors import ConfigError

_DATA = ("data", "normalize")
_Trie = dict[str, "_Trie"]  # char -> subtrie; the key "" marks the end of a word
_LINE_END = re.compile(r"[ \t]*(?:\n|\Z)")


def parse_tsv(lines: Iterable[str], source: str) -> dict[str, str]:
    """``written<TAB>spoken`` lines as a mapping; '#' comments; a bad line raises ConfigError."""
    table: dict[str, str] = {}
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 2 or not fields[0].strip():
            raise ConfigError(
                f"{source}, line {number}: expected 'written<TAB>spoken', got {line!r}",
                f"{source}, dòng {number}: cần 'chữ viết<TAB>cách đọc', nhận được {line!r}",
            )
        table[fields[0].strip()] = " ".join(fields[1].split())
    return table


def read_tsv(path: Path) -> dict[str, str]:
    """A TSV rule file as a mapping (see ``parse_tsv``)."""
    with path.open(encoding="utf-8-sig") as lines:
        return parse_tsv(lines, str(path))


def _data_lines(name: str) -> Iterator[str]:
    """The lines of one packaged rule file."""
    resource = resources.files("app").joinpath(*_DATA, name)
    yield from resource.read_text(encoding="utf-8").splitlines()


@functools.cache
def data_table(name: str) -> dict[str, str]:
    """A packaged TSV rule table, e.g. ``abbreviations.tsv``."""
    return parse_tsv(_data_lines(name), f"app/data/normalize/{name}")


@functools.cache
def data_list(name: str) -> tuple[str, ...]:
    """A packaged one-entry-a-line list, e.g. ``roman_triggers.txt``."""
    stripped = (line.strip() for line in _data_lines(name))
    return tuple(line for line in stripped if line and not line.startswith("#"))


def alternation(keys: Iterable[str]) -> str:
    """A regex alternation of literal ``keys``, longest first so "km2" wins over "km"."""
    return "|".join(re.escape(key) for key in sorted(set(keys), key=len, reverse=True))


def _trie(keys: Iterable[str]) -> _Trie:
    """The keys as a character trie; the empty key marks where a key ends."""
    root: _Trie = {}
    for key in keys:
        node = root
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}
    return root


def _trie_regex(node: _Trie, last: str = "") -> str:
    """A regex for a trie node: longer keys first, and no key ending inside a word."""
    branches = []
    for char, child in sorted(node.items(), reverse=True):
        if char:
            # The look-behind follows the first character, so the engine scans for that first.
            edge = rf"(?<!\w{re.escape(char)})" if not last and re.match(r"\w", char) else ""
            branches.append(re.escape(char) + edge + _trie_regex(child, char))
    if "" in node:
        branches.append(r"(?!\w)" if re.match(r"\w", last) else "")
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


@functools.lru_cache(maxsize=16)
def whole_word_pattern(keys: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern matching any of ``keys`` as a whole word, longest first; None if no keys."""
    if not keys:
        return None
    # A trie, and a look at the first character before it, keep a table of hundreds of
    # entries fast: a plain alternation would try every key at every position.
    firsts = "".join(sorted({re.escape(key[0]) for key in keys}))
    return re.compile(f"(?=[{firsts}]){_trie_regex(_trie(keys))}")


def replace_words(text: str, table: dict[str, str]) -> str:
    """Replace whole-word, case-sensitive occurrences of ``table``'s keys by their values."""
    pattern = whole_word_pattern(tuple(table))
    if pattern is None:
        return text
    return pattern.sub(lambda match: keep_final_dot(match, table[match[0]]), text)


def keep_final_dot(match: re.Match[str], spoken: str) -> str:
    """The spoken form, plus the sentence's full stop when the entry swallowed the last dot."""
    if match[0].endswith(".") and _LINE_END.match(match.string, match.end()):
        return f"{spoken}."
    return spoken
