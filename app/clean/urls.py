"""URLs as a browser reads them: trimmed, decoded, scheme-checked and resolved."""

from __future__ import annotations

import html as entities
import re
from urllib.parse import quote, urljoin

from bleach.html5lib_shim import convert_entities

from app.clean import rules

_URL_EDGES = "".join(chr(code) for code in range(0x21))  # C0 controls and space
_URL_INSIDE = str.maketrans("", "", "\t\n\r")
_URL_SAFE = "".join(chr(code) for code in range(0x21, 0x7F))  # all but blanks and non-ASCII
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def scheme_allowed(url: str, schemes: frozenset[str]) -> bool:
    """Whether ``url`` (in browser form) is relative or has one of ``schemes``."""
    head, colon, _ = url.partition(":")
    if not colon or any(char in head for char in "/?#"):
        return True  # no scheme: a relative URL
    scheme = head.lower()
    return scheme in schemes and (scheme != "data" or bool(rules.DATA_IMAGE_URL.match(url)))


def browser_form(url: str) -> str:
    """``url`` as a browser cleans it before parsing: edges trimmed, tabs and newlines gone."""
    return url.strip(_URL_EDGES).translate(_URL_INSIDE)


def safe_url(value: str, schemes: frozenset[str], base_url: str | None) -> str | None:
    """The URL a browser will read from our output, resolved; None when not allowed."""
    for _ in range(rules.MAX_DECODE_ROUNDS):
        # until nothing is left that bleach would write as an entity: the browser reads this URL
        decoded = convert_entities(value)
        if decoded == value:
            break
        value = decoded
    else:
        return None
    url = browser_form(value)
    # Also refuse what a laxer decoder (numeric references without ";") would turn bad.
    if not scheme_allowed(browser_form(entities.unescape(url)), schemes):
        return None
    if base_url and scheme_allowed(url, schemes):
        try:
            url = urljoin(base_url, url)
        except ValueError:  # a malformed host, such as an unclosed IPv6 bracket
            return None
    if not scheme_allowed(url, schemes):
        return None
    return quote(url, safe=_URL_SAFE, errors="replace")  # as libxml2 writes it: idempotent
