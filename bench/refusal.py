"""Refusing an over-long article: time and peak memory to answer 413 for a 4.9 MB article.

``python -m bench.refusal [--mb 4.9]`` builds a page of about ``--mb`` MB of distinct sentences and
ingests it in a fresh process two ways, same run: main's order before issue 20 (the whole article
extracted, cleaned and normalized, then its length checked) and today's ``ingest`` (each block's
spoken characters counted as it is cleaned, refused once past ``BAONOI_MAX_ARTICLE_CHARS``).
Each reports the seconds to the refusal and how far its peak RSS grew past the service's own.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench.longest import run

CHILD = """
import json, resource, sys, time
from pathlib import Path
from app import create_app
from app.errors import PayloadTooLarge
from app.pipeline import extract_article, ingest
from app.planning import check_length, plan
from app.web.context import get_services
page, work, mode = Path(sys.argv[1]).read_bytes(), Path(sys.argv[2]), sys.argv[3]
app = create_app({"data_dir": work / "i", "audio_cache_dir": work / "a", "tts_engine": "espeak",
                  "max_body_mb": 10})
services = get_services(app)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.perf_counter()
try:
    if mode == "old":  # main's order: everything extracted, cleaned and normalized, then checked
        article = extract_article(page, max_bytes=10 * 1024 * 1024)
        check_length(services, plan(services, article))
    else:
        ingest(services, page, article_id="long", queue_audio=False)
    message = "accepted"
except PayloadTooLarge as exc:
    message = str(exc)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "grew_mb": peak - base, "message": message}))
"""
WORDS = (
    "cán bộ đảng viên tỉnh huyện xã nâng cao chất lượng hoạt động tổ chức cơ sở năm kế hoạch "
    "thực hiện nhiệm vụ phát triển kinh tế xã hội chính quyền nhân dân"
).split()


def long_page(megabytes: float) -> bytes:
    """A page of distinct sentences (each numbered) of about ``megabytes`` MB."""
    target, paragraphs, total, n = int(megabytes * 1_000_000), [], 0, 0
    while total < target:
        words = [WORDS[(n * 7 + i * 13) % len(WORDS)] for i in range(16)]
        paragraph = f"<p>Đoạn {n}: {' '.join(words)}. Câu thứ hai của đoạn {n}.</p>"
        paragraphs.append(paragraph)
        total += len(paragraph.encode())
        n += 1
    return (
        "<html lang='vi'><head><title>Bài quá dài</title></head><body><article>"
        f"<h1>Bài quá dài</h1>{''.join(paragraphs)}</article></body></html>"
    ).encode()


def main(argv: list[str] | None = None) -> int:
    """Refuse the same page both ways and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.refusal")
    parser.add_argument("--mb", type=float, default=4.9)
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="baonoi-refusal-"))
    page = tmp / "long.html"
    page.write_bytes(long_page(args.mb))
    print(f"a {page.stat().st_size / 1e6:.1f} MB article of distinct sentences, refused (413)")
    for mode, label in (("old", "main: check after everything"), ("new", "counted while cleaned")):
        figures = run(mode, page, tmp / mode, CHILD)
        print(
            f"{label:30} {figures['seconds']:6.1f} s, peak RSS +{figures['grew_mb']:5.0f} MB"
            f"  ({figures['message']})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
