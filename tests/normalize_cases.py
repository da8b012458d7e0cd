"""Normalizer case files and the comparison rules from the header of cases.tsv.

Shared by the normalizer tests and ``bench.normalize``: ``comparable`` and ``accepted`` apply
the header's rules, ``shared_cases`` reads the shared corpus copy, ``visible_cases`` the visible
round-two set (``visible.tsv``, with a source note per line), ``examples`` the exact outputs
behind the behaviour-named tests.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).parent / "data" / "normalize"
CASES = DATA / "cases.tsv"
VISIBLE = DATA / "visible.tsv"
EXAMPLES = DATA / "examples.tsv"
ROUND3 = DATA / "round3.tsv"
ROUND4 = DATA / "round4.tsv"
ROUND5 = DATA / "round5.tsv"
ROUND6 = DATA / "round6.tsv"
ROUND7 = DATA / "round7.tsv"
ROUND8 = DATA / "round8.tsv"
ROUND9 = DATA / "round9.tsv"
ROUND10 = DATA / "round10.tsv"
ROUND11 = DATA / "round11.tsv"
ROUND12 = DATA / "round12.tsv"
ROUND13 = DATA / "round13.tsv"
ROUND14 = DATA / "round14.tsv"
ROUND15 = DATA / "round15.tsv"
ROUND16 = DATA / "round16.tsv"
ROUND17 = DATA / "round17.tsv"
ROUND18 = DATA / "round18.tsv"
ROUND19 = DATA / "round19.tsv"
ROUND20 = DATA / "round20.tsv"
ROUND21 = DATA / "round21.tsv"
ROUND22 = DATA / "round22.tsv"
ROUND23 = DATA / "round23.tsv"
ROUND24 = DATA / "round24.tsv"
ROUND25 = DATA / "round25.tsv"
ROUND26 = DATA / "round26.tsv"
ROUND27 = DATA / "round27.tsv"
ROUND28 = DATA / "round28.tsv"
ROUND29 = DATA / "round29.tsv"
ROUND30 = DATA / "round30.tsv"
ROUND31 = DATA / "round31.tsv"
ROUND32 = DATA / "round32.tsv"
ROUND33 = DATA / "round33.tsv"
ROUND34 = DATA / "round34.tsv"
ROUND35 = DATA / "round35.tsv"
ROUND36 = DATA / "round36.tsv"
ROUND37 = DATA / "round37.tsv"

_TONE_MARKS = {"\u0300": "2", "\u0301": "1", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
_SAME_WORDS = {"ngàn": "nghìn", "lẻ": "linh", "nhăm": "lăm", "mồng": "mùng"}


def _tone_free(word: str) -> str:
    """A syllable with its tone moved to the end, so "hoà" and "hòa" compare equal."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = "".join(_TONE_MARKS[c] for c in decomposed if c in _TONE_MARKS)
    base = "".join(c for c in decomposed if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", base) + tones


def comparable(text: str) -> str:
    """NFC, lower case, punctuation as space, one space, the header's spelling equivalences."""
    text = re.sub(r"[^\w\s]|_", " ", unicodedata.normalize("NFC", text).lower())
    words = [_SAME_WORDS.get(word, word) for word in text.split()]
    words = [
        "tư" if word == "bốn" and i and words[i - 1] == "mươi" else word
        for i, word in enumerate(words)
    ]
    return " ".join(_tone_free(word) for word in words)


_OPTIONS = re.compile(r" \| (?![^{}]*\})")  # " | " between whole readings, not inside a choice
_CHOICE = re.compile(r"\{([^{}]*)\}")


def readings(expected: str) -> list[str]:
    """Every reading an expected column accepts: its " | " alternatives, each "{a|b}" choice
    inside one taken every way ("tối {ngày |}tám" is "tối ngày tám" and "tối tám")."""
    found = []
    for option in _OPTIONS.split(expected):
        parts = _CHOICE.split(option)
        choices = [part.split("|") for part in parts[1::2]]
        for picked in itertools.product(*choices):
            words = [parts[0]]
            for choice, text in zip(picked, parts[2::2], strict=True):
                words += [choice, text]
            found.append("".join(words))
    return found


def accepted(output: str, expected: str) -> bool:
    """True when ``output`` matches one of the accepted ``readings``, or a "contains:" line."""
    if expected.startswith("contains:"):
        phrases = [comparable(p) for p in expected.removeprefix("contains:").split(";")]
        have = f" {comparable(output)} "
        return not re.search(r"[0-9]", output) and all(f" {p} " in have for p in phrases)
    target = comparable(output)
    return any(_reads(target, option) for option in _OPTIONS.split(expected))


def _reads(target: str, option: str) -> bool:
    """Whether one way of taking the choices of ``option`` reads ``target`` (a comparable text).

    The same answer as looking ``target`` up among ``readings``, without listing them all (one
    line's choices can multiply to millions): a partial reading is dropped as soon as its settled
    words (all but the last, which the next part may still lengthen) leave ``target``."""
    parts = _CHOICE.split(option)
    wanted = target.split()

    def walk(at: int, prefix: str) -> bool:
        if at == len(parts):
            return comparable(prefix) == target
        settled = comparable(prefix).split()[:-1]
        if settled != wanted[: len(settled)]:
            return False
        if at % 2 == 0:
            return walk(at + 1, prefix + parts[at])
        return any(walk(at + 1, prefix + choice) for choice in parts[at].split("|"))

    return walk(0, "")


def _rows(path: Path) -> list[list[str]]:
    """The tab-separated lines of a case file, comments and blank lines skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def shared_cases() -> list[tuple[str, str]]:
    """The (input, accepted outputs) lines of the shared case file."""
    return [(row[0], row[1]) for row in _rows(CASES)]


def visible_cases() -> list[tuple[str, str, str]]:
    """The (input, accepted outputs, source) lines of the visible round-two set."""
    return [(row[0], row[1], row[2]) for row in _rows(VISIBLE)]


def round3_cases() -> list[tuple[str, str, str]]:
    """The (input, accepted outputs, source) lines of the visible round-three set."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND3)]


def round4_cases() -> list[tuple[str, str, str]]:
    """The (input, accepted outputs, domain) lines of the visible round-four news set."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND4)]


def round5_cases() -> list[tuple[str, str, str]]:
    """The (input, accepted outputs, domain) lines of the visible round-five news set."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND5)]


def round6_cases() -> list[tuple[str, str, str]]:
    """The (input, accepted outputs, domain) lines of the visible round-six news set."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND6)]


def round7_cases() -> list[tuple[str, str, str]]:
    """The (input, accepted outputs, domain) lines of the visible round-seven news set."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND7)]


def round8_cases() -> list[tuple[str, str, str]]:
    """The (input, accepted outputs, domain) lines of the visible round-eight news set."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND8)]


def round9_cases() -> list[tuple[str, str, str]]:
    """The (input, accepted outputs, domain) lines of the visible round-nine news set."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND9)]


def round10_cases() -> list[tuple[str, str, str]]:
    """The (input, accepted outputs, domain) lines of the visible round-ten news set."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND10)]


def round11_cases() -> list[tuple[str, str, str]]:
    """The (input, accepted outputs, domain) lines of the visible round-eleven news set."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND11)]


def round12_cases() -> list[tuple[str, str, str]]:
    """The (input, accepted outputs, domain) lines of the visible round-twelve technology set."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND12)]


def round13_cases() -> list[tuple[str, str, str]]:
    """The (input, accepted outputs, domain) lines of the visible round-thirteen business set."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND13)]


def round14_cases() -> list[tuple[str, str, str]]:
    """The (input, accepted outputs, domain) lines of the visible round-fourteen news set."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND14)]


def round15_cases() -> list[tuple[str, str, str]]:
    """The (input, accepted outputs, domain) lines of the visible round-fifteen news set."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND15)]


def round16_cases() -> list[tuple[str, str, str]]:
    """The round-sixteen set: news in five domains, written in batches before each run."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND16)]


def round17_cases() -> list[tuple[str, str, str]]:
    """The (input, accepted outputs, domain) lines of the visible round-seventeen news set."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND17)]


def round18_cases() -> list[tuple[str, str, str]]:
    """The round-eighteen set: national news in five domains, written in batches of 40."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND18)]


def round19_cases() -> list[tuple[str, str, str]]:
    """The round-nineteen set: everyday news in five domains, written in batches before each run."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND19)]


def round20_cases() -> list[tuple[str, str, str]]:
    """The round-twenty set: provincial-portal news in five domains, written in batches of 40."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND20)]


def round21_cases() -> list[tuple[str, str, str]]:
    """The round-twenty-one set: everyday national news in five domains, in batches of 40."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND21)]


def round22_cases() -> list[tuple[str, str, str]]:
    """The round-twenty-two set: national online news in five domains, written in batches of 40."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND22)]


def round23_cases() -> list[tuple[str, str, str]]:
    """The round-twenty-three set: national and provincial news in five domains (culture and
    tourism, law, science and environment, diplomacy and defence, long mixed), batches of 40."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND23)]


def round24_cases() -> list[tuple[str, str, str]]:
    """The round-twenty-four set: northern provincial daily news in five domains (party
    building, agriculture and forestry, culture and society, security and order, long mixed),
    batches of 40."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND24)]


def round25_cases() -> list[tuple[str, str, str]]:
    """The round-twenty-five set: national online news in five domains (football, other sports,
    weather and disasters, medicine, long mixed), written in batches of 40."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND25)]


def round26_cases() -> list[tuple[str, str, str]]:
    """The round-twenty-six set: business and finance news in five domains (stocks, banking,
    corporate results, real estate, energy and commodities), written in batches of 40."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND26)]


def round27_cases() -> list[tuple[str, str, str]]:
    """The round-twenty-seven set: law and public-security news in five domains (courts, police
    reports, traffic, regulations, long mixed), written in batches of 40."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND27)]


def round28_cases() -> list[tuple[str, str, str]]:
    """The round-twenty-eight set: national online news in five domains (technology, science and
    space, world, schools, long mixed), written in batches of 40."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND28)]


def round29_cases() -> list[tuple[str, str, str]]:
    """The round-twenty-nine set: regional news of the Mekong Delta and the Central provinces in
    five domains (agriculture and prices, weather and water, traffic and transport, local
    government, long mixed), written in batches of 40."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND29)]


def round30_cases() -> list[tuple[str, str, str]]:
    """The round-thirty set: official national news in five domains (politics, diplomacy,
    economy, national assembly, long mixed), written in batches of 40."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND30)]


def round31_cases() -> list[tuple[str, str, str]]:
    """The round-thirty-one set: lifestyle and consumer news in five domains (entertainment,
    travel, food and consumer, cars and motorbikes, long mixed), written in batches of 40."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND31)]


def round32_cases() -> list[tuple[str, str, str]]:
    """The round-thirty-two set: policy news in five domains (salaries and pensions, insurance,
    jobs and labour, education policy, long mixed), written in batches of 40."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND32)]


def round33_cases() -> list[tuple[str, str, str]]:
    """The round-thirty-three set: the short pieces of news pages in five domains (headlines,
    briefs, photo captions, public notices, quoted speech), written in batches of 40."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND33)]


def round34_cases() -> list[tuple[str, str, str]]:
    """The round-thirty-four set: public-security and city news in five domains (crime, trials,
    traffic accidents, fire and rescue, long mixed), written in batches of 40."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND34)]


def round35_cases() -> list[tuple[str, str, str]]:
    """The round-thirty-five set: business pages in five domains (gold and currency, fuel and
    prices, stock market, trade and industry, long mixed), written in batches of 40."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND35)]


def round36_cases() -> list[tuple[str, str, str]]:
    """The round-thirty-six set: health and environment news in five domains (diseases and
    outbreaks, treatment and hospitals, nutrition and lifestyle, environment and pollution, long
    mixed), written in batches of 40."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND36)]


def round37_cases() -> list[tuple[str, str, str]]:
    """The round-thirty-seven set: the news pages of a mountainous northern province's portal in
    five domains (leadership activities, direction and administration, socio-economic reports,
    new countryside and poverty, long mixed), written in batches of 40."""
    return [(row[0], row[1], row[2]) for row in _rows(ROUND37)]


def round_sets() -> dict[str, list[tuple[str, str, str]]]:
    """Every numbered visible set by its column name ("round 3" … "round 37"), in order."""
    readers = (round3_cases, round4_cases, round5_cases, round6_cases, round7_cases)
    readers += (round8_cases, round9_cases, round10_cases, round11_cases, round12_cases)
    readers += (round13_cases, round14_cases, round15_cases, round16_cases, round17_cases)
    readers += (round18_cases, round19_cases, round20_cases, round21_cases, round22_cases)
    readers += (round23_cases, round24_cases, round25_cases, round26_cases, round27_cases)
    readers += (round28_cases, round29_cases, round30_cases, round31_cases, round32_cases)
    readers += (round33_cases, round34_cases, round35_cases, round36_cases)
    readers += (round37_cases,)
    return {f"round {_number(read.__name__)}": read() for read in readers}


def _number(reader: str) -> int:
    """The round a reader reads, from its name ("round21_cases" is 21): a set may come before
    the one numbered just under it."""
    return int(reader.removeprefix("round").removesuffix("_cases"))


def examples(behaviour: str) -> list[tuple[str, str]]:
    """The exact (written, spoken) examples of one behaviour from ``examples.tsv``."""
    found = [(row[1], row[2]) for row in _rows(EXAMPLES) if row[0] == behaviour]
    assert found, f"no examples for {behaviour}"
    return found


ABBREVIATIONS = Path(__file__).parents[1] / "app" / "data" / "normalize" / "abbreviations.tsv"


def section_entries(section: str) -> list[tuple[str, str]]:
    """The (written, spoken) entries of one "# --- <section>" of abbreviations.tsv, up to the
    next section."""
    entries: list[tuple[str, str]] = []
    inside = False
    for line in ABBREVIATIONS.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ---"):
            inside = line.startswith(f"# --- {section}")
            continue
        if inside and line and not line.startswith("#"):
            written, spoken = line.split("\t")
            entries.append((written, spoken))
    return entries


def plain_words(text: str) -> str:
    """Lower-case words without punctuation, to find a reading inside a sentence."""
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())
