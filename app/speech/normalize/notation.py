"""Number notations from outside running Vietnamese prose, rewritten for the number rules.

English thousands grouping ("1,000,000", "$1,299.99"), scientific notation and powers ("6.02e23",
"10^-3"), a sign said twice ("âm -5"), heights and weights written the Vietnamese way ("1m75",
"3kg2"), amounts in speech shorthand ("1tr5"), quarters with their year ("Q4/2025"), clock times
with seconds and race times after a duration word ("trong 27:45"), digit groups joined by dashes
(cards, phone numbers, "1900-1080" hotlines) and a minus in an equation ("23 - 45 = -22").
Each rule rewrites only a shape it is sure of, into digits and words the later rules read.
"""

from __future__ import annotations

import re

from app.speech.normalize import vocab
from app.speech.normalize.numbers import read_digits, roman_value
from app.speech.normalize.tables import data_table

POWER: str = "mũ"  # 10^3 = "mười mũ ba"
TIMES_TEN_TO: str = f"{vocab.TIMES} mười {POWER}"  # 3e5 = "ba nhân mười mũ năm"
SUBTRACT: str = "trừ"  # 12 - 4 = 8; a negative exponent
METRE, KILOGRAM, SECOND = "mét", "ki lô gam", "giây"
# Shorthand scale letters after a number, and what the digit after them counts in.
SHORTHAND: dict[str, tuple[str, str]] = {
    "tr": (vocab.MILLION, f"{vocab.HUNDRED} {vocab.THOUSAND}"),  # 1tr5 = 1 triệu 5 trăm nghìn
    "tỷ": (vocab.BILLION, f"{vocab.HUNDRED} {vocab.MILLION}"),  # 2tỷ3 = 2 tỷ 3 trăm triệu
    "tỉ": (vocab.BILLION, f"{vocab.HUNDRED} {vocab.MILLION}"),
}
# Words after which "27:45" is minutes and seconds (a race, a film), not a clock time.
DURATION_CUES: tuple[str, ...] = (
    "trong", "thời gian", "thành tích", "về đích", "cán đích", "chạy", "kỷ lục", "kỉ lục",
    "dài", "thời lượng", "mất",
)  # fmt: skip
HOTLINE_PREFIXES: tuple[str, ...] = ("1800", "1900")

_ENGLISH_GROUPED = re.compile(
    r"(?<![\w.,])([0-9]{1,3})((?:,[0-9]{3}){2,}(?:\.[0-9]+)?|(?:,[0-9]{3})+\.[0-9]+)(?![\w,]|\.\d)"
)
_SIGN_TWICE = re.compile(r"\b(âm|trừ)\s*[-−–](?=\s*[0-9])", re.IGNORECASE)
_E_NOTATION = re.compile(
    r"(?<![\w.])([0-9]+)(?:\.([0-9]+))?[eE]([-+−]?)([0-9]{1,3})(?!\w|[.,][0-9])"
)
_POWER = re.compile(r"(?<=\w)\^\s*([-−]?)\s*([0-9]+)(?!\w|[.,][0-9])")
_HEIGHT = re.compile(r"(?<![\w.,])([12])m([0-9]{2}|[014-9])(?!\w|[.,][0-9])")
_WEIGHT = re.compile(r"(?<![\w.,])([0-9]{1,3})kg([0-9])(?!\w|[.,][0-9])")
_SHORTHAND = re.compile(r"(?<![\w.,])([0-9]{1,3})(tr|tỷ|tỉ)([0-9])(?!\w)")
_QUARTER = re.compile(r"(?<!\w)Q([1-4])\s*[/-]\s*((?:19|20)[0-9]{2})(?![\w/])")
_CLOCK_SECONDS = re.compile(
    r"(?<![\w:.,])([01]?[0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(?![\w:]|[.,][0-9])"
)
_DASH_GROUPS = re.compile(r"(?<![\w.,-])[0-9]{3,4}(?:-[0-9]{3,4}){2,}(?![\w-]|[.,][0-9])")
_HOTLINE = re.compile(rf"(?<![\w.,-])({'|'.join(HOTLINE_PREFIXES)})-([0-9]{{3,4}})(?![\w-])")
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ⁿˣ", "0123456789-+nx")
SQUARED = "bình phương"  # b² (a unit's "m²" after a number is the units table's)
_SUPERSCRIPT = re.compile(r"(?<=[\w)])[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ⁿˣ]+")
_UNIT_AFTER_NUMBER = re.compile(r"[0-9][.,]?[0-9]*\s?[^\W\d_]{1,3}$")  # "5 m²", "50cm³": units
_LETTERS_BEFORE = re.compile(r"[^\W\d_]+$")
_EQUATION_MINUS = re.compile(r"(?<=[0-9])\s+[-−–]\s+(?=[0-9][0-9.,]*\s*=)")


