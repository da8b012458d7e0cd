"""Numbers around a slash that are no date: fractions, counts out of a total, ranks out of a total.

"khoảng 2/3 số xã" is "hai phần ba", "trực 24/7" is "hai mươi tư trên bảy", "xếp thứ 4/12 đội"
is "thứ tư trên mười hai". Whatever can be a date and has no cue around it is left for the date
rule ("Quốc khánh 2/9"); the cue words are data (``slash_before.tsv``, ``slash_after.tsv``).
"""

from __future__ import annotations

import functools
import re

from app.speech.normalize import vocab
from app.speech.normalize.acronyms import is_syllable
from app.speech.normalize.clocks import ratio_clause_before
from app.speech.normalize.numbers import read_digits, read_number, read_ordinal
from app.speech.normalize.tables import alternation, data_list, data_table

_GROUPED = r"[0-9]{1,3}(?:\.[0-9]{3})*"
_SLASHED = re.compile(rf"(?<![\w/.,])({_GROUPED})/({_GROUPED})(?![\w/]|[.,][0-9])")
_LOOKAROUND = 32  # characters searched for a cue word on either side
_SMALL_DENOMINATOR = 10  # "2/3" "hai phần ba"; "15/20" is a count, "mười lăm trên hai mươi"
_ROUND_DENOMINATORS = (100, 1000)  # "1/100" "một phần một trăm"


@functools.cache
def _before_pattern() -> re.Pattern[str]:
    """A cue word from ``slash_before.tsv`` ending the text before a number."""
    return re.compile(rf"(?i:(?<!\w)({alternation(data_table('slash_before.tsv'))}))\s+$")


@functools.cache
def _after_pattern() -> re.Pattern[str]:
    """A cue word from ``slash_after.tsv`` starting the text after a number."""
    return re.compile(rf"\s+(?i:({alternation(data_table('slash_after.tsv'))}))(?!\w)")


@functools.cache
def _ordinal_before() -> re.Pattern[str]:
    """A rank word ("thứ", "hạng") ending the text before a number."""
    return re.compile(rf"(?i:(?<!\w)(?:{alternation(data_list('ordinal_triggers.txt'))}))\s+$")


# A map or drawing scale, never a month and year: "tỷ lệ 1/2000", "tỉ lệ 1/500" (not "1/3").
_SCALE = re.compile(
    r"(?i:(t[ỷỉ] lệ(?: bản đồ)?\s+))([0-9]+)\s?/\s?([0-9]{3,}|[0-9]{1,3}(?:\.[0-9]{3})+)(?![\w/])"
)


_FIRST_YEAR, _LAST_YEAR = 1900, 2100
_ROUND_THE_CLOCK = ("24/7", "24/24")  # "mở cửa 24/7": a date only after a date word
# The first day of a range right before: "từ ngày 22-24/7" is a date, not "round the clock".
_DAY_RANGE_BEFORE = re.compile(
    rf"(?<![\w/.,])(?:[1-9]|[12][0-9]|3[01])\s?(?:[-–]|{vocab.RANGE}\s)\s?$"
)
# Three or more memory sizes a model comes in, as phone specifications list them: "128/256/512GB",
# "256GB/512GB/1TB" are choices read with pauses, never "trên" (two may be RAM and storage).
_MEMORY = r"(?:\s?(?:GB|TB|MB))"
_MEMORY_CHOICES = re.compile(
    rf"(?<![\w/.,])[0-9]+{_MEMORY}?(?:/[0-9]+{_MEMORY}?){{2,}}(?<=B)(?![\w/])"
)
_SEASON = re.compile(r"(?<![\w/.,])([12][0-9]{3})/([12][0-9]{3}|[0-9]{2})(?![\w/]|[.,][0-9])")


@functools.cache
def _models() -> re.Pattern[str]:
    """ "N/" right after a product line (``product_lines.txt``) and before another model."""
    lines = alternation(data_list("product_lines.txt"))
    return re.compile(rf"(?i:(?<![\w/.,])((?:{lines})\s?[0-9]+))/(?=[0-9]|[A-Z])")


# Two codes of one series joined by "/", a pair ("tàu SE21/SE22", "chuyến bay VN255/VN256",
# "bằng B1/B2"): a pause, never "trên".
_CODE_PAIR = re.compile(r"(?<![\w/.])([A-Z]{1,3})([0-9]{1,4})/(?=\1[0-9]{1,4}(?![\w/]|[.,][0-9]))")


def read_model_slashes(text: str) -> str:
    """ "iPhone 15/15 Plus" as "iPhone 15, 15 Plus": two models of a line, before its name is
    respelled; never a count out of a total or a date. Two codes of a series ("SE21/SE22") are
    a pair."""
    if "/" not in text:
        return text
    return _CODE_PAIR.sub(r"\1\2, ", _models().sub(r"\1, ", text))


