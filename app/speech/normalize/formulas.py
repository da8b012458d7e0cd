"""Formulas read as a teacher reads them aloud: maths in running text, ``<math>`` markup, chemistry.

A run of formula-looking words ("E = mc²", "2x - 3", "∫sin x dx", "C(n,k) = n!/(k!(n-k)!)") is
read as maths only with a real formula context in it: a relation between two operands, a maths
symbol, a letter with a power or an index, a function name with its argument, a letter applied to
brackets ("f(x)"), a factorial before an operator, a spaced operator beside an algebraic term, or
"× 10" with a power. Inside it letters are variables with their maths names (``maths_letters.tsv``:
"mờ xê", "ca", "lờ"), "-" is "trừ" between operands and "âm" before one, "!" is "giai thừa",
"|x|" "giá trị tuyệt đối của ích". ``<math>…</math>`` is read as maths without its tags. Chemical
formulas take the same letter names (``chemistry``). Outside these contexts nothing changes: "F1",
"A4", "x" as a word.
"""

from __future__ import annotations

import functools
import re

from app.speech.normalize import vocab
from app.speech.normalize.acronyms import is_syllable
from app.speech.normalize.numbers import read_digits, read_int, read_number
from app.speech.normalize.tables import alternation, data_list, data_table

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ⁿˣⁱ"
SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉₊₋ᵢⱼₙₓₖₐ"
_FROM_SUPER = str.maketrans(SUPERSCRIPTS, "0123456789-+nxi")
_FROM_SUB = str.maketrans(SUBSCRIPTS, "0123456789+-ijnxka")
STRONG_SIGNS = "∫∮∂∈∉ℝℤℕℚℂ√∛∑Σ∏∃∀⇒⇔"  # any of these makes a formula
RELATIONS = "=<>≤≥≈≠→"  # between two operands they make a formula
_OTHER_SIGNS = "+-−–×·÷/^!|()∆Δ∞π±∓½⅓¼°"
_MATHS_CHARS = re.compile(
    rf"[A-Za-z0-9.,{SUPERSCRIPTS}{SUBSCRIPTS}{STRONG_SIGNS}{RELATIONS}{re.escape(_OTHER_SIGNS)}]+"
)
_CHUNK = re.compile(r"\S+")
_TRAILING = re.compile(r"[.,;:?]+$")
_SCIENTIFIC_CHUNK = re.compile(r"[-−]?[0-9][0-9.,]*[eE][-+−]?[0-9]+")
# An amount ending in a power of ten ("2×10^30", "10³⁰"): a unit after it is the amount's ("kg").
_POWER_OF_TEN_END = re.compile(rf"(?<![0-9])10(?:\^[-+−]?[0-9]{{1,3}}|[{SUPERSCRIPTS[:12]}]+)$")
_LABEL = re.compile(r"(?<![A-Za-z])([A-Za-z])_[A-Za-z0-9]+")  # "E_in", "x_1": a labelled letter
_TOKEN = re.compile(
    r"(?P<label>(?<=[A-Za-z])_[A-Za-z0-9]+)|"
    rf"(?P<num>[0-9]+(?:[.,][0-9]+)*)|(?P<sup>[{SUPERSCRIPTS}]+)|(?P<sub>[{SUBSCRIPTS}]+)"
    r"|(?P<word>[A-Za-z]+)|(?P<space>\s+)|(?P<sign>.)"
)
# A chunk that ends in a relation and a number ("B=0,6", "H=1,5"): a unit may follow it.
_RELATION_NUMBER_END = re.compile(rf"[{RELATIONS}][-−]?[0-9][0-9.,]*$")
_UNARY_BEFORE = frozenset(("op", "open", None))
_ABSOLUTE = "giá trị tuyệt đối của"
_FACTORIAL = "giai thừa"
_SQUARED = "bình phương"
_POWER = "mũ"
_MARKUP = re.compile(r"<math(?:\s[^>]*)?>(.*?)</math>", re.S)
_SENTENCE_END = re.compile(r"[.!?\n]")
# Functions read with a space before their argument ("sin x"); "tan", "lim", "log" are words too.
_SPACED_FUNCTIONS = frozenset(("sin", "cos", "tg", "cotg", "cot", "ln"))
_MAGNITUDE_WORDS = frozenset(("trăm", "nghìn", "ngàn", "vạn", "triệu", "tỷ", "tỉ"))
_SIGN_AFTER = re.compile(r"\s*[-+=<>−–]")
_GENERATION_X = re.compile(r"(?<![\w.,])([0-9]+(?:[.,][0-9]+)?)x(?![\w])(?!\s*[×x*]?\s*[0-9])")


def _letters() -> dict[str, str]:
    """Maths letter names (``maths_letters.tsv``)."""
    return data_table("maths_letters.tsv")


