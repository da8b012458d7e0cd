"""The scoring both extraction benches share, and the reference extractors' plain readers.

The metric is the one the shared benchmark's README describes: 4-token shingles of ``\\w+``
tokens, per-page tp/fp/fn normalised by their sum, precision averaged over pages with a non-empty
prediction, recall over all pages, F1 the harmonic mean of the two averages; the ± is a bootstrap
standard deviation over pages. ``line_score`` applies it line by line, for sets that pin blocks
and not their order. ``bench.extraction`` (the 181-page benchmark) and ``bench.extraction_news``
(the news fixtures and the real news pages) both import from here, and not from each other.
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
SHINGLE = 4
BOOTSTRAP_ROUNDS = 1000

_TOKEN = re.compile(r"\w+")

Score = tuple[float, float, float]  # normalised (tp, fp, fn) of one page


@dataclass(frozen=True, slots=True)
class Quality:
    """Averaged precision and recall over pages, and their harmonic mean."""

    f1: float
    precision: float
    recall: float


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of n-token shingles of the text (a shorter text is one shingle)."""
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def page_score(truth: str, prediction: str) -> Score:
    """Shingle tp, fp and fn of one page, normalised by their sum."""
    true, pred = shingles(truth), shingles(prediction)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision_of(tp: float, fp: float, fn: float) -> float:
    """One page's precision (1 when nothing is wrong)."""
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def recall_of(tp: float, fp: float, fn: float) -> float:
    """One page's recall (1 when nothing is wrong)."""
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def quality(scores: Sequence[Score]) -> Quality:
    """Precision over pages with a prediction, recall over pages with a truth, and their F1."""
    precisions = [precision_of(*s) for s in scores if s[0] + s[1] > 0]
    recalls = [recall_of(*s) for s in scores if s[0] + s[2] > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    total = precision + recall
    return Quality(2 * precision * recall / total if total else 0.0, precision, recall)


def bootstrap_sd(scores: Sequence[Score], rounds: int = BOOTSTRAP_ROUNDS, seed: int = 0) -> float:
    """The standard deviation of F1 over pages drawn with replacement."""
    rng = random.Random(seed)
    f1s = [quality(rng.choices(scores, k=len(scores))).f1 for _ in range(rounds)]
    return statistics.stdev(f1s)


def line_shingles(text: str) -> Counter[tuple[str, ...]]:
    """The shingles of each line of the text, together."""
    total: Counter[tuple[str, ...]] = Counter()
    for line in text.splitlines():
        total.update(shingles(line) if line.strip() else Counter())
    return total


def line_score(truth: str, prediction: str) -> Score:
    """Line-by-line shingle tp, fp and fn of one page, normalised by their sum."""
    true, pred = line_shingles(truth), line_shingles(prediction)
    tp, fp, fn = (sum(c.values()) for c in (true & pred, pred - true, true - pred))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


# jusText's stoplist by the page's <html lang> (its language must be named); English otherwise.
JUSTEXT_STOPLISTS = {
    "vi": "Vietnamese",
    "en": "English",
    "ru": "Russian",
    "pt": "Portuguese",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
}
_LANG = re.compile(rb"<html[^>]*?\blang\s*=\s*[\"']?([a-zA-Z]{2})", re.IGNORECASE)


def justext_text() -> Callable[[bytes], str]:
    """jusText's plain text of a page: its paragraphs not classed as boilerplate."""
    import justext

    stoplists = {code: justext.get_stoplist(name) for code, name in JUSTEXT_STOPLISTS.items()}

    def run(html: bytes) -> str:
        match = _LANG.search(html[:4096])
        lang = match.group(1).decode().lower() if match else "en"
        stoplist = stoplists.get(lang, stoplists["en"])
        paragraphs = justext.justext(html, stoplist, encoding="utf-8")
        return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run
