"""Maths notation and English-style digit grouping, before the number rules read them.

"1,000,000" and "1,299.99" (English grouping: commas between thousands, a point before the
decimals) are rewritten the Vietnamese way ("1.000.000", "1.299,99"); "3.2e5" is "ba chấm hai
nhân mười mũ năm", "10^-3" "mười mũ trừ ba"; a minus sign after the word "âm" is not said twice.
"""

from __future__ import annotations

import re

from app.speech.normalize import vocab
from app.speech.normalize.numbers import read_digits, read_int

# Two or more comma groups of three, or one and a point decimal: never a Vietnamese decimal.
_ENGLISH_GROUPS = re.compile(
    r"([0-9](?<![\w.,][0-9])[0-9]{0,2})((?:,[0-9]{3}){2,}(?:\.[0-9]+)?|,[0-9]{3}\.[0-9]+)(?![\w,]|\.[0-9])"
)
_SCIENTIFIC = re.compile(
    r"([0-9](?<![\w.,][0-9])[0-9]*)(?:\.([0-9]+))?[eE]([+-−]?)([0-9]{1,3})(?!\w)"
)
_POWER = re.compile(r"\^\s*([+-−]?)([0-9]{1,3})(?![0-9])")
_SIGN_TWICE = re.compile(r"(?i:(?<!\w)âm)\s*[-−](?=[0-9])")
_POWER_WORD = "mũ"
_NEGATIVE = "trừ"


def _vietnamese_grouping(match: re.Match[str]) -> str:
    """ "1,299.99" as "1.299,99"."""
    whole, _, decimals = match[2].partition(".")
    return f"{match[1]}{whole.replace(',', '.')}" + (f",{decimals}" if decimals else "")


def _scientific(match: re.Match[str]) -> str:
    """ "6.626e-34" as "sáu chấm sáu hai sáu nhân mười mũ trừ ba mươi tư"."""
    mantissa = read_int(int(match[1]))
    if match[2]:
        mantissa += f" {vocab.DOT} {read_digits(match[2])}"
    sign = f"{_NEGATIVE} " if match[3] in ("-", "−") else ""
    return f"{mantissa} {vocab.TIMES} mười {_POWER_WORD} {sign}{read_int(int(match[4]))}"


def _power(match: re.Match[str]) -> str:
    """ "^-3" as " mũ trừ ba"."""
    sign = f"{_NEGATIVE} " if match[1] in ("-", "−") else ""
    return f" {_POWER_WORD} {sign}{read_int(int(match[2]))}"


def read_maths(text: str) -> str:
    """English digit grouping the Vietnamese way, powers and scientific notation in words."""
    if "," in text:
        text = _ENGLISH_GROUPS.sub(_vietnamese_grouping, text)
    if "e" in text or "E" in text:
        text = _SCIENTIFIC.sub(_scientific, text)
    if "^" in text:
        text = _POWER.sub(_power, text)
    return _SIGN_TWICE.sub(f"{vocab.MINUS} ", text) if "âm" in text.lower() else text
