"""Numbers as Vietnamese words: integers, decimals, digit strings, ordinals, Roman numerals."""

from __future__ import annotations

import re

from app.speech.normalize import vocab

_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_PLAIN = re.compile(r"[0-9]+(?:,[0-9]+)?")
_SEPARATED = re.compile(r"([.,])")
_DOTTED_PAIR = re.compile(r"([0-9]+)\.([0-9]+)")
_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def read_tens(n: int) -> str:
    """0..99 in words: 10 "mười", 15 "mười lăm", 21 "hai mươi mốt", 24 "hai mươi tư"."""
    tens, units = divmod(n, 10)
    if tens == 0:
        return vocab.DIGITS[units]
    if tens == 1:
        head, special = vocab.TEN, vocab.UNITS_AFTER_TEN
    else:
        head, special = f"{vocab.DIGITS[tens]} {vocab.TENS}", vocab.UNITS_AFTER_TENS
    if units == 0:
        return head
    return f"{head} {special.get(units, vocab.DIGITS[units])}"


def read_hundreds(n: int, padded: bool) -> str:
    """0..999 in words; ``padded`` reads 5 as "không trăm linh năm" (a group after a scale)."""
    hundreds, rest = divmod(n, 100)
    if hundreds == 0 and not padded:
        return read_tens(rest)
    head = f"{vocab.DIGITS[hundreds]} {vocab.HUNDRED}"
    if rest == 0:
        return head
    if rest < 10:
        return f"{head} {vocab.ZERO_TENS} {vocab.DIGITS[rest]}"
    return f"{head} {read_tens(rest)}"


def _read_below_billion(n: int, padded: bool) -> list[str]:
    """0 < n < 10^9 as words, skipping all-zero groups ("một triệu năm trăm")."""
    words: list[str] = []
    groups = ((n // 1_000_000, vocab.MILLION), (n // 1000 % 1000, vocab.THOUSAND), (n % 1000, ""))
    for value, scale in groups:
        if value == 0:
            continue
        words.append(read_hundreds(value, padded or bool(words)))
        if scale:
            words.append(scale)
    return words


def read_int(n: int) -> str:
    """A non-negative integer in words: 1005 "một nghìn không trăm linh năm"."""
    if n == 0:
        return vocab.DIGITS[0]
    if n < 1_000_000_000:
        return " ".join(_read_below_billion(n, padded=False))
    billions, rest = divmod(n, 1_000_000_000)
    head = f"{read_int(billions)} {vocab.BILLION}"
    return head if rest == 0 else " ".join([head, *_read_below_billion(rest, padded=True)])


def read_digits(digits: str) -> str:
    """Each digit by name: "0209" -> "không hai không chín"."""
    return " ".join(vocab.DIGITS[int(d)] for d in digits)


def read_whole(digits: str, grouped: bool = False) -> str:
    """A digit string as a number ("03" -> "ba"); phone-like and huge ones digit by digit, unless
    the writer ``grouped`` the thousands ("1.000.000.000.000.000.000" is "một tỷ tỷ")."""
    if (len(digits) >= 4 and digits.startswith("0")) or (
        len(digits) > vocab.LONGEST_NUMBER and not grouped
    ):
        return read_digits(digits)
    return read_int(int(digits))


def read_fraction(digits: str) -> str:
    """Digits after the decimal comma: "05" -> "không năm", "14" -> "mười bốn"."""
    rest = digits.lstrip("0")
    words = [vocab.DIGITS[0]] * (len(digits) - len(rest))
    if rest:
        words.append(read_int(int(rest)) if len(rest) <= 3 else read_digits(rest))
    return " ".join(words)


def read_number(token: str) -> str:
    """A written number: "1.234.567", "12,5", "2021", "0209.3870.000" (digit groups)."""
    if _THOUSANDS.fullmatch(token) or _PLAIN.fullmatch(token):
        whole, _, fraction = token.partition(",")
        words = read_whole(whole.replace(".", ""), grouped="." in whole)
        return f"{words} {vocab.DECIMAL_COMMA} {read_fraction(fraction)}" if fraction else words
    pair = _DOTTED_PAIR.fullmatch(token)
    if pair:
        return f"{read_whole(pair[1])} {vocab.DOT} {read_fraction(pair[2])}"  # "2.05": zero kept
    groups = token.split(".")
    if len(groups) > 2 and all(g.isdigit() and len(g) <= 3 for g in groups):
        # An address or a version ("192.168.1.1", "1.25.3.4"): each group a number.
        return f" {vocab.DOT} ".join(read_whole(g) for g in groups)
    # Anything else ("1,23,4"): each group digit by digit, the separators said.
    spoken = {".": f" {vocab.DOT} ", ",": f" {vocab.DECIMAL_COMMA} "}
    return "".join(spoken.get(part, "") or read_digits(part) for part in _SEPARATED.split(token))


def without_zero_cents(token: str) -> str:
    """An amount without decimals that are two zeros ("1.000,00" -> "1.000"): a price's cents."""
    return token[:-3] if len(token) > 3 and token.endswith(",00") else token


def read_ordinal(n: int) -> str:
    """The number after "thứ": 1 "nhất", 4 "tư", others as numbers."""
    return vocab.ORDINALS.get(n) or read_int(n)


def read_month(n: int) -> str:
    """The number after "tháng": 4 "tư", others as numbers."""
    return vocab.MONTHS.get(n) or read_int(n)


def roman_value(token: str) -> int | None:
    """The value of an upper-case Roman numeral, or None when ``token`` is not one."""
    if not token or not _ROMAN.fullmatch(token):
        return None
    values = [_ROMAN_VALUES[c] for c in token]
    total = 0
    for value, following in zip(values, [*values[1:], 0], strict=True):
        total += -value if value < following else value
    return total
