"""The paid voices against their loopback stand-ins: one request per sentence, latency, characters.

``python -m bench.voices`` speaks the sample article through the real pipeline with each of
``gcloud``, ``azure`` and ``openai`` (a budget set, so the store counts the characters sent)
against the stand-ins in ``tests/cloud_standin.py``, and prints per engine: the request made per
sentence (method, path, body bytes), the median and 95th-percentile latency of one sentence's
request and decoding, the characters the store counted, and the requests sent. The baseline,
same run: eSpeak NG (offline) speaking the same sentences. Then the wheel's size and what each
optional extra adds (wheels of its new dependencies, from pip's cache or the index).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from bench.serve import ROOT, SAMPLE

REQUESTS = {
    "gcloud": "POST /v1/text:synthesize  JSON {input.text, voice{languageCode,name}, audioConfig}",
    "azure": "POST /cognitiveservices/v1  SSML <speak xml:lang><voice name>…",
    "openai": "POST /v1/audio/speech  JSON {model, input, voice, response_format: wav, speed}",
}
EXTRAS = {"gcloud": ["rsa>=4.9"], "piper": ["piper-tts>=1.8"]}


def _timed(engine: Any) -> tuple[Any, list[float]]:
    """``engine`` with each ``synthesize`` call timed into the returned list (ms)."""
    times: list[float] = []
    inner = engine.synthesize

    def synthesize(text: str) -> Any:
        start = time.perf_counter()
        try:
            return inner(text)
        finally:
            times.append((time.perf_counter() - start) * 1000)

    engine.synthesize = synthesize
    return engine, times


def bench_engine(name: str, work: Path) -> dict[str, Any]:
    """The sample article spoken by ``name`` against its stand-in (or offline for espeak)."""
    from app import create_app
    from app.pipeline import ingest, synthesize
    from app.planning import plan
    from app.web.context import get_services
    from tests.cloud_standin import API_KEY, CloudStandIn

    standin = CloudStandIn(name).start() if name in REQUESTS else None
    settings: dict[str, Any] = {
        "data_dir": work / name / "instance",
        "audio_cache_dir": work / name / "audio",
        "tts_engine": name,
    }
    if standin is not None:
        url = standin.url
        settings.update(
            {
                "gcloud": {"gcloud_api_key": API_KEY, "gcloud_url": url},
                "azure": {"azure_key": API_KEY, "azure_url": url},
                "openai": {"openai_key": API_KEY, "openai_url": url, "openai_voice": "vi-female"},
            }[name]
        )
        settings[f"{name}_monthly_chars"] = 10_000_000
    app = create_app(settings)
    services = get_services(app)
    try:
        engine, times = _timed(
            services.engine.members[0] if hasattr(services.engine, "members") else services.engine
        )
        article, _ = ingest(services, SAMPLE.read_bytes(), queue_audio=False)
        units = plan(services, article).units
        started = time.perf_counter()
        info = synthesize(services, article.id)
        whole = time.perf_counter() - started
        counted = services.engine_use().get(name, 0) if standin else 0
        received = standin.received if standin else []
        return {
            "name": name,
            "sentences": len(units),
            "spoken_chars": sum(len(u.spoken) for u in units),
            "requests": len(received),
            "body_bytes": statistics.median([r.body_bytes for r in received]) if received else 0,
            "median_ms": statistics.median(times),
            "p95_ms": sorted(times)[int(0.95 * (len(times) - 1))],
            "counted": counted,
            "whole_s": whole,
            "engines": info.engines,
        }
    finally:
        services.close()
        if standin is not None:
            standin.stop()


def wheel_sizes(work: Path) -> list[tuple[str, int]]:
    """Our wheel's size, and the wheels each extra adds (its dependencies not already needed)."""
    pip = [sys.executable, "-m", "pip"]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "check": True}
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(work / "wheel"), str(ROOT)], **quiet)
    ours = next((work / "wheel").glob("baonoi-*.whl"))
    rows = [("baonoi wheel (no extra)", ours.stat().st_size)]
    with zipfile.ZipFile(ours) as wheel:
        meta = next(n for n in wheel.namelist() if n.endswith("METADATA"))
        base = [
            line.split(":", 1)[1].strip()
            for line in wheel.read(meta).decode().splitlines()
            if line.startswith("Requires-Dist:") and "extra ==" not in line
        ]
    base_dir = work / "base"
    subprocess.run([*pip, "download", "-d", str(base_dir), *base], **quiet)
    have = {p.name.split("-")[0].lower().replace("_", "-") for p in base_dir.iterdir()}
    total = sum(p.stat().st_size for p in base_dir.iterdir())
    rows.append(("  its dependencies' wheels (every install)", total))
    rows.append(("  + [azure], [openai]: no extra (requests is a dependency)", 0))
    for extra, requirements in EXTRAS.items():
        target = work / "extras" / extra
        subprocess.run([*pip, "download", "-d", str(target), *requirements], **quiet)
        added = [
            p
            for p in target.iterdir()
            if p.name.split("-")[0].lower().replace("_", "-") not in have
        ]
        size = sum(p.stat().st_size for p in added)
        names = ", ".join(sorted(p.name.split("-")[0] for p in added))
        rows.append((f"  + [{extra}] adds {names}", size))
    return rows


def main() -> None:
    """Print the table."""
    os.environ.setdefault("no_proxy", "127.0.0.1,localhost")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        results = [bench_engine(name, work) for name in ("espeak", *REQUESTS)]
        print(
            f"sample article: {results[0]['sentences']} sentences, "
            f"{results[0]['spoken_chars']} spoken characters\n"
        )
        print(
            f"{'engine':8} {'requests':>8} {'body B':>7} {'median ms':>9} {'p95 ms':>7} "
            f"{'counted':>8} {'whole s':>7}  request per sentence"
        )
        for row in results:
            print(
                f"{row['name']:8} {row['requests']:8} {row['body_bytes']:7.0f} "
                f"{row['median_ms']:9.1f} {row['p95_ms']:7.1f} {row['counted']:8} "
                f"{row['whole_s']:7.2f}  {REQUESTS.get(row['name'], '(offline, in-process)')}"
            )
        print()
        try:
            for label, size in wheel_sizes(work):
                print(f"{label:60} {size / 1024:9.1f} KiB")
        except (subprocess.CalledProcessError, StopIteration) as exc:
            print(f"wheel sizes: not measured ({exc})")


if __name__ == "__main__":
    main()
