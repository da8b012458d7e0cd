"""Addresses and calendars: administrative units, road classes, weekdays, house numbers.

"Q.1" "quận một", "P. Bến Nghé" "phường Bến Nghé", "QL.3" "quốc lộ ba", "T2 - T6" "thứ hai đến
thứ sáu", "thứ 2, 4, 6" "thứ hai, thứ tư, thứ sáu", "số nhà 12/3" "mười hai trên ba" (never a
date), "Q4/2025" "quý bốn năm 2025". The abbreviations are data (``admin_units.tsv``,
``roads.tsv``, ``roads_dotted.txt``).
"""

from __future__ import annotations

import functools
import re

from app.speech.normalize import vocab
from app.speech.normalize.acronyms import is_syllable, name_alone, spell
from app.speech.normalize.numbers import read_int, read_ordinal, roman_value
from app.speech.normalize.tables import alternation, data_list, data_table

_UP = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝ"
_NAME_BEFORE = re.compile(rf"(?<![\w.])[{_UP}][^\W\d_]*[a-zđ\u00e0-\u1ef9][^\W\d_]*\s+$")
# "Q1".."Q4" glued to the number is a district in an address, a quarter in business news.
_ADDRESS_CUE = re.compile(
    r"(?i:phường|đường|phố|P\.?\s?[0-9]|TP\.?\s?HCM|thành phố|, TP|căn hộ|tại|ở)"
)
_BUSINESS_CUE = re.compile(
    r"(?i:doanh thu|lợi nhuận|tăng trưởng|kết quả|báo cáo|lãi|lỗ|GDP|quý|trong|năm|so với)"
)
_TIME_WORD_BEFORE = re.compile(r"(?i:(?<!\w)(?:trong|cuối|đầu|giữa|hết|sang))\s+$")
_WORD_AFTER = re.compile(r"\s*([^\W\d_]+)")
_ROOM_NUMBER = re.compile(r"[0-9]{3,4}(?![\w/-]|[.,][0-9])")
# A heading numbered with a Roman numeral at the start of a line: "II. CƠ CẤU TỔ CHỨC",
# "III. Về đề nghị"; one letter only before a word in capitals ("V. Nguyễn" is an initial).
_ROMAN_HEADING = re.compile(r"(?m)^([ \t]*)([IVX]{1,5})\.(?=\s+(\S+))")
_ROAD_NUMBER = r"[1-9][0-9]{0,3}[A-Z]?|0[1-9]"
_QUARTER = re.compile(r"Q(?<![\w.]Q)([1-4])\s?[/-]\s?((?:19|20)[0-9]{2})(?![\w/])")
_QUARTER_WORD = re.compile(r"Q(?<![\w.]Q)([1-4])(?=\s+(?:năm\s+)?(?:19|20)[0-9]{2}(?![\w/]))")
_WEEKDAY = r"(?:T[2-7]|CN|[Tt]hứ\s+[2-7]|[Cc]hủ\s+[Nn]hật)"
_WEEKDAY_RANGE = re.compile(
    rf"(?=[TCtc])(?<![\w.])({_WEEKDAY})\s*(?:[-–]|đến)\s*({_WEEKDAY})(?![\w/])"
)
_WEEKDAY_CUE = re.compile(
    r"(?i:(?:từ|đến|vào|các|mỗi|hằng|hàng|ngày|sáng|trưa|chiều|tối|đêm|và|trừ)\s+)$"
    r"|(?:T[2-7]|CN),\s*$"
)
# Another weekday or a date right after "T7": "T7, CN", "T7 và CN" ("CN" may be read already),
# "T7 (13/12)", "T7, 13/12." (a date alone: "lớp T5 (2/3 học sinh)" is no weekday).
_WEEKDAY_NEXT = re.compile(
    r"\s*(?:,\s*|\s(?:và|hoặc)\s+|\(\s*)?"
    r"(?:(?:T[2-7]|CN|[Cc]hủ nhật)(?!\w)|[0-9]{1,2}/[0-9]{1,2}(?:/[0-9]{4})?\s*(?:[),.;]|$))"
    r"|\s*\(\s*[0-9]{1,2}-[0-9]{1,2}(?:-[0-9]{4})?\s*\)"  # a dashed date in brackets: "T7 (13-12)"
)
_SHORT_WEEKDAY = re.compile(r"(T(?<![\w.]T)[2-7])(?![\w/-]|\.\w)")
_DAY_NUMBER_RANGE = re.compile(
    r"([Tt](?<!\w[Tt])hứ)\s+([2-7])\s*(?:[-–]|đến)\s*([2-7])(?![\w/]|[.,][0-9])"
)
_WEEKDAY_LIST = re.compile(
    r"([Tt](?<!\w[Tt])hứ)\s+([2-7](?:\s*,\s*[2-7])*(?:\s*,?\s*(?:và|hoặc)\s*[2-7])?)(?![\w/]|[.,][0-9])"
)
_LIST_SPLIT = re.compile(r"\s*(,\s*(?:và|hoặc)|,|và|hoặc)\s*")
_ADDRESS = re.compile(
    r"(?i:(?<!\w)(số nhà|nhà số|ngõ|ngách|hẻm|kiệt|hẻm số|ngõ số|ngách số|kiệt số|căn hộ|lô)\s+)"
    r"([0-9]+[A-Z]?(?:/[0-9]+[A-Z]?)+)(?![\w/])"
)
_HOUSE = re.compile(
    r"(?<!\w)((?i:số)\s+)([0-9]+[A-Z]?(?:/[0-9]+[A-Z]?)+)"
    rf"(?=\s*,?\s+(?i:đường|phố|ngõ|ngách|hẻm|kiệt|tổ|khu|thôn|ấp|phường|quận)\b|\s+[{_UP}][a-zđ])"
)


