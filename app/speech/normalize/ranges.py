"""Dashes and colons between numbers: ranges, match scores, sums, splits and ratios."""

from __future__ import annotations

import functools
import re

from app.speech.normalize import vocab
from app.speech.normalize.tables import alternation, data_list, data_table

_RANGE = re.compile(r"[-–—](?=\s*[0-9])")
# "2021 - 2025", "7h-11h", "5-10%", a unit glued to the first amount: "5m-7m", "120.000đ-150.000đ"
_RANGE_START = re.compile(r"[0-9](?:%|[^\W\d_]{1,3}[23]?)?\s*$")
_MODEL_BEFORE = re.compile(r"(?<!\w)[^\W\d_]+[0-9]+$")  # a name, not a unit ("30m2-50m2")
_MODEL_AFTER = re.compile(r"[0-9]+[^\W\d_]")
_STANDARD_BEFORE = re.compile(r"(?<![\w-])[A-Z]{3,}[0-9]$")  # "DDR5-6400", "GDDR6-16000"
# The second dash of an identifier, capitals-number-number: "CVE-2026-2145", not a range.
_IDENTIFIER_BEFORE = re.compile(r"(?<![\w-])[A-Z]{2,}-[0-9]+$")
# A code's number glued to its letters, then a dash and a number with no space: "NVL2025-01",
# "VIC12-2026", "iPhone17-2" (a bond, a series), not a range; a unit ("30m2-50") has no capital.
_CODE_BEFORE = re.compile(r"(?<![\w-])(?=[^\W\d_]*[A-Z])[^\W\d_]{2,}[0-9]+$")
_GLUED_NUMBER_AFTER = re.compile(r"[0-9]+(?![\w.,]|[.,][0-9])")
# A lot's or a villa's code with a leading zero before the dash: "LK03-15", "BT05-12" (no range).
_LOT_BEFORE = re.compile(r"(?<![\w-])[A-Z]{1,3}0[0-9]$")
# A clock time with its minutes is no model's name: "7h30-17h", "8g15-11g".
_CLOCK_BEFORE = re.compile(r"(?<![\w.,])[0-9]{1,2}[hHg][0-9]{2}$")
_CLOCK_AFTER = re.compile(r"\s*[0-9]{1,2}[hHg](?:[0-9]{2})?(?!\w)")
# A match score: a result word, at most six words (a team, spelled out by now, a dot inside one
# word allowed: "Gen.G"), then "2-0" or "2:1"; a shoot-out's score too ("(luân lưu 4-5)").
# A result word is a whole word: not the "hòa" of "Cộng hòa" (a republic, "tới Cộng hòa Chile từ
# ngày 10-12/11") or "điều hòa", nor the "dẫn" of "hướng dẫn", "dẫn đầu".
_SCORE_BEFORE = re.compile(
    r"(?<!\w)(?i:tỷ số|tỉ số|chung cuộc|thắng|thua|(?<!cộng )(?<!điều )(?<!hài )hòa(?! bình)"
    r"|đánh bại|vượt qua|gỡ hòa|cầm hòa|(?<!hướng )(?<!chỉ )dẫn(?! đầu| dắt)|thất bại"
    r"|chiến thắng|luân lưu|penalty|pen)"
    r"(?:\s+(?![0-9]+\s)(?:[^\s,;.]|\.(?=\w))+){0,6}\s+[0-9]{1,2}\s*$"
)
# The next set of a match: "21-15, 21-18" (the first pair must be a score itself).
# A first set in brackets after the match score: "thắng 2-0 (6-4, 7-5)"; a tie-break in brackets
# after a set: "thua 6-7(5), 4-6".
_SCORE_SET_BEFORE = re.compile(
    r"[0-9]{1,2}\s*([-–:])\s*[0-9]{1,2}(?:\s?\([0-9]{1,2}\))?\)?(?:,\s*|\s*[(\[]\s*)[0-9]{1,2}\s*$"
)
# A sum: "23 - 45 = -22", "bằng 10-3" (a number after "=" or "bằng" is a result).
_SUM_AFTER = re.compile(r"\s*[0-9]+(?:[.,][0-9]+)?\s*=")
_SUM_BEFORE = re.compile(r"(?:=|(?<!\w)(?i:bằng|tính))\s*[0-9]+(?:[.,][0-9]+)?\s*$")
_SUM_WINDOW = 12
# A result between two team names: "Việt Nam 2-1 Thái Lan", "Arsenal 3-0 Chelsea".
_BETWEEN_TEAMS = re.compile(r"[A-ZĐ][^\W\d_]*\s+[0-9]{1,2}\s*$")
_TEAM_AFTER = re.compile(r"\s*[0-9]{1,2}\s+(?:U[0-9]{2}\s+)?[A-ZĐ][^\W\d_]")  # "2-0 U22 Lào"
# A day before a month's slash ends a range of days, never a score: "từ ngày 10-12/11".
_SCORE_AFTER = re.compile(r"\s*[0-9]{1,2}(?![0-9]|/[0-9])")
# A count of sets won followed by the sets in brackets: "0-2 (15-21, 12-21)", "3-1 (25-20, ...)".
_SET_COUNT_BEFORE = re.compile(r"(?<![\w.,])[0-5]\s*$")
_SETS_AFTER = re.compile(
    r"\s*[0-5]\s*\(\s*[0-9]{1,2}\s*[-–:]\s*[0-9]{1,2}(?:\s?\([0-9]{1,2}\))?\s*[,;]"
    r"\s*[0-9]{1,2}\s*[-–:]\s*[0-9]{1,2}"
)
# A set list whose next set runs down: "thua 19-21, 21-17, 15-21" (a range never runs down, so
# the next pair is a set, and the pair before it in the list is one too).
_FALLING_SET_AFTER = re.compile(
    r"\s*[0-9]{1,2}\s*,\s*([0-9]{1,2})\s*[-–]\s*([0-9]{1,2})(?![0-9/-]|[.,][0-9])"
)
_SCORE_WINDOW = 60
_COLON_PAIR = re.compile(
    r"([0-9](?<![\w.,:][0-9])[0-9]*(?:[.,][0-9]+)?)\s?:\s?([0-9]+(?:[.,][0-9]+)?)(?![\w:]|[.,][0-9])"
)
_YEAR_WORD = re.compile(r"(?i:\bnăm)\s+$")
_MINUS = re.compile(r"[-−](?<![\w.,][-−])(?=[0-9])")


