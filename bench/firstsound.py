"""Speak now: from pressing play on a never-heard article to its first sound, in real Chromium.

``python -m bench.firstsound [--trials 5] [--queued 20]`` starts ``baonoi serve`` (embedded mode,
offline voice) on loopback and, for each trial, posts a new article, empties the sentence cache,
opens its reader page in Debian's Chromium and presses play. It reports, median of the trials:
click to the ``playing`` event and click to the first non-silent sample that reached Web Audio,
alone and with ``--queued`` other new articles posted just before (their jobs queued ahead). Then
whole-article synthesis real-time factor of the sample: the old path (everything in memory, then
libsndfile's MP3 and Opus encoders) against today's streaming writer, same run, cold cache.
"""

from __future__ import annotations

import argparse
import http.server
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests
import soundfile as sf

from bench.serve import ROOT, SAMPLE, free_port, wait_for

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
    "--mute-audio",
]
# The page's audio routed through Web Audio, where its samples can be read.
ANALYSER = """
  const audio = document.getElementById('audio');
  const ctx = new AudioContext();
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 1024;
  ctx.createMediaElementSource(audio).connect(analyser);
  analyser.connect(ctx.destination);
  const buf = new Float32Array(analyser.fftSize);
"""
# Press play; resolve with ms to `playing` and to the first sample above -40 dBFS in Web Audio.
PRESS = (
    "() => new Promise((resolve) => {"
    + ANALYSER
    + """
  let playing = null;
  const t0 = performance.now();
  audio.addEventListener('playing', () => {
    if (playing === null) playing = performance.now() - t0;
  });
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(buf);
    if (buf.some((v) => Math.abs(v) > 0.01)) {
      clearInterval(timer);
      resolve({playing: playing, sound: performance.now() - t0});
    }
  }, 2);
  setTimeout(() => { clearInterval(timer); resolve({playing: playing, sound: null}); }, 60000);
  document.getElementById('toggle').click();
})"""
)
# Get ready for a real press (a trusted click, as the frame's autoplay policy wants): window.heard
# is set to ms from the click to `playing` and to the first sound (null if none within 90 s).
ARM = (
    "() => {"
    + ANALYSER
    + """
  let t0 = null, playing = null;
  document.addEventListener('click', () => { t0 = performance.now(); ctx.resume(); }, true);
  audio.addEventListener('playing', () => {
    if (playing === null && t0 !== null) playing = performance.now() - t0;
  });
  const timer = setInterval(() => {
    if (t0 === null) return;
    analyser.getFloatTimeDomainData(buf);
    const now = performance.now() - t0;
    if (buf.some((v) => Math.abs(v) > 0.01) || now > 90000) {
      clearInterval(timer);
      window.heard = {playing: playing, sound: now > 90000 ? null : now};
    }
  }, 2);
}"""
)
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 50_000,
    "uploadThroughput": 50_000,
}
NO_MEDIA_SOURCE = (
    "delete window.MediaSource; delete window.ManagedMediaSource; delete window.WebKitMediaSource;"
)


def page_for(n: int) -> bytes:
    """The sample article made new: its title and first paragraph carry the trial number."""
    html = SAMPLE.read_bytes().decode("utf-8")
    return html.replace("Nâng cao chất lượng", f"Bản tin số {n}: nâng cao chất lượng", 1).encode()


def long_page_for(n: int, times: int = 4) -> bytes:
    """The sample made new and ``times`` as long (its body paragraphs repeated)."""
    html = page_for(n).decode("utf-8")
    body = re.findall(r'<p class="MsoNormal".*?</p>', html, re.S)
    end = html.rindex(body[-1]) + len(body[-1])
    return (html[:end] + "".join(body) * (times - 1) + html[end:]).encode()


def host_page(n: int, base: str) -> bytes:
    """The sample made new as a portal page would carry it: the snippet's marker and script."""
    html = page_for(n).decode("utf-8")
    first = html.index('<p class="MsoNormal"')
    html = html[:first] + "<div data-baonoi></div>" + html[first:]
    return html.replace("</body>", f'<script src="{base}/embed.js" async></script></body>').encode()


class Portal:
    """A portal on loopback: ``/<side>/<n>.html`` is a new article with the snippet, under a
    strict CSP that lets in the side's service (script, frame) and nothing else."""

    def __init__(self) -> None:
        self.bases: dict[str, str] = {}
        portal = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the handler's name
                """A host page, or 404."""
                found = re.fullmatch(r"/(\w+)/(\d+)\.html", self.path)
                if not found or found[1] not in portal.bases:
                    self.send_error(404)
                    return
                base = portal.bases[found[1]]
                body = host_page(int(found[2]), base)
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header(
                    "Content-Security-Policy",
                    f"default-src 'self'; script-src 'self' {base}; frame-src {base}; "
                    "style-src 'self'; img-src 'self' data:; object-src 'none'",
                )
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                """Quiet."""

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()


