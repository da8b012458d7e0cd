"""The normalizer's long tail: what falls to a default reading over every Vietnamese text we have.

``python -m bench.normalize_sweep`` runs the normalizer over the corpus pages
(``../shared/corpus``), the page fixtures (``tests/data``), the visible case sets and the sample
article, and counts the tokens with digits, Latin capitals or symbols that no rule took and that
reach a default instead, by class:

- ``capitals spelled``: an all-caps word no table names, spelled letter by letter;
- ``lone capital``: a capital letter standing alone, read by its name or left;
- ``letters beside digits``: a token of letters and digits no rule read ("X5", "B52");
- ``slash as trên``: a "/" no rule read, said "trên" by the symbol table;
- ``symbol dropped``: a symbol no table reads, dropped silently (quotes and bullets are silent by
  design and not counted);
- ``odd number``: digits in a shape no number rule knows, read group by group;
- ``mixed-case word``: a word with a capital inside ("iPad", "UPCoM") left as written.

``bench.normalize`` prints the total next to its scores, so the next person sees the tail shrink.
"""

from __future__ import annotations

import gzip
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import app.speech.normalize as normalizer
from app.extract import extract
from app.speech.normalize import acronyms, numbers, quantities
from app.speech.normalize.tables import data_table

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CASE_FILES = ("cases.tsv", "visible.tsv", "round3.tsv", "round4.tsv")
_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")
_SENTENCE = re.compile(r"[\w\s.,;:?!]")
_MIXED_CASE = re.compile(r"(?<!\w)[^\W\d_]*[a-zđ][^\W\d_]*[A-ZĐ][^\W\d_]*(?!\w)")
_DASHES = frozenset("-–—")
_SILENT = frozenset("\"“”‘’'•·")  # quotes and bullets have no reading: dropping them is the rule


def _page_texts(path: Path) -> Iterator[str]:
    """The title, text and captions of one saved page, if it is Vietnamese."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    try:
        article = extract(raw)
    except Exception:  # a page the extractor refuses is no text to sweep  # noqa: BLE001
        return
    text = "\n".join([article.title, article.text, *article.captions])
    if len(_VIETNAMESE.findall(text.lower())) > len(text) // 50:
        yield text


def sweep_texts() -> list[str]:
    """Every Vietnamese text we have: pages, fixtures, case inputs and the sample article."""
    pages = sorted(CORPUS.rglob("*.html")) + sorted(CORPUS.rglob("*.html.gz"))
    pages += sorted((ROOT / "tests" / "data").rglob("*.html"))
    pages.append(ROOT / "app" / "demo" / "backan-2021-09-21-chat-luong-to-chuc-dang.html")
    texts = [text for page in pages if page.is_file() for text in _page_texts(page)]
    for name in CASE_FILES:
        path = ROOT / "tests" / "data" / "normalize" / name
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            texts += [line.split("\t")[0] for line in lines if line and not line.startswith("#")]
    return texts


def _before_capitals(text: str, found: Counter[tuple[str, str]]) -> None:
    """All-caps words about to be spelled, and lone capitals about to be named."""
    for match in acronyms._WORD.finditer(text):
        word = match[0]
        if acronyms._read_capital_word(match) == acronyms.spell(word):
            found["capitals spelled", word] += 1
    letters = data_table("letters.tsv")
    for match in acronyms._LONE_CAPITAL.finditer(text):
        if match[0] in letters and match[0] != "Y":  # "Ở", "Á", "Y tế" are words
            found["lone capital", match[0]] += 1


def _before_symbols(text: str, found: Counter[tuple[str, str]]) -> None:
    """Slashes about to be said "trên" and symbols about to be dropped."""
    symbols = data_table("symbols.tsv")
    for char in text:
        if char == "/":
            found["slash as trên", "/"] += 1
        elif not _SENTENCE.match(char) and char not in symbols and char not in _DASHES | _SILENT:
            found["symbol dropped", char] += 1


def _before_numbers(text: str, found: Counter[tuple[str, str]]) -> None:
    """Numbers in a shape the number rule reads only group by group."""
    for match in quantities._NUMBER_TOKEN.finditer(text):
        token = match[0]
        known = (numbers._THOUSANDS, numbers._PLAIN, numbers._DOTTED_PAIR)
        if not any(pattern.fullmatch(token) for pattern in known):
            found["odd number", token] += 1


def _before_split(text: str, found: Counter[tuple[str, str]]) -> None:
    """Tokens of letters and digits no earlier rule read."""
    for match in quantities._MIXED_TOKEN.finditer(text):
        found["letters beside digits", match[0]] += 1


_WATCH = {
    "read_capitals": _before_capitals,
    "read_symbols": _before_symbols,
    "read_numbers": _before_numbers,
    "split_letters_from_digits": _before_split,
}


def defaults(text: str, found: Counter[tuple[str, str]]) -> str:
    """Normalize ``text`` rule by rule, counting in ``found`` what reaches a default."""
    for rule in normalizer._RULES:
        watch = _WATCH.get(rule.__name__)
        if watch is not None:
            watch(text, found)
        text = rule(text)
    for match in _MIXED_CASE.finditer(text):
        found["mixed-case word", match[0]] += 1
    return text


def sweep() -> Counter[tuple[str, str]]:
    """(class, token) -> how often it fell to a default over every text we have."""
    found: Counter[tuple[str, str]] = Counter()
    for text in sweep_texts():
        defaults(text, found)
    return found


def by_class(found: Counter[tuple[str, str]]) -> Counter[str]:
    """Default readings per class."""
    classes: Counter[str] = Counter()
    for (name, _), count in found.items():
        classes[name] += count
    return classes


def main() -> int:
    """Print the default readings by class, with the most frequent tokens of each."""
    found = sweep()
    classes = by_class(found)
    print(f"\nDefault readings over {len(sweep_texts())} texts: {sum(classes.values())}")
    for name, count in classes.most_common():
        tokens = sorted(
            ((t, c) for (n, t), c in found.items() if n == name), key=lambda p: (-p[1], p[0])
        )
        top = ", ".join(f"{t} {c}" for t, c in tokens[:15])
        print(f"  {name:24} {count:5}  {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