def _is_score(text: str, at: int) -> bool:
    """Whether the numbers around ``at`` are a match score ("thắng U23 Thái Lan 2-0")."""
    if not _SCORE_AFTER.match(text, at + 1):
        return False
    start = max(0, at - _SCORE_WINDOW)
    if _SCORE_BEFORE.search(text, start, at) or _sets_follow(text, at):
        return True
    falling = _FALLING_SET_AFTER.match(text, at + 1)
    if falling and int(falling[1]) > int(falling[2]):
        return True
    previous = _SCORE_SET_BEFORE.search(text, start, at)
    return previous is not None and _is_score(text, previous.start(1))


def _sets_follow(text: str, at: int) -> bool:
    """Whether the dash at ``at`` joins a count of sets won, then the sets in brackets."""
    before = _SET_COUNT_BEFORE.search(text, max(0, at - 4), at)
    return before is not None and _SETS_AFTER.match(text, at + 1) is not None


@functools.cache
def _estimate_before() -> re.Pattern[str]:
    """An estimate word (``estimate_words.txt``: "ước", "dự") ending the text before "tính"."""
    words = alternation(data_list("estimate_words.txt"))
    return re.compile(rf"(?i:(?<!\w)(?:{words}))\s+$")


def _is_sum_result(text: str, at: int) -> bool:
    """A number after "=", "bằng" or "tính" before the dash at ``at``, "ước tính" excepted."""
    found = _SUM_BEFORE.search(text, max(0, at - _SUM_WINDOW), at)
    if not found:
        return False
    return not _estimate_before().search(text, max(0, found.start() - 12), found.start())


@functools.cache
def _part_before() -> re.Pattern[str]:
    """A word numbering a part (``part_words.txt``: "Điều", "Chương") right before a number."""
    words = alternation(data_list("part_words.txt"))
    return re.compile(rf"(?i:(?<!\w)(?:{words}))\s+[0-9]{{1,2}}\s*$")


# Two shares of one whole: "62% - 38%" after "tỷ lệ" (``ratio_cues.txt``) is a split, no range.
_SHARE_BEFORE = re.compile(r"(?<![\w.,])([0-9]{1,2}(?:,[0-9]+)?)\s?%\s*$")
_SHARE_AFTER = re.compile(r"\s*([0-9]{1,2}(?:,[0-9]+)?)\s?%")
_SHARE_WINDOW = 60


