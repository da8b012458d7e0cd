"""Normalizer: cases passed (ours and sea-g2p, same comparison) and speed on the sample.

``python -m bench.normalize`` runs the shared cases (``tests/data/normalize/cases.tsv``), the
visible round-two set (``visible.tsv``) and every numbered visible set (``round3.tsv`` on,
``round_sets``); sea-g2p is compared only when installed (``pip install
sea-g2p``). Under the table it prints how many tokens of every Vietnamese text we have fall to a
default reading (``bench.normalize_sweep``), by class, and its score on sea-g2p 0.10.0's own test
pairs (``bench.sea_suite``: the sdist is downloaded into a cache at run time, never copied here).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence

from app.extract import extract
from app.speech.normalize import normalize
from bench import sea_suite
from bench.__main__ import SAMPLE
from bench.normalize_sweep import by_class, sweep
from tests.normalize_cases import accepted, round_sets, shared_cases, visible_cases

Speak = Callable[[str], str]


def passed(speak: Speak, cases: Sequence[tuple[str, str]]) -> tuple[int, list[str]]:
    """How many ``cases`` ``speak`` passes, and the inputs it fails."""
    failures = [src for src, expected in cases if not accepted(speak(src), expected)]
    return len(cases) - len(failures), failures


def best_ms(speak: Speak, text: str, repeat: int = 20) -> float:
    """Fastest of ``repeat`` runs over ``text``, in milliseconds (after a warm-up)."""
    speak(text)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        speak(text)
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def _speakers() -> list[tuple[str, Speak]]:
    """Ours, and sea-g2p when it is installed."""
    rows: list[tuple[str, Speak]] = [("baonoi normalize", normalize)]
    try:
        from sea_g2p import Normalizer  # type: ignore[import-not-found]

        rows.append(("sea-g2p", Normalizer().normalize))
    except ImportError:
        print("sea-g2p is not installed: only ours is measured")
    return rows


def main() -> int:
    """Print the side-by-side table."""
    article = extract(SAMPLE.read_bytes())
    text = "\n".join([article.title, article.text, *article.captions])
    sets = {
        "shared": shared_cases(),
        "visible": [(src, expected) for src, expected, _ in visible_cases()],
        **{
            name: [(src, expected) for src, expected, _ in cases]
            for name, cases in round_sets().items()
        },
    }
    counts = ", ".join(f"{name} {len(cases)}" for name, cases in sets.items())
    print(f"\nNormalizer cases: {counts}; sample article {len(text.encode()):,} B")
    header = "".join(f" {name:>9} {'%':>6}" for name in sets)
    print(f"{'normalizer':18}{header} {'best ms':>8}  failing inputs (first 8)")
    for name, speak in _speakers():
        row, failures = "", []
        for cases in sets.values():
            count, missed = passed(speak, cases)
            row += f" {count:5}/{len(cases):<3} {100 * count / len(cases):6.1f}"
            failures += missed
        print(f"{name:18}{row} {best_ms(speak, text):8.2f}  {'; '.join(failures[:8])}")
    pairs = sea_suite.suite_pairs()
    if pairs:
        ours, agreed, errors = sea_suite.score(normalize)
        print(
            f"sea-g2p {sea_suite.VERSION}'s own suite (ours): {ours}/{len(pairs)} pass,"
            f" {len(agreed)} conventions kept on purpose (bench/sea_conventions.tsv),"
            f" {len(errors)} real errors (python -m bench.sea_suite lists them)"
        )
    classes = by_class(sweep())
    detail = ", ".join(f"{name} {count}" for name, count in classes.most_common())
    print(f"default readings on the sweep (ours): {sum(classes.values())} ({detail})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
