"""Abbreviations: the table of known ones, and unknown all-caps words spelled or lowered."""

from __future__ import annotations

import functools
import re
import unicodedata

from app.speech.normalize.numbers import roman_value
from app.speech.normalize.tables import (
    alternation,
    data_list,
    data_table,
    keep_final_dot,
    whole_word_pattern,
)
from app.speech.normalize.vocab import DIGITS as DIGIT_NAMES

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# A Vietnamese syllable without its tone mark: onset, one to three vowels, coda.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)
# Every upper-case letter the text may hold; a word of capitals starts with two of them, and
# scanning for a character set first is much faster than testing every word.
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isupper() and c.isalpha())
_WORD = re.compile(rf"[{_UPPER}](?<!\w[{_UPPER}])[{_UPPER}][^\W\d_]*(?!\w)")
_ROMAN_LOOKING = re.compile(r"[IVX]+")
# An all-caps word of emphasis ("nó KHEN tôi", "MUA 2 tặng 1"): a syllable with an onset or coda
# only Vietnamese spells (kh, ng, nh, ch, tr, gh, ph, th) or a three-letter vowel-final word.
_VIETNAMESE_SHAPE = re.compile(
    r"(?:kh|ngh|ng|nh|tr|gh|ph|th|ch)[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
    r"|(?:[bcdghklmnrstvx]|qu|gi)[aeiouy]{1,3}(?:ch|ng|nh)"
    r"|(?:[bdlmnrsv])(?:ua|ia|ưa|oa|oe|ai|ao|au|ay|oi|ui)"
)
# A photo credit's agency after "/": "Ảnh: Nguyễn Hùng/TTXVN" is a pause, not "trên".
_AGENCY_SLASH = re.compile(
    r"/(?=(?:TTXVN|VNA|AFP|AP|Reuters|Xinhua|Bloomberg|CNN|BBC|Kyodo)(?!\w))"
)
# A credit's byline: a credit word and its colon (``credit_words.txt``), then a capitalised name;
# a "/" after it is a pause before the agency ("Ảnh: Nhật Bắc/VGP", "Ảnh: Hồ Cầu/Vietnam+").
_BYLINE_NAME = rf"\s*:\s*(?:[{_UPPER}][\w.]*\s?){{1,4}}"


@functools.cache
def _credit_slash() -> re.Pattern[str]:
    """A "/" after the name of a credit's byline."""
    words = alternation(data_list("credit_words.txt"))
    return re.compile(rf"((?i:(?<!\w)(?:{words})){_BYLINE_NAME})/(?=[{_UPPER}\w])")


# "TP" after an amount's currency and "/" is a bond, never a city: "mệnh giá 100 triệu đồng/TP".
_BOND = re.compile(r"((?:đồng|VND|VNĐ|USD)/)TP(?![\w.])")
_TEAM = re.compile(rf"Đ(?<!\wĐ)T(?!\w)(?=\s+[{_UPPER}])")
# Letters and a number of 4+ digits joined by dashes, a registration ("BĐ-91234-TS").
_CODE = re.compile(
    r"[A-ZĐ](?<![\w/-][A-ZĐ])(?:[A-ZĐ]{0,3}-[0-9]{4,}(?:-[A-ZĐ]{1,4})?"
    r"|[A-Za-zĐđ]{0,3}[ -][0-9]{4,5}[ -]TS)(?![\w/-])"
)
# A capital letter after a word and before "(", "," or a lower-case word: a name's initial.
_INITIAL_DOT = re.compile(rf"(?<=\w )([{_UPPER}])\.(?=\s*[(,]|\s+[^\W\d_](?<![{_UPPER}]))")
# A code's number after the abbreviation, in digits or already in words ("QCVN 05:2023").
_CODE_AFTER = re.compile(r"\s*(?:[0-9]|(?:không|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)(?!\w))")
_OWN_WORDS = 2  # words of its reading that, said just before an abbreviation, make it spelled
# Single capitals joined by dots: "Washington D.C", "U.S." (never a full stop inside).
_DOTTED_LETTERS = re.compile(r"(?<![\w.])[A-ZĐ](?:\.[A-ZĐ])+\.?(?![\w.])")  # "Đ.V.T."
_SHORT_CODE = 3  # letters; a short entry glued by "-" to a number is a model's name ("TX-0")
_MODEL_NUMBER = re.compile(r"-[0-9]")
# A short entry glued by "-" to a Latin word that no Vietnamese syllable spells is a brand's name:
# "TP-Link" (never "thành phố Link"); "TP-Vinh", "TP-Huế" stay a city.
_BRAND_WORD = re.compile(r"-([A-Z][a-z]+)(?![\w-])")
# A letter named as a letter: "kí tự w" is "kí tự vê kép", "chữ y" "chữ i dài".
_NAMED_LETTER = re.compile(r"(?i:(?<!\w)((?:kí tự|ký tự|chữ cái|chữ)\s+))([a-zđ])(?!\w)")
_POINT_LETTER = re.compile(r"(?<!\w)[a-zđ](?!\w)")
_NEIGHBOUR = 24  # characters searched for the words beside an all-caps word
_WORD_LETTERS = "IVXY"  # Roman numerals, and "Y" of "Sở Y tế"
_LONE_CAPITAL = re.compile(rf"[{_UPPER}](?<!\w[{_UPPER}])(?!\w)")
_FOREIGN_NAME_AFTER = re.compile(rf"\.\s+([{_UPPER}][^\W\d_]+)")
# A run of titles joined by dots before a capitalised name: "GS.TS. Nguyễn", "BS.CKII Ngô".


