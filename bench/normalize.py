"""Normalizer: shared cases passed (ours and sea-g2p, same comparison) and speed on the sample.

``python -m bench.normalize``; sea-g2p is compared only when installed (``pip install sea-g2p``).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from app.extract import extract
from app.speech.normalize import normalize
from bench.__main__ import SAMPLE
from tests.test_normalize import _cases, accepted


def passed(speak: Callable[[str], str]) -> tuple[int, list[str]]:
    """How many shared cases ``speak`` passes, and the inputs it fails."""
    failures = [src for src, expected in _cases() if not accepted(speak(src), expected)]
    return len(_cases()) - len(failures), failures


def best_ms(speak: Callable[[str], str], text: str, repeat: int = 20) -> float:
    """Fastest of ``repeat`` runs over ``text``, in milliseconds (after a warm-up)."""
    speak(text)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        speak(text)
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def main() -> int:
    """Print the side-by-side table."""
    article = extract(SAMPLE.read_bytes())
    text = "\n".join([article.title, article.text, *article.captions])
    rows: list[tuple[str, Callable[[str], str]]] = [("baonoi normalize", normalize)]
    try:
        from sea_g2p import Normalizer  # type: ignore[import-not-found]

        rows.append(("sea-g2p", Normalizer().normalize))
    except ImportError:
        print("sea-g2p is not installed: only ours is measured")
    print(f"\nNormalizer, {len(_cases())} shared cases; sample article {len(text.encode()):,} B")
    print(f"{'normalizer':18} {'passed':>8} {'best ms':>9}  failing inputs")
    for name, speak in rows:
        count, failures = passed(speak)
        print(
            f"{name:18} {count:4}/{len(_cases()):<3} {best_ms(speak, text):9.2f}  "
            f"{'; '.join(failures)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
