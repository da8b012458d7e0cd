"""Text from outside Vietnamese: English markup, foreign letters and words joined in camel case.

``<en>Hello</en>`` loses its tags (never "nhỏ hơn en lớn hơn"); a Latin letter outside the
Vietnamese alphabet is read as its base letter ("München" -> "Munchen", "Straße" -> "Strasse");
a code identifier in camel case ("getUserById") is split into its words, after the tables had
their say on the whole word; a brand ("VnExpress", "VinBus") is kept whole, and inside an address
(``links``) every camel-case word is split ("CongThucNauAn").
"""

from __future__ import annotations

import functools
import re
import unicodedata

from app.speech.normalize.acronyms import is_syllable
from app.speech.normalize.tables import data_table

_ENGLISH_TAG = re.compile(r"</?en>", re.IGNORECASE)
_VIETNAMESE_VOWELS = "aăâeêioôơuưy"
_VIETNAMESE_TONES = "\u0300\u0301\u0303\u0309\u0323"
# Marks a Vietnamese letter may carry on top of its tone: breve (ă), circumflex (â ê ô), horn.
_VIETNAMESE_MARKS = {"a": "\u0306\u0302", "e": "\u0302", "o": "\u0302\u031b", "u": "\u031b"}
# A lower-case letter then a capitalised word inside one word: "Vn|Express", "get|User|By|Id".
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
# A code identifier starts in lower case ("getUserIDFromDB"): its capitals are words of their own.
_CODE_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# In prose a code identifier is split (two lower-case letters or more, then two capitalised
# words: "getUserById"; "arXiv" and "macOS" are brands), and so is
# a word of Vietnamese syllables written without marks ("HaNoi", "TiVi"). A brand keeps its
# written form ("VnExpress", "VinBus", "iPhone"), as a news reader says it.
_CODE_WORD = re.compile(r"\b[a-z]{2,}[A-Z][A-Za-z]*\b")
_SYLLABLES_WORD = re.compile(r"\b(?:[A-Z][a-z]{1,6}){2,4}\b")
# A chemical formula is only element symbols ("NaCl", "NaOH"): the formula rule reads it.
_ELEMENTS = frozenset(
    "H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se"
    " Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb"
    " Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm"
    " Bk Cf Es Fm Md No Lr".split()
)
_ELEMENT_RUN = re.compile(r"(?:[A-Z][a-z]?)+")


def drop_english_tags(text: str) -> str:
    """ "<en>Good morning</en>" as "Good morning": the tags are markup, not text to read."""
    return _ENGLISH_TAG.sub(" ", text) if "<" in text else text


@functools.cache
def _is_vietnamese_letter(char: str) -> bool:
    """Whether ``char`` is a letter of the Vietnamese alphabet, with any tone."""
    decomposed = unicodedata.normalize("NFD", char.lower())
    base, marks = decomposed[0], decomposed[1:]
    if base == "đ" or (base.isascii() and not marks):
        return True
    if base not in _VIETNAMESE_VOWELS:
        return False
    shape = [m for m in marks if m not in _VIETNAMESE_TONES]
    tones = [m for m in marks if m in _VIETNAMESE_TONES]
    return (
        len(tones) <= 1
        and len(shape) <= 1
        and all(m in _VIETNAMESE_MARKS.get(base, "") for m in shape)
    )


@functools.cache
def _plain_letter(char: str) -> str:
    """A foreign Latin letter as Vietnamese can read it: "ö" -> "o", "ß" -> "ss"."""
    special = data_table("foreign_letters.tsv")
    if char in special:
        return special[char]
    if _is_vietnamese_letter(char) or not unicodedata.name(char, "").startswith("LATIN"):
        return char
    return "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))


@functools.cache
def _foreign_letter() -> re.Pattern[str]:
    """Any Latin letter that is not Vietnamese (searching a set is fast; testing each is not)."""
    latin = (chr(c) for c in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)])
    foreign = "".join(c for c in latin if c.isalpha() and _plain_letter(c) != c)
    return re.compile(f"[{re.escape(foreign)}]")