@functools.cache
def _title_run() -> re.Pattern[str]:
    """Titles joined by dots before a capitalised name ("GS.TS. Nguyễn", "BS.CKII Ngô"), or two
    or more joined by dots anywhere ("PGS.TS")."""
    titles = data_table("titles.tsv")
    one = rf"(?:{alternation(titles)})(?![^\W_])"
    firsts = "".join(sorted({re.escape(key[0]) for key in titles}))
    return re.compile(
        rf"(?=[{firsts}])(?<![\w.])(?:({one}(?:\.{one})*)\.?(?=\s+[{_UPPER}])|({one}(?:\.{one})+)\.?(?!\w))"
    )


def _title_words(match: re.Match[str]) -> str:
    """A run of titles in words; the sentence's full stop kept when the run ends the text."""
    titles = data_table("titles.tsv")
    spoken = " ".join(titles[part] for part in (match[1] or match[2]).split("."))
    return f"{spoken}." if match[0].endswith(".") and match.end() == len(match.string) else spoken


def read_titles(text: str) -> str:
    """Titles before a name, alone or joined by dots: "PGS.TS. Trần B" -> "phó giáo sư tiến sĩ"."""
    return _title_run().sub(_title_words, text)


# Abbreviations printed against their number, each table with the digits it takes: "NV1" is
# "nguyện vọng 1", "KV2" "khu vực 2"; "(SN1992)" is "(sinh năm 1992)" (only a year: "mã SN1234"
# stays a code).
_GLUED_PREFIXES = (
    ("number_prefixes.tsv", r"[0-9]{1,2}"),
    ("year_prefixes.tsv", r"(?:19|20)[0-9]{2}"),
)


@functools.cache
def _glued_prefix(table: str, digits: str) -> re.Pattern[str]:
    """An abbreviation of ``table`` glued to a number of the shape ``digits``."""
    prefixes = alternation(data_table(table))
    return re.compile(rf"(?<![\w.])({prefixes})({digits})(?![\w/]|[.,][0-9])")


def _prefix_words(words: dict[str, str], match: re.Match[str]) -> str:
    """The abbreviation's words, then its number apart."""
    return f"{words[match[1]]} {match[2]}"


def read_glued_prefixes(text: str) -> str:
    """ "NV1" -> "nguyện vọng 1", "(SN1992)" -> "(sinh năm 1992)": the words, the number apart."""
    for table, digits in _GLUED_PREFIXES:
        speak = functools.partial(_prefix_words, data_table(table))
        text = _glued_prefix(table, digits).sub(speak, text)
    return text


def expand_abbreviations(text: str) -> str:
    """Known abbreviations (``abbreviations.tsv``) in words: "UBND" -> "ủy ban nhân dân"; "ĐT"
    before a name is a team ("ĐT Việt Nam"), elsewhere a telephone; "/" before a news agency
    is a pause ("Ảnh: Hùng/TTXVN"); "đồng/TP" is per bond."""
    text = _TEAM.sub("đội tuyển", _AGENCY_SLASH.sub(", ", text))
    text = _credit_slash().sub(r"\1, ", text) if "/" in text else text
    text = _BOND.sub(r"\1trái phiếu", text) if "/TP" in text else text
    table = abbreviation_table()
    pattern = whole_word_pattern(tuple(table))
    return pattern.sub(lambda match: _abbreviation(match, table), text) if pattern else text