@functools.cache
def _unit_after() -> re.Pattern[str]:
    """A unit of ``units.tsv`` right after a number: "16/512 GB" keeps "512" for the unit rule."""
    return re.compile(rf"\s?(?:{alternation(data_table('units.tsv'))})(?![\w/])")


def _cue_before(text: str) -> str:
    """The meaning of the cue word right before a slash number (keys are lower case), or ""."""
    found = _before_pattern().search(text)
    return data_table("slash_before.tsv")[found[1].lower()] if found else ""


def _cue_after(text: str) -> str:
    """The meaning of the cue word right after a slash number, or ""."""
    found = _after_pattern().match(text)
    return data_table("slash_after.tsv")[found[1].lower()] if found else ""


def _season(match: re.Match[str]) -> str:
    """Two consecutive years as a span ("2023/2024", "2025/26" -> "2025 đến 2026"); others
    unchanged."""
    first, second = int(match[1]), int(match[2])
    if len(match[2]) == 2:
        second += first // 100 * 100
    if not (_FIRST_YEAR <= first < _LAST_YEAR and second == first + 1):
        return match[0]
    return f"{read_number(match[1])} {vocab.RANGE} {read_number(str(second))}"


def _is_date(day: int, month: int) -> bool:
    """True when ``day``/``month`` can be a calendar date."""
    return 1 <= day <= 31 and 1 <= month <= 12


def _value(group: str) -> int:
    """The value of "12" or "1.000"."""
    return int(group.replace(".", ""))


def _ratio(match: re.Match[str], before: str, after: str) -> str:
    """ "hai phần ba" for a proper fraction of a small whole, else "mười lăm trên hai mươi".

    A count out of a total ("9/10 huyện") is read with "trên", unless a word before the
    number already says it is a part ("trên 2/3 đại biểu").
    """
    top, bottom = _value(match[1]), _value(match[2])
    small = bottom <= _SMALL_DENOMINATOR or bottom in _ROUND_DENOMINATORS
    small = small or (before == "fraction" and top == 1)  # "vòng 1/16", "khoảng 1/20 dân số"
    count = "ratio" in (before, after) and before != "fraction"
    joiner = vocab.FRACTION if not count and 0 < top < bottom and small else vocab.PER
    second = _as_written(match[2])
    if not match[2].startswith("0") and _unit_after().match(match.string, match.end()):
        second = match[2]  # "bản 16/512 GB": the unit rule reads "512 GB"
    return f"{_as_written(match[1])} {joiner} {second}"


def _as_written(group: str) -> str:
    """A number in words; with a leading zero ("01/13" is no date) digit by digit."""
    return read_digits(group) if len(group) > 1 and group.startswith("0") else read_number(group)


def _read_slashed(match: re.Match[str]) -> str:
    """One "N/M": a rank, a fraction or a count out of a total; a date is left as written."""
    text = match.string
    before = text[max(0, match.start() - _LOOKAROUND) : match.start()]
    if _ordinal_before().search(before):
        return f"{read_ordinal(_value(match[1]))} {vocab.PER} {read_number(match[2])}"
    first = _cue_before(before) or ("ratio" if ratio_clause_before(text, match.start()) else "")
    date = _is_date(_value(match[1]), _value(match[2]))
    if date and first == "date":
        return match[0]
    day_range = _DAY_RANGE_BEFORE.search(before)
    date = date and (match[0] not in _ROUND_THE_CLOCK or day_range is not None)
    then = _cue_after(text[match.end() : match.end() + _LOOKAROUND])
    if date and not {first, then} & {"fraction", "ratio", "number"}:
        return match[0]
    return _ratio(match, first, then)


def read_slashes(text: str) -> str:
    """Ranks, fractions and counts written with "/" in words; dates left for ``read_dates``."""
    if "/" not in text:
        return text
    text = _SCALE.sub(lambda m: f"{m[1]}{m[2]} {vocab.PER} {read_number(m[3])}", text)
    text = _MEMORY_CHOICES.sub(lambda m: m[0].replace("/", ", "), text)
    text = _SEASON.sub(_season, text)
    return _SLASHED.sub(_read_slashed, text)


