"""Dates: "21/9/2021", "(21/9)", "tháng 4/2021", "quý 4/2021", "sáng 21-9"; clock times are in
``clocks``."""

from __future__ import annotations

import functools
import re

from app.speech.normalize import vocab
from app.speech.normalize.numbers import read_int, read_month, read_whole
from app.speech.normalize.tables import alternation, data_list, data_table

# A number starts where no word, slash or digit group goes on before it. The look-behind follows
# the first digit, so that the regex engine can scan for a digit first (much faster).
_DAY = r"([0-9](?<![\w/.,][0-9])[0-9]?)"
_EDGE_AFTER = r"(?![\w/]|[.,][0-9])"
# Months of a year in business news: "6T/2025", "9T/2025", glued "9T2025" ("chín tháng năm 2025").
_MONTHS_OF_YEAR = re.compile(r"(?<![\w.,/])([1-9]|1[0-2])T/?((?:19|20)[0-9]{2})(?![\w/])")
_DATE_OTHER_SEPARATOR = re.compile(rf"{_DAY}([.-])([0-9]{{1,2}})\2([0-9]{{4}}){_EDGE_AFTER}")
# "mùng 8-9 tháng Giêng", "ngày 8-9 tháng 3": a month word after makes the dash a range of days.
_DASH_DAY_MONTH = re.compile(
    rf"(?i:\b({'|'.join(vocab.DATE_CONTEXT)}))\s+([0-9]{{1,2}})-([0-9]{{1,2}})(?![\w/-]|[.,][0-9])"
    rf"(?!\s+(?i:{vocab.MONTH})\b)"
)
# "ngày 7.12", "sáng 11.6": a date word before makes a dotted pair a day and month (Lao Động).
_DOT_DAY_MONTH = re.compile(
    rf"(?i:\b({'|'.join(vocab.DATE_CONTEXT)}))\s+([0-9]{{1,2}})\.([0-9]{{1,2}})"
    r"(?![\w/]|[.,][0-9])(?!\s*(?:triệu|tỷ|nghìn|ngàn|%))"
)
_DAY_MONTH_YEAR = re.compile(rf"{_DAY}/([0-9]{{1,2}})/([0-9]{{3,4}}){_EDGE_AFTER}")
_MONTH_YEAR = re.compile(rf"{_DAY}/([0-9]{{4}}){_EDGE_AFTER}")
_DAY_MONTH = re.compile(rf"{_DAY}/([0-9]{{1,2}}){_EDGE_AFTER}")
_DIGIT_DASH = re.compile(r"[0-9]-[0-9]")
_MONTH_NUMBER = re.compile(r"(?i:\b(tháng))\s+([0-9]{1,2})(?![\w/]|[.,][0-9])")
_ALREADY_A_DAY = re.compile(
    rf"(?i:\b(?:{'|'.join(vocab.DAY_MARKERS)})\s+(?:[0-9]{{1,2}}\s*(?:,|và|-|–|{vocab.RANGE})\s*)?)$"
    rf"|(?<![\w.,/])[0-9]{{1,2}}\s*(?:-|–|{vocab.RANGE})\s*$"  # "từ 15 - 17/10", "vào 20-21/12"
)
_ALREADY_A_MONTH = re.compile(rf"(?i:\b{vocab.MONTH}\s+)$")
_QUARTER_BEFORE = re.compile(rf"(?i:\b{vocab.QUARTER}\s+)$")
_ORDINAL_BEFORE = re.compile(r"(?i:\bthứ\s+)$")  # "kỳ họp thứ 2/2025": the second of the year
_LOOKBACK = 24  # characters of context searched for "ngày", "tháng", "quý" before a date


def _is_day_month(day: str, month: str) -> bool:
    """True when ``day``/``month`` can be a calendar date."""
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12


def _before(match: re.Match[str]) -> str:
    """The few characters before ``match``, to look for a word that already names the date."""
    return match.string[max(0, match.start() - _LOOKBACK) : match.start()]


def _day_words(match: re.Match[str], day: str) -> str:
    """ "ngày hai mươi mốt", or just the number when the text already says "ngày"/"mùng"."""
    number = read_int(int(day))
    return number if _ALREADY_A_DAY.search(_before(match)) else f"{vocab.DAY} {number}"


def _slashed_date(match: re.Match[str]) -> str:
    """ "21-9-2021" as "21/9/2021" when it is a calendar date."""
    if not _is_day_month(match[1], match[3]):
        return match[0]
    return f"{match[1]}/{match[3]}/{match[4]}"