@functools.cache
def abbreviation_table() -> dict[str, str]:
    """``abbreviations.tsv`` with each Trung ương body also under "TƯ" for its "TW" ("UVTƯ" is
    "UVTW", "BCHTƯ" is "BCHTW"): papers print both spellings."""
    table = data_table("abbreviations.tsv")
    twins = {
        key.replace("TW", "TƯ"): spoken
        for key, spoken in table.items()
        if "TW" in key and "trung ương" in spoken.lower()
    }
    return twins | table


def _abbreviation(match: re.Match[str], table: dict[str, str]) -> str:
    """One known abbreviation in words; spelled when it names a model ("TX-0", "MH-17"), right
    after its own words ("cộng tác viên CTV") or between English words ("The CTV team")."""
    word, spoken = match[0], table[match[0]]
    if word.isupper() and (
        (len(word) <= _SHORT_CODE and _MODEL_NUMBER.match(match.string, match.end()))
        or (len(word) <= _SHORT_CODE and _names_a_brand(match))
        or _after_own_words(match, spoken)
        or (_between_english(match) and not spoken[:1].isupper())
    ):
        return spell(word.rstrip("."))
    return keep_final_dot(match, spoken)


def _names_a_brand(match: re.Match[str]) -> bool:
    """Whether a Latin word that is no Vietnamese syllable follows after "-": "TP-Link"."""
    brand = _BRAND_WORD.match(match.string, match.end())
    return brand is not None and not is_syllable(brand[1])


def _after_own_words(match: re.Match[str], spoken: str) -> bool:
    """Whether the words just before the abbreviation (no bracket between) are the start of its
    reading: "cộng tác viên CTV", "thủ tục TTHC" would say the words twice. Not when it heads a
    code ("quy chuẩn QCVN 05:2023": the code's name is read)."""
    if _CODE_AFTER.match(match.string, match.end()):
        return False
    words = spoken.lower().split()
    before = match.string[max(0, match.start() - 2 * _NEIGHBOUR) : match.start()]
    if not before.endswith(" "):
        return False
    said = before.lower().split()
    return any(said[-size:] == words[:size] for size in range(_OWN_WORDS, len(words) + 1))


def _between_english(match: re.Match[str]) -> bool:
    """Whether an English function word stands beside the abbreviation and the other neighbour is
    an unaccented word too: "The CTV team will join us" (a name such as "VN" is still read)."""
    text = match.string
    before = text[max(0, match.start() - _NEIGHBOUR) : match.start()].split()[-1:]
    after = text[match.end() : match.end() + _NEIGHBOUR].split()[:1]
    words = [w.strip(".,;:!?\"'()").lower() for w in before + after]
    if len(words) != 2 or not all(w.isascii() and w.isalpha() for w in words):
        return False
    return any(w in _english_words() for w in words)


@functools.cache
def _english_words() -> frozenset[str]:
    """English function words that are no Vietnamese word (``english_words.txt``)."""
    return frozenset(data_list("english_words.txt"))


def read_codes(text: str) -> str:
    """Registration codes of letters and digits joined by dashes ("BĐ-91234-TS", "KG-90123-TS"):
    letters spelled, digits one by one."""
    return _CODE.sub(lambda m: ", ".join(_code_part(p) for p in re.split("[ -]", m[0])), text)


def _code_part(part: str) -> str:
    """One part of a registration code: digits one by one, letters by their names."""
    return " ".join(DIGIT_NAMES[int(d)] for d in part) if part.isdigit() else spell(part)