@functools.cache
def _residence() -> re.Pattern[str]:
    """A house number with a slash after a residence word (``residence_words.txt``) and before a
    street's name or a street word: "ngụ 27/4 Cách Mạng Tháng Tám", "trú tại 12/3 đường ..."."""
    words = alternation(data_list("residence_words.txt"))
    return re.compile(
        rf"(?<!\w)((?i:{words})\s+)([0-9]+[A-Z]?(?:/[0-9]+[A-Z]?)+)"
        rf"(?=\s*,?\s+(?i:đường|phố|ngõ|ngách|hẻm|kiệt|tổ|khu|thôn|ấp)\b|\s+[{_UP}][^\W\d_{_UP}])"
    )


def _weekday(written: str) -> str:
    """ "T2", "thứ 2", "CN" as "thứ hai", "chủ nhật"."""
    if written in ("CN",) or written.lower().startswith("chủ"):
        return "chủ nhật"
    return f"thứ {read_ordinal(int(written[-1]))}"


@functools.cache
def _position_before() -> re.Pattern[str]:
    """A race word (``position_before.txt``), or a name (its team in brackets may follow) and
    "về", right before "P1".."P20"."""
    words = alternation(data_list("position_before.txt"))
    return re.compile(
        rf"(?:(?i:(?<!\w)(?:{words}))|(?<![\w.])([{_UP}][^\W\d_]+)(?:\s*\([^()]{{1,30}}\))?\s+về)\s+$"
    )


def _race_position(match: re.Match[str]) -> bool:
    """ "P" glued to a number after a race word, or after a foreign name and "về" ("Hamilton về
    P3"; "Ông Hùng về P3" is a ward)."""
    text = match.string
    found = _position_before().search(text, max(0, match.start() - 24), match.start())
    return found is not None and not (found[1] and is_syllable(found[1]))


@functools.cache
def _initial_before() -> re.Pattern[str]:
    """A person or firm word (``initial_before.txt``) right before a capital and its dot."""
    words = alternation(data_list("initial_before.txt"))
    return re.compile(rf"(?i:(?<!\w)(?:{words}))\s+$")


