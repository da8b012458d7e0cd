"""Acronyms defined in the text: "Bảo hiểm tai nạn lao động - bệnh nghề nghiệp (TNLĐ-BNN)".

An all-caps word in brackets right after the words whose initials it spells is read as those
words, whether or not the table knows it (news prints the full name first, then its acronym, and
a reader says the name again). "&" in the acronym stands for "và" ("Giáo dục và Đào tạo
(GD&ĐT)"); "-" for nothing. An acronym the words before it do not spell ("Tổ chức Y tế Thế giới
(WHO)") is left to the later rules.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _bracketed() -> re.Pattern[str]:
    capital = r"[A-ZĐ]"
    return re.compile(rf"\(\s*({capital}{{2,}}(?:[-&]{capital}+)*)\s*\)")


def _initial(word: str) -> str:
    """The first letter of ``word``, upper case, tone and vowel marks dropped (Đ kept)."""
    return unicodedata.normalize("NFD", word[0].upper())[0]


def _spelled_words(before: str, acronym: str) -> str | None:
    """The last words of ``before`` whose initials spell ``acronym`` ("&" a "và"), or None."""
    wanted = re.findall(r"[A-ZĐ]|&", acronym)
    words = _WORD.findall(before[-200:])
    if len(words) < len(wanted):
        return None
    tail = words[len(words) - len(wanted) :]
    for word, letter in zip(tail, wanted, strict=True):
        if letter == "&":
            if word.lower() != "và":
                return None
        elif _initial(word) != letter:
            return None
    return " ".join(tail)


def read_defined_acronyms(text: str) -> str:
    """A bracketed acronym right after the words it abbreviates, read as those words."""
    if "(" not in text:
        return text
    pieces: list[str] = []
    last = 0
    for match in _bracketed().finditer(text):
        words = _spelled_words(text[: match.start()], match.group(1))
        if words is None:
            continue
        pieces.append(text[last : match.start()])
        pieces.append(f"({words})")
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)
