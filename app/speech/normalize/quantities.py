"""Numbers in running text: Roman numerals after trigger words, ranges, ordinals, units."""

from __future__ import annotations

import functools
import re

from app.speech.normalize import vocab
from app.speech.normalize.acronyms import name_alone, spell
from app.speech.normalize.ambiguous import ambiguous_rules
from app.speech.normalize.numbers import (
    read_digits,
    read_number,
    read_ordinal,
    roman_value,
    without_zero_cents,
)
from app.speech.normalize.tables import alternation, data_list, data_table

_NUMBER = r"[0-9]+(?:[.,][0-9]+)*"
_ROMAN_NUMERAL = r"[IVXLCDM]+"
_ROMAN_JOINER = rf"\s*(?:,|-|–|và|{vocab.RANGE})\s*"
_NUMBER_TOKEN = re.compile(_NUMBER)
_MIXED_TOKEN = re.compile(r"(?<!\w)(?=[^\W_]*[0-9])(?=[^\W_]*[^\W\d_])[^\W_]+(?!\w)")
_LETTERS_OR_DIGITS = re.compile(r"[0-9]+|[^\W\d_]+")
_DECIMAL_BEFORE = re.compile(r"[0-9][.,]$")  # "0,05S": the token is the decimals of a number
_SCALE_WORDS = (vocab.THOUSAND, "ngàn", vocab.MILLION, vocab.BILLION)  # "5 triệu đ"
_LONE_ROMAN_LETTERS = frozenset("LCDM")  # "loại C", "hạng D" are letters, not 100 and 500
# Units read only written against their number: "24in", "1MV"; "3 in 1" and "4 MV" (four music
# videos) are no units.
_GLUED_ONLY = frozenset(("in", "MV"))
_CODE_LETTERS = 3  # capitals beside digits spelled as a code ("SE1"); longer runs are words


_ROMAN_TOKEN = re.compile(r"[IVXLCDM](?<![\w][IVXLCDM])[IVXLCDM]*(?!\w)")
_TRIGGER_WINDOW = 40  # characters searched for a trigger word before a numeral
# A group numeral with its sub-class letter after a trigger word: "gỗ nhóm IIA", "nhóm IB".
_ROMAN_SUBCLASS = re.compile(r"(?<!\w)([IVX]+)([AB])(?!\w)")


@functools.cache
def _trigger_before() -> re.Pattern[str]:
    """A trigger word, and any numerals of a list already begun, ending the text before one."""
    triggers = alternation(data_list("roman_triggers.txt"))
    # A ruler's name may stand between: "vua Louis XIV", "giáo hoàng Benedict XVI".
    name = r"(?:(?-i:[A-Z][a-z]+)\s+)?"
    # "cổ phần X." is a firm's initial after its legal form, not part ten.
    numerals = rf"(?:{_ROMAN_NUMERAL}[AB]?{_ROMAN_JOINER})*$"  # "nhóm IA, IIB"
    return re.compile(rf"(?i:(?<!cổ\s)\b(?:{triggers}))\s+{name}{numerals}")


def _arabic(token: str) -> str:
    """A Roman numeral token as digits; tokens that are letters rather than numerals unchanged."""
    value = roman_value(token)
    if value is None or token in _LONE_ROMAN_LETTERS:
        return token
    return str(value)


def _arabic_after_trigger(match: re.Match[str]) -> str:
    """A numeral after a trigger word ("khóa XI, XII") as digits; elsewhere unchanged."""
    start = match.start()
    if _after_a_name(match):
        return _arabic(match[0])
    if not _trigger_before().search(match.string, max(0, start - _TRIGGER_WINDOW), start):
        window = max(0, start - _TRIGGER_WINDOW)
        long_numeral = len(match[0]) > 1 and not set(match[0]) & _LONE_ROMAN_LETTERS
        if not long_numeral or not _long_trigger_before().search(match.string, window, start):
            return match[0]
    return _arabic(match[0])


_WORD_BEFORE = re.compile(r"([^\W\d_]{2,}) $")


def _after_a_name(match: re.Match[str]) -> bool:
    """Whether a numeral of two or more of I, V, X ends a proper name, right after a capitalised
    word: "cầu Kim Thành II", "nhà máy Phả Lại II" are bridge and plant two; a lone letter ("Lê
    Văn I") stays an initial and after a lower-case word ("mẫu III") a numeral is left."""
    if len(match[0]) < 2 or set(match[0]) - set("IVX"):
        return False
    word = _WORD_BEFORE.search(match.string, max(0, match.start() - _TRIGGER_WINDOW), match.start())
    return word is not None and word[1][0].isupper() and word[1][1:].islower()