_WORD_SLASH = re.compile(r"(?<=[^\W\d_])/(?=[^\W\d_])")
# A unit written with a digit or a sign before "/": "30.000 m3/ngày", "6,5%/năm".
_UNIT_SLASH = re.compile(r"(?<=[0-9%°])/(?=[^\W\d_])")
_LEFT_TOKEN = re.compile(r"(?:^|\s)([^\s]*[0-9%°])$")
# A decimal out of a total is never a date: "29,5/30 điểm".
_DECIMAL_SLASH = re.compile(r"(?<![\w/.,])([0-9]+,[0-9]+)/([0-9]+(?:,[0-9]+)?)(?![\w/]|[.,][0-9])")
_LEFT_WORD = re.compile(r"([^\W\d_]+)\s*$")
# A comet's or an interstellar object's designation (IAU: a number, then P, C or I, "/", its
# name): "3I/ATLAS", "1P/Halley"; the slash joins the code to the name, it offers no choice.
_DESIGNATION_BEFORE = re.compile(r"(?:^|\s)[0-9]+[PCI]$")
# Its provisional designation (P or C, "/", the year, the half-month letter and a number):
# "C/2023 A3" is "xê hai nghìn không trăm hai mươi ba a ba", the slash unsaid.
_PROVISIONAL_DESIGNATION = re.compile(r"(?<![\w/.])([PC])/(?=[12][0-9]{3} [A-Z]{1,2}[0-9]{0,3}\b)")
_TITLED = re.compile(r"[A-Z][a-z]+")  # a Latin name's word: "Pro", "Max", not "USD" or "tấn"
_RIGHT_WORDS = re.compile(r"([^\W\d_]+)(?:\s+([^\W\d_]+))?")
# An amount, or a "per" already read, a few words before: "120 USD/m2/chu kỳ", "2 tiết/tuần".
_AMOUNT_BEFORE = re.compile(
    r"(?:[0-9][0-9.,]*|(?<!\w)trên)\s+(?:[^\W\d_][\w-]*\s+){0,3}[^\W\d_][\w-]*\s*$"
)


@functools.cache
def _per_words() -> frozenset[str]:
    """Words beside "/" that make it "per" (``per_words.txt``), the units of ``units.tsv`` and
    the first word of their readings ("lít", "đô")."""
    units = data_table("units.tsv")
    spoken = {value.split()[0].lower() for value in units.values() if value}
    return frozenset(data_list("per_words.txt")) | frozenset(units) | frozenset(spoken)


@functools.cache
def _ratio_before() -> re.Pattern[str]:
    """A ratio word a few words before "word/word": "tỷ lệ nam/nữ" is "nam trên nữ"."""
    cues = alternation(data_list("ratio_cues.txt"))
    return re.compile(rf"(?i:(?<!\w)(?:{cues}))\s+(?:[^\W\d_]+\s+){{0,2}}[^\W\d_]+\s*$")


@functools.cache
def _choice_groups() -> tuple[frozenset[str], ...]:
    """Groups of nouns of one kind (``choice_words.txt``), one group a line."""
    return tuple(frozenset(line.split(", ")) for line in data_list("choice_words.txt"))


def _is_choice(before: str, right: re.Match[str] | None) -> bool:
    """Whether the words on both sides of "/" are nouns of one kind ("ngành/chương trình")."""
    if right is None:
        return False
    words = before.lower().split()
    left_sides = {" ".join(words[-2:]), words[-1] if words else ""}
    right_sides = {right[1].lower(), f"{right[1]} {right[2] or ''}".strip().lower()}
    return any(left_sides & group and right_sides & group for group in _choice_groups())


def _word_slash(match: re.Match[str]) -> str:
    """ "/" between words: "trên" after an amount or a unit ("2 tiết/tuần", "đồng/người") or
    before a time ("lương cơ sở/tháng"), a pause before a capital, "hoặc" between two choices
    ("học sinh/sinh viên", "và/hoặc")."""
    text = match.string
    before = text[max(0, match.start() - 40) : match.start()]
    right = _RIGHT_WORDS.match(text, match.end())
    left = _LEFT_WORD.search(before)
    per = _per_words()
    unit_after = right is not None and right[1] in data_table("units.tsv")
    if unit_after:
        return match[0]  # "km/h": the unit rule reads it
    if right and left and all(_TITLED.fullmatch(w) for w in (left[1], right[1])):
        return ", "  # "iPhone 16 Pro/Pro Max": two names, not a count per unit
    if _is_choice(before, right):
        return " hoặc "  # "56 ngành/chương trình": two nouns of one kind
    if (left and left[1].lower() in per) or _AMOUNT_BEFORE.search(before):
        return f" {vocab.PER} "
    if right and right[1].lower() in data_list("per_after.txt"):
        return f" {vocab.PER} "  # a time after "/": "lương cơ sở/tháng", "5GB/tháng"
    if _ratio_before().search(before):
        return f" {vocab.PER} "
    if right and left and {right[1].lower(), left[1].lower()} & {"và", "hoặc"}:
        return " "
    if right and right[1][0].isupper() and _DESIGNATION_BEFORE.search(before):
        return ", "  # "3I/ATLAS": a comet's code and its name
    if right and right[1][0].isupper() and right[1] != right[1].upper():
        return ", "
    if right and left and _foreign_pair(left[1], right[1]):
        return ", "  # "nirmatrelvir/ritonavir": two foreign names joined, no choice meant
    return " hoặc "


