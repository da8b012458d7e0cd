"""Fairness: one client floods long articles in another voice; another presses play on a short one.

``python -m bench.fairness [--base main] [--trials 3] [--flood 8]`` runs ``baonoi serve`` twice on
loopback, ``--base``'s code (a temporary git worktree) and this checkout's, embedded mode. The
default voice is the tests' tiny Piper voice; ``BAONOI_VOICES`` offers eSpeak NG as a second one.
Articles are stored without audio jobs, so no voice of theirs is made ahead. Per trial, client A
(source address 127.0.0.2) asks to listen to ``--flood`` long articles (over ten minutes of speech
each) in the eSpeak voice, within the 20 jobs a minute it is allowed; then client B (real Chromium,
127.0.0.1) opens a short article with ``?voice=`` the same voice and presses play. Reported: ms from
the click to ``playing`` and to the first sound that reached Web Audio (median of the trials;
``> 90 s`` when nothing played). Both servers are restarted between trials (the flood's jobs die).
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.firstsound import ARGS, ARM, CHROMIUM, long_page_for, page_for, start_server
from bench.serve import ROOT

VOICE = "giong-espeak"
VOICES = "Giọng mẫu=piper; Giọng eSpeak=espeak"
FLOODER = "127.0.0.2"  # client A's source address: another client than the browser's 127.0.0.1
INGEST = """
import sys
from pathlib import Path
from app import create_app
from app.pipeline import ingest
from app.web.context import get_services
app = create_app()
services = get_services(app)
for path in sys.argv[1:]:
    name = Path(path).stem
    ingest(services, Path(path).read_bytes(), article_id=name, queue_audio=False)
services.close()
"""


def store_articles(
    checkout: Path, env: dict[str, str], pages: dict[str, bytes], work: Path
) -> None:
    """Ingest ``pages`` (id -> HTML) with ``checkout``'s own code, queueing no audio."""
    work.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, page in pages.items():
        (work / f"{name}.html").write_bytes(page)
        paths.append(str(work / f"{name}.html"))
    subprocess.run([sys.executable, "-c", INGEST, *paths], cwd=checkout, env=env, check=True)


def flood(base: str, ids: list[str]) -> list[int]:
    """Client A asks to listen to every article of ``ids`` in the eSpeak voice; the statuses."""
    host, port = base.removeprefix("http://").rsplit(":", 1)
    statuses = []
    for article_id in ids:
        connection = http.client.HTTPConnection(host, int(port), source_address=(FLOODER, 0))
        cookie = {"Cookie": f"baonoi_prefs=voice={VOICE}"}
        connection.request("POST", f"/articles/{article_id}/listen", headers=cookie)
        statuses.append(connection.getresponse().status)
        connection.close()
    return statuses


def press(browser: Any, base: str, article_id: str) -> dict[str, Any]:
    """Client B opens the short article in the eSpeak voice and clicks play (a real click)."""
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.goto(f"{base}/articles/{article_id}?voice={VOICE}")
    page.wait_for_selector("#toggle", state="visible")
    page.evaluate(ARM)
    page.click("#toggle")
    page.wait_for_function("() => window.heard", timeout=150_000)
    heard = dict(page.evaluate("() => window.heard"))
    context.close()
    return heard


def main() -> None:
    """Both sides, ``--trials`` presses each, alternating; a table of medians."""
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main")
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--flood", type=int, default=8)
    args = parser.parse_args()
    runs: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        old = root / "before-code"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(old), args.base],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for k in range(args.trials):
                    for name, checkout in (("before", old), ("after", ROOT)):
                        run = trial(browser, checkout, root / f"{name}-{k}", args.flood, k)
                        runs[name].append(run)
                        print(f"  {name} trial {k + 1}: {run}", file=sys.stderr)
                browser.close()
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, capture_output=True
            )
    print(
        f"client A floods {args.flood} long articles (eSpeak voice, none made ahead); client B"
        f" presses play on a short one (real Chromium click); median of {args.trials}"
    )
    print(f"before: {args.base}'s code; after: this checkout; same run, same machine")
    print(f"{'':<8}{'to playing':>14}{'to sound':>14}{'flood answers':>24}")
    for name, side in runs.items():
        print(
            f"{name:<8}{_ms([r['playing'] for r in side]):>14}{_ms([r['sound'] for r in side]):>14}"
            f"{str(side[0]['flood']):>24}"
        )


def trial(browser: Any, checkout: Path, work: Path, flood_n: int, k: int) -> dict[str, Any]:
    """One side's trial on a fresh data directory: store, flood, press."""
    from tests.piper_voice import write_voice

    env = {
        "BAONOI_DATA_DIR": str(work / "instance"),
        "BAONOI_AUDIO_CACHE_DIR": str(work / "audio"),
        "BAONOI_TTS_ENGINE": "piper",
        "BAONOI_PIPER_MODEL": str(write_voice(work / "voices")),
        "BAONOI_VOICES": VOICES,
    }
    pages = {f"long-{n}": long_page_for(500 + 100 * k + n, times=6) for n in range(flood_n)}
    pages["short"] = _short_page(page_for(900 + k))
    store_articles(checkout, {**os.environ, **env}, pages, work / "pages")
    server, base = start_server(checkout, work, {**env, "BAONOI_SYNTH_PER_MINUTE": "20"})
    try:
        statuses = flood(base, [f"long-{n}" for n in range(flood_n)])
        time.sleep(1.0)  # the flood's jobs have started
        heard = press(browser, base, "short")
    finally:
        server.kill()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    return {**heard, "flood": ",".join(str(s) for s in sorted(set(statuses)))}


def _short_page(page: bytes) -> bytes:
    """The sample cut to its title and first paragraph (a short article, a few hundred chars)."""
    html = page.decode("utf-8")
    first = html.index('<p class="MsoNormal"')
    end = html.index("</p>", first) + 4
    rest = html.find('<p class="MsoNormal"', end)
    last = html.rindex("</p>") + 4 if rest < 0 else _last_body_end(html)
    return (html[:end] + html[last:]).encode()


def _last_body_end(html: str) -> int:
    """Where the sample's last body paragraph ends."""
    start = html.rindex('<p class="MsoNormal"')
    return html.index("</p>", start) + 4


def _ms(values: list[Any]) -> str:
    """The median in ms, or ``> 90 s`` when any trial never got there."""
    if not values or any(v is None for v in values):
        return "> 90 s"
    return f"{statistics.median(values):.0f} ms"


if __name__ == "__main__":
    main()
