"""Symbols, dashes and punctuation: keep the pauses, read or drop the rest."""

from __future__ import annotations

import functools
import re

from app.speech.normalize.tables import alternation, data_table

_ARTICLE_END = re.compile(r"\.?/\.(?=\s|$)")  # "./." closes Vietnamese news articles
# A line that ends without punctuation before a line that starts anew (a capital, a digit, a
# bracket) is a heading or a block of its own: end it with a full stop so the engine pauses.
# A line that continues in lower case (a wrapped caption) just runs on.
_OPEN_LINE_END = re.compile(r"\n\s*(?=([^\W_]|[(“\"]))")
_OPEN_LINE_BEFORE = re.compile(r"(?:[^\W_]|[)\]\"”])[ \t]*$")
# Patterns scanned over the whole text start with a plain character and look behind after it:
# the regex engine finds such a start far faster than it tries a look-behind at every position.
_URL_SCHEME = re.compile(r"[hf](?<!\w[hf])(?:ttps?|tp)://")
_URL = re.compile(r"\b(?:(?:https?|ftp)://|www\.)[^\s<>\"“”]+")
_URL_TAIL = re.compile(r"[.,;:!?)\]]+$")
_HOST = re.compile(r"^(?:(?:https?|ftp)://)?(?:www\.)?([^/?#:]+)")
_BULLET = re.compile(r"(?m)^[ \t]*[-–—•+*][ \t]*")
_SPACED_DASH = re.compile(r"\s[-–—]+\s")
# "+" glued to a foreign name of two letters or more with a small letter is part of the brand,
# "plus": "Vietnam+", "Disney+", "Canal+" ("K+", "A+", "C++", "60+" keep "cộng").
_BRAND_PLUS = re.compile(r"(?<![\w+])([A-Z][A-Za-z]*[a-z])\+(?![\w+])")
_DASH = re.compile(r"[-–—]")
_WEB_DOT = re.compile(r"\.(?=[a-z])(?<=[^\W_]\.)")  # "backan.gov.vn"
# An ellipsis inside a sentence (a lower-case word follows) is a short pause, not a full stop.
_ELLIPSIS = re.compile(r"(?:…|\.\.\.)(?=\s*([^\W\d_]))")
_UNREAD = re.compile(r"[^\w\s.,;:?!]")
_PUNCTUATION_RUN = re.compile(r"[.,;:?!](?:\s*[.,;:?!])*")
_STRENGTH = "?!.;:,"  # the strongest mark of a run is kept: ", ." -> "."


def close_article_end(text: str) -> str:
    """The "./." that ends an article as a plain full stop."""
    return _ARTICLE_END.sub(".", text)


def _end_line(match: re.Match[str]) -> str:
    """A full stop for a line break before a new block; a wrapped line runs on."""
    starts_anew = not match[1].isalpha() or match[1].isupper()
    before = match.string[max(0, match.start() - 8) : match.start()]
    return ". " if starts_anew and _OPEN_LINE_BEFORE.search(before) else match[0]


def _site(match: re.Match[str]) -> str:
    """A web address as its site's name; the path and query are not read."""
    url = match[0]
    tail = _URL_TAIL.search(url)
    url, end = (url[: tail.start()], tail[0]) if tail else (url, "")
    host = _HOST.match(url)
    return (host[1] if host else url) + end


def read_links(text: str) -> str:
    """ "https://backan.gov.vn/Pages/tin.aspx?ID=12" as "backan.gov.vn": a link is not read out."""
    return _URL.sub(_site, text) if "://" in text or "www." in text else text


def end_open_lines(text: str) -> str:
    """A full stop after a heading or block line that has none, before the next block."""
    return _OPEN_LINE_END.sub(_end_line, text)


@functools.cache
def _symbol_pattern() -> re.Pattern[str]:
    """Any symbol from ``symbols.tsv``, longest first."""
    return re.compile(alternation(data_table("symbols.tsv")))


def read_symbols(text: str) -> str:
    """Dashes, web addresses and symbols read or turned into pauses; other symbols dropped."""
    symbols = data_table("symbols.tsv")
    text = _URL_SCHEME.sub("", text)
    text = _ELLIPSIS.sub(lambda m: "," if m[1].islower() else m[0], text)
    text = _BULLET.sub("", text)
    text = _SPACED_DASH.sub(", ", text)
    text = _DASH.sub(" ", text)
    text = _WEB_DOT.sub(" chấm ", text)
    text = _BRAND_PLUS.sub(r"\1 plus", text) if "+" in text else text
    text = _symbol_pattern().sub(lambda match: f" {symbols[match[0]]} ", text)
    return _UNREAD.sub(" ", text).replace("_", " ")


def _strongest(match: re.Match[str]) -> str:
    """The strongest mark of a punctuation run, followed by one space."""
    marks = match[0]
    return f"{marks if len(marks) == 1 else min(marks.replace(' ', ''), key=_STRENGTH.index)} "


def tidy(text: str) -> str:
    """One space between words, one mark per pause, no pause at the start or end."""
    text = " ".join(text.split())
    for mark in ".,;:?!":
        text = text.replace(f" {mark}", mark)
    text = _PUNCTUATION_RUN.sub(_strongest, text)
    return " ".join(text.split()).lstrip(" .,;:?!").rstrip(" ,;:")