def _functions() -> dict[str, str]:
    """Function names and their readings (``maths_functions.tsv``)."""
    return data_table("maths_functions.tsv")


def letter_name(letter: str) -> str:
    """One Latin letter by its maths name: "x" "ích", "M" "mờ"."""
    return _letters().get(letter.lower(), letter)


def _sign_name(sign: str) -> str:
    """A sign inside a formula (``maths_signs.tsv``, then ``symbols.tsv``); "" for none."""
    return data_table("maths_signs.tsv").get(sign) or data_table("symbols.tsv").get(sign, "")


def _split_word(word: str) -> list[str]:
    """A letter run as function names and single letters: "2sinx" -> "sin", "ích"."""
    functions = _functions()
    if word.lower() in functions:
        return [functions[word.lower()]]
    for length in range(min(6, len(word) - 1), 1, -1):
        if word[:length] in functions:
            return [functions[word[:length]], *_split_word(word[length:])]
    return [letter_name(c) for c in word]


def _read_power(written: str) -> str:
    """A power in words: "2" "bình phương", "-34" "mũ trừ ba mươi tư", "n" "mũ nờ"."""
    if written == "2":
        return _SQUARED
    sign, rest = ("trừ ", written[1:]) if written.startswith("-") else ("", written.lstrip("+"))
    return f"{_POWER} {sign}{_read_index(rest)}"


def _read_index(written: str) -> str:
    """Digits as a number, letters by their maths names: "3" "ba", "ij" "i gi"."""
    parts = re.findall(r"[0-9]+|[^0-9]", written)
    return " ".join(read_int(int(p)) if p.isdigit() else letter_name(p) for p in parts)


def _read_number(written: str, mantissa: bool) -> str:
    """A number in a formula; long decimals (and a mantissa's) are read digit by digit."""
    whole, comma, decimals = written.partition(",")
    if comma and "," not in decimals and "." not in decimals and (mantissa or len(decimals) > 2):
        return f"{read_number(whole)} {vocab.DECIMAL_COMMA} {read_digits(decimals)}"
    return read_number(written)


def speak_formula(formula: str) -> str:
    """A formula in words: "b² - 4ac" -> "bê bình phương trừ bốn a xê"."""
    tokens = [(m.lastgroup or "sign", m[0]) for m in _TOKEN.finditer(formula)]
    solid = [(kind, value) for kind, value in tokens if kind != "space"]
    words: list[str] = []
    last: str | None = None  # "operand", "op", "open", or None at the start
    absolute_open = False
    for i, (kind, value) in enumerate(solid):
        after = solid[i + 1] if i + 1 < len(solid) else ("", "")
        before = solid[i - 1] if i else ("", "")
        if kind == "num":
            mantissa = after[1] in ("x", "×", "·") and solid[i + 2 : i + 3] == [("num", "10")]
            words.append(_read_number(value, mantissa))
            last = "operand"
        elif kind == "sup":
            words.append(_read_power(value.translate(_FROM_SUPER)))
            last = "operand"
        elif kind == "sub":
            words.append(_read_index(value.translate(_FROM_SUB)))
            last = "operand"
        elif kind == "label":
            label = value[1:]
            wordy = label.isalpha() and len(label) > 1
            words.append(label.lower() if wordy else _read_index(label))
            last = "operand"
        elif kind == "word":
            if value == "x" and before[0] == "num" and after[0] == "num":
                words.append(vocab.TIMES)
                last = "op"
            else:
                words.extend(_split_word(value))
                last = "operand"
        elif value in "([{":
            words.append(",")
            last = "open"
        elif value in ")]}":
            words.append(",")
            last = "operand"
        elif value == ",":
            words.append(",")
            last = "open"
        elif value == "|":
            words.append(_ABSOLUTE if not absolute_open and last in _UNARY_BEFORE else ",")
            absolute_open = not absolute_open
            last = "open" if absolute_open else "operand"
        elif value in "-−–" and last in _UNARY_BEFORE:
            words.append("trừ" if before[1] == "^" else vocab.MINUS)
            last = "op"
        elif value == "+" and before[1] == "^":
            last = "op"
        elif value == "!" and last == "operand":
            words.append(_FACTORIAL)
        else:
            spoken = _sign_name(value)
            if spoken:
                words.append(spoken)
            last = "op" if value not in "∞π∆Δℝℤℕℚℂ" else "operand"
    text = " ".join(words)
    text = re.sub(r"\s*,(?:\s*,)*", ",", text)
    return re.sub(r"\s*,\s*", ", ", text).strip(" ,")


