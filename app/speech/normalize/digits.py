"""Numbers a news reader reads digit by digit: phone numbers, hotlines, codes, number plates.

A number with a leading zero after a code and a dash ("lô đất CT-02", "căn A-05") is read digit by
digit, its zero kept.

"0912 345 678", "(0209) 3 870 123", "+84 912 345 678", "1900 1234" and "1800 1091" are phone
numbers by their shape; "114", "1022" or a tax code are read digit by digit after a cue word
(``digit_cues.txt``: "đường dây nóng", "gọi", "mã số thuế"...), and "113", "114", "115" also in
brackets. Written groups are kept as short pauses.
"""

from __future__ import annotations

import functools
import itertools
import re

from app.speech.normalize.acronyms import spell
from app.speech.normalize.numbers import read_digits, read_int
from app.speech.normalize.tables import alternation, data_list

_END = r"(?![\w/%]|[.,][0-9])"
# Each pattern starts with a plain character and looks behind after it: much faster to scan for.
_LOCAL = re.compile(rf"0(?<![\w.,/+]0)[1-9][0-9]{{1,3}}\)?(?:[ .\-]?[0-9]{{1,4}}){{1,4}}{_END}")
_INTERNATIONAL = re.compile(
    rf"\+(?<![\w.,/]\+)84[ .]?[1-9][0-9]{{1,2}}(?:[ .\-]?[0-9]{{2,4}}){{1,3}}{_END}"
)
_HOTLINE = re.compile(rf"1(?<![\w.,/]1)[89]00[ .]?[0-9]{{2,4}}(?:[ .]?[0-9]{{2,4}})?{_END}")
# An order, ticket or case number after "#": "đơn hàng #45021" digit by digit ("#1" is a rank).
_HASH_CODE = re.compile(r"#(?<![\w&#]#)([0-9]{3,})(?![\w.,])")
_HASH_RANK = re.compile(r"#(?<![\w&#]#)(?=[0-9]{1,2}(?![0-9.,]))")  # "Top #1": "số một"
_EMERGENCY = re.compile(r"\((11[1-9])\)")
# "qua số 113": an emergency number after "số", unless "số" numbers a document or a house.
_EMERGENCY_NUMBER = re.compile(r"1(?<![\w.,]1)1[1-9](?![\w/]|[.,][0-9])")
_SO_BEFORE = re.compile(
    r"(?i:(?<!\w)(?<!định )(?<!tư )(?<!thị )(?<!quyết )(?<!hoạch )(?<!bản )(?<!nhà )số)\s+$"
)
_PLATE = re.compile(
    rf"([0-9](?<![\w.,/-][0-9])[0-9])-?([A-Z]{{1,2}})([0-9]?)[ -]?"
    rf"([0-9]{{3}}\.[0-9]{{2}}|[0-9]{{4,5}}){_END}"
)
# A code of capitals, a dash and a number with a leading zero: "CT-02", "A-05", "S1-03", "12A-01"
# (no range).
_CODE_ZERO = re.compile(
    r"(?<![\w-])((?=[0-9]*[A-ZĐ])[A-ZĐ0-9]{1,6})-(0[0-9]{1,3})(?![\w/-]|[.,][0-9])"
)
# Three or more parts of capitals and digits joined by dashes, a code ("A-12-05", "24-KS-01"):
# never a range, a leading zero kept.
# A document's number ("12-CV-UBND") ends in capitals and is left to the document rules.
_CODE_CHAIN = re.compile(
    r"(?<![\w./-])[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)+-[A-ZĐ]*[0-9]+(?![\w/-]|[.,][0-9])"
)
# Months of a year glued, "10T2025", "11T2024": no number plate (dates.py reads them).
_MONTHS_GLUED = re.compile(r"1[0-2]T(?:19|20)[0-9]{2}")
_PLATE_WORD = re.compile(r"(?i:biển|BKS|BSX)(?:\s+(?:số|kiểm soát))?\s*:?\s*$")
_CODE_RUN = re.compile(r"[A-ZĐ]+|[0-9]+")
_LONG_CODE_NUMBER = 5  # digits; a code's number this long is read digit by digit
# Gold of 99.99% purity after a gold word: "vàng nhẫn 9999", "vàng 999.9" are "bốn số chín".
_GOLD_PURITY = re.compile(r"(?i:(?<!\w)(vàng|nhẫn|trơn|miếng|SJC)\s+)(?:9999|999\.9)(?![\w.,])")
# A rice variety after "lúa", "giống", "gạo", "nếp": "lúa IR 50404", "nếp IR 4625" digit by digit
# ("ST25" keeps its number: two digits are said as a number).
_VARIETY = re.compile(
    r"(?i:(?<!\w)(?:lúa|giống|gạo|nếp)(?:\s+[^\W\d_]+){0,2}\s+)([A-Z]{1,3})\s?([0-9]{4,5})(?![\w.,/])"
)
# A flight number after "chuyến bay": the airline's code spelled, the number digit by digit.
# Its return flight may follow a slash: "chuyến bay VN255/VN256" (by then "VN255, VN256"),
# "VJ123/124".
_FLIGHT = re.compile(
    r"(?i:chuyến bay)\s+(?:(?i:số hiệu)\s+)?([A-Z][A-Z0-9])\s?([0-9]{1,4})"
    r"(?:(?:\s?/\s?|,\s(?=[A-Z][A-Z0-9]\s?[0-9]))([A-Z][A-Z0-9])?\s?([0-9]{1,4}))?(?![\w/])"
)
# A text message's short number: "soạn tin DK gửi 8088", "nhắn UH gửi 1409" (a keyword in capitals
# between "tin" and "gửi"; "nhắn tin gửi tới 300 khách hàng" is a count).
_SMS_NUMBER = re.compile(
    r"(?i:(?<!\w)(?:soạn|nhắn)(?:\s+tin)?)(?:\s+[A-Z0-9]+)+\s+(?i:gửi|tới|đến)\s+"
    r"(?:(?i:đầu số|tổng đài)\s+)?([0-9]{3,5})(?![\w/]|[.,][0-9])"
)
# A long number in brackets with no thousands dots is a code: "Công nghệ thông tin (7480201)",
# "(100000)" (amounts of six digits or more are written with dots).
# A phone number printed with its last digits masked: "0208.3855.xxx" (the x's are letters said
# by name, the dot before them no "chấm").
_MASKED_TAIL = re.compile(r"(?<![\w.,])(0[0-9]{2,3}[ .\-]?[0-9]{3,4})[ .\-]?([xX]{2,4})(?!\w)")
_BRACKETED_CODE = re.compile(r"\((?<![\w.,]\()\s*([0-9]{6,9})\s*\)")
_NUMBER = r"\(?[0-9]+\)?(?:[ .\-][0-9]+)*"
_NUMBER_START = re.compile(r"[(0-9](?<![\w.,/][(0-9])[0-9]*\)?(?:[ .\-][0-9]+)*")
_LIST_JOINER = r"\s*(?:,|;|/|hoặc|và)\s*"
_GROUP = re.compile(r"[0-9]+")
_PHONE_DIGITS = (10, 11)  # "0912 345 678", "0209 3870 123"
_HOTLINE_DIGITS = (8, 10)
_CUE_WINDOW = 40  # characters searched for a cue word before a number
_FEWEST_CUED = 3  # "gọi 114" is a number to dial; "gọi 2 lần" is a count


