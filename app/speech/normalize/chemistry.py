"""Chemical formulas spelled element by element: "2H2O" "hai hát hai ô", "NaCl" "nờ a xê lờ".

A token of element symbols (``chemical_elements.tsv``) is a formula with a count and oxygen or a
two-letter element ("CO2", "H2SO4"; not "H5N1", "F1", "K3"), from a first to a last element
("NaCl", "KBr"; not "MoMo", "GaN"), after a chemistry cue (``chemistry_cues.txt``) or beside "+" or
"→" in a reaction. Letters take their maths names (``formulas.letter_name``), and "→" between two
formulas is "tạo thành".
"""

from __future__ import annotations

import functools
import re

from app.speech.normalize.formulas import letter_name
from app.speech.normalize.numbers import read_int
from app.speech.normalize.tables import data_list, data_table

_REACTION = "tạo thành"  # "2H2 + O2 → 2H2O"
_CHEMICAL = re.compile(r"(?<![\w\-/.])([0-9]*)((?:[A-Z][a-z]?[0-9]*){1,12})(?![\w\-/])")
_ELEMENT = re.compile(r"([A-Z][a-z]?)([0-9]*)")
_REACTION_ARROW = re.compile(r"\s*(?:→|->|⟶)\s*")
_REACTION_PLUS = re.compile(r"\s*\+\s*")
# A lone two-letter element symbol in brackets ("asen (As)") or before a concentration
# ("Pb 0,5 mg/l"): the element, spelled; "(Mr)", "Hà Nội" and "Pb" elsewhere are left alone.
_LONE_ELEMENT = re.compile(
    r"(?<=\()([A-Z][a-z])(?=\))"
    r"|(?<![\w\-/.])([A-Z][a-z])(?=\s+[0-9][0-9.,]*\s*(?:mg|µg|μg|mcg|ppm|ppb)(?![^\W\d_]))"
)
_SUB_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_SUBSCRIPTED = re.compile(r"(?<![\w\-/.])[0-9]*(?:[A-Z][a-z]?[0-9₀-₉]*){1,12}(?![\w\-/])")


def _elements() -> dict[str, str]:
    """Chemical element symbols and where a formula has them (``chemical_elements.tsv``)."""
    return data_table("chemical_elements.tsv")


@functools.cache
def _chemistry_cue() -> re.Pattern[str]:
    """A chemistry cue word (``chemistry_cues.txt``) before the token, in the same sentence."""
    cues = "|".join(re.escape(c) for c in data_list("chemistry_cues.txt"))
    return re.compile(rf"(?i)(?<!\w)(?:{cues})(?!\w)[^.!?\n]*$")


def _chemical_parts(body: str) -> list[tuple[str, str]] | None:
    """A formula body as (element, count) pairs; None when a part is no element."""
    parts = _ELEMENT.findall(body)
    if "".join(e + n for e, n in parts) != body or any(e not in _elements() for e, _ in parts):
        return None
    return parts


def _is_chemical(match: re.Match[str]) -> bool:
    """A token of element symbols that is a chemical formula where it stands."""
    body = match[2]
    parts = _chemical_parts(body)
    if not parts or len(parts) < 2 and not parts[0][1]:
        return False
    letters = re.sub("[0-9]", "", body)
    if letters in data_table("abbreviations.tsv") or letters in data_table("units.tsv"):
        return False
    has_count = any(count for _, count in parts)
    two_letter = any(len(element) == 2 for element, _ in parts)
    if has_count and ("O" in letters or two_letter):
        return True  # "CO2", "H2SO4", "Fe2O3"; not "H5N1", "F1", "K3"
    roles = _elements()
    ends = roles[parts[0][0]] in ("first", "both") and roles[parts[-1][0]] in ("last", "both")
    if two_letter and ends and len({e for e, _ in parts}) > 1:
        return True  # "NaCl", "NaOH", "KBr"; not "MoMo", "PoS", "GaN"
    before = match.string[: match.start()]
    return bool(_chemistry_cue().search(before[-120:])) or _beside_reaction(match)


def _beside_reaction(match: re.Match[str]) -> bool:
    """Whether the token stands next to "+" or "→" in a reaction."""
    before = match.string[max(0, match.start() - 3) : match.start()]
    after = match.string[match.end() : match.end() + 3]
    return bool(re.search(r"[+→]\s*$", before) or re.match(r"\s*[+→]", after))


def _speak_chemical(match: re.Match[str]) -> str:
    """A chemical formula element by element: "2H2O" "hai hát hai ô", "NaCl" "nờ a xê lờ"."""
    words = [read_int(int(match[1]))] if match[1] else []
    for element, count in _ELEMENT.findall(match[2]):
        words.extend(letter_name(c) for c in element)
        if count:
            words.append(read_int(int(count)))
    return " ".join(words)


def read_chemistry(text: str) -> str:
    """Chemical formulas spelled element by element; "+" and "→" between two of them read."""
    if not any(c.isupper() for c in text):
        return text
    if any("₀" <= c <= "₉" for c in text):
        text = _SUBSCRIPTED.sub(_folded_if_chemical, text)
    text = _LONE_ELEMENT.sub(_spoken_lone_element, text)
    found = [m for m in _CHEMICAL.finditer(text) if _is_chemical(m)]
    if not found:
        return text
    pieces, position = [], 0
    for i, match in enumerate(found):
        gap = text[position : match.start()]
        if i and _REACTION_PLUS.fullmatch(gap):
            gap = " cộng "
        elif i and _REACTION_ARROW.fullmatch(gap):
            gap = f" {_REACTION} "
        pieces += [gap, _speak_chemical(match)]
        position = match.end()
    return "".join(pieces) + text[position:]


def _folded_if_chemical(match: re.Match[str]) -> str:
    """A formula printed with subscript digits ("CO₂", "NO₂") with plain ones, when it is a
    chemical formula where it stands; any other token keeps its subscripts ("V₁")."""
    folded = match[0].translate(_SUB_DIGITS)
    if folded == match[0]:
        return folded
    text = match.string[: match.start()] + folded + match.string[match.end() :]
    plain = _CHEMICAL.match(text, match.start())
    if plain and plain.end() == match.start() + len(folded) and _is_chemical(plain):
        return folded
    return match[0]


def _spoken_lone_element(match: re.Match[str]) -> str:
    """A lone element symbol spelled ("As" "a ét"), when it is one (``chemical_elements.tsv``)."""
    symbol = match[0]
    return " ".join(letter_name(c) for c in symbol) if symbol in _elements() else symbol
