"""What one lexicon change costs: engine calls for the sample article, and finding what changed.

``python -m bench.lexicon [--articles 2000]``

1. The sample article (``app/demo``) made from an empty sentence cache (a full re-make), then one
   entry ("Bắc Kạn" -> "bắc cạn") saved through ``app.pronunciation.save_entry``: the engine's
   calls (a counting wrapper around eSpeak NG) and seconds of each, side by side.
2. ``--articles`` stored articles (copies of the sample, one in a hundred also saying a rare
   place name): the seconds ``impact`` takes to find the articles and sentences a change alters,
   for that rare word and for a word in every article, next to the naive way (every article's
   whole plan made twice).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.serve import SAMPLE
from tests.test_pronunciation import CountingEngine


def _services(root: Path) -> Any:
    """Services on the embedded store and the offline voice, under ``root``."""
    from app import worker
    from app.config import Settings
    from app.services import build_services

    settings = Settings(data_dir=root / "i", audio_cache_dir=root / "a", tts_engine="espeak")
    services = build_services(settings)
    worker.attach(services)
    return services


def engine_calls(root: Path) -> None:
    """Part 1: the sample's full re-make against one entry's change."""
    from app.pipeline import ingest, synthesize
    from app.pronunciation import save_entry

    services = _services(root)
    try:
        engine = CountingEngine(services.engine)
        services._engine = engine
        article, _ = ingest(services, SAMPLE.read_bytes(), queue_audio=False)
        started = time.perf_counter()
        synthesize(services, article.id)
        full_s, full = time.perf_counter() - started, len(engine.calls)
        engine.calls.clear()
        started = time.perf_counter()
        _, impact = save_entry(services, "Bắc Kạn", "bắc cạn", by="bench")
        services.queue.wait(300)
        change_s, change = time.perf_counter() - started, len(engine.calls)
    finally:
        services.close()
    print("sample article (app/demo), eSpeak NG, empty sentence cache first")
    print(f"  full re-make (baseline):  {full:3d} engine calls  {full_s:6.2f} s")
    print(
        f"  one entry changed:        {change:3d} engine calls  {change_s:6.2f} s"
        f"  ({len(impact.articles)} article, {impact.sentences} sentences changed)"
    )


def scan(root: Path, count: int) -> None:
    """Part 2: finding what a change alters among ``count`` stored articles."""
    from app.extract import extract
    from app.pipeline import plan
    from app.pronunciation import impact

    services = _services(root)
    try:
        base = extract(SAMPLE.read_bytes())
        for number in range(count):
            title = f"{base.title} {number}" + (" ở Pác Nặm" if number % 100 == 0 else "")
            services.store.put_article(
                replace(base, id=f"a{number:05d}", version="v", title=title, created_at=number)
            )
        for word, spoken in (("Pác Nặm", "pác nặm"), ("Đảng", "đảng")):
            started = time.perf_counter()
            found, _ = impact(services, {}, {word: spoken}, [word])
            print(
                f"  {word!r}: {len(found.articles):5d} articles, {found.sentences:6d} sentences"
                f" found in {time.perf_counter() - started:6.2f} s"
            )
        sample = list(services.store.list_articles(limit=100))
        started = time.perf_counter()
        for article in sample:
            plan(services, article)
        per = (time.perf_counter() - started) / len(sample)
        print(f"  naive (plan every article twice): {2 * per * count:6.2f} s (estimated)")
    finally:
        services.close()


def main() -> None:
    """Run both parts, each in a fresh temporary directory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as first:
        engine_calls(Path(first))
    print(f"finding what one change alters among {args.articles} stored articles")
    with tempfile.TemporaryDirectory() as second:
        scan(Path(second), args.articles)


if __name__ == "__main__":
    main()