def read_groups(written: str) -> str:
    """Each written group of digits read digit by digit, a short pause between groups."""
    return ", ".join(read_digits(group) for group in _GROUP.findall(written))


def _digit_count(written: str) -> int:
    """How many digits ``written`` holds."""
    return sum(c.isdigit() for c in written)


def _phone(match: re.Match[str]) -> str:
    """A phone number by its shape, or the match unchanged when the digit count is off."""
    if _digit_count(match[0]) not in range(_PHONE_DIGITS[0], _PHONE_DIGITS[1] + 1):
        return match[0]
    return read_groups(match[0])


def _international(match: re.Match[str]) -> str:
    """ "+84 912 345 678" as "cộng tám tư, chín một hai, ..."."""
    return f"cộng {read_groups(match[0])}"


def _hotline(match: re.Match[str]) -> str:
    """ "1900 1234", "1800.1091" digit by digit."""
    if _digit_count(match[0]) not in range(_HOTLINE_DIGITS[0], _HOTLINE_DIGITS[1] + 1):
        return match[0]
    return read_groups(match[0])


def _flight(match: re.Match[str]) -> str:
    """ "chuyến bay VN255" as "chuyến bay vê en hai năm năm", and a return flight after "/"."""

    def flight(airline: str, number: str) -> str:
        code = " ".join(read_digits(c) if c.isdigit() else spell(c) for c in airline)
        return f"{code} {read_digits(number)}"

    spoken = flight(match[1], match[2])
    if match[4]:
        spoken += f", {flight(match[3], match[4]) if match[3] else read_digits(match[4])}"
    return f"{match[0][: match.start(1) - match.start()]}{spoken}"


