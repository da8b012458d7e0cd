"""Document numbers: "05-CT/TW", "15/2021/NĐ-CP", "26/2020/TT-BTTTT", "1234/QĐ-UBND"."""

from __future__ import annotations

import re

from app.speech.normalize import vocab
from app.speech.normalize.acronyms import abbreviation_table, spell
from app.speech.normalize.numbers import read_digits, read_int, read_whole
from app.speech.normalize.tables import data_table

_CODE_PART = r"[A-ZĐ][A-Za-zĐđƯ0-9&]*"
_DOCUMENT = re.compile(
    r"([0-9](?<![\w/.,][0-9])[0-9]*)(?:/([0-9]{4}))?[-/]"
    rf"([A-ZĐ]{{2}}[A-Za-zĐđƯ0-9&]*(?:[-/]{_CODE_PART})*)(?![\w/-])"
)
_PART_PIECES = re.compile(r"[0-9]+|[^0-9]+")
# A document type standing alone before "số": "QĐ số 12", "theo CV số 318" ("chụp CT 512" is no
# directive; the types that are never anything else are in abbreviations.tsv).
_DOCUMENT_TYPES = ("CT", "NĐ", "QĐ", "NQ", "TT", "KL", "HD", "KH", "BC", "TB", "TTr", "CV", "QC")
_DOCUMENT_TYPE = re.compile(rf"(?<![\w/-])({'|'.join(_DOCUMENT_TYPES)})(?=\s+(?i:số)\b)(?![\w/-])")
# A standard and its year: "TCVN 5574:2018", "QCVN 05:2023/BTNMT", "ISO 9001:2015".
_STANDARD = re.compile(
    r"(QCVN|TCVN|ISO|IEC|TCN)\s+([0-9]+(?:[-.][0-9]+)*):([12][0-9]{3})(?:/([A-ZĐ][A-Za-zĐđ&]*))?(?![\w/])"
)
# A form's number: "mẫu số 01-TT", "Mẫu 02/TNCN" (its letters are no document type).
_FORM_BEFORE = re.compile(r"(?<!\w)(?i:mẫu)(?:\s+(?i:số))?\s+$")
_LONGEST_CODE = 8  # letters; longer runs are not looked up as one code
# The two words naming a document right before its number ("Quy định số 144-QĐ/TW"): when their
# initials are the code's type, the code reads as the words written ("quy định", not the table's
# "quyết định" for "QĐ").
_TYPE_NAMED_BEFORE = re.compile(r"(?<!\w)([^\W\d_]+)\s+([^\W\d_]+)(?:\s+(?i:số))?\s+$")


def _known_codes() -> dict[str, str]:
    """Document codes, then abbreviations, both as one lookup (document codes win)."""
    return abbreviation_table() | data_table("document_codes.tsv")


def _split_known(letters: str, known: dict[str, str]) -> list[str] | None:
    """``letters`` as the fewest known codes of 2+ letters ("BTGTW" -> "BTG", "TW"), or None."""
    best: list[list[str] | None] = [[]] + [None] * len(letters)
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - _LONGEST_CODE), end - 1):
            head, piece = best[start], letters[start:end]
            if head is not None and piece in known:
                candidate = [*head, piece]
                if best[end] is None or len(candidate) < len(best[end] or ()):
                    best[end] = candidate
    return best[-1]


def _department(letters: str, known: dict[str, str]) -> str | None:
    """A province department named after its ministry: "SNV" "sở nội vụ" as "BNV" "bộ nội vụ"."""
    ministry = known.get(f"B{letters[1:]}", "") if letters.startswith("S") else ""
    return f"sở{ministry[2:]}" if ministry.startswith("bộ ") else None


def _read_code_letters(letters: str) -> str:
    """Letters of a document code: known codes (alone or run together), a department named after
    its ministry, else spelled out."""
    known = _known_codes()
    if letters not in known and (department := _department(letters, known)):
        return department
    pieces = [letters] if letters in known else _split_known(letters, known)
    return " ".join(known[piece] for piece in pieces) if pieces else spell(letters)


def _read_code_part(part: str) -> str:
    """One part of a document code; letters and numbers apart ("QH15" -> "quốc hội mười lăm")."""
    if part in data_table("document_codes.tsv"):
        return data_table("document_codes.tsv")[part]
    pieces = _PART_PIECES.findall(part)
    return " ".join(read_int(int(p)) if p.isdigit() else _read_code_letters(p) for p in pieces)


def _read_document(match: re.Match[str]) -> str:
    """The number in words, "năm" and the year if given, then the code read part by part; after
    "mẫu" a form's one short code names no document type ("mẫu số 01-TT": "tê tê")."""
    words = [read_whole(match[1].lstrip("0") or "0")]
    if match[2]:
        words += [vocab.YEAR, read_whole(match[2])]
    parts = re.split(r"[-/]", match[3])
    if len(parts) == 1 and parts[0] in data_table("document_codes.tsv") and len(parts[0]) <= 3:
        if _FORM_BEFORE.search(match.string, max(0, match.start() - 12), match.start()):
            return " ".join([*words, spell(parts[0])])
    spoken = [_read_code_part(part) for part in parts]
    if named := _named_type(match.string, match.start(), parts[0]):
        spoken[0] = named
    return " ".join([*words, *spoken])


def _named_type(text: str, start: int, code: str) -> str | None:
    """The two words before a document number, lower case, when their initials spell ``code``."""
    named = _TYPE_NAMED_BEFORE.search(text, max(0, start - 30), start)
    if not named or f"{named[1][0]}{named[2][0]}".upper() != code:
        return None
    return f"{named[1]} {named[2]}".lower()


def read_document_numbers(text: str) -> str:
    """Document numbers as words; "/" and "-" inside them are silent."""
    return _DOCUMENT.sub(_read_document, text)


def read_document_types(text: str) -> str:
    """A document type standing alone before its number, as its code reads it ("QĐ số 12")."""
    return _DOCUMENT_TYPE.sub(lambda match: data_table("document_codes.tsv")[match[1]], text)


def _standard(match: re.Match[str]) -> str:
    """ "TCVN 5574:2018" as "TCVN 5574 năm 2018", its issuing body read as a code."""
    parts = re.split(r"[-.]", match[2])
    number = " ".join(read_digits(p) if p.startswith("0") else read_whole(p) for p in parts)
    words = [match[1], number, vocab.YEAR, read_whole(match[3])]
    if match[4]:
        words.append(_read_code_part(match[4]))
    return " ".join(words)


def read_standards(text: str) -> str:
    """Standards with their year: "QCVN 05:2023/BTNMT", "ISO 9001:2015"."""
    return _STANDARD.sub(_standard, text)