@functools.cache
def _unit_pattern() -> re.Pattern[str]:
    """An administrative unit with a dot before a name or number, or glued to a number."""
    keys = alternation(data_table("admin_units.tsv"))
    # "Đ.V.T.": a run of dotted initials, no unit ("P. Bến Nghé", "Q.1" are units)
    dotted = rf"({keys})\.\s?(?![{_UP}]\.)(?=[{_UP}]|[0-9])"
    glued = r"([QP])(?=[0-9]{1,2}(?![\w/.-]|[.][0-9]))"
    firsts = "".join(sorted({key[0] for key in data_table("admin_units.tsv")}))
    return re.compile(rf"(?=[{firsts}])(?<![\w.&/-])(?:{dotted}|{glued})")


@functools.cache
def _credit_before() -> re.Pattern[str]:
    """A credit word (``credit_words.txt``) and its colon right before a capital and its dot:
    "Ảnh: H.Anh", a photographer's initial."""
    words = alternation(data_list("credit_words.txt"))
    return re.compile(rf"(?i:(?<!\w)(?:{words}))\s*:\s*$")


@functools.cache
def _vessel_before() -> re.Pattern[str]:
    """A ship word (``vessel_words.txt``), then a capitalised name and an open bracket: "tàu INS
    Kiltan (" ("tàu cập cảng (P12, Q4)" names no ship, "chủ tàu Nguyễn Văn Hùng (P12" a person
    with a Vietnamese name: a ward)."""
    words = alternation(data_list("vessel_words.txt"))
    return re.compile(rf"(?i:(?<!\w)(?:{words}))(?!\w)[^.;!?()]{{0,40}}\s([{_UP}][^\W_]*)\s*\(\s*$")


@functools.cache
def _journal_before() -> re.Pattern[str]:
    """A journal word (``journal_cues.txt``) a few words before "Q1": a quartile, no quarter."""
    cues = alternation(data_list("journal_cues.txt"))
    return re.compile(rf"(?i:(?<!\w)(?:{cues}))(?!\w)[^.;:!?()]{{0,30}}$")


def _journal_quartile(text: str, start: int) -> bool:
    """Whether the "Q" at ``start`` ranks a journal ("tạp chí thuộc danh mục Q1")."""
    return _journal_before().search(text, max(0, start - 50), start) is not None


def _quarter_word(match: re.Match[str]) -> str:
    """ "Q1 năm 2025", "Q4 2025": a quarter, unless a journal word before makes it a quartile."""
    if _journal_quartile(match.string, match.start()):
        return match[0]
    return f"{vocab.QUARTER} {match[1]}"


def _glued_quarter(match: re.Match[str]) -> str | None:
    """ "Q1".."Q4" without a dot: "quý" in business news, "quận" in an address, else None."""
    number = match.string[match.end() : match.end() + 2]
    if match[2] != "Q" or number[:1] not in "1234" or number[1:2].isdigit():
        return None
    if _TIME_WORD_BEFORE.search(match.string, max(0, match.start() - 8), match.start()):
        return "quý "  # "mở bán trong Q3", "cuối Q4": a time, whatever the words around
    if _journal_quartile(match.string, match.start()):
        return match[0]  # "bài báo Q1 trong năm 2025": a journal's quartile, its letter read
    around = match.string[max(0, match.start() - 40) : match.end() + 40]
    if _ADDRESS_CUE.search(around):
        return "quận "
    return "quý " if _BUSINESS_CUE.search(around) else match[0]


