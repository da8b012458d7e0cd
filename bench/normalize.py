"""Normalizer: cases passed (ours and sea-g2p, same comparison) and speed on the sample.

``python -m bench.normalize`` runs the shared cases (``tests/data/normalize/cases.tsv``), the
visible round-two set (``visible.tsv``), the round-three set, the round-four news set
(``round4.tsv``), the round-five news set (``round5.tsv``), the round-six news set
(``round6.tsv``), round seven (``round7.tsv``), round eight (``round8.tsv``) and round nine
(``round9.tsv``); sea-g2p is compared only when installed (``pip install sea-g2p``). Under the
table it prints how many tokens of every Vietnamese text we have fall to a default reading
(``bench.normalize_sweep``), by class, and its score on sea-g2p 0.10.0's own test pairs
(``bench.sea_suite``: the sdist is downloaded into a cache at run time, never copied here).
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
from tests.normalize_cases import (
    accepted,
    round3_cases,
    round4_cases,
    round5_cases,
    round6_cases,
    round7_cases,
    round8_cases,
    round9_cases,
    shared_cases,
    visible_cases,
)

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
    shared = shared_cases()
    visible = [(src, expected) for src, expected, _ in visible_cases()]
    round3 = [(src, expected) for src, expected, _ in round3_cases()]
    round4 = [(src, expected) for src, expected, _ in round4_cases()]
    round5 = [(src, expected) for src, expected, _ in round5_cases()]
    round6 = [(src, expected) for src, expected, _ in round6_cases()]
    round7 = [(src, expected) for src, expected, _ in round7_cases()]
    round8 = [(src, expected) for src, expected, _ in round8_cases()]
    round9 = [(src, expected) for src, expected, _ in round9_cases()]
    print(
        f"\nNormalizer: {len(shared)} shared cases, {len(visible)} visible round-two cases,"
        f" {len(round3)} round-three cases, {len(round4)} round-four news cases,"
        f" {len(round5)} round-five news cases, {len(round6)} round-six news cases,"
        f" {len(round7)} round-seven, {len(round8)} round-eight news cases,"
        f" {len(round9)} round-nine news cases;"
        f" sample article {len(text.encode()):,} B"
    )
    print(
        f"{'normalizer':18} {'shared':>8} {'visible':>9} {'round 3':>9} {'%':>6}"
        f" {'round 4':>9} {'%':>6} {'round 5':>9} {'%':>6} {'round 6':>9} {'%':>6}"
        f" {'round 7':>9} {'%':>6}"
        f" {'round 8':>9} {'%':>6}"
        f" {'round 9':>9} {'%':>6}"
        f" {'best ms':>8}  failing inputs (first 8)"
    )
    for name, speak in _speakers():
        ours, shared_failures = passed(speak, shared)
        seen, visible_failures = passed(speak, visible)
        third, round3_failures = passed(speak, round3)
        fourth, round4_failures = passed(speak, round4)
        fifth, round5_failures = passed(speak, round5)
        sixth, round6_failures = passed(speak, round6)
        seventh, round7_failures = passed(speak, round7)
        eighth, round8_failures = passed(speak, round8)
        ninth, round9_failures = passed(speak, round9)
        failures = (
            shared_failures
            + visible_failures
            + round3_failures
            + round4_failures
            + round5_failures
            + round6_failures
            + round7_failures
            + round8_failures
            + round9_failures
        )
        print(
            f"{name:18} {ours:4}/{len(shared):<3} {seen:5}/{len(visible):<3}"
            f" {third:5}/{len(round3):<3} {100 * third / len(round3):6.1f}"
            f" {fourth:5}/{len(round4):<3} {100 * fourth / len(round4):6.1f}"
            f" {fifth:5}/{len(round5):<3} {100 * fifth / len(round5):6.1f}"
            f" {sixth:5}/{len(round6):<3} {100 * sixth / len(round6):6.1f}"
            f" {seventh:5}/{len(round7):<3} {100 * seventh / len(round7):6.1f}"
            f" {eighth:5}/{len(round8):<3} {100 * eighth / len(round8):6.1f}"
            f" {ninth:5}/{len(round9):<3} {100 * ninth / len(round9):6.1f}"
            f" {best_ms(speak, text):8.2f}  {'; '.join(failures[:8])}"
        )
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