def _plate(match: re.Match[str]) -> str:
    """ "97A-123.45", "29-B1 567.89" as "chín bảy a, một hai ba bốn năm"; "11T2025" (eleven
    months of 2025 in business news) is left to the date rules."""
    before = match.string[max(0, match.start() - 20) : match.start()]
    if _MONTHS_GLUED.fullmatch(match[0]) and not _PLATE_WORD.search(before):
        return match[0]
    head = " ".join(
        part for part in (read_digits(match[1]), spell(match[2]), read_digits(match[3])) if part
    )
    return f"{head}, {read_digits(match[4].replace('.', ''))}"


def _variety(match: re.Match[str]) -> str:
    """ "lúa IR 50404" as "lúa i e rờ năm không bốn không bốn"."""
    head = match[0][: match.start(1) - match.start()]
    return f"{head}{spell(match[1])} {read_digits(match[2])}"


@functools.cache
def _cue_before() -> re.Pattern[str]:
    """A cue word ending the text before a number, with ":", "là" or "số" after it (a few
    words may come between the cue and "là" or ":")."""
    cues = alternation(data_list("digit_cues.txt"))
    # "mã bưu chính của tỉnh là 260000", "mã ngành Công nghệ thông tin là 7480201"
    owner = r"(?:[^\W\d_]+\s+){0,5}?"
    said = r"(?:(?i:là|số)\s*:?|[^\W\d_]+\s*:)"  # "... là", "... số", "mã số thuế cá nhân:"
    # "Luật Căn cước 2023": a cue in a law's title, the number after it is the law's year.
    return re.compile(rf"(?i:(?<!\w)(?<!luật )(?:{cues}))(?:\s*:\s*|\s+)(?:{owner}{said}\s*)?$")


@functools.cache
def _cued_list() -> re.Pattern[str]:
    """One number or a list of numbers, as they follow a cue."""
    return re.compile(rf"{_NUMBER}(?:{_LIST_JOINER}{_NUMBER})*{_END}")


@functools.cache
def _amount_after() -> re.Pattern[str]:
    """A number followed by a scale word or currency (``amount_after.txt``): an amount."""
    words = alternation(data_list("amount_after.txt"))
    return re.compile(rf"{_NUMBER}\s*(?i:{words})(?!\w)")


def _cued_end(text: str, start: int) -> int:
    """Where the numbers to read digit by digit end, when a cue stands before ``start``."""
    if not _cue_before().search(text, max(0, start - _CUE_WINDOW), start):
        return start
    if _amount_after().match(text, start):
        return start  # "viện trợ khẩn cấp 275 triệu USD" is an amount
    numbers = _cued_list().match(text, start)
    end = start
    for number in re.finditer(_NUMBER, numbers[0] if numbers else ""):
        if _digit_count(number[0]) < _FEWEST_CUED:
            break
        end = start + number.end()
    return end