def _unit(match: re.Match[str]) -> str:
    """The unit in words, unless a capitalised word before it makes it a person's initial."""
    text = match.string
    quarter = _glued_quarter(match)
    if quarter is not None:
        return quarter
    if _NAME_BEFORE.search(text, max(0, match.start() - 24), match.start()):
        return match[0]
    vessel = _vessel_before().search(text, max(0, match.start() - 60), match.start())
    if match[2] == "P" and vessel and not is_syllable(vessel[1]):
        return match[0]  # "tàu INS Kiltan (P30)": a pennant number, read as letters and digits
    if match[2] == "P" and _race_position(match):
        return f"{name_alone('P')} "  # "Hamilton về P3", "xuất phát P1": a position in a race
    if len(match[1] or "") == 1 and (
        _initial_before().search(text, max(0, match.start() - 24), match.start())
        or _credit_before().search(text, max(0, match.start() - 24), match.start())
    ):
        return name_alone(match[1]) + match[0][1:]  # "chị P. 35 tuổi", "công ty X.": an initial
    after = _WORD_AFTER.match(text, match.end())
    if after and len(after[1]) > 1 and after[1].isupper():
        return match[0]  # "X. PHỤ LỤC": a heading's numeral, not a commune
    if match[1] == "P" and _ROOM_NUMBER.match(text, match.end()):
        return "phòng "  # "P.1205", "P.302": wards are numbered 1 to 2 digits, rooms 3 or 4
    spoken = data_table("admin_units.tsv")[match[1] or match[2]]
    return f"{spoken} "


@functools.cache
def _road_pattern() -> re.Pattern[str]:
    """A road class and its number ("QL.3", "TL10", "ĐT 741")."""
    roads = data_table("roads.tsv")
    dotted = set(data_list("roads_dotted.txt"))
    spaced = alternation(k for k in roads if k not in dotted)
    tight = alternation(roads)
    return re.compile(
        rf"(?=[{''.join(sorted({k[0] for k in roads}))}])(?<![\w.&/-])"
        rf"(?:({spaced})(?:\.\s?|\s)?|({tight})\.?)({_ROAD_NUMBER})(?![\w/]|[.,][0-9])"
    )


@functools.cache
def _load_before() -> re.Pattern[str]:
    """A design-load, building or crop word right before a code ("tải trọng HL93" is a load
    class, "lô CT2" a block, "cam CT36" a variety; no road)."""
    words = data_list("load_words.txt") + data_list("block_words.txt")
    words += data_list("variety_words.txt")
    return re.compile(rf"(?i:(?<!\w)(?:{alternation(words)}))\s+$")


@functools.cache
def _building_before() -> re.Pattern[str]:
    """A building word (``block_words.txt``) and any codes listed after it, right before a code:
    towers and blocks are lettered too ("tòa T2, T3", "block T5", "tòa HH2 và CT3")."""
    words = alternation(data_list("block_words.txt"))
    return re.compile(
        rf"(?i:(?<!\w)(?:{words}))(?:\s+(?:[A-Z]{{1,3}}[0-9]+[A-Z]?|CN)\s*(?:,|-|–|và|đến)?)*\s+$"
    )


def _road(match: re.Match[str]) -> str:
    """ "quốc lộ 3": the class in words (once: "cao tốc CT.01"), the number left for later;
    after a load or building word ("tải trọng HL93", "lô CT2", and "tòa HH2 và CT3": a list of
    block codes behind one building word, and "cam CT36", a variety) the letters are spelled."""
    if _load_before().search(match.string, max(0, match.start() - 24), match.start()) or (
        _building_before().search(match.string, max(0, match.start() - 24), match.start())
    ):
        return f"{spell(match[1] or match[2])} {match[3]}"
    spoken = data_table("roads.tsv")[match[1] or match[2]]
    before = match.string[max(0, match.start() - len(spoken) - 1) : match.start()]
    return match[3] if before.strip().lower() == spoken else f"{spoken} {match[3]}"


