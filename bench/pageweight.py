"""Page weight: our reader and embed pages (HTML + CSS + JS, gzip) beside the portal's own HTML.

Run ``python -m bench.pageweight``. Images and audio are not counted: the budget is what a reader
needs before the text shows and the player works (one round trip on a slow link).
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "app" / "demo" / "backan-2021-09-21-chat-luong-to-chuc-dang.html"
SAMPLE_ID = "sample"
READER_BUDGET = 14 * 1024  # bytes gzipped: HTML + CSS + JS of the reader page
EMBED_BUDGET = 10 * 1024  # bytes gzipped: the embed page before any audio
GZIP_LEVEL = 6  # what servers commonly use (nginx gzip_comp_level 1..9, Apache default 6)


@dataclass(frozen=True, slots=True)
class Weight:
    """One resource of a page: its path, and its size raw and gzipped."""

    path: str
    raw: int
    gz: int


def gzipped(data: bytes) -> int:
    """Size of ``data`` gzipped as a server would send it."""
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def weight(path: str, data: bytes) -> Weight:
    """The weight of one resource."""
    return Weight(path, len(data), gzipped(data))


class _Subresources(HTMLParser):
    """Collects the scripts and stylesheets a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Remember ``<script src>`` and ``<link rel=stylesheet href>``."""
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.found.append(str(values["src"]))
        if tag == "link" and "stylesheet" in (values.get("rel") or "").split():
            self.found.append(str(values.get("href") or ""))


def subresources(html: str) -> list[str]:
    """The scripts and stylesheets ``html`` loads, in order."""
    parser = _Subresources()
    parser.feed(html)
    return [src for src in parser.found if src]


def page_weights(client: Any, path: str) -> list[Weight]:
    """The page at ``path`` and every script and stylesheet it loads, fetched with ``client``."""
    page = _fetch(client, path)
    loaded = subresources(page.decode("utf-8"))
    return [weight(path, page)] + [weight(src, _fetch(client, src)) for src in loaded]


def _fetch(client: Any, path: str) -> bytes:
    """The body of ``path``, which must answer 200 (the response is closed: no file left open)."""
    with client.get(path) as response:
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        return bytes(response.data)


@contextmanager
def sample_app(audio_dir: Path, *, audio: bool = True) -> Iterator[Any]:
    """A client of the app with the sample article ingested (and its audio made if ``audio``)."""
    from app import create_app
    from app.pipeline import ingest, synthesize
    from app.web.context import get_services

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {"data_dir": Path(tmp) / "i", "audio_cache_dir": audio_dir, "tts_engine": "espeak"}
        )
        services = get_services(app)
        try:
            ingest(services, SAMPLE.read_bytes(), article_id=SAMPLE_ID, queue_audio=False)
            if audio:
                synthesize(services, SAMPLE_ID)
            yield app.test_client()
        finally:
            services.queue.close()


def _rows(label: str, weights: list[Weight], budget: int | None) -> list[str]:
    """Report lines for one page: each resource, then the total against the budget."""
    lines = [f"  {w.path[-40:]:40} {w.raw:9,} {w.gz:9,}" for w in weights]
    raw, gz = sum(w.raw for w in weights), sum(w.gz for w in weights)
    verdict = "" if budget is None else f"  {'within' if gz <= budget else 'OVER'} {budget:,}"
    lines.append(f"  {'= ' + label:40} {raw:9,} {gz:9,}{verdict}")
    return lines


def report(client: Any) -> tuple[list[str], bool]:
    """The side-by-side table, and whether both budgets hold."""
    reader = page_weights(client, f"/articles/{SAMPLE_ID}")
    embed = page_weights(client, f"/embed/{SAMPLE_ID}")
    portal = [weight("portal sample page (HTML)", SAMPLE.read_bytes())]
    uncounted = subresources(SAMPLE.read_text(encoding="utf-8"))
    lines = [f"Page weight in bytes (gzip level {GZIP_LEVEL}; images and audio not counted)"]
    lines.append(f"  {'resource':40} {'raw':>9} {'gzip':>9}")
    lines += _rows("Báo nói reader page, HTML+CSS+JS", reader, READER_BUDGET)
    lines += _rows("Báo nói embed page", embed, EMBED_BUDGET)
    lines += _rows("portal page, its HTML alone", portal, None)
    ours, theirs = sum(w.gz for w in reader), portal[0].gz
    lines.append(f"  our whole reader page: {ours / theirs:.0%} of the portal's HTML alone (gzip);")
    lines.append(f"  the portal page also loads these {len(uncounted)}, not counted here:")
    lines += [f"    {src}" for src in uncounted]
    fits = ours <= READER_BUDGET and sum(w.gz for w in embed) <= EMBED_BUDGET
    return lines, fits


def main(argv: list[str] | None = None) -> int:
    """Print the page weights; exit 1 if a budget is exceeded."""
    parser = argparse.ArgumentParser(prog="python -m bench.pageweight")
    parser.add_argument(
        "--audio-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "baonoi-bench-audio",
        help="audio cache (content-addressed, so kept between runs: only the first run waits)",
    )
    parser.add_argument(
        "--no-audio", action="store_true", help="measure the page before its audio is made"
    )
    args = parser.parse_args(argv)
    with sample_app(args.audio_dir, audio=not args.no_audio) as client:
        lines, fits = report(client)
    print("\n".join(lines))
    return 0 if fits else 1


if __name__ == "__main__":
    sys.exit(main())
