"""Clock times and durations: "14h30", "9h", "7g15", "7g sáng", "14:30", race times "15:02.45",
trip lengths "3N2Đ"; "N:M" after a ratio word ("tỷ lệ 1:20") is left to the ratio rule."""

from __future__ import annotations

import functools
import re

from app.speech.normalize import vocab
from app.speech.normalize.numbers import read_int
from app.speech.normalize.tables import alternation, data_list

_HOUR = r"([0-9](?<![\w.,][0-9])[0-9]?)"
_CLOCK_H = re.compile(rf"{_HOUR}[hH]([0-9]{{2}})?(?!\w)")
_CLOCK_G = re.compile(rf"{_HOUR}g([0-9]{{2}})(?!\w)")
# "7g sáng", "lúc 19g", "7g-9g": "g" is "giờ" beside a time of day; "500g", "7g muối" are grams.
_CLOCK_G_ALONE = re.compile(rf"{_HOUR}g(?!\w)")
_G_HOUR_AFTER = re.compile(
    r"\s*(?:(?:sáng|trưa|chiều|tối|đêm|khuya|hôm|ngày|mỗi ngày|hằng ngày)(?!\w)"
    r"|[-–]\s*[0-9]{1,2}g(?!\w)|(?:đến|tới)\s+[0-9]{1,2}g(?!\w))"
)
_G_HOUR_BEFORE = re.compile(r"(?i:(?:lúc|từ|đến|tới|vào|trước|sau|khoảng từ)\s+|[0-9]g\s*[-–]\s*)$")
_CLOCK_COLON = re.compile(r"([0-9](?<![\w.,:][0-9])[0-9]?):([0-9]{2})(?![\w:])")
# A race time: minutes, seconds and hundredths ("15:02.45", "1:45,30"), never a time of day.
_RACE_TIME = re.compile(
    r"([0-9](?<![\w.,:][0-9])[0-9]?):([0-5][0-9])[.,]([0-9]{1,3})(?![\w:]|[.,][0-9])"
)
_HOUR_WORD = re.compile(rf"\s*{vocab.HOUR}(?!\w)")
_MINUTE_WORD = re.compile(rf"\s*{vocab.MINUTE}\b")


def _clock(hour: str, minute: str | None) -> str:
    """ "mười bốn giờ ba mươi phút"; whole hours without minutes."""
    words = f"{read_int(int(hour))} {vocab.HOUR}"
    if minute and int(minute):
        words += f" {read_int(int(minute))} {vocab.MINUTE}"
    return words


def _clock_match(match: re.Match[str]) -> str:
    """A matched clock time in words, or the match unchanged when it is no time of day."""
    hour, minute = match[1], match[2]
    if int(hour) > 24 or (minute is not None and int(minute) > 59):
        return match[0]
    if minute and _MINUTE_WORD.match(match.string, match.end()):  # "3h12 phút"
        return f"{read_int(int(hour))} {vocab.HOUR} {read_int(int(minute))}"
    return _clock(hour, minute)


def _hour_g(match: re.Match[str]) -> str:
    """ "7g" as "bảy giờ" beside a time of day; a weight in grams unchanged."""
    text = match.string
    before = text[max(0, match.start() - 12) : match.start()]
    if int(match[1]) > 24:
        return match[0]
    if _G_HOUR_AFTER.match(text, match.end()) or _G_HOUR_BEFORE.search(before):
        return _clock(match[1], None)
    return match[0]


@functools.cache
def _ratio_cue() -> re.Pattern[str]:
    """A ratio word (``ratio_cues.txt``) ending the text before "N:M"."""
    return re.compile(rf"(?i:(?<!\w)(?:{alternation(data_list('ratio_cues.txt'))}))\s+$")


@functools.cache
def _ratio_clause() -> re.Pattern[str]:
    """A ratio word (``ratio_cues.txt``) earlier in the clause, and "là" right before."""
    cues = alternation(data_list("ratio_cues.txt"))
    return re.compile(rf"(?i:(?<!\w)(?:{cues})(?!\w))[^.,;:!?()\n]{{0,80}}\s(?i:là)\s+$")


def ratio_clause_before(text: str, start: int) -> bool:
    """Whether "tỷ lệ chọi vào lớp 6 là" (a ratio word, then "là") ends the text at ``start``."""
    return _ratio_clause().search(text, max(0, start - 100), start) is not None


def _colon_clock(match: re.Match[str]) -> str:
    """ "14:30" as a time of day, unless a ratio word stands before it ("tỷ lệ 1:20")."""
    before = match.string[max(0, match.start() - 24) : match.start()]
    if _ratio_cue().search(before) or ratio_clause_before(match.string, match.start()):
        return match[0]
    if _HOUR_WORD.match(match.string, match.end()) and match[2] == "00":  # "12:00 giờ"
        return read_int(int(match[1])) if int(match[1]) <= 24 else match[0]
    return _clock_match(match)


def _race_time(match: re.Match[str]) -> str:
    """ "15:02.45" as "mười lăm phút hai giây bốn mươi lăm"; after a ratio word unchanged."""
    if _ratio_cue().search(match.string, max(0, match.start() - 24), match.start()):
        return match[0]
    fraction = match[3].lstrip("0") or "0"
    zeros = " ".join(["không"] * (len(match[3]) - len(fraction)))
    tail = f"{zeros} {read_int(int(fraction))}".strip()
    return f"{read_int(int(match[1]))} phút {read_int(int(match[2]))} giây {tail}"


# A trip's length in travel ads: "3N2Đ", "2n1đ", "4N3D" are days and nights ("ba ngày hai đêm").
_TRIP_LENGTH = re.compile(r"(?<![\w.,/-])([0-9]{1,2})[Nn]([0-9]{1,2})[ĐđDd](?!\w)")


def read_trip_lengths(text: str) -> str:
    """ "3N2Đ" as "3 ngày 2 đêm" (numbers read later)."""
    return _TRIP_LENGTH.sub(rf"\1 {vocab.DAY} \2 đêm", text)


def read_times(text: str) -> str:
    """Clock times: "14h30", "9h", "7g15", "7g sáng", "14:30"; not a ratio ("tỷ lệ 1:20")."""
    for pattern in (_CLOCK_H, _CLOCK_G):
        text = pattern.sub(_clock_match, text)
    text = _CLOCK_G_ALONE.sub(_hour_g, text) if "g" in text else text
    if ":" not in text:
        return text
    return _CLOCK_COLON.sub(_colon_clock, _RACE_TIME.sub(_race_time, text))
