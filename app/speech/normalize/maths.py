"""Maths notation and English-style digit grouping, before the number rules read them.

"1,000,000" and "1,299.99" (English grouping: commas between thousands, a point before the
decimals) are rewritten the Vietnamese way ("1.000.000", "1.299,99"); "3.2e5" is "ba chấm hai
nhân mười mũ năm", "10^-3" "mười mũ trừ ba"; a minus sign after the word "âm" is not said twice.
"""

from __future__ import annotations

import functools
import re

from app.speech.normalize import vocab
from app.speech.normalize.numbers import read_digits, read_int
from app.speech.normalize.tables import alternation, data_list, data_table

# Two or more comma groups of three, or one and a point decimal: never a Vietnamese decimal.
_ENGLISH_GROUPS = re.compile(
    r"([0-9](?<![\w.,][0-9])[0-9]{0,2})((?:,[0-9]{3}){2,}(?:\.[0-9]+)?|,[0-9]{3}\.[0-9]+)(?![\w,]|\.[0-9])"
)
# Thousands apart by a narrow or thin (no-break) space, the SI way: "1 000 000".
_SPACED_GROUPS = re.compile(
    r"([1-9](?<![\w.,][1-9])(?<![0-9][\s\u202f\u2009][1-9])[0-9]{0,2})((?:[\u202f\u2009\u00a0][0-9]{3})+)(?![\w]|[.,][0-9])"
)
_GROUP_SPACES = re.compile(r"[\u202f\u2009\u00a0]")
_SCIENTIFIC = re.compile(
    r"(?:(?<![\w.,)])([-−]))?([0-9](?<![\w.,][0-9])[0-9]*)(?:\.([0-9]+))?[eE]([-+−]?)([0-9]{1,3})(?!\w|[.,][0-9]|-[0-9])"
)
_POWER = re.compile(r"\^\s*([-+−]?)([0-9]{1,3})(?![0-9])")
_SIGN_TWICE = re.compile(r"(?i:(?<!\w)âm)\s*[-−](?=[0-9])")
# Amounts written compactly: "1m75" (a height), "3kg2", "1tr5" (1,5 million).
_HEIGHT = re.compile(r"([0-9](?<![\w.,][0-9])[0-9]?)(m|kg)([0-9]{1,2})(?!\w)")
# "cao 1m2", "chiều cao dưới 1m3", "trẻ em dưới 1m2" (a child's height for a ticket), not an area.
_HEIGHT_CUE = re.compile(
    r"(?i:(?<!\w)(?:(?:chiều )?cao(?:\s+(?:khoảng|tới|gần|dưới|trên|từ|hơn|không quá))?"
    r"|(?:trẻ em|trẻ|bé)(?:\s+\w+){0,2}?\s+(?:dưới|trên|từ|cao))\s+)$"
)
_HEIGHT_WINDOW = 30
_MILLIONS = re.compile(r"([0-9](?<![\w.,][0-9])[0-9]*)tr([0-9]{1,3})(?!\w)")
# Colon times with seconds "01:02:03", durations "27:45" (minutes past 24), ratios "1:2:3".
# Either may end in hundredths of a second: "2:05:30.5", "30:12.45" (a race time).
_HMS = re.compile(
    r"([0-9](?<![\w.,:][0-9])[0-9]?):([0-5][0-9]):([0-5][0-9])(?:[.,]([0-9]{1,3}))?"
    r"(?![\w:]|[.,][0-9])"
)
_DURATION = re.compile(
    r"([0-9](?<![\w.,:][0-9])[0-9]{1,2}):([0-5][0-9])(?:[.,]([0-9]{1,3}))?(?![\w:]|[.,][0-9])"
)
_RATIO_CHAIN = re.compile(r"([0-9](?<![\w.,:][0-9])[0-9]*)((?:\s?:\s?[0-9]+){2,})(?![\w:])")
_SECOND_WORD = re.compile(r"\s*giây(?!\w)")
_POWER_WORD = "mũ"
_NEGATIVE = "trừ"


def _vietnamese_grouping(match: re.Match[str]) -> str:
    """ "1,299.99" as "1.299,99"."""
    whole, _, decimals = match[2].partition(".")
    return f"{match[1]}{whole.replace(',', '.')}" + (f",{decimals}" if decimals else "")


def _scientific(match: re.Match[str]) -> str:
    """ "6.626e-34" as "sáu chấm sáu hai sáu nhân mười mũ trừ ba mươi tư"."""
    mantissa = read_int(int(match[2]))
    if match[3]:
        mantissa += f" {vocab.DOT} {read_digits(match[3])}"
    negative = f"{vocab.MINUS} " if match[1] else ""
    sign = f"{_NEGATIVE} " if match[4] in ("-", "−") else ""
    return f"{negative}{mantissa} {vocab.TIMES} mười {_POWER_WORD} {sign}{read_int(int(match[5]))}"


def _power(match: re.Match[str]) -> str:
    """ "^-3" as " mũ trừ ba"."""
    sign = f"{_NEGATIVE} " if match[1] in ("-", "−") else ""
    return f" {_POWER_WORD} {sign}{read_int(int(match[2]))}"


@functools.cache
def _unit_after_power_of_ten() -> re.Pattern[str]:
    """A unit of ``units.tsv`` right after a power of ten: "10^30 kg", "10^-9 m"."""
    units = alternation(key for key in data_table("units.tsv") if not key.isupper() or len(key) < 3)
    return re.compile(rf"(?<=10)(\^\s*[-+−]?[0-9]{{1,3}})\s?({units})(?![\w/])")