def post(base: str, page: bytes, article_id: str) -> None:
    """Ingest a page through the API (its audio job queued in the background)."""
    response = requests.post(
        f"{base}/api/articles?id={article_id}",
        data=page,
        headers={"Content-Type": "text/html"},
        timeout=60,
    )
    response.raise_for_status()


def wait_made(base: str, article_id: str, limit_s: float = 300.0) -> None:
    """Wait until the article's audio files are made (a finished article's press is measured)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        state = requests.get(f"{base}/api/articles/{article_id}", timeout=30).json()
        if state["audio"]["status"] == "ready":
            return
        time.sleep(0.5)
    raise TimeoutError(f"the audio of {article_id} was not made in {limit_s:.0f} s")


def trial(browser: Any, base: str, audio_dir: Path, n: int, queued: int) -> dict[str, float]:
    """One press on a new article, after ``queued`` other new articles were posted."""
    shutil.rmtree(audio_dir / "units", ignore_errors=True)  # never heard: no sentence cached
    for k in range(queued):
        post(base, page_for(10_000 * (n + 1) + k), f"ahead-{n}-{k}")
    post(base, page_for(n), f"new-{n}")
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.goto(f"{base}/articles/new-{n}")
    page.wait_for_selector("#player:not([hidden])")
    result = dict(page.evaluate(PRESS))
    context.close()
    ready_by = time.monotonic() + 180  # one listener per trial: the next presses after this one
    while time.monotonic() < ready_by:
        state = requests.get(f"{base}/api/articles/new-{n}", timeout=10).json()["audio"]["status"]
        if state in ("ready", "failed"):
            break
        time.sleep(0.5)
    return result


def press_to_sound(base: str, audio_dir: Path, trials: int, queued: int) -> dict[str, float]:
    """Median ms to `playing` and to the first sound over ``trials`` new articles."""
    from playwright.sync_api import sync_playwright

    runs = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in range(trials):
            runs.append(trial(browser, base, audio_dir, n + 100 * queued, queued))
            print(f"  trial {n + 1} ({queued} queued ahead): {runs[-1]}", file=sys.stderr)
        browser.close()
    return {
        "playing_ms": statistics.median(r["playing"] for r in runs),
        "sound_ms": statistics.median(r["sound"] for r in runs),
        "worst_sound_ms": max(r["sound"] for r in runs),
    }


CASES = {
    "normal": "reader, normal connection",
    "slow3g": "reader, Slow 3G (400 kbit/s, 400 ms)",
    "slow3g-made": "reader, Slow 3G, audio already made",
    "nomse": "reader, MediaSource removed",
    "nomse-long": "reader, no MediaSource, 4x article",
    "embed": "portal frame, /embed?url=, both CSPs",
}


def press_case(browser: Any, side: dict[str, Any], case: str, n: int) -> dict[str, Any]:
    """One real press on a new article in ``case``: ms to playing and to sound, bytes before."""
    base = side["base"]
    shutil.rmtree(side["audio"] / "units", ignore_errors=True)  # never heard
    context = browser.new_context(locale="vi-VN")
    if case.startswith("nomse"):
        context.add_init_script(NO_MEDIA_SOURCE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    if case.startswith("slow3g"):
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    got: list[tuple[float, int]] = []
    sent: list[float] = []
    cdp.on(  # a streamed body's wire bytes are only counted at its end: count its data
        "Network.dataReceived",
        lambda e: got.append((e["timestamp"], max(e["dataLength"], e["encodedDataLength"]))),
    )
    cdp.on("Network.requestWillBeSent", lambda e: sent.append(e["timestamp"]))
    if case == "embed":
        url = f"{side['portal']}/{side['name']}/{n}.html"
        page.goto(url)
        iframe = page.wait_for_selector("[data-baonoi] iframe", state="attached", timeout=60_000)
        page.wait_for_function(
            "() => { const f = document.querySelector('[data-baonoi] iframe');"
            " return f && f.style.visibility === 'visible'; }",
            timeout=60_000,
        )
        target = iframe.content_frame()
    else:
        article_id = f"{case}-{n}"
        post(base, long_page_for(n) if case.endswith("long") else page_for(n), article_id)
        if case.endswith("made"):
            wait_made(base, article_id)
        page.goto(f"{base}/articles/{article_id}")
        target = page
    target.wait_for_selector("#player:not([hidden])", state="attached")
    page.wait_for_load_state("networkidle")
    result: dict[str, Any] = {"playing": None, "sound": None, "bytes": None, "button": False}
    if target.query_selector("#toggle") is not None and target.is_visible("#toggle"):
        result["button"] = True
        target.evaluate(ARM)
        before_sent, before_got = len(sent), len(got)
        target.click("#toggle")
        target.wait_for_function("() => window.heard", timeout=150_000)
        result.update(target.evaluate("() => window.heard"))
        if result["playing"] is not None and len(sent) > before_sent:
            until = sent[before_sent] + result["playing"] / 1000
            result["bytes"] = sum(size for at, size in got[before_got:] if at <= until)
    context.close()
    side["restart"]()  # its audio job dies with it: the next trial has the machine to itself
    return result


def compare(
    browser: Any, sides: list[dict[str, Any]], trials: int, cases: list[str]
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Every case on every side, ``trials`` new articles each (sides alternate per trial)."""
    runs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for case in cases:
        for k in range(trials):
            for side in sides:
                n = 1000 * (list(CASES).index(case) + 1) + 100 * sides.index(side) + k
                run = press_case(browser, side, case, n)
                runs.setdefault((case, side["name"]), []).append(run)
                print(f"  {case} {side['name']} trial {k + 1}: {run}", file=sys.stderr)
    return runs