def read_foreign_letters(text: str) -> str:
    """Letters outside the Vietnamese alphabet by their base letter ("Škoda" -> "Skoda")."""
    return _foreign_letter().sub(lambda m: _plain_letter(m[0]), text)


def _is_formula(word: str) -> bool:
    """Whether ``word`` is written with element symbols only ("NaCl", not "MoMo" twice)."""
    if not _ELEMENT_RUN.fullmatch(word):
        return False
    symbols = re.findall(r"[A-Z][a-z]?", word)
    return all(s in _ELEMENTS for s in symbols) and len(set(symbols)) > 1


def split_camel_words(word: str) -> str:
    """ "CongThucNauAn" as "Cong Thuc Nau An", "getUserIDFromDB" as "get User ID From DB"."""
    if _is_formula(word):
        return word
    return (_CODE_CAMEL if word[0].islower() else _CAMEL).sub(" ", word)


def _is_code(word: str, units: dict[str, str]) -> bool:
    """Whether ``word`` is a code identifier: two capitalised words after its head
    ("getUserById"), where a brand has one ("arXiv", "macOS") and a unit is in the table."""
    return word not in units and len(re.findall(r"[A-Z][a-z]", word)) >= 2


def split_camel_case(text: str) -> str:
    """A code identifier in prose ("getUserById") and Vietnamese syllables run together ("HaNoi")
    as their words; a brand ("VnExpress") and a unit ("mmHg") are kept."""
    units = data_table("units.tsv")
    text = _CODE_WORD.sub(
        lambda m: split_camel_words(m[0]) if _is_code(m[0], units) else m[0], text
    )
    return _SYLLABLES_WORD.sub(_split_syllables, text)


def _split_syllables(match: re.Match[str]) -> str:
    """ "HaNoi" as "Ha Noi" when every part is a Vietnamese syllable; "VinBus" is kept."""
    parts = split_camel_words(match[0]).split()
    return " ".join(parts) if len(parts) > 1 and all(map(is_syllable, parts)) else match[0]


# "2" for English "to" between letters or words: "B2B", "b2c", "P2P", "text2text", "seq2seq".
_TO_LETTERS = re.compile(r"(?<![\w.])([A-Za-z])2([A-Za-z])(?![\w.])")
_TO_WORDS = re.compile(r"(?<![\w.])([a-z]{3,})2([a-z]{3,})(?![\w.])")
_TO = "tu"


def _to_letters(match: re.Match[str]) -> str:
    """ "B2B" as "bi tu bi" when both letters form such names; anything else unchanged."""
    names = data_table("english_letters.tsv")
    first, second = match[1].upper(), match[2].upper()
    if first in names and second in names:
        return f"{names[first]} {_TO} {names[second]}"
    return match[0]


def read_to_numerals(text: str) -> str:
    """ "2" read "tu" (English "to") in "B2B", "P2P", "text2text", never "hai"."""
    if "2" not in text:
        return text
    text = _TO_LETTERS.sub(_to_letters, text)
    return _TO_WORDS.sub(rf"\1 {_TO} \2", text)


# A letter with primes, in geometry or calculus: "A'", "y''", "f′(x)"; not a quoted letter ('A').
_PRIMED = re.compile(r"(?<![\w'‘′])([A-Za-z])('{1,3}|′{1,3})(?![\w'′(])")
_PRIME = "phẩy"


# "H'" before a capitalised name, in Ê Đê and Gia Rai names ("H'Hen Niê", "H'Mông"), is said
# "Hơ"; a point's prime before another point ("H'K") is the prime rule's.
_NAME_H = re.compile(r"(?<![\w'’])H['’](?=[A-ZĐ][a-zđà-ỹ])")
_NAME_H_SPOKEN = "Hơ "


def read_primes(text: str) -> str:
    """A letter's primes as "phẩy" ("A'" "A phẩy", "y''" "y phẩy phẩy"), never dropped; the
    "H'" of a name as "Hơ" ("H'Hen Niê")."""
    if "'" not in text and "′" not in text and "’" not in text:
        return text
    text = _NAME_H.sub(_NAME_H_SPOKEN, text)
    return _PRIMED.sub(lambda m: " ".join([m[1], *[_PRIME] * len(m[2])]), text)