@functools.cache
def _share_cue() -> re.Pattern[str]:
    """A ratio word (``ratio_cues.txt``: "tỷ lệ", "kiểm soát bóng") somewhere before two shares."""
    return re.compile(rf"(?i:(?<!\w)(?:{alternation(data_list('ratio_cues.txt'))})(?!\w))")


def _is_split(text: str, at: int) -> bool:
    """True when the dash at ``at`` joins two percentages of one whole after a ratio word."""
    first = _SHARE_BEFORE.search(text, max(0, at - 12), at)
    second = _SHARE_AFTER.match(text, at + 1)
    if not (first and second):
        return False
    total = sum(float(group.replace(",", ".")) for group in (first[1], second[1]))
    return total == 100 and bool(_share_cue().search(text, max(0, at - _SHARE_WINDOW), at))


# Two small whole numbers where the first is no smaller: "kết thúc 3-2", "hòa 1-1". A range
# never runs down or stays put, so this is a score or a code; a clock crossing midnight
# ("22-5h", "22 - 6 giờ") and a date after ("28-3/12") stay ranges.
_NOT_RISING_BEFORE = re.compile(r"(?<![\w.,])([0-9]{1,2})\s*$")
_NOT_RISING_AFTER = re.compile(r"\s*([0-9]{1,2})(?![0-9/-]|[.,][0-9]|\s*(?:[hHg](?!\w)|giờ|tiếng))")


def _is_not_rising(text: str, at: int) -> bool:
    """True when the dash at ``at`` joins a number to one no larger ("3-2", "1-1")."""
    first = _NOT_RISING_BEFORE.search(text, max(0, at - 4), at)
    second = _NOT_RISING_AFTER.match(text, at + 1)
    if first is None or second is None:
        return False
    return int(first[1]) >= int(second[1])


@functools.cache
def _maker_model_before() -> re.Pattern[str]:
    """A maker (``model_makers.txt``: "Boeing", "Airbus") and its model number: "Airbus A350";
    or an aircraft word (``aircraft_words.txt``), at most three words, and an airliner's model:
    "máy bay thân hẹp A321", "tàu bay 737-800 và A321", "tàu bay 787" (a Boeing's 7x7 only:
    "máy bay 150" is a count)."""
    makers = alternation(data_list("model_makers.txt"))
    craft = alternation(data_list("aircraft_words.txt"))
    return re.compile(
        rf"(?<!\w)(?:(?:{makers})\s+[A-Z]{{0,2}}[0-9]+"
        rf"|(?i:{craft})(?:\s+\S+){{0,3}}\s+(?:[A-Z]{{1,2}}[0-9]{{2,3}}|7[0-9]7))$"
    )


@functools.cache
def _aircraft_model_before() -> re.Pattern[str]:
    """An airliner model named alone (``aircraft_models.txt``: "A330", "B787") right before."""
    return re.compile(rf"(?<![\w-])(?:{alternation(data_list('aircraft_models.txt'))})$")


@functools.cache
def _lot_before() -> re.Pattern[str]:
    """One plot's word (``lot_words.txt``) and a number right before a dash: "lô 3-12"."""
    words = alternation(data_list("lot_words.txt"))
    return re.compile(rf"(?<!\w)(?:(\w+)\s+)?(?i:{words})\s+[0-9]{{1,3}}$")


_PLURAL = frozenset(("các", "những", "từ", "mỗi", "hai", "ba", "bốn", "năm"))


@functools.cache
def _lot_after() -> re.Pattern[str]:
    """The second number of a plot's name: no decimals, no unit or amount after ("lô 3-5 m")."""
    units = alternation(data_table("units.tsv"))
    amounts = "triệu|tỷ|nghìn|ngàn|tầng|mét|%"
    return re.compile(rf"\s*[0-9]{{1,3}}(?![\w/+-]|[.,][0-9])(?!\s*(?:{units}|{amounts})(?!\w))")


def _is_lot_name(text: str, at: int) -> bool:
    """Whether the dash at ``at`` joins the two numbers of one plot's name ("lô 3-12 có giá")."""
    lot = _lot_before().search(text, max(0, at - 24), at)
    return bool(lot and (lot[1] or "").lower() not in _PLURAL and _lot_after().match(text, at + 1))


