"""Number notations from outside running Vietnamese prose, rewritten for the number rules.

Powers written as superscripts ("10⁻³", "b²"), digit groups joined by dashes (cards, phone numbers,
"1900-1080" hotlines), a minus in an equation ("23 - 45 = -22"), a monarch's Roman numeral
("Louis XIV") and an index future ("VN30F1M"); ``maths`` reads English grouping, scientific
notation, "^" powers and compact amounts. Each rule rewrites only a shape it is sure of, into
digits and words the later rules read.
"""

from __future__ import annotations

import functools
import re

from app.speech.normalize.acronyms import spell
from app.speech.normalize.numbers import read_digits, roman_value
from app.speech.normalize.tables import alternation, data_list, data_table

POWER: str = "mũ"  # 10⁻³ = "mười mũ trừ ba"
SUBTRACT: str = "trừ"  # 12 - 4 = 8; a negative exponent
HOTLINE_PREFIXES: tuple[str, ...] = ("1800", "1900")

_DASH_GROUPS = re.compile(r"(?<![\w.,-])[0-9]{3,4}(?:-[0-9]{3,4}){2,}(?![\w-]|[.,][0-9])")
_HOTLINE = re.compile(rf"(?<![\w.,-])({'|'.join(HOTLINE_PREFIXES)})-([0-9]{{3,4}})(?![\w-])")
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ⁿˣ", "0123456789-+nx")
SQUARED = "bình phương"  # b² (a unit's "m²" after a number is the units table's)
_SUPERSCRIPT = re.compile(r"(?<=[\w)])[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ⁿˣ]+")
_UNIT_AFTER_NUMBER = re.compile(r"[0-9][.,]?[0-9]*\s?[^\W\d_]{1,3}$")  # "5 m²", "50cm³": units
_LETTERS_BEFORE = re.compile(r"[^\W\d_]+$")
_EQUATION_MINUS = re.compile(r"(?<=[0-9])\s+[-−–]\s+(?=[0-9][0-9.,]*\s*=)")


# A race time with prime marks, as sport news writes it: "2'13\"45" (minutes, seconds,
# hundredths), "4'05\"" and "9\"58" (seconds and hundredths); not after "cao" (a height in feet
# and inches, "cao 6'2\"").
_RACE_MINUTES = re.compile(
    r"(?<![\w.,'\"′″])([0-9]{1,2})['′]([0-5][0-9])[\"″]([0-9]{1,2})?(?![\w'\"′″]|[.,][0-9])"
)
_RACE_SECONDS = re.compile(r"(?<![\w.,'\"′″])([0-9]{1,2})[\"″]([0-9]{2})(?![\w'\"′″]|[.,][0-9])")
_HEIGHT_BEFORE = re.compile(r"(?i:\bcao)\s*$")


def _race_time(match: re.Match[str]) -> str:
    """A race time in words around its digits; a height after "cao" unchanged."""
    if _HEIGHT_BEFORE.search(match.string, max(0, match.start() - 8), match.start()):
        return match[0]
    if match.re is _RACE_SECONDS:
        return f"{match[1]} giây {match[2]}"
    hundredths = f" {match[3]}" if match[3] else ""
    return f"{match[1]} phút {match[2]} giây{hundredths}"


# A long race time with its hours before the minute mark: "2h35'12\"" (a cycling stage, a
# marathon), the seconds' mark and hundredths optional ("3h02'45", "2h08'31\"45").
_RACE_HOURS = re.compile(
    r"(?<![\w.,])([0-9]{1,2})h([0-5][0-9])['′’]([0-5][0-9])(?:[\"″]|'')?([0-9]{1,2})?(?![\w'\"′″’])"
)


def _race_hours(match: re.Match[str]) -> str:
    """ "2 giờ 35 phút 12 giây", with hundredths after "giây"."""
    hundredths = f" {match[4]}" if match[4] else ""
    return f"{match[1]} giờ {match[2]} phút {match[3]} giây{hundredths}"