@functools.cache
def _long_trigger_before() -> re.Pattern[str]:
    """A word (``roman_long_triggers.txt``: "khối") before which only a numeral of two or more
    letters is a number: "khối VI" is six, "khối V" an exam block."""
    triggers = alternation(data_list("roman_long_triggers.txt"))
    return re.compile(rf"(?i:(?<!\w)(?:{triggers}))\s+$")


def after_roman_trigger(text: str, start: int) -> bool:
    """Whether a trigger word (``roman_triggers.txt``: "độ", "cấp") ends the text at ``start``."""
    return bool(_trigger_before().search(text, max(0, start - _TRIGGER_WINDOW), start))


def roman_to_arabic(text: str) -> str:
    """ "khóa XII", "lần thứ IV", "quý IV/2021" with digits, for the number rules to read."""
    text = _ROMAN_SUBCLASS.sub(_subclass_after_trigger, text)
    return _ROMAN_TOKEN.sub(_arabic_after_trigger, text)


def _subclass_after_trigger(match: re.Match[str]) -> str:
    """ "nhóm IIA" as "nhóm 2A" after a trigger word; elsewhere unchanged."""
    value = roman_value(match[1])
    if value is None or not after_roman_trigger(match.string, match.start()):
        return match[0]
    return f"{value}{match[2]}"


@functools.cache
def _ordinal_pattern() -> re.Pattern[str]:
    """A rank word from ``ordinal_triggers.txt`` and the number after it."""
    triggers = alternation(data_list("ordinal_triggers.txt"))
    # Before a scale word the number is a count: "khách thứ 1 triệu" is "thứ một triệu".
    scale = rf"\s+(?:{alternation(_SCALE_WORDS)}|tỉ|vạn)(?!\w)"
    return re.compile(rf"(?i:\b({triggers}))\s+([0-9]+)(?![\w/]|[.,][0-9]|{scale})")


def read_ordinals(text: str) -> str:
    """ "thứ 1" -> "thứ nhất", "hạng 4" -> "hạng tư", "thứ 2" -> "thứ hai"; not before "triệu"."""
    return _ordinal_pattern().sub(lambda m: f"{m[1]} {read_ordinal(int(m[2]))}", text)


@functools.cache
def _unit_pattern() -> re.Pattern[str]:
    """A number (or scale word) and a unit ("12 km", "5 triệu đ"), or a unit after "/"."""
    units = alternation(data_table("units.tsv"))
    # A scale word needs a space before its unit: "ngành" is no "ngàn" and "h".
    amount = rf"(?:({_NUMBER})\s?|({alternation(_SCALE_WORDS)})\s)"
    return re.compile(rf"(?<![\w.,]){amount}({units})(?!\w)|/({units})(?!\w)")


@functools.cache
def _class_cue() -> re.Pattern[str]:
    """A class or group word (``class_cues.txt``) ending the text before a number."""
    return re.compile(rf"(?i:(?<!\w)(?:{alternation(data_list('class_cues.txt'))}))\s+$")


def _class_before(match: re.Match[str]) -> bool:
    """Whether a class word stands right before the number ("khối 12L", "lớp 10A")."""
    return bool(_class_cue().search(match.string, max(0, match.start() - 16), match.start()))


@functools.cache
def _chip_cue() -> re.Pattern[str]:
    """A processor series (``chip_series.txt``) and its tier digit, right before a number."""
    words = alternation(data_list("chip_series.txt"))
    return re.compile(rf"(?i:(?<!\w)(?:{words}))(?:\s+[0-9])?\s+$")


@functools.cache
def _age_after() -> re.Pattern[str]:
    """A residence word (``age_after.txt``) after "42t, ": the "t" is an age, not "tấn"."""
    return re.compile(rf"\s*,\s*(?i:{alternation(data_list('age_after.txt'))})(?!\w)")


_INITIAL_BRACKET = re.compile(r"(?<!\w)[A-ZĐ]\.?\s*\(\s*$")  # "anh T. (30t)": after a name


