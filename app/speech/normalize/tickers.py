"""Securities codes: stock tickers after a ticker word and bond codes of capitals and digits.

Three capitals after a word of ``ticker_cues.txt`` ("cổ phiếu VND", "mã VCK", "cổ phiếu DXG, KBC
và PDR", "cổ phiếu ngân hàng như CTG, VCB") are a ticker, spelled by letter names before any
abbreviation or currency reading could take them; a code the abbreviation table already spells
("mã OTP" "ô tê pê") is left to it. So is a list of them in market news with one code no table
knows ("SSI, VND và VCI tăng trần", ``market_words.txt``), unless it follows an amount ("5.000 tỷ
USD, EPS"). So are three capitals in brackets after a company's name ("Tập đoàn Hoa Sen (HSG)",
"Kido (KDC)") unless a word of the table's reading stands among the words just before ("Bộ Công
Thương (BCT)", "Đồng Việt Nam (VND)" keep their readings). Capitals written against a number of
five digits or more ("NVLH2123009", "VICB2325001") are a code: the capitals spelled, the digits
one by one, as is a shorter one after a ticker word ("chứng quyền CVHM2510").
"""

from __future__ import annotations

import functools
import re

from app.speech.normalize.acronyms import spell
from app.speech.normalize.numbers import read_digits
from app.speech.normalize.tables import alternation, data_list, data_table

_TICKER = r"[A-Z]{3}(?![\w&/-]|\.\w)"
_JOINER = r"(?:\s*,\s*|\s+(?:và|hay|hoặc)\s+)"
_AMOUNT_BEFORE = re.compile(r"(?:[0-9]|(?<!\w)(?:tỷ|triệu|nghìn|ngàn|trăm))\s*$")  # "5.000 tỷ USD"
_LISTED = re.compile(rf"(?<![\w&/.-]){_TICKER}(?:{_JOINER}{_TICKER})+")
_BRACKETED = re.compile(r"(?<=\w)(\s\(\s*)([A-Z]{3})(\s*\))")
_GLUED_CODE = re.compile(r"(?<![\w./-])([A-ZĐ]{2,})([0-9]{5,})(?![\w/-]|[.,][0-9])")


@functools.cache
def _tickers() -> re.Pattern[str]:
    """A ticker word, then a ticker and any tickers listed after it."""
    cues = alternation(data_list("ticker_cues.txt"))
    listed = r"(?:(?:\s+[^\W\d_]+){0,3}?\s+(?:như|gồm|là)\s*:?)?"
    return re.compile(
        rf"(?i:(?<!\w)(?:{cues}){listed}\s+)((?-i:{_TICKER})(?:{_JOINER}(?-i:{_TICKER}))*)"
    )


@functools.cache
def _cued_code() -> re.Pattern[str]:
    """A ticker word, then capitals against a number of four digits or more (a warrant)."""
    cues = alternation(data_list("ticker_cues.txt"))
    return re.compile(
        rf"(?i:(?<!\w)(?:{cues})\s+)(?-i:([A-Z]{{2,}})([0-9]{{4,}}))(?![\w/-]|[.,][0-9])"
    )


@functools.cache
def _letter_names() -> frozenset[str]:
    """The words of the Vietnamese letter names ("e", "lờ", "bê", ...)."""
    return frozenset(word for name in data_table("letters.tsv").values() for word in name.split())


def _ticker(code: str) -> str:
    """A ticker by its letter names, or as written where the abbreviation table spells it."""
    known = data_table("abbreviations.tsv").get(code)
    if known and set(known.split()) <= _letter_names():
        return code
    return spell(code)


def _spell_list(match: re.Match[str]) -> str:
    """Each ticker of the listed run spelled, the words between kept."""
    run = re.sub(r"[A-Z]{3}", lambda m: _ticker(m[0]), match[1])
    return match[0][: match.start(1) - match.start()] + run


def _bracketed(match: re.Match[str]) -> str:
    """A ticker in brackets after a capitalised name spelled; an abbreviation sharing a word with
    the words just before it (or after a lower-case word) left for the abbreviation rules."""
    words = match.string[max(0, match.start() - 60) : match.start()].lower().split()[-6:]
    known = data_table("abbreviations.tsv").get(match[2])
    if not words or not match.string[match.start() - len(words[-1])].isupper() or known is None:
        return match[0]
    if set(known.lower().split()) & set(words):
        return match[0]
    return f"{match[1]}{_ticker(match[2])}{match[3]}"


def _spell_code(match: re.Match[str]) -> str:
    """The cue kept, the code's capitals spelled and its digits one by one."""
    cue = match[0][: match.start(1) - match.start()]
    return f"{cue}{spell(match[1])} {read_digits(match[2])}"


@functools.cache
def _market_words() -> re.Pattern[str]:
    """A stock-market word (``market_words.txt``: "tăng trần", "khối ngoại", "thanh khoản")."""
    return re.compile(rf"(?i:(?<!\w)(?:{alternation(data_list('market_words.txt'))})(?!\w))")


@functools.cache
def _known_codes() -> frozenset[str]:
    """Every code the abbreviation and unit tables read (built once, not per list)."""
    return frozenset(data_table("abbreviations.tsv")) | frozenset(data_table("units.tsv"))


def _market_list(match: re.Match[str]) -> str:
    """A list of tickers in market news ("SSI, VND và VCI tăng mạnh"): when one code of the list
    is in no table (a ticker) and a market word stands near, each code is spelled ("VND" is no
    currency there); a list of known abbreviations or currencies ("USD, EUR và VND") is left."""
    codes = re.findall(r"[A-Z]{3}", match[0])
    tables = _known_codes()
    around = match.string[max(0, match.start() - 80) : match.end() + 80]
    after_amount = _AMOUNT_BEFORE.search(match.string, max(0, match.start() - 12), match.start())
    if after_amount or all(code in tables for code in codes):
        return match[0]
    if not _market_words().search(around):
        return match[0]
    return re.sub(r"[A-Z]{3}", lambda m: _ticker(m[0]), match[0])


def read_securities_codes(text: str) -> str:
    """Tickers after a ticker word or listed in market news spelled; a bond code's capitals
    spelled, digits one by one."""
    text = _tickers().sub(_spell_list, text)
    text = _LISTED.sub(_market_list, text)
    if "(" in text:
        text = _BRACKETED.sub(_bracketed, text)
    if any(c.isdigit() for c in text):
        text = _cued_code().sub(_spell_code, text)
        text = _GLUED_CODE.sub(lambda m: f"{spell(m[1])} {read_digits(m[2])}", text)
    return text
