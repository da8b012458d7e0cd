"""Bounded work: peak memory and time to synthesize the longest article the settings allow.

``python -m bench.longest [--chars 54000]`` builds an article of about ``--chars`` spoken characters
(``BAONOI_MAX_ARTICLE_CHARS``' default: an hour of audio) from the sample's paragraphs, numbered so
no sentence repeats, and synthesizes it in a fresh process two ways, same run: the old path (the
whole article rendered in memory, then libsndfile's encoders) and today's streaming writer. Each
reports its peak RSS (``ru_maxrss``) and wall time.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.serve import ROOT, SAMPLE

CHILD = """
import json, resource, sys, time
from pathlib import Path
from app import create_app
from app.pipeline import ingest, synthesize
from app.planning import plan
from app.web.context import get_services
from bench.firstsound import old_path
page, work, mode = Path(sys.argv[1]).read_bytes(), Path(sys.argv[2]), sys.argv[3]
app = create_app({"data_dir": work / "i", "audio_cache_dir": work / "a", "tts_engine": "espeak",
                  "max_article_chars": 0, "synth_deadline_s": 0})
services = get_services(app)
article, _ = ingest(services, page, article_id="long", queue_audio=False)
start = time.perf_counter()
if mode == "old":
    old_path(services, plan(services, article), work)
    audio_s = None
else:
    audio_s = synthesize(services, "long").duration_s
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "audio_s": audio_s,
                  "chars": len(article.text)}))
"""


def long_page(chars: int) -> bytes:
    """The sample's paragraphs repeated and numbered until the text has about ``chars``."""
    html = SAMPLE.read_text(encoding="utf-8")
    paragraphs = re.findall(r"<p[ >].*?</p>", html, flags=re.S)
    body, total, n = [], 0, 0
    while total < chars:
        for para in paragraphs:
            text = re.sub(r"<[^>]+>", "", para)
            if len(text.strip()) < 40:
                continue
            n += 1
            body.append(f"<p>Phần {n}. {text.strip()}</p>")
            total += len(text) + 10
            if total >= chars:
                break
    return (
        "<html lang='vi'><head><title>Bài dài nhất</title></head><body><article>"
        f"<h1>Bài dài nhất cho phép</h1>{''.join(body)}</article></body></html>"
    ).encode()


def run(mode: str, page: Path, work: Path, child: str = CHILD) -> dict[str, Any]:
    """One run of ``child`` (a synthesis) in a fresh process; the JSON figures it prints last."""
    work.mkdir()
    out = subprocess.run(
        [sys.executable, "-c", child, str(page), str(work), mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    """Both paths on the same article, side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=54_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "long.html"
        page.write_bytes(long_page(args.chars))
        new = run("new", page, Path(tmp) / "new")
        old = run("old", page, Path(tmp) / "old")
    print(
        f"longest allowed article: {new['chars']} characters, {new['audio_s'] / 60:.1f} min audio"
    )
    print(f"{'path':<40}{'peak RSS':>12}{'time':>10}")
    print(f"{'before: in memory, libsndfile':<40}{old['peak_mb']:>9.0f} MB{old['seconds']:>9.1f}s")
    print(f"{'after: streaming writer':<40}{new['peak_mb']:>9.0f} MB{new['seconds']:>9.1f}s")


if __name__ == "__main__":
    main()