def _is_age(match: re.Match[str]) -> bool:
    """Whether "30t" is an age: a residence word after it, or a name's initial and "(" before."""
    before = match.string[max(0, match.start() - 6) : match.start()]
    return bool(_age_after().match(match.string, match.end()) or _INITIAL_BRACKET.search(before))


def _unit_words(match: re.Match[str]) -> str:
    """ "mười hai ki lô mét", or " trên ki lô mét vuông" for a unit after "/"."""
    units = data_table("units.tsv")
    if match[4]:
        return f" {vocab.PER} {units[match[4]]}"
    if match[3].isupper() and len(match[3]) == 1 and _class_before(match):
        return match[0]  # "khối 12L" is a class
    if (
        match[3].isupper()
        and len(match[3]) == 1
        and _chip_cue().search(match.string, max(0, match.start() - 24), match.start())
    ):
        return match[0]  # "Core Ultra 7 258V" is a model
    if match[3].isupper() and len(match[3]) == 1 and _LEADING_ZERO.fullmatch(match[1] or ""):
        return match[0]  # "Đăng kiểm 29-03V": a code's letter; no amount is written "03"
    if match[3] in _GLUED_ONLY and not match[0][len(match[1] or "") :].startswith(match[3]):
        return match[0]  # "3 in 1" is no unit
    amount = match[2] or read_number(without_zero_cents(match[1]))
    if match[3] == "t" and match[1] and _is_age(match):
        return f"{amount} tuổi"  # "(42t, ngụ TP Cần Thơ)", "anh T. (30t)"
    return f"{amount} {units[match[3]]}"


_LEADING_ZERO = re.compile(r"0[0-9]+")
_MAGNITUDES = {"M": "triệu", "B": "tỷ"}  # "5M USD", "1.25B USD", "7B tham số"
_MAGNITUDE = re.compile(rf"(?<![\w.,])({_NUMBER})([MB])(?!\w)")
_MAGNITUDE_WINDOW = 40  # characters searched before the number for an amount word