def _slashed_day_month(match: re.Match[str]) -> str:
    """ "sáng 21-9" as "sáng 21/9" when it is a calendar date."""
    if not _is_day_month(match[2], match[3]):
        return match[0]
    return f"{match[1]} {match[2]}/{match[3]}"


def _bracketed_day_month(match: re.Match[str]) -> str:
    """ "hôm nay (7-12)" as "hôm nay (7/12)" when it is a calendar date."""
    if not _is_day_month(match[3], match[4]):
        return match[0]
    return f"{match[1]}{match[2]}{match[3]}/{match[4]}"


@functools.cache
def _amount_after() -> re.Pattern[str]:
    """A count or measure word (``count_after.txt``: "ngày", "độ") or a unit symbol of
    ``units.tsv`` ("mm", "km", "°C"; not a code in capitals: "AQI", "USD") right after a dashed
    pair: the pair is an amount."""
    symbols = [
        unit
        for unit in data_table("units.tsv")
        if re.fullmatch(r"[A-Za-z°µμ][A-Za-z0-9/²³°]*", unit)
        and not (unit.isalpha() and unit.isupper())
    ]
    counts = alternation(data_list("count_after.txt"))
    return re.compile(rf"\s*(?:(?i:{counts})|{alternation(symbols)})(?!\w)")


def _dashed_date_after_word(match: re.Match[str]) -> str:
    """ "sáng 21-9" as a date, but not "ngày đêm 3-4 độ" (an amount follows)."""
    if _amount_after().match(match.string, match.end()):
        return match[0]
    return _slashed_day_month(match)


def _weekday_day_month(match: re.Match[str]) -> str:
    """ "thứ Bảy (13-12)" as "thứ Bảy (13/12)" when it is a calendar date."""
    if not _is_day_month(match[2], match[3]):
        return match[0]
    return f"{match[1]}{match[2]}/{match[3]}"


@functools.cache
def _occasion_day_month() -> re.Pattern[str]:
    """An occasion word (``occasion_words.txt``: "lễ", "dịp") and a dashed day-month, no count
    word (``count_after.txt``: "ngày", "lần") after it."""
    occasions = alternation(data_list("occasion_words.txt"))
    counts = alternation(data_list("count_after.txt"))
    return re.compile(
        rf"(?i:(?<!\w)({occasions}))\s+([0-9]{{1,2}})-([0-9]{{1,2}})(?![\w/-]|[.,][0-9])"
        rf"(?!\s*(?i:{counts})(?!\w))"
    )


# A dashed day-month listed after a date: "30/4 và 1-5", "2/9, 3-9".
# "tháng 6-2025", "quý 3-2025": a month or quarter and its year joined by a dash (Tuổi Trẻ style).
_MONTH_DASH_YEAR = re.compile(
    rf"(?i:\b((?:{vocab.MONTH}|{vocab.QUARTER})\s+))(0?[1-9]|1[0-2])[-–]((?:19|20)[0-9]{{2}})"
    r"(?![\w/-]|[.,][0-9])"
)
# A dashed day-month in brackets after a day word: "hôm nay (7-12)", "hôm qua (6-12)" (a range
# in brackets has no such word before it: "trẻ (7-12 tuổi)"; weekdays are _WEEKDAY_DAY_MONTH's).
_BRACKET_DAY_MONTH = re.compile(
    rf"(?i:\b({'|'.join(vocab.DATE_CONTEXT)}|hôm qua|ngày mai))(\s*\()([0-9]{{1,2}})-([0-9]{{1,2}})"
    r"(?=\))"
)
# "thứ Bảy (13-12)", "Chủ nhật 14-12", "thứ 7 (13-12)": a weekday, written with its capital, and a
# dashed day-month right after it (Tuổi Trẻ style); "thứ 2-6" (Monday to Friday) has no day after.
_WEEKDAY = r"(?<!\w)(?:[Tt]hứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|[2-7])|[Cc]hủ\s+[Nn]hật)"
_WEEKDAY_DAY_MONTH = re.compile(
    rf"({_WEEKDAY}(?:\s*\(\s*|\s*,\s*|\s+))([0-9]{{1,2}})-([0-9]{{1,2}})(?![\w/-]|[.,][0-9])"
)
# Alone in brackets any weekday will do: "T7 (13-12)" is "thứ bảy (13-12)" by now.
_SMALL_WEEKDAY_DAY_MONTH = re.compile(
    r"((?<!\w)(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ nhật)\s*\(\s*)([0-9]{1,2})-([0-9]{1,2})"
    r"(?=\s*\))"
)
# The dashed day-month that closes a range of days a date word opened: "từ ngày 9 đến 11-3",
# "ngày 9 và 11-3" (the first day takes the month of the second).
_DAY_THEN_DAY_MONTH = re.compile(
    rf"((?i:\b(?:{'|'.join(vocab.DATE_CONTEXT)}))\s+[0-9]{{1,2}}\s+(?i:đến|tới|và|đến hết))"
    r"\s+([0-9]{1,2})-([0-9]{1,2})(?![\w/-]|[.,][0-9])"
)
_NEXT_DAY_MONTH = re.compile(
    r"([0-9]/[0-9]{1,2}(?![\w/])\s*(?:,|và|hoặc)\s*)([0-9]{1,2})-([0-9]{1,2})(?![\w/-]|[.,][0-9])"
)