def _range_dash(match: re.Match[str]) -> str:
    """ "đến" for a dash that joins two numbers, "trừ" in a sum ("23 - 45 = -22"), a pause in a
    score ("thắng 2-0", "Việt Nam 2-1 Thái Lan"); any other dash unchanged."""
    text, at = match.string, match.start()
    before = text[max(0, at - 6) : at]
    if not _RANGE_START.search(before):
        return match[0]
    clock = _CLOCK_BEFORE.search(before) and _CLOCK_AFTER.match(text, at + 1)
    if not clock and _MODEL_BEFORE.search(before) and _MODEL_AFTER.match(text, at + 1):
        return " "  # a model's name, letters and digits on both sides: "i9-14900K"
    if _maker_model_before().search(text, max(0, at - 40), at) or _aircraft_model_before().search(
        text, max(0, at - 6), at
    ):
        return " "  # a model's variant: "Boeing 787-10", "Airbus A350-900"
    if _STANDARD_BEFORE.search(text, max(0, at - 12), at):
        return " "  # a standard's generation and its speed: "DDR5-6400"
    if _IDENTIFIER_BEFORE.search(text, max(0, at - 16), at) or _LOT_BEFORE.search(before):
        return ", "  # an identifier's parts: "CVE-2026-2145"
    if _CODE_BEFORE.search(text, max(0, at - 16), at) and _GLUED_NUMBER_AFTER.match(text, at + 1):
        return ", "  # a code and its issue: "NVL2025-01"
    if _SUM_AFTER.match(text, at + 1) or _is_sum_result(text, at):
        return " trừ "
    if _is_lot_name(text, at):
        return " "  # one plot's name: "lô 3-12"
    if _is_split(text, at):
        return ", "
    if _is_score(text, at) or (
        _BETWEEN_TEAMS.search(text, max(0, at - 40), at)
        and _TEAM_AFTER.match(text, at + 1)
        and not _part_before().search(text, max(0, at - 24), at)
    ):
        return " "
    if _is_not_rising(text, at):
        return " "
    return f" {vocab.RANGE} "


def _colon_pair(match: re.Match[str]) -> str:
    """Two numbers around a colon that is no clock time: a score, or a ratio ("tỷ lệ 1:500")."""
    if _is_score(match.string, match.start(2) - 1):
        return f"{match[1]} {match[2]}"
    if len(match[1]) == 4 and _YEAR_WORD.search(
        match.string, max(0, match.start() - 5), match.start()
    ):
        return f"{match[1]}: {match[2]}"  # "đến năm 2030: 100% xã": a heading's colon
    return f"{match[1]} {vocab.PER} {match[2]}"


def read_ratios(text: str) -> str:
    """ "1:500" as "1 trên 500", a score "2:1" as "2 1" (clock times are read before)."""
    return _COLON_PAIR.sub(_colon_pair, text)


# Two road chainages joined by a dash: "Km0+000-Km12+500", "Km 42 - Km 47".
_KM = r"(?:[Kk]m|ki lô mét)\s?[0-9]"
_CHAINAGE_RANGE = re.compile(rf"((?<!\w){_KM}[0-9]*(?:\+[0-9]{{1,3}})?)\s*[-–]\s*(?={_KM})")

# Two codes of one series joined by a dash: "ô số B12-B40", "phòng A1 - A5" (the same capitals).
_CODE_RANGE = re.compile(r"(?<![\w.-])([A-Z]{1,2})([0-9]{1,4})\s*[-–]\s*(?=\1[0-9]{1,4}(?!\w))")


# Three or more small numbers joined by dashes are a line-up or a code, never a range (a range
# has two ends): "sơ đồ 4-2-3-1", "3-4-3" are read side by side.
_CHAIN = re.compile(r"(?<![\w.,/+-])[0-9]{1,2}(?:-[0-9]{1,2}){2,}(?![\w/+-]|[.,][0-9])")


def read_ranges(text: str) -> str:
    """A dash between numbers is "đến" ("2021 - 2025", "7h-11h", "Km0+000-Km12+500", "B12-B40");
    before a lone number "âm"."""
    text = _CHAIN.sub(lambda m: m[0].replace("-", " "), text)
    text = _CHAINAGE_RANGE.sub(rf"\1 {vocab.RANGE} ", text)
    text = _CODE_RANGE.sub(rf"\1\2 {vocab.RANGE} ", text)
    text = _RANGE.sub(_range_dash, text)
    return _MINUS.sub(f"{vocab.MINUS} ", text)
