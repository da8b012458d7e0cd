"""Initials the single-capital rules miss: a name's initial written with a Vietnamese onset of two
letters ("Trần Văn Kh.", "anh Tr.") and one that looks like a Roman numeral after a full name
("bị cáo Đinh Quang V."), both spelled by their letter names before the dot is dropped."""

from __future__ import annotations

import functools
import re

from app.speech.normalize.acronyms import is_syllable, name_alone, spell
from app.speech.normalize.tables import alternation, data_list

_UPPER = "".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isupper() and c.isalpha())
# After the dot: a bracket, a comma, a lower-case word or a number goes on with the sentence.
_GOES_ON = rf"(?=\s*[(,;]|\s+[0-9]|\s+[^\W\d_](?<![{_UPPER}]))"
# Or the sentence ends: the dot stays a full stop ("... bị cáo Nguyễn Thành Ch.").
_ENDS = rf"(?=\s*$|\s+[{_UPPER}])"
_DIGRAPH_INITIAL = re.compile(
    rf"(?<=\w )(Ngh|Ch|Gh|Gi|Kh|Ng|Nh|Ph|Qu|Th|Tr)(?:\.{_GOES_ON}|(\.){_ENDS})"
)
_ROMAN_INITIAL = re.compile(rf"(?<=\w )([IVX])(?:\.{_GOES_ON}|(\.){_ENDS})")
_NAME_WORD = rf"[{_UPPER}][^\W\d_]*"
_AFTER_NAME = re.compile(rf"(?<!\w){_NAME_WORD}\s+$")
_AFTER_FULL_NAME = re.compile(rf"(?<!\w)({_NAME_WORD})\s+({_NAME_WORD})\s+$")
_LOOKBACK = 40


@functools.cache
def _after_person_word() -> re.Pattern[str]:
    """A person or firm word (``initial_before.txt``) right before the initial."""
    words = alternation(data_list("initial_before.txt"))
    return re.compile(rf"(?i:(?<!\w)(?:{words}))\s+$")


@functools.cache
def _after_person() -> re.Pattern[str]:
    """A person word (``initial_persons.txt``) right before a lone Roman-looking initial."""
    words = alternation(data_list("initial_persons.txt"))
    return re.compile(rf"(?i:(?<!\w)(?:{words}))\s+$")


def _before(match: re.Match[str]) -> str:
    return match.string[max(0, match.start() - _LOOKBACK) : match.start()]


def _digraph(match: re.Match[str]) -> str:
    """ "Văn Kh." or "anh Tr.": the letters by their names ("ca hát", "tê e rờ")."""
    before = _before(match)
    if _AFTER_NAME.search(before) or _after_person_word().search(before):
        return spell(match[1]) + (match[2] or "")
    return match[0]


def _roman(match: re.Match[str]) -> str:
    """ "Quang V." after a full Vietnamese name: the letter's name; a numeral after one
    capitalised word ("Chương V.", "Mục X,") or a foreign name ("Vua Henry V.") is left for the
    numeral rules, and so is a lone letter after a firm word ("công ty cổ phần X."). After a
    person word ("anh V.", "bà X.") the letter is a person's initial: its name."""
    before = _before(match)
    name = _AFTER_FULL_NAME.search(before)
    if (name and is_syllable(name[1]) and is_syllable(name[2])) or _after_person().search(before):
        return name_alone(match[1]) + (match[2] or "")
    return match[0]


def read_initials(text: str) -> str:
    """Two-letter and Roman-looking initials of a name, spelled (see the module docstring)."""
    if "." not in text:
        return text
    text = _DIGRAPH_INITIAL.sub(_digraph, text)
    return _ROMAN_INITIAL.sub(_roman, text)