def _duration_before() -> re.Pattern[str]:
    """A duration word just before a minutes:seconds time."""
    cues = "|".join(re.escape(c) for c in sorted(DURATION_CUES, key=len, reverse=True))
    return re.compile(
        rf"(?i:\b(?:{cues}))(?:\s+\w+){{0,2}}\s+([0-9]{{1,3}}):([0-5][0-9])(?![\w:]|[.,][0-9])"
    )


_DURATION = _duration_before()


def read_english_grouping(text: str) -> str:
    """English grouping ("1,000,000", "1,299.99") as Vietnamese writes it: 1.000.000, 1.299,99."""

    def swap(match: re.Match[str]) -> str:
        whole, _, decimals = (match[1] + match[2]).partition(".")
        return whole.replace(",", ".") + (f",{decimals}" if decimals else "")

    return _ENGLISH_GROUPED.sub(swap, text)


def read_scientific(text: str) -> str:
    """ "6.02e23" and "10^-3" as "… nhân mười mũ …", a negative power with "trừ"."""

    def exponent(sign: str, digits: str) -> str:
        return f"{SUBTRACT} {digits}" if sign in ("-", "−") else digits

    def scientific(m: re.Match[str]) -> str:
        mantissa = f"{m[1]} {vocab.DOT} {read_digits(m[2])}" if m[2] else m[1]
        return f"{mantissa} {TIMES_TEN_TO} {exponent(m[3], m[4])}"

    text = _E_NOTATION.sub(scientific, text)
    return _POWER.sub(lambda m: f" {POWER} {exponent(m[1], m[2])}", text)


def read_sign_twice(text: str) -> str:
    """ "âm -5": the sign is said once."""
    return _SIGN_TWICE.sub(lambda m: f"{m[1]} ", text)


def read_compound_measures(text: str) -> str:
    """ "1m75" and "3kg2": a measure and its remainder, as Vietnamese say a height or weight."""
    text = _HEIGHT.sub(lambda m: f"{m[1]} {METRE} {m[2]}", text)
    return _WEIGHT.sub(lambda m: f"{m[1]} {KILOGRAM} {m[2]}", text)


def read_shorthand_amounts(text: str) -> str:
    """ "1tr5" = 1 triệu 5 trăm nghìn, "2tỷ3" = 2 tỷ 3 trăm triệu."""

    def expand(match: re.Match[str]) -> str:
        scale, rest = SHORTHAND[match[2]]
        return f"{match[1]} {scale} {match[3]} {rest}"

    return _SHORTHAND.sub(expand, text)


def read_quarters(text: str) -> str:
    """ "Q4/2025" as "quý 4 năm 2025"."""
    return _QUARTER.sub(lambda m: f"{vocab.QUARTER} {m[1]} {vocab.YEAR} {m[2]}", text)