def _power_and_unit(match: re.Match[str]) -> str:
    """ "10^30 kg" as "10 mũ ba mươi ki lô gam": the unit the power hid from the unit rule."""
    return f"{_POWER.sub(_power, match[1])} {data_table('units.tsv')[match[2]]}"


def _height(match: re.Match[str]) -> str:
    """ "1m75" as "một mét bảy mươi lăm", "3kg2" as "ba ki lô gam hai"; "50m2", "20m3" are an
    area and a volume (the unit rule reads them) unless "cao" stands before ("cao 1m2")."""
    if match[2] == "m" and match[3] in ("2", "3"):
        before = match.string[max(0, match.start() - _HEIGHT_WINDOW) : match.start()]
        if not _HEIGHT_CUE.search(before):
            return match[0]
    unit = "mét" if match[2] == "m" else "ki lô gam"
    return f"{read_int(int(match[1]))} {unit} {read_int(int(match[3]))}"


def _millions(match: re.Match[str]) -> str:
    """ "1tr5" as "một triệu năm trăm nghìn" (the digits after "tr" are the next hundreds)."""
    rest = int(match[2].ljust(3, "0"))
    return f"{read_int(int(match[1]))} {vocab.MILLION} {read_int(rest)} {vocab.THOUSAND}"


def _hundredths(digits: str | None) -> str:
    """The part of a second after the seconds, as a race time says it ("05" " không năm")."""
    if not digits:
        return ""
    value = digits.lstrip("0") or "0"
    zeros = ["không"] * (len(digits) - len(value))
    return " " + " ".join([*zeros, read_int(int(value))])


def _hms(match: re.Match[str]) -> str:
    """ "01:02:03" as "một giờ hai phút ba giây"; past 23 hours it is unchanged."""
    hours, minutes, seconds = (int(g) for g in match.groups()[:3])
    if hours > 23:
        return match[0]
    clock = f"{read_int(hours)} {vocab.HOUR} {read_int(minutes)} {vocab.MINUTE}"
    if not match[4] and _SECOND_WORD.match(match.string, match.end()):  # "12:00:00 giây"
        return f"{clock} {read_int(seconds)}"
    return f"{clock} {read_int(seconds)} giây{_hundredths(match[4])}"


@functools.cache
def _ratio_word() -> re.Pattern[str]:
    """A ratio word (``ratio_cues.txt``: "tỷ lệ", "theo tỷ lệ") ending the text before "N:M"."""
    return re.compile(rf"(?i:(?<!\w)(?:{alternation(data_list('ratio_cues.txt'))}))\s+$")


def _duration(match: re.Match[str]) -> str:
    """ "27:45" (more than 24 before the colon) as "hai mươi bảy phút bốn mươi lăm giây";
    "30:12.45" with its hundredths after "giây"."""
    minutes = int(match[1])
    before = match.string[max(0, match.start() - 30) : match.start()]
    if minutes <= 24 or _ratio_word().search(before):  # "tỷ lệ 100:15" is a ratio
        return match[0]
    seconds = f"{read_int(int(match[2]))} giây{_hundredths(match[3])}"
    return f"{read_int(minutes)} {vocab.MINUTE} {seconds}"


def _ratio_chain(match: re.Match[str]) -> str:
    """ "1:2:3" as "1 trên 2 trên 3"."""
    parts = [match[1], *(p.strip() for p in match[2].split(":") if p.strip())]
    return f" {vocab.PER} ".join(parts)


def read_compact(text: str) -> str:
    """Heights, compact millions, times with seconds, durations and ratio chains in words."""
    if any(c.isdigit() for c in text):
        text = _HEIGHT.sub(_height, text)
        text = _MILLIONS.sub(_millions, text)
    if ":" in text:
        text = _HMS.sub(_hms, text)
        text = _RATIO_CHAIN.sub(_ratio_chain, text)
        text = _DURATION.sub(_duration, text)
    return text


@functools.cache
def _zero_cents() -> re.Pattern[str]:
    """An amount ending in ",00" before a currency code of ``units.tsv`` ("1.000,00 EUR")."""
    codes = [key for key in data_table("units.tsv") if len(key) == 3 and key.isupper()]
    return re.compile(rf"(?<=[0-9]),00(?=\s?(?:{alternation(codes)})(?!\w))")


def read_maths(text: str) -> str:
    """English and SI digit grouping the Vietnamese way, powers and scientific notation."""
    if "\u202f" in text or "\u2009" in text or "\u00a0" in text:
        text = _SPACED_GROUPS.sub(lambda m: m[1] + _GROUP_SPACES.sub(".", m[2]), text)
    if "," in text:
        text = _ENGLISH_GROUPS.sub(_vietnamese_grouping, text)
    if "e" in text or "E" in text:
        text = _SCIENTIFIC.sub(_scientific, text)
    if "^" in text:
        text = _unit_after_power_of_ten().sub(_power_and_unit, text)
        text = _POWER.sub(_power, text)
    if ",00" in text:
        text = _zero_cents().sub("", text)  # a price's cents, all zero, go unsaid
    text = _SIGN_TWICE.sub(f"{vocab.MINUS} ", text) if "âm" in text.lower() else text
    return read_compact(text)