@functools.cache
def _through_day_month() -> re.Pattern[str]:
    """A dashed day-month after "đến" or "tới" later in a clause that has read a date ("tối
    10/3, kéo dài đến 15-3 với ..."), closing the clause or before a word of
    ``date_follow_words.txt``; never before a measure ("lên tới 2-3 m", "đến 5-6 tấn")."""
    follow = alternation(data_list("date_follow_words.txt"))
    return re.compile(
        r"([0-9]/[0-9]{1,2}(?![\w/])[^.;!?\n]{0,40}?(?<!\w)(?i:đến|tới)\s+)"
        r"([0-9]{1,2})-([0-9]{1,2})(?![\w/-]|[.,][0-9])"
        rf"(?=\s*(?:[,.;:!?)]|$)|\s+(?i:{follow})(?!\w))"
    )


@functools.cache
def _occasion_dot_day_month() -> re.Pattern[str]:
    """An occasion word (``occasion_words.txt``) and a dotted day-month: "dịp 12.12", "lễ 2.9";
    not an amount ("dịp 1.5 triệu", "Tết 2.5%")."""
    occasions = alternation(data_list("occasion_words.txt"))
    return re.compile(
        rf"(?i:(?<!\w)({occasions}))\s+([0-9]{{1,2}})\.([0-9]{{1,2}})"
        r"(?![\w/]|[.,][0-9])(?!\s*(?:triệu|tỷ|nghìn|ngàn|%))"
    )


@functools.cache
def _deadline_day_month() -> re.Pattern[str]:
    """A deadline word (``deadline_words.txt``: "đến hết", "hạn chót") and a dashed day-month
    closing the clause or before a word of ``date_follow_words.txt``."""
    deadlines = alternation(data_list("deadline_words.txt"))
    follow = alternation(data_list("date_follow_words.txt"))
    return re.compile(
        rf"(?i:(?<!\w)({deadlines}))\s+([0-9]{{1,2}})-([0-9]{{1,2}})(?![\w/-]|[.,][0-9])"
        rf"(?=\s*(?:[,.;:!?)]|$)|\s+(?i:{follow})(?!\w))"
    )


@functools.cache
def _span_day_month() -> re.Pattern[str]:
    """A span of days "từ D đến D-M" or "từ D-M đến D-M" that closes its clause or comes before a
    word of ``date_follow_words.txt`` ("(từ 1 đến 3-12)", "từ 24 đến 28-11;"); never before a
    measure ("từ 1 đến 2-3 tấn", "từ 2-3 đến 4-5 lần")."""
    follow = alternation(data_list("date_follow_words.txt"))
    return re.compile(
        r"((?<!\w)(?i:từ)\s+(?:(?i:ngày)\s+)?)([0-9]{1,2})(?:-([0-9]{1,2}))?"
        r"(\s+(?i:đến|tới)\s+)([0-9]{1,2})-([0-9]{1,2})(?![\w/-]|[.,][0-9])"
        rf"(?=\s*(?:[,.;:!?)]|$)|\s+(?i:{follow})(?!\w))"
    )


def _span_dates(match: re.Match[str]) -> str:
    """ "từ 1 đến 3-12" as "từ 1 đến 3/12", "từ 28-11 đến 2-12" as "từ 28/11 đến 2/12", when
    both ends are calendar dates and the first comes first."""
    first, first_month, last, month = match[2], match[3], match[5], match[6]
    if not _is_day_month(last, month) or not _is_day_month(first, first_month or month):
        return match[0]
    if (int(first_month or month), int(first)) >= (int(month), int(last)):
        return match[0]
    start = f"{first}/{first_month}" if first_month else first
    return f"{match[1]}{start}{match[4]}{last}/{month}"