def median_or_none(values: list[Any]) -> float | None:
    """The median of the values, or None when any trial never got there."""
    if not values or any(v is None for v in values):
        return None
    return float(statistics.median(values))


def start_server(
    checkout: Path, root: Path, extra: dict[str, str], port: int = 0
) -> tuple[Any, str]:
    """``baonoi serve`` from ``checkout`` (its own code), embedded mode, offline voice."""
    port = port or free_port()
    env = {
        **os.environ,
        "BAONOI_DATA_DIR": str(root / "instance"),
        "BAONOI_AUDIO_CACHE_DIR": str(root / "audio"),
        "BAONOI_TTS_ENGINE": "espeak",
        "BAONOI_INGEST_PER_MINUTE": "0",
        "BAONOI_SYNTH_PER_MINUTE": "0",
        **extra,
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "--port", str(port)],
        cwd=checkout,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(f"{base}/healthz")
    return server, base


def before_and_after(base_ref: str, trials: int, cases: list[str]) -> None:
    """Each case on ``base_ref``'s code (a temporary worktree) and on this checkout, same run."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        old = root / "before-code"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(old), base_ref],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        portal, servers, sides = Portal(), [], []
        try:
            extra = {
                "BAONOI_ALLOWED_HOSTS": portal.origin.removeprefix("http://"),
                "BAONOI_PERMITTED_NETWORKS": "127.0.0.0/8",
                "BAONOI_EMBED_ORIGINS": portal.origin,
            }
            for name, checkout in (("before", old), ("after", ROOT)):
                (root / name).mkdir()
                server, base = start_server(checkout, root / name, extra)
                servers.append(server)
                portal.bases[name] = base
                index = len(servers) - 1

                def restart(where: Path = checkout, name: str = name, index: int = index) -> None:
                    """Kill the side's server (and its audio jobs); start it on the same port."""
                    servers[index].kill()
                    servers[index].wait(timeout=30)
                    port = int(portal.bases[name].rsplit(":", 1)[1])
                    servers[index] = start_server(where, root / name, extra, port)[0]

                sides.append(
                    {
                        "name": name,
                        "base": base,
                        "audio": root / name / "audio",
                        "portal": portal.origin,
                        "restart": restart,
                    }
                )
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                runs = compare(browser, sides, trials, cases)
                browser.close()
        finally:
            for server in servers:
                server.kill()
                server.wait(timeout=30)
            portal.close()
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, capture_output=True
            )
    print(f"press to playing, new article each trial, median of {trials} (Chromium, real click)")
    print(f"before: {base_ref}'s code; after: this checkout; same run, same machine")

    def ms(runs: list[dict[str, Any]], key: str) -> str:
        if not all(r["button"] for r in runs):
            return "no button"
        value = median_or_none([r[key] for r in runs])
        return "> 90 s" if value is None else f"{value:.0f} ms"

    print(
        f"{'case':<40}{'before':>10}{'after':>10}{'after, to sound':>17}{'bytes before sound':>20}"
    )
    for case, label in ((c, CASES[c]) for c in cases):
        before, after = runs[(case, "before")], runs[(case, "after")]
        nbytes = median_or_none([r["bytes"] for r in after])
        print(
            f"{label:<40}{ms(before, 'playing'):>10}{ms(after, 'playing'):>10}"
            f"{ms(after, 'sound'):>17}"
            f"{'-' if nbytes is None else f'{nbytes / 1024:.1f} KiB':>20}"
        )
        before_bytes = median_or_none([r["bytes"] for r in before])
        if before_bytes is not None and case != "embed":
            print(f"{'':<40}{'(before: ' + f'{before_bytes / 1024:.1f} KiB before sound)':>57}")