@functools.cache
def _unit_words() -> frozenset[str]:
    """Units of ``units.tsv`` made of Latin letters (and their powers): "mol", "m²", "kg"."""
    return frozenset(u for u in data_table("units.tsv") if re.fullmatch(r"[A-Za-z]+[²³]?", u))


def _is_maths_chunk(core: str, after_number: bool) -> bool:
    """Whether one word can be part of a formula: maths characters, and letters that are
    variables, function names or short products ("mc", "4ac"), never a unit after a number."""
    core = _LABEL.sub(r"\1", core)
    if not core or not _MATHS_CHARS.fullmatch(core) or _SCIENTIFIC_CHUNK.fullmatch(core):
        return False
    runs = re.findall(r"[A-Za-z]+", core)
    glued = re.fullmatch(r"[0-9][0-9.,]*(?:[-–][0-9][0-9.,]*)?([A-Za-z]+[²³])", core)
    if glued and glued[1] in _unit_words():
        return False  # "120m²", "50cm³": an amount with its unit, read by the unit rules
    unit = re.match(rf"([A-Za-z]+)(?:[\^{SUPERSCRIPTS}]|$)", core)
    if unit and unit[1] in _unit_words() and (after_number or len(unit[1]) > 1 and unit[0] != core):
        return False  # "5 kg", "6.022e23 mol^-1", "m/s²": a unit, read by the unit rules
    if "/" in core and runs and all(run in _unit_words() for run in runs):
        return False  # "km/h"
    functions = _functions()
    if core.isascii() and core.isalpha():
        return (
            len(core) == 1
            or core.lower() in functions
            or (core.islower() and len(core) == 2 and not is_syllable(core))
            or (core.islower() and len(core) == 3 and not re.search("[aeiouy]", core))
        )
    for run in runs:
        if run.lower() in functions or (run[:-1] in functions and run[-1] in "xyz"):
            continue
        if len(run) > 4 or (len(run) > 1 and not run.islower()):
            return False
        if len(run) > 2 and is_syllable(run):
            return False  # a word: "sinh/sinh viên"
    return True


@functools.cache
def _triggers() -> re.Pattern[str]:
    """The shapes that make a run of maths words a formula (see the module docstring)."""
    names = "|".join(sorted(_functions(), key=len, reverse=True))
    spaced = "|".join(sorted(_SPACED_FUNCTIONS, key=len, reverse=True))
    return re.compile(
        rf"[{STRONG_SIGNS}]"
        rf"|[A-Za-z][{SUPERSCRIPTS}]|[0-9][ⁿˣⁱ]|[A-Za-z]\^|[A-Za-z)][{SUBSCRIPTS}]"
        rf"|(?<![A-Za-z])(?:{names})(?=[(0-9{SUPERSCRIPTS}]|[xyz](?![a-z]))"
        rf"|(?<![A-Za-z])(?:{spaced}) [A-Za-z](?![A-Za-z])"
        r"|(?<![A-Za-z])[A-Za-z]\([^()\s]{1,12}\)"
        r"|[0-9A-Za-z)]!(?=[=)/+\-−×·(])"
        r"|[∆Δ][A-Za-z]|[A-Za-z]\s?[∆Δ]"
        rf"|[0-9] ?[x×·] ?10(?:[{SUPERSCRIPTS}]|\^)"
    )


_OPERAND_TERM = re.compile(rf"[0-9]*[a-z]{{1,3}}[{SUPERSCRIPTS}]*|[0-9]+[{SUPERSCRIPTS}]*")
_TIME_LETTERS = frozenset(("h", "g", "p", "tr", "k"))  # "6h", "7g", "15p", "5tr", "10k"
_SPACED_OPERATOR = re.compile(r"(\S+) [-+−×·] (\S+)")


def _is_variable_term(term: str) -> bool:
    """A term with a variable: "x", "2x", "4ac", "b²"; not an amount with its unit "6h", "5kg"."""
    letters = "".join(re.findall("[a-z]", term))
    if not letters:
        return False
    return not (term[0].isdigit() and (letters in _unit_words() or letters in _TIME_LETTERS))


def _has_relation(span: str) -> bool:
    """A relation sign with an operand on each side inside the span ("x > 5", not "> 60" nor
    "(< 2,6": an opening bracket is no operand)."""
    inner = span.strip().lstrip("([")
    if not inner:
        return False
    return any(sign in inner[1:-1] for sign in RELATIONS if sign not in (inner[0], inner[-1]))


def _has_algebra(span: str) -> bool:
    """A spaced operator beside a lower-case algebraic term: "2x - 3", "x - a", "b² - 4ac"."""
    for match in _SPACED_OPERATOR.finditer(span):
        terms = (match[1], match[2])
        if all(_OPERAND_TERM.fullmatch(t) for t in terms) and any(
            _is_variable_term(t) for t in terms
        ):
            return True
    return False


