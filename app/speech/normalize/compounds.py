"""Abbreviations joined into a compound by "&", "-" or "/": read from an entry for the whole.

"GD&ĐT", "KH-CN", "HĐND/UBND" are read from the table entry for the whole compound, written with
any of the three joiners ("KH-CN" finds "KH&CN"). Without one, the parts are never expanded one
by one from short entries (a science-and-technology office is no "ca hát và cử nhân"): a part of
three letters or fewer, or an ambiguous one (``ambiguous.tsv``), is spelled with Vietnamese
letter names; a longer part with one reading ("UBND", "ASEAN") keeps it.
"""

from __future__ import annotations

import functools
import re

from app.speech.normalize import vocab
from app.speech.normalize.acronyms import name_alone, spell
from app.speech.normalize.numbers import roman_value
from app.speech.normalize.quantities import after_roman_trigger
from app.speech.normalize.tables import data_table, replace_words

_UP = "A-ZĐÂĂÊÔƠƯ"
# A part: capitals with at most a few lower-case letters ("TTg", "NHNo"); two capitals at least
# for "-" and "/" ("Wi-Fi", "V-League" are words); one capital is a part around "&" ("P&G").
_PART = rf"[{_UP}](?:[{_UP}a-zđ]*[{_UP}][{_UP}a-zđ]*)?"
_JOINER = r"(?:\s?&\s?|-|/|\s-\s)"
_COMPOUND = re.compile(rf"(?=[{_UP}])(?<![\w&/.-]){_PART}(?:{_JOINER}{_PART})+(?![\w&/-]|\.[\w])")
_SPLIT = re.compile(r"\s?(&)\s?|(\s-\s|-|/)")
_SHORT = 3  # letters; a part this short is never expanded inside a compound
_JOINER_WORDS = {"&": " và ", "-": " ", "/": ", ", " - ": " "}  # "AI/ML": a pause


def _variants(compound: str) -> list[str]:
    """The compound as written, then with each joiner written "&", "-" and " - "."""
    bare = re.sub(r"\s?&\s?", "&", compound)
    parts = re.split(r"\s?&\s?|\s-\s|-|/", compound)
    return [compound, bare] + [joiner.join(parts) for joiner in ("&", "-", " - ", "/")]


def _whole(compound: str) -> str | None:
    """The reading of the whole compound from the abbreviation table, or None."""
    table = data_table("abbreviations.tsv")
    return next((table[form] for form in _variants(compound) if form in table), None)


@functools.cache
def _ambiguous() -> frozenset[str]:
    """Abbreviations with several readings (the first column of ``ambiguous.tsv``)."""
    from app.speech.normalize.ambiguous import ambiguous_rules

    return frozenset(ambiguous_rules())


def _part(part: str) -> str:
    """One part of a compound no entry names: a long unambiguous entry, else its letters."""
    table = data_table("abbreviations.tsv")
    if len(part) > _SHORT and part in table and part not in _ambiguous():
        return table[part]
    return spell(part)


_AMOUNT_BEFORE = re.compile(r"[0-9]\s?$")


def _after_amount(match: re.Match[str]) -> bool:
    """Whether a number stands right before the compound ("110.000 USD/BTC")."""
    return bool(_AMOUNT_BEFORE.search(match.string, max(0, match.start() - 2), match.start()))


def _is_roman_range(match: re.Match[str], parts: list[str]) -> bool:
    """Whether the compound is two Roman numerals joined by "-" after a trigger word."""
    return (
        len(parts) == 2
        and "-" in match[0]
        and all(roman_value(p) is not None for p in parts)
        and after_roman_trigger(match.string, match.start())
    )


def _read_compound(match: re.Match[str]) -> str:
    """A compound from its whole entry, or part by part with no short entry expanded."""
    compound = match[0]
    whole = _whole(compound)
    if whole is not None:
        return whole
    if compound in _ambiguous():
        return compound  # "tổ chức CT-XH": ``read_ambiguous`` reads it as the sentence says
    parts = re.split(r"\s?&\s?|\s-\s|-|/", compound)
    if _is_roman_range(match, parts):
        return compound  # "bỏng độ II-III": the Roman numeral rules read a range of levels
    units = data_table("units.tsv")
    if compound in units and _after_amount(match):
        return units[compound]  # a unit of letters after its amount: "80 U/L" is no choice
    if all(p in units for p in parts) and "/" in compound:
        table = data_table("abbreviations.tsv")
        return f" {vocab.PER} ".join(table.get(p, units[p]) for p in parts)  # "USD/EUR"
    if len(parts) == 2 and "/" in compound and parts[0] in units and _after_amount(match):
        table = data_table("abbreviations.tsv")
        first = table.get(parts[0], units[parts[0]])
        return f"{first} {vocab.PER} {_part(parts[1])}"  # a price per coin: "110.000 USD/BTC"
    if all(len(p) == 1 for p in parts) and len(parts) > 2 and compound.count("/") == len(parts) - 1:
        return ", ".join(name_alone(p) for p in parts)  # sizes "S/M/L"
    if all(len(p) == 1 for p in parts) and compound.count("/") == 1:
        return f"{name_alone(parts[0])} hoặc {name_alone(parts[1])}"  # a choice, "phương án A/B"
    if all(len(p) == 1 for p in parts) or all(p in units for p in parts):
        return compound  # single letters ("A-B", "P/E"): later rules read them
    pieces = _SPLIT.split(compound)
    words = []
    for index in range(0, len(pieces), 3):
        words.append(_part(pieces[index]))
        joiner = pieces[index + 1] or pieces[index + 2] if index + 2 < len(pieces) else None
        if joiner:
            words.append(_JOINER_WORDS[joiner])
    return "".join(words)


@functools.cache
def _joined_entries() -> dict[str, str]:
    """Table entries of several parts ("VH, TT&DL", "CB, GV, NV", "TH true MILK")."""
    table = data_table("abbreviations.tsv")
    return {key: value for key, value in table.items() if any(j in key for j in " &-/,")}


def read_compounds(text: str) -> str:
    """Entries of several parts first, then abbreviations joined by "&", "-" or "/" read as a
    whole, never part by part."""
    text = replace_words(text, _joined_entries())
    if not any(j in text for j in "&-/"):
        return text
    return _COMPOUND.sub(_read_compound, text)