def read_race_marks(text: str) -> str:
    """Prime marks in a race time as "giờ", "phút" and "giây": "2h35'12\"", "2'13\"45", "9\"58"."""
    if "h" in text:
        text = _RACE_HOURS.sub(_race_hours, text)
    if '"' not in text and "″" not in text:
        return text
    text = _RACE_MINUTES.sub(_race_time, text)
    return _RACE_SECONDS.sub(_race_time, text)


# Minutes written with a prime after a number: "Ngoại ngữ (90')", "bài thi 120'"; after "phút" the
# mark is not said again ("phút 90+3'"), after "cao" it is feet, and a closing quote is no mark.
_MINUTE_MARK = re.compile(r"(?<![\w.,'\"′″°])([0-9]{1,3})['′’](?![\w'\"′″’])")
_MINUTE_BEFORE = re.compile(r"(?i:\b(?:phút|cao)\b)[^.;:!?]{0,12}$")
_QUOTE_OPEN = re.compile(r"(?<!\w)['‘](?=\w)")


# A scorer's minute: after a name (a capitalised word) or the minute before it in the list, in
# a sentence of a match report ("Ghi bàn: Xuân Son 10', 56'; Văn Toàn 78'").
_SCORER_BEFORE = re.compile(r"(?:[A-ZĐ][^\W\d_]*\s*\(?|[0-9]['′’]\s*,\s*)$")


@functools.cache
def _goal_word() -> re.Pattern[str]:
    """A match-report word of ``goal_words.txt``."""
    return re.compile(rf"(?i:(?<!\w)(?:{alternation(data_list('goal_words.txt'))})(?!\w))")


def _minute_mark(match: re.Match[str]) -> str:
    """ "90'" as "90 phút", a scorer's "10'" as "phút 10"; the mark dropped after "phút", kept
    after "cao" or inside quotes."""
    before = match.string[: match.start()]
    clause = re.split(r"[.;!?]\s", before)[-1]
    if _QUOTE_OPEN.search(clause):
        return match[0]
    if _MINUTE_BEFORE.search(before[-24:]):
        return match[1] if "phút" in before[-24:].lower() else match[0]
    if _SCORER_BEFORE.search(before[-24:]):
        sentence = re.split(r"[.!?]\s", before)[-1]
        if _goal_word().search(sentence):
            return f"phút {match[1]}"
    return f"{match[1]} phút"


def read_minute_marks(text: str) -> str:
    """A prime after a number, the minutes of an exam or a match: "(90')" -> "90 phút"."""
    if "'" not in text and "′" not in text and "’" not in text:
        return text
    return _MINUTE_MARK.sub(_minute_mark, text)


# An angle or a coordinate in degrees, arc minutes and seconds: "17°20'N", "10°46'37\"N",
# "góc 45°30'"; a compass letter after it is read from units.tsv ("°N" "độ vĩ bắc").
_ARC = re.compile(
    r"(?<![\w.,])([0-9]{1,3})°\s?([0-5]?[0-9])['′’](?:\s?([0-5]?[0-9](?:[.,][0-9]+)?)(?:\"|″|''))?"
    r"(?:\s?([NSEW])(?![^\W\d_]))?"
)


def _arc(match: re.Match[str]) -> str:
    """ "17 độ 20 phút vĩ bắc": degrees, arc minutes, seconds and the compass letter in words."""
    seconds = f" {match[3]} giây" if match[3] else ""
    side = data_table("units.tsv")[f"°{match[4]}"].removeprefix("độ") if match[4] else ""
    return f"{match[1]} độ {match[2]} phút{seconds}{side}"


def read_arc_degrees(text: str) -> str:
    """Degrees with arc minutes (and seconds) as "độ", "phút", "giây", before primes are read."""
    return _ARC.sub(_arc, text) if "°" in text else text