def is_formula(span: str) -> bool:
    """Whether a run of maths words holds a real formula context."""
    return bool(_triggers().search(span)) or _has_relation(span) or _has_algebra(span)


def _spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every run of maths words, trailing sentence punctuation left out; a
    number followed by its unit ("h = 2 m") is left to the unit rules."""
    spans: list[tuple[int, int]] = []
    ends: list[int] = []  # where each word of the current run ends
    start = -1
    previous_number = False
    for match in _CHUNK.finditer(text):
        core = _TRAILING.sub("", match[0])
        if _is_maths_chunk(core, previous_number):
            if start < 0:
                start, ends = match.start(), []
            ends.append(match.start() + len(core))
            if core != match[0]:
                spans.append((start, ends[-1]))
                start = -1
        elif start >= 0:
            unit_follows = previous_number and _is_maths_chunk(core, False)
            if unit_follows and len(ends) > 1:
                spans.append((start, ends[-2]))
            elif not unit_follows:
                spans.append((start, ends[-1]))
            start = -1
        previous_number = bool(
            re.fullmatch(r"[(\[]?[0-9.,]+(?:[-–][0-9][0-9.,]*)?", core)  # "45", "(45-70" (m²)
            or _RELATION_NUMBER_END.search(core)  # "B=0,6 m": the number of a relation
            or _SCIENTIFIC_CHUNK.fullmatch(core)
            or _POWER_OF_TEN_END.search(core)
            or core.lower() in _MAGNITUDE_WORDS  # "1,2 triệu m²": the amount's magnitude
        )
    if start >= 0:
        spans.append((start, ends[-1]))
    return spans


def _variables(formula: str) -> set[str]:
    """The one-letter variables of a formula: "x" of "f(x) = 2x"."""
    plain = formula.translate(_FROM_SUPER).translate(_FROM_SUB)
    return {m[0] for m in re.finditer(r"(?<![A-Za-z])[a-z](?![A-Za-z])", plain)}


def read_formulas(text: str) -> str:
    """Formulas in running text in words; a variable of a formula named again later in the
    same sentence ("Σ(1/2ⁿ) khi n tiến ra vô cùng") is read by its maths name too."""
    if not (any(c in text for c in RELATIONS) or _triggers().search(text) or _has_algebra(text)):
        return text
    pieces: list[str] = []
    position = 0
    named: set[str] = set()
    for start, end in _spans(text):
        formula = text[start:end]
        if not is_formula(formula):
            continue
        gap = text[position:start]
        pieces.append(_name_variables(gap, named))
        if _SENTENCE_END.search(gap):
            named = set()
        pieces.append(speak_formula(formula))
        named |= _variables(formula)
        position = end
    rest = text[position:]
    end_of_sentence = _SENTENCE_END.search(rest)
    cut = end_of_sentence.start() if end_of_sentence else len(rest)
    pieces.append(_name_variables(rest[:cut], named) + rest[cut:])
    return "".join(pieces)


def _name_variables(prose: str, named: set[str]) -> str:
    """Lone lower-case letters of ``prose`` that are variables named in a formula before it."""
    if not named:
        return prose
    return re.sub(
        r"(?<![\w])([a-z])(?![\w])", lambda m: letter_name(m[1]) if m[1] in named else m[1], prose
    )


def read_math_markup(text: str) -> str:
    """``<math>b² - 4ac</math>`` as the formula in words, without the tags."""
    if "<math" not in text:
        return text
    return _MARKUP.sub(lambda m: f" {speak_formula(m[1].strip())} ", text)


@functools.cache
def _multiple_cue() -> re.Pattern[str]:
    """A word of ``multiple_cues.txt`` ending within a few words before the number."""
    cues = alternation(data_list("multiple_cues.txt"))
    return re.compile(rf"(?i:(?<!\w)(?:{cues}))(?:\s+\S+){{0,3}}\s+$")


def _glued_x(match: re.Match[str]) -> str:
    """ "lần" after a decimal, a number of two digits or more or a multiple cue ("P/B 5,2x",
    "100x", "zoom 3x"), unless a sign follows; else the letter ("thế hệ 8x": "tám ích")."""
    number, text = match[1], match.string
    if not _SIGN_AFTER.match(text, match.end()) and (
        not number.isdigit()
        or len(number) > 1
        or _multiple_cue().search(text, max(0, match.start() - 30), match.start())
    ):
        return f"{number} lần"
    return f"{number} {letter_name('x')}"


def read_generation_x(text: str) -> str:
    """A number with "x" glued after it and no factor after: a multiple ("P/B 5,2x", "zoom 3x")
    read "lần", else a generation ("8x") read "tám ích"."""
    return _GENERATION_X.sub(_glued_x, text) if "x" in text else text
