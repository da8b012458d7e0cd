"""Rule data for ``app.clean``: what article markup may keep, and what goes with its content.

Policy tables first (an operator may extend them); after them, facts about how HTML parsers
nest elements, used only by the nesting guard that keeps hostile input cheap to parse.
"""

from __future__ import annotations

import re

# --- limits -------------------------------------------------------------------------------------
MAX_INPUT_CHARS = 2_000_000
"""Longer input is refused with ``PayloadTooLarge``."""

MAX_DEPTH = 512
"""Elements nested deeper than this are unwrapped: their content stays, their tags go."""

MAX_DECODE_ROUNDS = 8
"""A URL still changing after this many rounds of entity decoding is dropped."""

# --- tags and attributes kept -------------------------------------------------------------------
ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "p", "br", "h2", "h3", "h4", "h5", "h6",
        "strong", "b", "em", "i", "u", "s", "sub", "sup",
        "blockquote", "q", "cite", "abbr",
        "ul", "ol", "li", "dl", "dt", "dd",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
        "figure", "figcaption", "img", "a", "time", "hr", "pre", "code",
    }
)  # fmt: skip

ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "abbr": frozenset({"title"}),
    "img": frozenset({"src", "alt"}),
    "th": frozenset({"scope", "colspan", "rowspan"}),
    "td": frozenset({"colspan", "rowspan"}),
    "time": frozenset({"datetime"}),
}

ATTRIBUTE_VALUES: dict[str, re.Pattern[str]] = {
    "scope": re.compile(r"row|col|rowgroup|colgroup", re.IGNORECASE),
    "colspan": re.compile(r"[1-9][0-9]{0,2}"),
    "rowspan": re.compile(r"[0-9]{1,4}"),
}
"""Attributes whose whole value must match; attributes not listed here take any value."""

RENAMED_TAGS: dict[str, str] = {"h1": "h2"}
"""The reader page owns the only ``h1``."""

ADDED_ATTRIBUTES: dict[str, dict[str, str]] = {
    "a": {"rel": "noopener noreferrer"},
    "img": {"loading": "lazy"},
}

# --- URLs ---------------------------------------------------------------------------------------
URL_SCHEMES: dict[tuple[str, str], frozenset[str]] = {
    ("a", "href"): frozenset({"http", "https", "mailto"}),
    ("img", "src"): frozenset({"http", "https", "data"}),
}
"""Schemes allowed per (tag, attribute), as a browser parses the scheme; no scheme = relative."""

DATA_IMAGE_URL = re.compile(r"data:image/(?:png|jpeg|gif|webp)(?:;base64)?,", re.IGNORECASE)
"""What a ``data:`` URL must start with where "data" is allowed: never SVG, which runs script."""

DEFAULT_ATTRIBUTES: dict[str, dict[str, str]] = {"img": {"alt": ""}}
"""Set when absent (an image's alt comes from its figure's caption first)."""

REQUIRED_ATTRIBUTES: dict[str, str] = {"a": "href", "img": "src"}
"""An ``a`` without its href is unwrapped; an ``img`` without its src is dropped."""

# --- removed with everything inside -------------------------------------------------------------
DROP_WITH_CONTENT: frozenset[str] = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "frame", "frameset", "noframes",
        "object", "embed", "applet", "param", "noembed", "svg", "math", "xml",
        "head", "title", "meta", "link", "base",
        "input", "button", "select", "option", "optgroup", "datalist", "textarea", "output",
        "keygen", "progress", "meter", "audio", "video", "source", "track", "canvas", "map",
    }
)  # fmt: skip

DROP_PREFIXES: tuple[str, ...] = ("o:", "w:", "v:", "m:")
"""Word's namespaced markup (``<o:p>``, ``<w:Sdt>``, VML, OMML); other prefixes are unwrapped."""

# --- empty wrappers -----------------------------------------------------------------------------
DROP_WHEN_EMPTY: frozenset[str] = frozenset(
    {
        "p", "strong", "b", "em", "i", "u", "s", "sub", "sup", "q", "cite", "abbr", "code",
        "a", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "pre", "time",
        "li", "dt", "dd", "ul", "ol", "dl",
    }
)  # fmt: skip
"""Removed when they hold nothing but blank text and ``<br>``."""

# --- layout of the output ----------------------------------------------------------------------
PHRASING_ELEMENTS: frozenset[str] = frozenset(
    {"a", "b", "strong", "em", "i", "u", "s", "sub", "sup", "q", "cite", "abbr", "code", "time"}
)
"""Inline elements: closed before a block starts inside them (HTML's content model; libxml2
enforces it on the next parse, so output that breaks it would not be idempotent)."""

LIST_PARENTS: dict[str, frozenset[str]] = {
    "li": frozenset({"ul", "ol"}),
    "dt": frozenset({"dl"}),
    "dd": frozenset({"dl"}),
}
"""List items are unwrapped outside their list (html5lib keeps them there, libxml2 does not)."""

BLOCK_ELEMENTS: frozenset[str] = ALLOWED_TAGS - PHRASING_ELEMENTS - {"br", "img"}
"""Blocks: blanks between two of their tags are dropped (they render as nothing)."""

BLANK_CHARS = " \t\n\r\f\v\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\
\u2009\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
"""What counts as nothing: whitespace, no-break and zero-width spaces."""

# --- how parsers nest elements (used by the nesting guard only) ---------------------------------
VOID_ELEMENTS: frozenset[str] = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
        "param", "source", "track", "wbr", "basefont", "bgsound", "frame", "image",
    }
)  # fmt: skip
"""Elements without content or end tag."""

UNNESTED_ELEMENTS: frozenset[str] = VOID_ELEMENTS | {"html", "head", "body"}
"""Never open on the stack (``html``/``head``/``body`` merge into the existing ones)."""

RAW_TEXT_ELEMENTS: frozenset[str] = frozenset(
    {"script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title", "plaintext"}
)
"""Their content is text up to their own end tag."""

SCOPE_BARRIERS: frozenset[str] = frozenset(
    {"table", "td", "th", "caption", "template", "applet", "marquee", "object", "button"}
)
"""An implied or explicit end tag does not reach past these."""

_CLOSES_P = (
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
    "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section",
    "summary", "table", "ul", "listing", "xmp",
)  # fmt: skip
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CELLS = frozenset({"td", "th"})

IMPLIED_CLOSE: dict[str, frozenset[str]] = {
    **{name: frozenset({"p"}) for name in _CLOSES_P},
    **{name: frozenset({"p"}) | _HEADINGS for name in _HEADINGS},
    "li": frozenset({"p", "li"}),
    "dt": frozenset({"p", "dt", "dd"}),
    "dd": frozenset({"p", "dt", "dd"}),
    "option": frozenset({"option"}),
    "optgroup": frozenset({"option", "optgroup"}),
    "tr": frozenset({"tr"}) | _CELLS,
    "td": _CELLS,
    "th": _CELLS,
    "thead": frozenset({"tr", "thead", "tbody", "tfoot"}) | _CELLS,
    "tbody": frozenset({"tr", "thead", "tbody", "tfoot"}) | _CELLS,
    "tfoot": frozenset({"tr", "thead", "tbody", "tfoot"}) | _CELLS,
    "a": frozenset({"a"}),
    "nobr": frozenset({"nobr"}),
}
"""Start tag -> open elements it closes first (when they are within scope)."""