def unify_date_separators(text: str) -> str:
    """ "21-9-2021", "21.9.2021", "sáng 21-9", "ngày 7.12", "dịp lễ 30-4 và 1-5", "tháng 6-2025"
    with slashes, before a dash is read as a range; "6T/2025" as "6 tháng năm 2025"."""
    text = _DATE_OTHER_SEPARATOR.sub(_slashed_date, text)
    text = _MONTHS_OF_YEAR.sub(rf"\1 tháng {vocab.YEAR} \2", text) if "T" in text else text
    if "." in text:
        text = _DOT_DAY_MONTH.sub(_slashed_day_month, text)
        text = _occasion_dot_day_month().sub(_slashed_day_month, text)
    if not _DIGIT_DASH.search(text):
        return text
    text = _MONTH_DASH_YEAR.sub(r"\1\2/\3", text)
    text = _DASH_DAY_MONTH.sub(_dashed_date_after_word, text)
    text = _occasion_day_month().sub(_slashed_day_month, text)
    text = _deadline_day_month().sub(_slashed_day_month, text)
    text = _WEEKDAY_DAY_MONTH.sub(_weekday_day_month, text)
    text = _SMALL_WEEKDAY_DAY_MONTH.sub(_weekday_day_month, text)
    text = _BRACKET_DAY_MONTH.sub(_bracketed_day_month, text) if "(" in text else text
    text = _NEXT_DAY_MONTH.sub(_slashed_day_month, text)
    text = _span_day_month().sub(_span_dates, text)
    text = _DAY_THEN_DAY_MONTH.sub(_dashed_date_after_word, text)
    text = _through_day_month().sub(_slashed_day_month, text)
    return _from_day_month().sub(_slashed_day_month, text)


@functools.cache
def _from_day_month() -> re.Pattern[str]:
    """A dashed day-month after "từ" in a clause that starts something (``start_words.txt``:
    "áp dụng", "đóng", "tạm dừng"), closing the clause: "đóng hoàn toàn từ 1-12." is a date,
    "áp dụng cho trẻ từ 1-12 tuổi" and "giảm từ 5-7." stay ranges."""
    starts = alternation(data_list("start_words.txt"))
    return re.compile(
        rf"((?<!\w)(?i:{starts})(?:\s+[^\W\d]+){{0,3}}\s+(?i:từ)\s+)"
        r"([0-9]{1,2})-([0-9]{1,2})(?![\w/-]|[.,][0-9])(?=\s*(?:[,.;:!?)]|$))"
    )


def _full_date(match: re.Match[str]) -> str:
    """ "ngày D tháng M năm Y"."""
    day, month, year = match[1], match[2], match[3]
    if not _is_day_month(day, month):
        return match[0]
    month_words = read_month(int(month))
    return f"{_day_words(match, day)} {vocab.MONTH} {month_words} {vocab.YEAR} {read_whole(year)}"


@functools.cache
def _series_before() -> re.Pattern[str]:
    """A word that numbers an item within a year ("khóa 2/2026", "đợt 3/2025"), right before."""
    return re.compile(rf"(?i:\b(?:{alternation(data_list('series_words.txt'))})\s+)$")


def _month_year(match: re.Match[str]) -> str:
    """ "tháng M năm Y", or "quý Q năm Y" after "quý" ("khóa N năm Y" after a series word,
    "thứ N năm Y" after "thứ")."""
    month, year = int(match[1]), match[2]
    before = _before(match)
    if _QUARTER_BEFORE.search(before) or _series_before().search(before):
        return f"{read_int(month)} {vocab.YEAR} {read_whole(year)}"
    if _ORDINAL_BEFORE.search(before):
        return f"{match[1]} {vocab.YEAR} {read_whole(year)}"  # the ordinal is read later
    if not 1 <= month <= 12:
        return match[0]
    head = "" if _ALREADY_A_MONTH.search(before) else f"{vocab.MONTH} "
    return f"{head}{read_month(month)} {vocab.YEAR} {read_whole(year)}"


def _day_month(match: re.Match[str]) -> str:
    """ "ngày D tháng M"."""
    day, month = match[1], match[2]
    if not _is_day_month(day, month):
        return match[0]
    return f"{_day_words(match, day)} {vocab.MONTH} {read_month(int(month))}"


def _month_number(match: re.Match[str]) -> str:
    """ "tháng 4" as "tháng tư"."""
    month = int(match[2])
    return f"{match[1]} {read_month(month)}" if 1 <= month <= 12 else match[0]


def read_dates(text: str) -> str:
    """Slash dates and month numbers in words (run after ``unify_date_separators``)."""
    text = _DAY_MONTH_YEAR.sub(_full_date, text)
    text = _MONTH_YEAR.sub(_month_year, text)
    text = _DAY_MONTH.sub(_day_month, text)
    return _MONTH_NUMBER.sub(_month_number, text) if "háng" in text or "HÁNG" in text else text