def _read_cued(text: str) -> str:
    """Numbers right after a cue word digit by digit, up to the first too short to be dialled."""
    pieces, done = [], 0
    for number in _NUMBER_START.finditer(text):
        start = number.start()
        end = _cued_end(text, start) if start >= done else start
        if end > start:
            spoken = re.sub(_NUMBER, lambda group: read_groups(group[0]), text[start:end])
            pieces += [text[done:start], spoken]
            done = end
    return "".join([*pieces, text[done:]])


@functools.cache
def _zero_cued() -> re.Pattern[str]:
    """A number with a leading zero after a document word (``zero_cues.txt``): "Đề án 06"."""
    cues = alternation(data_list("zero_cues.txt"))
    return re.compile(rf"(?i:(?<!\w)({cues})\s+)(0[0-9]+)(?![\w/.,-])")


def _emergency(match: re.Match[str]) -> str:
    """ "113" digit by digit after "số" ("qua số 113"); a count or a document number as is."""
    if _SO_BEFORE.search(match.string, max(0, match.start() - _CUE_WINDOW), match.start()):
        return read_digits(match[0])
    return match[0]


def read_zero_codes(text: str) -> str:
    """ "CT-02", "A-05": the number after a code's dash digit by digit, its leading zero kept;
    a chain of three parts or more ("A-12-05", "24-KS-01") part by part, never a range."""
    if "-" not in text:
        return text
    text = _CODE_CHAIN.sub(_code_chain, text)
    return _CODE_ZERO.sub(_zero_code, text) if "-0" in text else text


def _code_chain(match: re.Match[str]) -> str:
    """A dash-joined code with both capitals and a number alone in a part, read part by part (a
    pause between two numbers: "CVE-2026-2145")."""
    parts = match[0].split("-")
    if not any(part.isdigit() for part in parts) or all(part.isdigit() for part in parts):
        return match[0]
    spoken = [" ".join(map(_code_run, _CODE_RUN.findall(part))) for part in parts]
    joints = [", " if a.isdigit() and b.isdigit() else " " for a, b in itertools.pairwise(parts)]
    return spoken[0] + "".join(joint + said for joint, said in zip(joints, spoken[1:], strict=True))


def _code_run(run: str) -> str:
    """Capitals spelled; a number with a leading zero or of five digits or more digit by digit."""
    if not run.isdigit():
        return spell(run)
    if run.startswith("0") or len(run) >= _LONG_CODE_NUMBER:
        return read_digits(run)
    return read_int(int(run))


def _zero_code(match: re.Match[str]) -> str:
    """A code's capitals spelled (never an abbreviation's words), its number digit by digit."""
    code = spell(match[1]) if match[1].isalpha() else match[1]
    return f"{code} {read_digits(match[2])}"


def read_digit_strings(text: str) -> str:
    """Phone numbers, hotlines, cued codes and number plates digit by digit."""
    if not any(c.isdigit() for c in text):
        return text
    text = _PLATE.sub(_plate, text)
    text = _GOLD_PURITY.sub(r"\1 bốn số chín", text)
    text = _FLIGHT.sub(_flight, text)
    text = _VARIETY.sub(_variety, text)
    text = _MASKED_TAIL.sub(lambda m: f"{m[1]} {' '.join(spell(x) for x in m[2].upper())}", text)
    text = _SMS_NUMBER.sub(lambda m: m[0][: m.start(1) - m.start()] + read_digits(m[1]), text)
    text = _read_cued(text)
    text = _BRACKETED_CODE.sub(lambda m: f"({read_digits(m[1])})", text)
    if "#" in text:
        text = _HASH_RANK.sub("số ", _HASH_CODE.sub(lambda m: read_digits(m[1]), text))
    text = _zero_cued().sub(lambda m: m[0][: m.start(2) - m.start()] + read_digits(m[2]), text)
    text = _INTERNATIONAL.sub(_international, text)
    text = _HOTLINE.sub(_hotline, text)
    text = _LOCAL.sub(_phone, text)
    text = _EMERGENCY_NUMBER.sub(_emergency, text)
    return _EMERGENCY.sub(lambda match: f"({read_digits(match[1])})", text)