# A screen's size with an inch mark after a screen word: "màn hình 6,7\"", "tivi 65″" (not a
# closing quote: no quotation is open before it).
_INCH_MARK = re.compile(r"(?<![\w.,'\"′″])([0-9]{1,3}(?:[.,][0-9]{1,2})?)[\"″](?![\w'\"′″])")
_INCH = "inch"


@functools.cache
def _inch_cue_before() -> re.Pattern[str]:
    """A screen word (``inch_cues.txt``) at most three words before the end of the text."""
    cues = alternation(data_list("inch_cues.txt"))
    return re.compile(rf"(?i:(?<!\w)(?:{cues}))(?:\s+[^\s\"]+){{0,3}}\s*$")


def _inch_mark(match: re.Match[str]) -> str:
    """ "6,7\"" as "6,7 inch" after a screen word outside a quotation; anything else unchanged."""
    before = match.string[: match.start()]
    if before.count('"') % 2 or not _inch_cue_before().search(before[-40:]):
        return match[0]
    return f"{match[1]} {_INCH}"


def read_inch_marks(text: str) -> str:
    """An inch mark after a screen's size: "màn hình 6,7\"" is "sáu phẩy bảy inch"."""
    if '"' not in text and "″" not in text:
        return text
    return _INCH_MARK.sub(_inch_mark, text)


# "No." before a number is "số" ("No.1 Billboard", "No. 5"); "No." before a word is English.
_NUMBER_SIGN = re.compile(r"(?<![\w.])No\.\s?(?=[0-9])")


def read_number_signs(text: str) -> str:
    """ "No.1" as "số 1"; "No." before a word unchanged."""
    return _NUMBER_SIGN.sub("số ", text) if "No." in text else text


# A version written with a small "v" before its number: "Midjourney v7", "phiên bản v2.1.3",
# "TPU v5p"; the letter is "vê" as in "V2.0" (a "v" glued after a word, "YOLOv8", is the word's).
_VERSION_V = re.compile(r"(?<![\w.,/-])v(?=[0-9])")
_VERSION_LETTER = "vê"


def read_version_marks(text: str) -> str:
    """ "v7" as "vê 7": a version's small "v" is said like its capital."""
    return _VERSION_V.sub(f"{_VERSION_LETTER} ", text)


# A video or display mode, resolution "@" frame rate: "4K@120fps", "1080p@60Hz"; the "@" is "at",
# "ở" (never "a còng", an e-mail's sign).
_VIDEO_MODE = re.compile(r"(?<=[0-9][Kp])\s?@\s?(?=[0-9]{2,3}\s?(?:fps|Hz)(?!\w))")


# A video resolution by its line count and "p" (progressive): "1080p" "một nghìn không trăm tám
# mươi pê"; only the standard heights, so "15p" stays fifteen minutes.
_PROGRESSIVE = re.compile(r"(?<![\w.,])(240|360|480|576|720|1080|1440|2160|4320)p(?!\w)")
_P_LETTER = "pê"
_AT = "ở"


def read_video_modes(text: str) -> str:
    """ "4K@120fps" as "4K ở 120fps", "1080p" as "1080 pê"."""
    text = _VIDEO_MODE.sub(f" {_AT} ", text) if "@" in text else text
    return _PROGRESSIVE.sub(rf"\1 {_P_LETTER}", text)


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


def _names_a_series(name: str) -> bool:
    """A foreign name ("Louis") or a Latin acronym ("VSIP") that a Roman numeral can number."""
    if not name.isascii() or not name[0].isupper():
        return False
    return name[1:].islower() or (name.isupper() and not roman_value(name))


def read_roman_names(text: str) -> str:
    """A Roman numeral after a foreign name or acronym ("Louis XIV", "VSIP III") as digits.

    Vietnamese names ("Phả Lại II") are left to the trigger words.
    """

    def number(match: re.Match[str]) -> str:
        if not _names_a_series(match[1].strip()):
            return match[0]
        value = roman_value(match[2])
        return f"{match[1]}{value}" if value else match[0]

    return _ROMAN_AFTER_NAME.sub(number, text)


