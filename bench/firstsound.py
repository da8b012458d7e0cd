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
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
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
# Press play; resolve with ms to `playing` and to the first sample above -40 dBFS in Web Audio.
PRESS = """() => new Promise((resolve) => {
  const audio = document.getElementById('audio');
  const ctx = new AudioContext();
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 1024;
  ctx.createMediaElementSource(audio).connect(analyser);
  analyser.connect(ctx.destination);
  const buf = new Float32Array(analyser.fftSize);
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


def page_for(n: int) -> bytes:
    """The sample article made new: its title and first paragraph carry the trial number."""
    html = SAMPLE.read_bytes().decode("utf-8")
    return html.replace("Nâng cao chất lượng", f"Bản tin số {n}: nâng cao chất lượng", 1).encode()


def post(base: str, page: bytes, article_id: str) -> None:
    """Ingest a page through the API (its audio job queued in the background)."""
    response = requests.post(
        f"{base}/api/articles?id={article_id}",
        data=page,
        headers={"Content-Type": "text/html"},
        timeout=60,
    )
    response.raise_for_status()


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
    from app.pipeline import ingest, plan, synthesize
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        port = free_port()
        env = {
            **os.environ,
            "BAONOI_DATA_DIR": str(root / "instance"),
            "BAONOI_AUDIO_CACHE_DIR": str(root / "audio"),
            "BAONOI_TTS_ENGINE": "espeak",
            "BAONOI_INGEST_PER_MINUTE": "0",
            "BAONOI_SYNTH_PER_MINUTE": "0",
        }
        server = subprocess.Popen(  # this checkout's code, whatever is installed
            [sys.executable, "-m", "app.cli", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/healthz")
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
