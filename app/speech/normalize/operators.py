"""Signs between or before numbers: "3x4", "x3", "> 60 tuổi", "≥ 5", "$5", arrows."""

from __future__ import annotations

import functools
import re

from app.speech.normalize import vocab
from app.speech.normalize.numbers import without_zero_cents
from app.speech.normalize.tables import alternation, data_table

# Patterns start with a plain character set, so that scanning the text for them is fast.
_TIMES = re.compile(r"[x×](?=\s*[0-9])")
_FACTOR_END = re.compile(r"(?:[0-9]\s*|[^\w])$")  # "3x4", "3 x 4", "tăng x3"; not "xã" or "Fx3"
# A flu strain or a code after one letter: "A/H5N1" is read "a hát năm en một", no "trên".
_LETTER_SLASH = re.compile(r"(?<![\w/])([A-Z])/(?=[A-Z][A-Z0-9]*[0-9])")
# "~" between two amounts is a range ("25°C ~ 32°C"); before one amount "khoảng" (symbols.tsv).
_TILDE_RANGE = re.compile(r"(?<=[0-9%°C])\s*~\s*(?=[0-9])")
# A list marker in lower-case Roman numerals: "(ii)", "iii)" are items two and three.
_LIST_ROMAN = re.compile(
    r"(?:\((iii|ii|iv|vi{0,3}|ix|x|i)|(?:^|(?<=[:;\n]\s)|(?<=[:;\n]))(iii|ii|iv|vi{0,3}|ix|x|i))\)(?=\s)"
)
_ROMAN_ITEMS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}
_ARROW = re.compile(r"(?:->|=>|→|⇒)")
_COMPARISON = re.compile(r"[<>≥≤]=?(?=\s*[0-9+\-−])")
_OPERAND_END = re.compile(r"(?:[0-9)%]|(?<!\w)[^\W\d_])\s*$")  # "5 > 3", "x > 3", not "tuổi > 60"
# Between two operands the sign is a comparison; before a lone amount it bounds it.
_BETWEEN = {">": "lớn hơn", "<": "nhỏ hơn", ">=": "lớn hơn hoặc bằng", "<=": "nhỏ hơn hoặc bằng"}
_BEFORE = {">": "trên", "<": "dưới"}  # "≥" and "≤" are read in full everywhere
_SAME_SIGN = {"≥": ">=", "≤": "<="}


def _comparison(match: re.Match[str]) -> str:
    """A comparison sign in words: "5 > 3" "lớn hơn", "> 60 tuổi" "trên"."""
    sign = _SAME_SIGN.get(match[0], match[0])
    before = match.string[max(0, match.start() - 3) : match.start()]
    if _OPERAND_END.search(before) or sign in (">=", "<="):
        return f" {_BETWEEN[sign]} "
    return f" {_BEFORE[sign]} "


def _times(match: re.Match[str]) -> str:
    """ "nhân" for a multiplication sign; an "x" that is part of a word is left alone."""
    before = match.string[max(0, match.start() - 3) : match.start()]
    if match[0] == "×" or not before or _FACTOR_END.search(before):
        return f" {vocab.TIMES} "
    return match[0]


@functools.cache
def _signed_amount() -> re.Pattern[str]:
    """A currency sign (``currency_signs.tsv``) before an amount: "$1.200", "€ 5", "US$2 triệu"."""
    signs = alternation(data_table("currency_signs.tsv"))
    amount = r"[0-9]+(?:[.,][0-9]+)*(?:\s(?:nghìn|ngàn|triệu|tỷ))?"
    return re.compile(rf"(?<![\w$])({signs})\s?({amount})")


def _signed(match: re.Match[str]) -> str:
    """ "$1.200" as "1.200 đô la": the amount first, then the currency's name."""
    return f"{without_zero_cents(match[2])} {data_table('currency_signs.tsv')[match[1]]}"


def read_operators(text: str) -> str:
    """Multiplication, comparisons before numbers, arrows as pauses, "$5" as "5 đô la"."""
    text = _LIST_ROMAN.sub(lambda m: f"{_ROMAN_ITEMS.get(m[1] or m[2], 10)},", text)
    text = _TIMES.sub(_times, text)
    text = _LETTER_SLASH.sub(r"\1 ", text)
    text = _TILDE_RANGE.sub(f" {vocab.RANGE} ", text)
    text = _ARROW.sub(", ", text)
    text = _COMPARISON.sub(_comparison, text)
    text = text.replace("×", f" {vocab.TIMES} ")
    return _signed_amount().sub(_signed, text)