def _toneless(word: str) -> str:
    """``word`` in lower case without tone marks ("ĐIỆN" -> "điên")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    kept = "".join(c for c in decomposed if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", kept)


def is_syllable(word: str) -> bool:
    """True when ``word`` can be read as one Vietnamese syllable ("TIN", "ĐIỆN", not "UBND")."""
    return _SYLLABLE.fullmatch(_toneless(word)) is not None


def spell(letters: str) -> str:
    """Letters by their Vietnamese names: "BTTTT" -> "bê tê tê tê tê"; unknown letters kept."""
    names = data_table("letters.tsv")
    return " ".join(names.get(letter.upper(), letter) for letter in letters)


def _read_capital_word(match: re.Match[str]) -> str:
    """One word: lowered if it is an all-caps syllable, spelled if an all-caps abbreviation."""
    word = match[0]
    if not word.isupper() or (_ROMAN_LOOKING.fullmatch(word) and roman_value(word)):
        return word
    if not is_syllable(word):
        return spell(word)
    # A syllable without a Vietnamese letter or mark ("IOM", "BA") in mixed-case text is an
    # acronym; in an all-caps heading it is a word ("TIN TỨC", "BAN CHI DAO").
    if not word.isascii() or _in_capitals(match) or _VIETNAMESE_SHAPE.fullmatch(word.lower()):
        return word.lower()
    return spell(word)


def _in_capitals(match: re.Match[str]) -> bool:
    """Whether the word next to the match is all capitals too (an all-caps heading)."""
    text = match.string
    before = text[max(0, match.start() - _NEIGHBOUR) : match.start()].split()
    after = text[match.end() : match.end() + _NEIGHBOUR].split()
    return any(len(w) > 1 and w.isupper() for w in before[-1:] + after[:1])


def _read_lone_capital(match: re.Match[str]) -> str:
    """A capital letter standing alone ("loại A", "độ C") by its name ("anh M." "anh mờ", never
    "anh em", ``lone_letters.tsv``); "I", "V", "X" are left, unless a dot and a foreign name
    follow: the initial of a first name ("V. Putin"; "Chương V. Những" keeps its numeral)."""
    letter = match[0]
    if letter not in _WORD_LETTERS:
        return name_alone(letter)
    name = _FOREIGN_NAME_AFTER.match(match.string, match.end())
    return name_alone(letter) if name and not is_syllable(name[1]) else letter


# "V-Green", "X-Men", "I-Care": a numeral-looking capital joined by a dash to a word (already
# respelled in "V-áp") is a brand's prefix letter, read by its name; "Chương V-Quy định" (read by
# its trigger word before), "thế kỷ XIX-XX" and "giai đoạn I-2" keep their numerals.
_PREFIX_LETTER = re.compile(rf"(?<![\w.-])([{_WORD_LETTERS}])-(?=[^\W\d_]{{2}})")


def read_prefix_letters(text: str) -> str:
    """ "V-Green" as "vê Green": "I", "V", "X" before a dash and a capitalised word."""
    if "-" not in text:
        return text
    return _PREFIX_LETTER.sub(lambda match: f"{name_alone(match[1])} ", text)


def name_alone(letter: str) -> str:
    """A letter said on its own: "mờ" for M (``lone_letters.tsv``), else its name in letters.tsv."""
    return data_table("lone_letters.tsv").get(letter) or spell(letter)


@functools.cache
def _point_labels() -> re.Pattern[str]:
    """Lower-case letters labelling a legal text's points after "điểm" (``point_words.txt``):
    "điểm b khoản 4", "các điểm c, d và đ khoản 2"."""
    words = alternation(data_list("point_words.txt"))
    letter = r"[a-zđ](?!\w)"
    return re.compile(rf"(?i:(?<!\w)(?:{words}))\s+{letter}(?:\s*(?:,|và|hoặc)\s*{letter})*")


def _read_dotted_letters(match: re.Match[str]) -> str:
    """Capitals joined by dots ("D.C", "U.S.") spelled as one word; a last dot before the end of
    the text or a capital is kept as the full stop."""
    spoken = spell(match[0].replace(".", ""))
    rest = match.string[match.end() :].lstrip()
    ends = not rest or rest[0].isupper()
    return f"{spoken}." if match[0].endswith(".") and ends else spoken


def drop_initial_dots(text: str) -> str:
    """The dot after a name's initial inside a sentence ("Anh T. (30 tuổi)", "bà Nguyễn Thị H.,
    65 tuổi") is no full stop."""
    return _INITIAL_DOT.sub(r"\1", text)


def read_capitals(text: str) -> str:
    """All-caps words: a Vietnamese syllable is lowered ("TỈNH"), anything else is spelled.

    Roman numerals without a trigger word ("Thế chiến II") are left as written; a capital letter
    standing alone is read by its name.
    """
    text = _DOTTED_LETTERS.sub(_read_dotted_letters, text)
    text = _WORD.sub(_read_capital_word, text)
    text = _NAMED_LETTER.sub(lambda m: f"{m[1]}{spell(m[2])}", text)
    text = _point_labels().sub(lambda m: _POINT_LETTER.sub(lambda x: spell(x[0]), m[0]), text)
    return _LONE_CAPITAL.sub(_read_lone_capital, text)


@functools.cache
def _party_acronym() -> re.Pattern[str]:
    """A mixed-case acronym ("AfD", "PiS") right after a party word (``party_words.txt``)."""
    words = alternation(data_list("party_words.txt"))
    return re.compile(rf"((?i:(?<!\w)(?:{words}))\s+)([A-Z][a-z]{{1,2}}[A-Z])(?!\w)")


def read_party_acronyms(text: str) -> str:
    """Mixed-case party acronyms after "đảng", "liên minh": "đảng AfD" -> "đảng a ép dê"."""
    return _party_acronym().sub(lambda match: match[1] + spell(match[2]), text)