def old_path(services: Any, plan: Any, out: Path) -> None:
    """Before: render everything in memory, then libsndfile's encoders side by side."""
    from app.speech.render import render

    rendered = render(plan.units, services.engine, services.audio_dir / "units")
    settings = {  # what app.audio gave libsndfile for 32 and 16 kbit/s
        "mp3": ("MP3", "MPEG_LAYER_III", 0.8501, "CONSTANT"),
        "opus": ("OGG", "OPUS", 0.96, None),
    }

    def one(fmt: str) -> None:
        container, subtype, level, mode = settings[fmt]
        with sf.SoundFile(
            out / f"old.{fmt}",
            "w",
            samplerate=24_000,
            channels=1,
            format=container,
            subtype=subtype,
            compression_level=level,
            bitrate_mode=mode,
        ) as sink:
            sink.write(rendered.samples[1105 if fmt == "mp3" else 0 :])

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(one, settings))


def real_time_factors(repeats: int) -> dict[str, float]:
    """Median synthesis seconds per second of audio: old path and streaming writer, cold cache."""
    from app import create_app
    from app.pipeline import ingest, synthesize
    from app.planning import plan
    from app.web.context import get_services

    before, after, audio_s = [], [], 0.0
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {"data_dir": f"{tmp}/i", "audio_cache_dir": f"{tmp}/a", "tts_engine": "espeak"}
        )
        services = get_services(app)
        article, _ = ingest(services, SAMPLE.read_bytes(), article_id="rtf", queue_audio=False)
        the_plan = plan(services, article)
        for _ in range(repeats):
            shutil.rmtree(services.audio_dir, ignore_errors=True)
            services.audio_dir.mkdir()
            start = time.perf_counter()
            old_path(services, the_plan, Path(tmp))
            before.append(time.perf_counter() - start)
            shutil.rmtree(services.audio_dir)
            services.audio_dir.mkdir()
            start = time.perf_counter()
            audio_s = synthesize(services, "rtf").duration_s
            after.append(time.perf_counter() - start)
        services.close()
    return {
        "audio_s": audio_s,
        "before": statistics.median(before) / audio_s,
        "after": statistics.median(after) / audio_s,
    }


def main() -> None:
    """Run both measurements and print them side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--queued", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--base", default="main", help="the code to compare with (a git ref, run from a worktree)"
    )
    parser.add_argument(
        "--cases",
        default=",".join(CASES),
        help=f"the before/after cases to run, comma-separated (of {', '.join(CASES)})",
    )
    parser.add_argument(
        "--compare-only",
        action="store_true",
        help="only the before/after cases (normal, Slow 3G, no MediaSource, portal frame)",
    )
    args = parser.parse_args()
    before_and_after(args.base, args.trials, args.cases.split(","))
    if args.compare_only:
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        server, base = start_server(ROOT, root, {})  # this checkout's code, whatever is installed
        try:
            alone = press_to_sound(base, root / "audio", args.trials, 0)
            behind = press_to_sound(base, root / "audio", args.trials, args.queued)
        finally:
            server.kill()  # queued background jobs are not waited for
            server.wait(timeout=30)
    rtf = real_time_factors(args.repeats)
    print(f"press to first sound, new article, median of {args.trials} (Chromium, embedded mode)")
    print(f"{'case':<34}{'to playing':>12}{'to sound':>12}{'worst sound':>13}")
    for name, r in (("alone", alone), (f"{args.queued} new articles queued ahead", behind)):
        print(
            f"{name:<34}{r['playing_ms']:>10.0f}ms{r['sound_ms']:>10.0f}ms"
            f"{r['worst_sound_ms']:>11.0f}ms"
        )
    print(f"\nwhole-article synthesis, sample ({rtf['audio_s']:.1f} s audio), cold cache, median")
    print(f"{'before: in memory, libsndfile MP3+Opus':<44}RTF {rtf['before']:.4f}")
    print(f"{'after: streaming, LAME + libopus':<44}RTF {rtf['after']:.4f}")


if __name__ == "__main__":
    main()
