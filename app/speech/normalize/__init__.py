"""Vietnamese written text -> spoken Vietnamese (Northern reading) for the speech engines.

``normalize`` applies the operator lexicon first (whole word, case-sensitive), then the rules, in
this order: document numbers, known abbreviations, Roman numerals after trigger words, ranges,
clock times, dates, month and ordinal numbers, units, plain numbers, symbols, unknown all-caps
words (a Vietnamese syllable is lowered, anything else spelled with Vietnamese letter names), and
finally punctuation and whitespace. Rule tables live in ``app/data/normalize/``.

Sentence punctuation (. , ; : ? !) is kept so the engine pauses; brackets become commas; other
symbols are read ("&" và, "/" trên) or dropped. Whitespace, including newlines, is collapsed; a line
that ends without punctuation before a line that starts with a capital (a heading, a byline) gets a
full stop first.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping

from app.speech.normalize.acronyms import expand_abbreviations, read_capitals
from app.speech.normalize.dates import read_dates, read_times, unify_date_separators
from app.speech.normalize.documents import read_document_numbers
from app.speech.normalize.lexicon import apply_lexicon, load_lexicon
from app.speech.normalize.punctuation import (
    close_article_end,
    end_open_lines,
    read_symbols,
    tidy,
)
from app.speech.normalize.quantities import (
    read_numbers,
    read_ordinals,
    read_ranges,
    read_units,
    roman_to_arabic,
    split_letters_from_digits,
)

__all__ = ["NORMALIZER_VERSION", "load_lexicon", "normalize"]

# Part of the audio cache key: bump whenever the output for some input changes.
NORMALIZER_VERSION = "1"

# The order matters: each rule sees what the ones before it left (see the module docstring).
_RULES: tuple[Callable[[str], str], ...] = (
    close_article_end,
    end_open_lines,
    read_document_numbers,
    expand_abbreviations,
    roman_to_arabic,
    unify_date_separators,
    read_ranges,
    read_times,
    read_dates,
    read_ordinals,
    read_units,
    split_letters_from_digits,
    read_numbers,
    read_symbols,
    read_capitals,
    tidy,
)


def normalize(text: str, lexicon: Mapping[str, str] | None = None) -> str:
    """``text`` as the words a speech engine should say."""
    text = apply_lexicon(unicodedata.normalize("NFC", text), lexicon)
    for rule in _RULES:
        text = rule(text)
    return text