# A fuel's octane and its Roman quality level: "xăng RON 95-III", "E5 RON 92-II", glued to its
# name too ("RON95-V") (octane 80-99); a diesel's sulphur share and its level: "dầu DO 0,05S-II".
_ROMAN_GRADE = re.compile(
    r"(?:(?<=RON)|(?<![\w.,/-]))([89][0-9]|0[.,][0-9]{2,4}S)-(I{2,3}|IV|VI{0,3})(?![\w/-])"
)


def read_roman_grades(text: str) -> str:
    """ "95-III" as "95 3" (a fuel grade), read "chín mươi lăm ba", not as a document code;
    "0,05S-II" as "0,05S 2"."""
    return _ROMAN_GRADE.sub(lambda m: f"{m[1]} {roman_value(m[2])}", text)


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


# An index future: the index, "F", then the rolling month or quarter ("VN30F1M", "VN30F2Q") or
# the expiry year and month ("VN30F2512"), never "Việt Nam ba mươi" nor a number of thousands.
_FUTURE = re.compile(r"(?<![\w-])(VN30|VN100|HNX30)F(?:([12])([MQ])|([0-9]{4}))(?![\w-])")


def read_index_futures(text: str) -> str:
    """ "VN30F1M" as "vê en ba mươi ép một em", "VN30F2512" as "… ép hai năm một hai"."""

    def future(match: re.Match[str]) -> str:
        index = data_table("abbreviations.tsv")[match[1]]
        term = f"{read_digits(match[2])} {spell(match[3])}" if match[2] else read_digits(match[4])
        return f"{index} {spell('F')} {term}"

    return _FUTURE.sub(future, text) if "F" in text else text


# A storm's position as bulletins write it, "15,6N; 110,2E": the hemisphere letters are degrees
# (the units table reads "°N", "°E"), never newtons; only as a latitude-longitude pair.
_COORDINATES = re.compile(
    r"(?<![\w.,])([0-9]{1,2}(?:[.,][0-9]+)?)\s?([NS])(\s*[;,]\s*)"
    r"([0-9]{1,3}(?:[.,][0-9]+)?)\s?([EW])(?!\w)"
)
# A blood group's sign: "nhóm máu O-", "A+", "Rh-" ("âm", "dương"), never a dropped dash or "cộng".
_BLOOD_SIGN = re.compile(r"(?<![\w+-])(AB|A|B|O|Rh)([+-])(?![\w+-])")
_BLOOD_BEFORE = re.compile(r"(?i:nhóm máu)\s+(?:(?:AB|A|B|O)\s+)?$")
BLOOD_SIGNS = {"+": "dương", "-": "âm"}


def read_coordinates(text: str) -> str:
    """ "15,6N; 110,2E" as "15,6°N; 110,2°E", for the units table to read as degrees."""
    return _COORDINATES.sub(r"\1°\2\3\4°\5", text)


def _blood_sign(match: re.Match[str]) -> str:
    """The group and its sign in words after "nhóm máu" or on "Rh"; elsewhere unchanged."""
    before = match.string[max(0, match.start() - 16) : match.start()]
    if match[1] != "Rh" and not _BLOOD_BEFORE.search(before):
        return match[0]
    return f"{match[1]} {BLOOD_SIGNS[match[2]]}"


def read_blood_groups(text: str) -> str:
    """ "nhóm máu O Rh-", "nhóm máu A+" with the sign read ("Rh âm", "A dương")."""
    return _BLOOD_SIGN.sub(_blood_sign, text) if "+" in text or "-" in text else text


RULES = (
    read_coordinates,
    read_blood_groups,
    read_index_futures,
    read_roman_names,
    read_roman_grades,
    read_superscripts,
    read_number_signs,
    read_version_marks,
    read_video_modes,
    read_dash_groups,
    read_equation_minus,
)


def read_notations(text: str) -> str:
    """Every notation rule above, in order."""
    for rule in RULES:
        text = rule(text)
    return text
