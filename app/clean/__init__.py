"""Article HTML made safe and plain; the only package that imports bleach.

Pass 1 (``nesting``), a guard over the raw markup, keeps both parsers fast and whole; pass 2
(``prune``, lxml) drops elements with their content, fills image alt, strips attributes; pass 3
(``filters``, bleach parsing as a browser does) applies the allow-lists, and our filters check
URLs, unwrap, tidy. Only pass 3 is the security boundary. ``rules`` holds the allow-lists as data;
``tables`` gives reader tables their header cells.
"""

from __future__ import annotations

from app.clean import rules
from app.clean.filters import cleaner
from app.clean.nesting import limit_nesting
from app.clean.prune import prune
from app.errors import PayloadTooLarge


def sanitize(html: str, *, base_url: str | None = None) -> str:
    """Article HTML made safe and plain: allow-listed structure only."""
    if len(html) > rules.MAX_INPUT_CHARS:
        raise PayloadTooLarge(detail=f"{len(html)} > {rules.MAX_INPUT_CHARS} characters")
    html = html.encode("utf-8", "replace").decode("utf-8")  # lone surrogates would stop lxml
    pruned = prune(limit_nesting(html))
    return cleaner(base_url).clean(pruned).strip() if pruned else ""