def read_clock_seconds(text: str) -> str:
    """ "14:22:03" as hours, minutes and seconds; "trong 27:45" as minutes and seconds."""
    text = _CLOCK_SECONDS.sub(
        lambda m: f"{int(m[1])} {vocab.HOUR} {int(m[2])} {vocab.MINUTE} {int(m[3])} {SECOND}", text
    )

    def minutes(match: re.Match[str]) -> str:
        lead = match[0][: match.start(1) - match.start()]
        return f"{lead}{int(match[1])} {vocab.MINUTE} {int(match[2])} {SECOND}"

    return _DURATION.sub(minutes, text)


def read_dash_groups(text: str) -> str:
    """Three or more dashed digit groups (a card, a phone) and "1900-1080" read digit by digit."""
    text = _DASH_GROUPS.sub(lambda m: ", ".join(read_digits(g) for g in m[0].split("-")), text)
    return _HOTLINE.sub(lambda m: f"{read_digits(m[1])} {read_digits(m[2])}", text)


def read_equation_minus(text: str) -> str:
    """A dash between two numbers before "=" is a minus ("23 - 45 = -22"), not a range."""
    return _EQUATION_MINUS.sub(f" {SUBTRACT} ", text)


def _is_unit(written: str) -> bool:
    """Whether a unit with its power ("m²", "μg/m³"'s "m³") is in the units table."""
    return written in data_table("units.tsv")


def read_superscripts(text: str) -> str:
    """ "b²" = "b bình phương", "10⁻³" = "10 mũ trừ 3", "2ⁿ" = "2 mũ n"."""

    def power(match: re.Match[str]) -> str:
        before = match.string[max(0, match.start() - 12) : match.start()]
        letters = _LETTERS_BEFORE.search(before)
        if _UNIT_AFTER_NUMBER.search(before) or (letters and _is_unit(letters[0] + match[0])):
            return match[0]  # a unit's power: the units table reads it ("đồng/m²")
        written = match[0].translate(SUPERSCRIPTS)
        if written == "2":
            return f" {SQUARED}"
        sign, rest = (SUBTRACT, written[1:]) if written.startswith("-") else ("", written)
        return f" {POWER} {sign} {rest.lstrip('+')}".replace("  ", " ")

    return _SUPERSCRIPT.sub(power, text)


_ROMAN_AFTER_NAME = re.compile(r"(\b[^\W\d_]{2,21} )([IVX]{2,5})(?!\w|\.\w)")
_ROMAN_HEADING = re.compile(r"(?m)^(\s*)((?:[IVX]{2,5})|[IVX](?=\.\s+[^\W\d_]{2,}\b))\.(?=\s+\w)")


def read_roman_names(text: str) -> str:
    """A Roman numeral after a name ("Louis XIV", "Edward II") as digits: a monarch's number."""

    def number(match: re.Match[str]) -> str:
        name = match[1].strip()
        if not (name[0].isupper() and name[1:].islower()):
            return match[0]
        value = roman_value(match[2])
        return f"{match[1]}{value}" if value else match[0]

    return _ROMAN_AFTER_NAME.sub(number, text)


def read_roman_headings(text: str) -> str:
    """A section numbered with a Roman numeral at the start of a line ("II. KẾT LUẬN") as digits.

    A single letter counts only before an upper-case heading word ("V. Nguyễn" is an initial).
    """

    def number(match: re.Match[str]) -> str:
        heading = match.string[match.end() :].split(maxsplit=1)
        if len(match[2]) == 1 and not (heading and heading[0].isupper()):
            return match[0]  # "V. Nguyễn": an initial
        value = roman_value(match[2])
        return f"{match[1]}{value}." if value else match[0]

    return _ROMAN_HEADING.sub(number, text)


RULES = (
    read_roman_names,
    read_sign_twice,
    read_superscripts,
    read_english_grouping,
    read_scientific,
    read_compound_measures,
    read_shorthand_amounts,
    read_quarters,
    read_clock_seconds,
    read_dash_groups,
    read_equation_minus,
)


def read_notations(text: str) -> str:
    """Every notation rule above, in order."""
    for rule in RULES:
        text = rule(text)
    return text