def _roman_heading(match: re.Match[str]) -> str:
    """ "II." heading a line as "hai."; one letter only before a word in capitals ("V. Nguyễn"
    is an initial); a string that is no numeral is unchanged."""
    value = roman_value(match[2])
    word = match[3].strip(".,:;")
    if not value or (len(match[2]) == 1 and not (len(word) > 1 and word.isupper())):
        return match[0]
    return f"{match[1]}{read_int(value)}."


def read_places(text: str) -> str:
    """Roman heading numerals, quarters, road classes, administrative units before a name."""
    text = _ROMAN_HEADING.sub(_roman_heading, text)
    text = _QUARTER.sub(lambda m: f"{vocab.QUARTER} {m[1]} {vocab.YEAR} {m[2]}", text)
    text = _QUARTER_WORD.sub(_quarter_word, text)
    text = _road_pattern().sub(_road, text)
    return _unit_pattern().sub(_unit, text)


def _a_building(match: re.Match[str]) -> bool:
    """Whether "T2" names a tower or a block ("tòa T2, T3", "khối T2 - T6"), not a weekday."""
    found = _building_before().search(match.string, max(0, match.start() - 24), match.start())
    return found is not None


def _weekday_range(match: re.Match[str]) -> str:
    """ "T2 - T6" as "thứ hai đến thứ sáu", unless the letters name buildings."""
    if match[1].startswith("T") and _a_building(match):
        return match[0]
    return f"{_weekday(match[1])} {vocab.RANGE} {_weekday(match[2])}"


def _short_weekday(match: re.Match[str]) -> str:
    """ "T2" as "thứ hai" after a calendar word or another weekday; elsewhere unchanged."""
    before = match.string[max(0, match.start() - 12) : match.start()]
    after = match.string[match.end() : match.end() + 12]
    if _a_building(match):
        return match[0]
    if _WEEKDAY_CUE.search(before) or _WEEKDAY_NEXT.match(after):
        return _weekday(match[1])
    return match[0]


def _weekday_list(match: re.Match[str]) -> str:
    """ "thứ 2, 4, 6" as "thứ hai, thứ tư, thứ sáu": every day of a list named in full."""
    pieces = _LIST_SPLIT.split(match[2])
    if len(pieces) == 1:
        return match[0]
    words = [
        _weekday(piece) if piece.isdigit() else f"{piece.replace(',', '').strip()} "
        for piece in pieces
    ]
    spoken = "".join(w if w.endswith(" ") else f"{w}, " for w in words).rstrip(", ")
    return spoken.replace(", và", " và").replace(", hoặc", " hoặc")


def read_weekdays(text: str) -> str:
    """Weekday ranges and lists ("T2 - T6", "thứ 2, 4, 6"), and "T2" beside a calendar word."""
    text = _WEEKDAY_RANGE.sub(_weekday_range, text)
    text = _DAY_NUMBER_RANGE.sub(
        lambda m: f"{m[1]} {read_ordinal(int(m[2]))} {vocab.RANGE} thứ {read_ordinal(int(m[3]))}",
        text,
    )
    text = _WEEKDAY_LIST.sub(_weekday_list, text)
    return _SHORT_WEEKDAY.sub(_short_weekday, text)


def _house_number(number: str) -> str:
    """ "12/3" of an address as "mười hai trên ba"; a letter after a number ("5A") kept apart."""
    parts = [re.fullmatch(r"([0-9]+)([A-Z]?)", part) for part in number.split("/")]
    return f" {vocab.PER} ".join(
        f"{read_int(int(m[1]))} {m[2]}".strip() if m else "" for m in parts
    )


def read_addresses(text: str) -> str:
    """House numbers and lanes with slashes ("số nhà 12/3", "ngõ 45/12") read as numbers."""
    if "/" not in text:
        return text
    text = _ADDRESS.sub(lambda m: f"{m[1]} {_house_number(m[2])}", text)
    text = _residence().sub(lambda m: f"{m[1]}{_house_number(m[2])}", text)
    return _HOUSE.sub(lambda m: f"{m[1]}{_house_number(m[2])}", text)