def _foreign_pair(left: str, right: str) -> bool:
    """Whether both words around "/" are foreign words of four letters or more (no syllable)."""
    return all(len(word) > 3 and not is_syllable(word) for word in (left, right))


def _unit_slash(match: re.Match[str]) -> str:
    """ "/" after a unit written with a digit or sign ("m3/ngày", "%/năm") is "per"."""
    left = _LEFT_TOKEN.search(match.string, max(0, match.start() - 12), match.start())
    units = data_table("units.tsv")
    unit = left[1].lstrip("0123456789.,") if left else ""
    right = _RIGHT_WORDS.match(match.string, match.end())
    if right is None or right[1] in units or f"{unit}/{right[1]}" in units:
        return match[0]  # "m3/s", "%/km": the unit rule reads them
    if left and _TITLED.fullmatch(left[1].rstrip("0123456789")) and _TITLED.fullmatch(right[1]):
        return ", "  # "Fold7/Flip7": two models
    return f" {vocab.PER} " if unit in units else match[0]


# A slash in a web address or a file path ("github.com/user", "/home/user") is "gạch chéo".
_PATH_SLASH = re.compile(r"(?:(?<=\s)|^)/(?=[\w.-])|(?<=[a-z0-9])/(?=[\w.@-])")
_PATH_WORD = "gạch chéo"


def _path_slash(match: re.Match[str]) -> str:
    """ "gạch chéo" for a slash inside a web address or path; any other slash unchanged."""
    text = match.string
    start = text.rfind(" ", 0, match.start()) + 1
    token = text[start : match.start()]
    if token == "" or re.search(r"[a-z0-9-]+\.[a-z]{2,}(?:/|$)", token) or token.startswith("/"):
        return f" {_PATH_WORD} "
    return match[0]


# Two amounts of one unit around a slash are two versions, never a rate: "8GB/256GB" (memory and
# storage), "5 km/10 km/21 km" (courses); "100 mg/5 ml" (two units) stays a rate. Two of them
# after a count word ("đạt", "được", "chiếm") are a part out of a whole: "đạt 1.856 km/2.430 km"
# is "một nghìn tám trăm năm mươi sáu ki lô mét trên hai nghìn ...".
_SAME_UNIT_PAIR = re.compile(
    r"(?<![\w.,])([0-9]+(?:[.,][0-9]+)?\s?([^\W\d_]{1,4}))/"
    r"(?=[0-9]+(?:[.,][0-9]+)?\s?\2(?!\w)(/?))"
)


def _same_unit_pair(match: re.Match[str]) -> str:
    """ "trên" between a part and its whole after a count word, else a pause between versions
    (a memory size, a third amount or one before: "8GB/256GB", "5 km/10 km/21 km")."""
    before = match.string[max(0, match.start() - _LOOKAROUND) : match.start()]
    versions = match[3] or before.endswith("/") or match[2].upper() in {"GB", "TB", "MB"}
    if not versions and _cue_before(before) in {"number", "fraction", "ratio"}:
        return f"{match[1]} {vocab.PER} "
    return f"{match[1]}, "


# Cases and the people in them around a slash are a pair, not a rate: "15 vụ/23 đối tượng",
# "3 vụ án/5 bị can" (police and court news); the case words are ``pair_words.txt``. Any other
# "23 điểm/11 trận", "5 triệu đồng/3 tháng" keeps "trên".
_COUNT_PAIR = re.compile(
    r"(?<![\w.,])([0-9][0-9.,]*\s+([^\W\d_]+(?:\s+[^\W\d_]+)?))/(?=[0-9][0-9.]*\s+[^\W\d_])"
)


def _count_pair(match: re.Match[str]) -> str:
    """ "15 vụ/23 đối tượng" as "15 vụ, 23 đối tượng"; any other count per count left alone."""
    words = match[2].lower().split()
    if words[0] in data_list("pair_words.txt") or " ".join(words) in data_list("pair_words.txt"):
        return f"{match[1]}, "
    return match[0]


def read_word_slashes(text: str) -> str:
    """A slash between words is a choice or a pause, never "trên" unless it means "per"."""
    if "/" not in text:
        return text
    text = _SAME_UNIT_PAIR.sub(_same_unit_pair, text)
    text = _COUNT_PAIR.sub(_count_pair, text)
    text = _PATH_SLASH.sub(_path_slash, text)
    text = _PROVISIONAL_DESIGNATION.sub(r"\1 ", text)
    text = _DECIMAL_SLASH.sub(lambda m: f"{m[1]} {vocab.PER} {m[2]}", text)
    text = _UNIT_SLASH.sub(_unit_slash, text)
    return _WORD_SLASH.sub(_word_slash, text)
