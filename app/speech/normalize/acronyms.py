"""Abbreviations: the table of known ones, and unknown all-caps words spelled or lowered."""

from __future__ import annotations

import re
import unicodedata

from app.speech.normalize.numbers import roman_value
from app.speech.normalize.tables import data_table, replace_words

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# A Vietnamese syllable without its tone mark: onset, one to three vowels, coda.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)
# Every upper-case letter the text may hold; a word of capitals starts with two of them, and
# scanning for a character set first is much faster than testing every word.
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isupper() and c.isalpha())
_WORD = re.compile(rf"[{_UPPER}](?<!\w[{_UPPER}])[{_UPPER}][^\W\d_]*(?!\w)")
_ROMAN_LOOKING = re.compile(r"[IVX]+")


def expand_abbreviations(text: str) -> str:
    """Known abbreviations (``abbreviations.tsv``) in words: "UBND" -> "ủy ban nhân dân"."""
    return replace_words(text, data_table("abbreviations.tsv"))


def _toneless(word: str) -> str:
    """``word`` in lower case without tone marks ("ĐIỆN" -> "điên")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    kept = "".join(c for c in decomposed if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", kept)


def is_syllable(word: str) -> bool:
    """True when ``word`` can be read as one Vietnamese syllable ("TIN", "ĐIỆN", not "UBND")."""
    return _SYLLABLE.fullmatch(_toneless(word)) is not None


def spell(letters: str) -> str:
    """Letters by their Vietnamese names: "BTTTT" -> "bê tê tê tê tê"; unknown letters kept."""
    names = data_table("letters.tsv")
    return " ".join(names.get(letter.upper(), letter) for letter in letters)


def _read_capital_word(match: re.Match[str]) -> str:
    """One word: lowered if it is an all-caps syllable, spelled if an all-caps abbreviation."""
    word = match[0]
    if not word.isupper() or (_ROMAN_LOOKING.fullmatch(word) and roman_value(word)):
        return word
    return word.lower() if is_syllable(word) else spell(word)


def read_capitals(text: str) -> str:
    """All-caps words: a Vietnamese syllable is lowered ("TỈNH"), anything else is spelled.

    Roman numerals without a trigger word ("Thế chiến II") are left as written.
    """
    return _WORD.sub(_read_capital_word, text)