@functools.cache
def _magnitude_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Amount words a few words before "5M" and words right after it (``magnitude_cues.tsv``)."""
    cues = data_table("magnitude_cues.tsv")
    before = alternation(word for word, where in cues.items() if where == "before")
    after = alternation(word for word, where in cues.items() if where == "after")
    return (
        re.compile(rf"(?i:(?<!\w)(?:{before}))(?:\s+[^\W\d_]+){{0,2}}\s+$"),
        re.compile(rf"\s+(?:{after})(?!\w)"),
    )


def _magnitude(match: re.Match[str]) -> str:
    """ "5M" as "5 triệu" when an amount word stands before or after it; else unchanged."""
    before, after = _magnitude_cues()
    text = match.string
    window = text[max(0, match.start() - _MAGNITUDE_WINDOW) : match.start()]
    if before.search(window) or after.match(text, match.end()):
        return f"{match[1]} {_MAGNITUDES[match[2]]}"
    return match[0]


def read_magnitudes(text: str) -> str:
    """An amount with "M" or "B" glued to it ("lương 20M", "1.25B USD") in millions, billions."""
    return _MAGNITUDE.sub(_magnitude, text)


def read_units(text: str) -> str:
    """Numbers with units, and "/unit" as "trên unit" ("48h", "300 m3/h")."""
    return _unit_pattern().sub(_unit_words, text)


_GRADE_DIGITS = 3  # "CB240", "SD390": a grade or a model, its capitals spelled


def _read_letter_run(run: str) -> str:
    """Letters beside digits: a known abbreviation ("QL3"), capitals of a code spelled ("5G",
    "SE1", "EV71"); a word stays a word."""
    known = data_table("abbreviations.tsv")
    if run in known and run not in ambiguous_rules():
        return known[run]
    if run.isupper() and len(run) == 1:
        return name_alone(run)  # "căn hộ 51M": "mờ", never the word "em"
    return spell(run) if run.isupper() and len(run) <= _CODE_LETTERS else run


def _split_mixed(match: re.Match[str]) -> str:
    """The letters and digits of one token apart ("QL3" -> "quốc lộ 3"); capitals ahead of three
    digits or more name a grade or a model and are spelled ("CB240" "xê bê", not "cán bộ")."""
    runs = _LETTERS_OR_DIGITS.findall(match[0])
    if len(runs) == 2 and runs[0].isupper() and len(runs[1]) >= _GRADE_DIGITS:
        if runs[1].isdigit() and len(runs[0]) <= _CODE_LETTERS:
            return f"{spell(runs[0])} {runs[1]}"
    decimals = _DECIMAL_BEFORE.search(match.string, max(0, match.start() - 2), match.start())
    return " ".join(
        run
        if decimals and i == 0
        else _read_digit_run(run)
        if run.isdigit()
        else _read_letter_run(run)
        for i, run in enumerate(runs)
    )  # "0,05S": the decimal digits stay with their number


def _read_digit_run(run: str) -> str:
    """Digits beside letters: a number, or digit by digit when it starts with 0 ("A00")."""
    return read_digits(run) if run.startswith("0") and len(run) > 1 else run


def split_letters_from_digits(text: str) -> str:
    """ "F0" -> "ép 0", "QH15" -> "QH 15", "10B" -> "10 bê": letters and numbers read apart."""
    return _MIXED_TOKEN.sub(_split_mixed, text)


def read_numbers(text: str) -> str:
    """Every remaining written number in words."""
    return _NUMBER_TOKEN.sub(lambda match: read_number(match[0]), text)


# Units read even without a number before them ("mỗi km", "chỉ số mmHg"): not one letter, not a
# word or an all-capitals code (those are read as abbreviations), not a traditional measure
# (those are Vietnamese words already).
_NOT_ALONE = frozenset(
    ("ph", "min", "kt", "ct", "lb", "lbs", "oz", "in", "Pa", "Gy", "Sv", "knot", "inch", "carat")
    + ("bar", "cal", "atm", "mol", "lm", "lx", "cd", "Wp", "hp", "mph", "kmh", "psi", "fps", "ha")
    + ("oC",)  # "oC" typed for "°C": a unit only after a number
)


_LOWER_ALONE = frozenset(("km", "cm", "mm", "kg", "mg", "ml", "kcal", "ppm"))
# After "mỗi" a unit that is also a word is the unit ("mỗi ha lúa", "mỗi inch"; "ha ha" stays).
_AFTER_EACH = re.compile(r"(?<!\w)((?i:mỗi)\s+)(ha|inch|carat|oz|lbs?)(?![\w/])")


@functools.cache
def _lone_unit_pattern() -> re.Pattern[str] | None:
    """Units of ``units.tsv`` that are read where they stand alone."""
    units = data_table("units.tsv")
    alone = [
        unit
        for unit, spoken in units.items()
        if len(unit) >= 2
        and not unit.isupper()
        and unit not in _NOT_ALONE
        and unit != spoken
        and (not unit.isalpha() or not (unit.islower() or unit.isupper()) or unit in _LOWER_ALONE)
    ]
    return re.compile(rf"(?<![\w/])(?:{alternation(alone)})(?![\w/])")


_BPS = re.compile(rf"(?<![\w/.,])(?:({_NUMBER})\s?)?bps(?![\w/])")
_BPS_WINDOW = 40  # characters searched before the number for a rate word


@functools.cache
def _basis_point_cue() -> re.Pattern[str]:
    """A word of ``basis_point_cues.txt`` ("lãi suất", "Fed", "tăng") as a whole word."""
    return re.compile(rf"(?i:(?<!\w)(?:{alternation(data_list('basis_point_cues.txt'))})(?!\w))")


def read_basis_points(text: str) -> str:
    """ "Fed hạ lãi suất 25 bps" -> "25 điểm cơ bản"; "bps" alone ("(bps)") spelled; after a
    number without a rate word it stays bits per second for the unit rule ("9600 bps")."""
    if "bps" not in text:
        return text

    def basis(match: re.Match[str]) -> str:
        if not match[1]:
            return spell("bps")
        before = text[max(0, match.start() - _BPS_WINDOW) : match.start()]
        return f"{match[1]} điểm cơ bản" if _basis_point_cue().search(before) else match[0]

    return _BPS.sub(basis, text)


def read_lone_units(text: str) -> str:
    """Units standing alone: "mỗi km" -> "mỗi ki lô mét", "kWh" -> "ki lô oát giờ"."""
    pattern = _lone_unit_pattern()
    units = data_table("units.tsv")
    text = _AFTER_EACH.sub(lambda match: match[1] + units[match[2]], text)
    return pattern.sub(lambda match: units[match[0]], text) if pattern else text
