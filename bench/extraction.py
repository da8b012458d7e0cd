"""Article-body extraction quality and speed on the shared benchmark (ours beside trafilatura's
and jusText's).

Run ``python -m bench.extraction``; it then scores the same extractors on the news fixture set
and on the real news pages of ``../shared/corpus/news/`` (``bench.extraction_news``: F1, leads,
authors, captions). The corpus is ``../shared/corpus/extraction-benchmark/`` (181 pages and their
ground truth); the metric (``bench.scoring``) is the one its README describes. The
extractors take turns on each page in one process and are timed in CPU time, so their times are
comparable on a busy machine.

trafilatura runs with ``include_comments=False``: the ground truth holds no reader comments (with
the library's default, comments in, it scores lower).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.extraction_news import REAL_NEWS, load_news, load_real_news, print_news
from bench.scoring import (
    SHARED,
    SHINGLE,
    bootstrap_sd,
    justext_text,
    page_score,
    quality,
)

CORPUS = SHARED / "extraction-benchmark"


@dataclass(frozen=True, slots=True)
class Page:
    """One benchmark page: its id, its bytes and the article body a person marked."""

    id: str
    html: bytes
    truth: str


def load_pages(corpus: Path = CORPUS) -> list[Page]:
    """The benchmark's pages with their ground truth, in id order."""
    with gzip.open(corpus / "ground-truth.json.gz", "rt", encoding="utf-8") as fh:
        truth = json.load(fh)
    html = corpus / "html"
    return [
        Page(key, gzip.decompress((html / f"{key}.html.gz").read_bytes()), value["articleBody"])
        for key, value in sorted(truth.items())
    ]


def baonoi_text(html: bytes) -> str:
    """Our reader text of a page (``app.extract.extract``), or '' when we find no article."""
    from app.errors import NoArticleFound
    from app.extract import extract

    try:
        return extract(html).text
    except NoArticleFound:
        return ""


def baonoi_clean_text(html: bytes) -> str:
    """Our reader text after extraction and cleaning (``extract_article``), or ''."""
    from app.errors import NoArticleFound
    from app.pipeline import extract_article

    try:
        return extract_article(html).text
    except NoArticleFound:
        return ""


def trafilatura_text(**options: bool) -> Callable[[bytes], str]:
    """trafilatura's plain text of a page (comments left out, as in the ground truth)."""
    import trafilatura

    def run(html: bytes) -> str:
        return trafilatura.extract(html.decode("utf-8"), include_comments=False, **options) or ""

    return run


EXTRACTORS: dict[str, Callable[[], Callable[[bytes], str]]] = {
    "baonoi extract": lambda: baonoi_text,
    "baonoi extract + clean": lambda: baonoi_clean_text,
    "trafilatura": lambda: trafilatura_text(),
    "trafilatura favor_precision": lambda: trafilatura_text(favor_precision=True),
    "jusText": justext_text,
}


@dataclass(frozen=True, slots=True)
class Run:
    """One extractor's outputs on every page and its best mean CPU milliseconds per page."""

    outputs: list[str]
    ms_per_page: float


def run_all(
    extractors: dict[str, Callable[[bytes], str]], pages: Sequence[Page], repeat: int = 1
) -> dict[str, Run]:
    """Each extractor's outputs and CPU time per page (the best of ``repeat`` passes).

    The extractors take turns on each page and are timed in process CPU time, so a busy
    machine slows them alike and the comparison stays fair.
    """
    outputs: dict[str, list[str]] = {name: [] for name in extractors}
    best = dict.fromkeys(extractors, float("inf"))
    for round_ in range(repeat):
        cpu = dict.fromkeys(extractors, 0.0)
        for page in pages:
            for name, extractor in extractors.items():
                start = time.process_time()
                text = extractor(page.html)
                cpu[name] += time.process_time() - start
                if round_ == 0:
                    outputs[name].append(text)
        best = {name: min(best[name], cpu[name]) for name in extractors}
    return {name: Run(outputs[name], best[name] * 1000 / len(pages)) for name in extractors}


def print_table(results: dict[str, Run], pages: Sequence[Page]) -> None:
    """F1 (± bootstrap sd), precision, recall and ms/page, one extractor a line."""
    print(f"{'extractor':30} {'F1':>7} {'± sd':>6} {'P':>7} {'R':>7} {'ms/page':>8}")
    for name, run in results.items():
        scores = [page_score(p.truth, out) for p, out in zip(pages, run.outputs, strict=True)]
        q = quality(scores)
        sd = bootstrap_sd(scores)
        ms = run.ms_per_page
        print(f"{name:30} {q.f1:7.4f} {sd:6.4f} {q.precision:7.4f} {q.recall:7.4f} {ms:8.1f}")


def print_worst(run: Run, pages: Sequence[Page], count: int) -> None:
    """The pages where our text shares the fewest shingles with the truth."""
    scores = [page_score(p.truth, out) for p, out in zip(pages, run.outputs, strict=True)]
    worst = sorted(zip(scores, pages, strict=True), key=lambda sp: sp[0][0])[:count]
    for (tp, fp, fn), page in worst:
        print(f"    {page.id[:12]} tp={tp:.2f} fp={fp:.2f} fn={fn:.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    """Print the quality and speed of each extractor on the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--only", choices=sorted(EXTRACTORS), action="append")
    parser.add_argument("--repeat", type=int, default=1, help="timed passes; the best counts")
    parser.add_argument("--worst", type=int, default=0, help="list our N worst pages")
    args = parser.parse_args(argv)
    if not (args.corpus / "ground-truth.json.gz").is_file():
        print(f"no benchmark corpus at {args.corpus}", file=sys.stderr)
        return 1
    pages = load_pages(args.corpus)
    extractors = {name: EXTRACTORS[name]() for name in args.only or EXTRACTORS}
    for extractor in extractors.values():
        extractor(pages[0].html)  # warm-up: imports and caches
    results = run_all(extractors, pages, args.repeat)
    print(f"Extraction benchmark: {len(pages)} pages, {SHINGLE}-token shingles, CPU ms per page")
    print_table(results, pages)
    if "baonoi extract" in results and "baonoi extract + clean" in results:
        plain, cleaned = results["baonoi extract"], results["baonoi extract + clean"]
        changed = sum(a != b for a, b in zip(plain.outputs, cleaned.outputs, strict=True))
        print(f"cleaning changed the text of {changed} pages")
    if args.worst and "baonoi extract" in results:
        print_worst(results["baonoi extract"], pages, args.worst)
    print_news(load_news(), args.only, "News fixture set (tests/data/news)")
    real = load_real_news(args.corpus.parent / "news")
    if real:
        print_news(real, args.only, "Real news pages (../shared/corpus/news)")
    else:
        print(f"\nno real news pages at {REAL_NEWS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
