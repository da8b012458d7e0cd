"""Extraction speed (ours and trafilatura's, same run), synthesis time, real-time factor."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "app" / "demo" / "backan-2021-09-21-chat-luong-to-chuc-dang.html"


def per_call_ms(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and minimum milliseconds per call over ``repeat`` calls (after one warm-up)."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def bench_extraction(repeat: int) -> None:
    """Ours (extract + clean) and trafilatura on the sample page, side by side."""
    import trafilatura

    from app.extract import extract
    from app.pipeline import extract_article

    page = SAMPLE.read_bytes()
    text = page.decode("utf-8")
    rows = [
        ("baonoi extract (no clean)", lambda: extract(page)),
        ("baonoi extract + clean", lambda: extract_article(page)),
        ("trafilatura.extract", lambda: trafilatura.extract(text)),
        ("trafilatura favor_precision", lambda: trafilatura.extract(text, favor_precision=True)),
    ]
    print(f"\nExtraction, sample page ({len(page):,} bytes), {repeat} runs each")
    print(f"{'extractor':32} {'median ms':>10} {'min ms':>8}")
    for name, action in rows:
        median, best = per_call_ms(action, repeat)
        print(f"{name:32} {median:10.2f} {best:8.2f}")


def bench_synthesis() -> None:
    """Whole-article synthesis with the offline engine, cold cache, and encode sizes."""
    from app import create_app
    from app.audiostate import audio_path
    from app.pipeline import ingest, synthesize
    from app.store.files import remove_set
    from app.web.context import get_services

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {"data_dir": f"{tmp}/i", "audio_cache_dir": f"{tmp}/a", "tts_engine": "espeak"}
        )
        services = get_services(app)
        article, _ = ingest(services, SAMPLE.read_bytes(), article_id="bench", queue_audio=False)
        start = time.perf_counter()
        info = synthesize(services, "bench")
        cold = time.perf_counter() - start
        services.store.put_audio(article.audio_key, type(info)(key=article.audio_key))
        remove_set(services.audio_dir, article.audio_key)  # keep only the sentence cache
        start = time.perf_counter()
        synthesize(services, "bench")
        warm = time.perf_counter() - start
        duration = info.duration_s or 0.0
        print(f"\nSynthesis, sample article, engine {services.engine.version}")
        print(f"audio duration            {duration:8.1f} s")
        print(f"cold (every sentence)     {cold:8.2f} s   real-time factor {cold / duration:.4f}")
        print(f"warm (sentences cached)     {warm:8.2f} s   real-time factor {warm / duration:.4f}")
        for fmt in ("mp3", "opus"):
            size = audio_path(services, article.audio_key, fmt).stat().st_size
            kib_min = size / 1024 / (duration / 60)
            print(
                f"{fmt:4} {size / 1024:8.1f} KiB  {size * 8 / duration / 1000:5.1f} kbit/s"
                f"  {kib_min:6.1f} KiB per minute"
            )
        services.queue.close()


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks named on the command line (all by default)."""
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("parts", nargs="*", default=["extraction", "synthesis"])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args(argv)
    if "extraction" in args.parts:
        bench_extraction(args.repeat)
    if "synthesis" in args.parts:
        bench_synthesis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
