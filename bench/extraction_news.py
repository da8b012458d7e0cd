"""The news fixture set (``tests/data/news/``) and the real news pages (``../shared/corpus/news/``)
scored for every extractor: F1, leads, authors, captions and CPU ms per page. Run by
``python -m bench.extraction`` after the shared benchmark; the scoring is ``bench.scoring``'s.

The truth of a page is its article as read aloud: lead, headings, body paragraphs and captions;
ours is scored on the same (``Article.text`` with the captions). The fixtures pin blocks, not their
order, so shingles are taken line by line (the benchmark's metric within each line): no extractor
gains or loses by where it puts a caption. A lead counts when ours is exactly the expected
one, or when another extractor's text opens with it; an author when it is exactly the expected
one (jusText gives none); a caption when ours holds it as a caption, or another's text holds it.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.scoring import ROOT, SHARED, justext_text, line_score, quality

NEWS = ROOT / "tests" / "data" / "news"
REAL_NEWS = SHARED / "news"


@dataclass(frozen=True, slots=True)
class NewsPage:
    """One fixture page: its bytes, its article as read aloud and its expected fields."""

    id: str
    html: bytes
    truth: str
    lead: str
    author: str
    captions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reading:
    """What an extractor gives for a page: its text, and the lead and author it names."""

    text: str
    lead: str = ""
    author: str = ""
    captions: tuple[str, ...] = ()


def load_news(folder: Path = NEWS) -> list[NewsPage]:
    """The pages of a folder with their expectations, in name order (a ``.gz`` page inflated;
    a null lead or author is an empty one)."""
    pages = []
    for path in sorted(folder.glob("*.expected.json")):
        exp = json.loads(path.read_text(encoding="utf-8"))
        lead, author = exp["lead"] or "", exp["author"] or ""
        parts = [lead, *exp["headings"], *exp["paragraphs"], *exp["captions"]]
        html = (folder / exp["file"]).read_bytes()
        html = gzip.decompress(html) if exp["file"].endswith(".gz") else html
        truth = "\n".join(filter(None, parts))
        pages.append(NewsPage(path.name, html, truth, lead, author, tuple(exp["captions"])))
    return pages


def load_real_news(folder: Path = REAL_NEWS) -> list[NewsPage]:
    """The real news pages beside the checkout, or none when ``../shared`` is absent."""
    return load_news(folder) if folder.is_dir() else []


def read_baonoi(html: bytes) -> Reading:
    """Our article: lead, every block's text (captions too: they are spoken), author, captions."""
    from app.errors import NoArticleFound
    from app.extract import extract

    try:
        article = extract(html)
    except NoArticleFound:
        return Reading("")
    text = "\n\n".join(filter(None, [article.lead, *(b.text for b in article.blocks)]))
    return Reading(text, article.lead, article.author, tuple(article.captions))


def trafilatura_reader(**options: bool) -> Callable[[bytes], Reading]:
    """trafilatura's text and author (it names no lead and keeps captions as text, if at all)."""
    import trafilatura

    def run(html: bytes) -> Reading:
        doc = trafilatura.bare_extraction(html.decode("utf-8"), include_comments=False, **options)
        text = (doc.text or "") if doc is not None else ""
        author = (doc.author or "") if doc is not None else ""
        return Reading(text, author=author)

    return run


def justext_reader() -> Callable[[bytes], Reading]:
    """jusText's text (no metadata)."""
    run = justext_text()
    return lambda html: Reading(run(html))


READERS: dict[str, Callable[[], Callable[[bytes], Reading]]] = {
    "baonoi extract": lambda: read_baonoi,
    "trafilatura": lambda: trafilatura_reader(),
    "trafilatura favor_precision": lambda: trafilatura_reader(favor_precision=True),
    "jusText": justext_reader,
}


def run_news(
    readers: dict[str, Callable[[bytes], Reading]], pages: Sequence[NewsPage], repeat: int = 3
) -> dict[str, tuple[list[Reading], float]]:
    """Each reader's readings and best CPU milliseconds per page over ``repeat`` passes, the
    readers taking turns on each page (the set is small: one pass is noisy)."""
    readings: dict[str, list[Reading]] = {name: [] for name in readers}
    best = dict.fromkeys(readers, float("inf"))
    for round_ in range(repeat):
        cpu = dict.fromkeys(readers, 0.0)
        for page in pages:
            for name, reader in readers.items():
                start = time.process_time()
                reading = reader(page.html)
                cpu[name] += time.process_time() - start
                if round_ == 0:
                    readings[name].append(reading)
        best = {name: min(best[name], cpu[name]) for name in readers}
    return {name: (readings[name], best[name] * 1000 / len(pages)) for name in readers}


def counts(name: str, readings: list[Reading], pages: Sequence[NewsPage]) -> tuple[int, int, int]:
    """Leads, authors and captions an extractor got right (see the module docstring)."""
    ours = name.startswith("baonoi")
    leads = authors = captions = 0
    for page, got in zip(pages, readings, strict=True):
        leads += got.lead == page.lead if ours else got.text.startswith(page.lead)
        authors += got.author == page.author
        held = got.captions if ours else ()
        captions += sum(c in held if ours else c in got.text for c in page.captions)
    return leads, authors, captions


def print_news(
    pages: Sequence[NewsPage],
    only: Sequence[str] | None = None,
    heading: str = "News fixture set",
) -> None:
    """The news set's table: F1, P, R, leads, authors, captions and ms/page per extractor."""
    readers = {name: READERS[name]() for name in only or READERS if name in READERS}
    for reader in readers.values():
        reader(pages[0].html)  # warm-up: imports and caches
    results = run_news(readers, pages)
    total_captions = sum(len(p.captions) for p in pages)
    print(f"\n{heading}: {len(pages)} pages, truth read aloud")
    print(
        f"{'extractor':30} {'F1':>7} {'P':>7} {'R':>7} {'leads':>6} {'authors':>8} "
        f"{'captions':>9} {'ms/page':>8}"
    )
    for name, (readings, ms) in results.items():
        q = quality([line_score(p.truth, r.text) for p, r in zip(pages, readings, strict=True)])
        leads, authors, caps = counts(name, readings, pages)
        print(
            f"{name:30} {q.f1:7.4f} {q.precision:7.4f} {q.recall:7.4f} {leads:3}/{len(pages):<2} "
            f"{authors:5}/{len(pages):<2} {caps:5}/{total_captions:<3} {ms:8.1f}"
        )
