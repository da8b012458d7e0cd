"""How well an offline recognizer understands our audio of the sample article: character error rate.

``python -m bench.intelligibility`` synthesizes the sample article through the pipeline (eSpeak
NG), cuts the MP3 into pieces of at most ~18 s at pauses, transcribes them with ``viet-asr`` (a
bench-only package: ``pip install viet-asr``) and compares the words heard with the words meant.
It prints the baseline (eSpeak NG ``vi`` at 150 wpm) beside the engine's current defaults;
``--grid`` runs the tuning table instead.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "app" / "demo" / "backan-2021-09-21-chat-luong-to-chuc-dang.html"
ASR_RATE = 16_000  # what the recognizer's model was trained on
MAX_PIECE_S = 18.0  # the ``transcribe`` preset fails on longer audio
MIN_PIECE_S = 3.0  # a cut earlier than this leaves the recognizer too little context
SILENCE_DBFS = -45.0  # a 10 ms frame quieter than this is a pause
MIN_PAUSE_S = 0.08  # shorter quiet stretches are stops inside words, not pauses
FRAME_S = 0.01


@dataclass(frozen=True, slots=True)
class Voice:
    """eSpeak NG settings under test (the keyword arguments of ``EspeakEngine``)."""

    voice: str = "vi"
    variant: str = ""
    rate_wpm: int = 150
    pitch: int = 50
    pitch_range: int = 50
    word_gap: int = 0

    def label(self) -> str:
        """Short description for tables."""
        name = f"{self.voice}+{self.variant}" if self.variant else self.voice
        return (
            f"{name} {self.rate_wpm} wpm pitch {self.pitch} range {self.pitch_range}"
            f" gap {self.word_gap}"
        )


BASELINE = Voice()  # the baseline: eSpeak NG ``vi`` at 150 wpm, as shipped

# The tuning table: one parameter moved at a time from the baseline, then the best variants
# (f2, f3) combined with the rates and pitch ranges that helped. About a minute or two each.
GRID: tuple[Voice, ...] = (
    BASELINE,
    *(Voice(rate_wpm=r) for r in (120, 135, 165, 175)),
    *(Voice(word_gap=g) for g in (3, 8)),
    *(Voice(pitch_range=r) for r in (25, 75, 100)),
    *(Voice(voice=v) for v in ("vi-vn-x-central", "vi-vn-x-south")),
    *(Voice(variant=v) for v in ("f1", "f2", "f3", "f4", "f5", "m3")),
    *(Voice(pitch=p) for p in (35, 65)),
    *(Voice(variant=v, rate_wpm=r) for v in ("f2", "f3") for r in (120, 135)),
    *(Voice(variant=v, rate_wpm=r, pitch_range=100) for v in ("f2", "f3") for r in (120, 135)),
    Voice(variant="f3", pitch_range=100),
    Voice(variant="f2", rate_wpm=120, pitch=65),
    Voice(variant="f2", rate_wpm=120, word_gap=3),
    Voice(variant="f3", rate_wpm=135, pitch_range=100, pitch=65),
    Voice(variant="f3", rate_wpm=135, pitch_range=100, word_gap=2),
)


@dataclass(slots=True)
class Run:
    """One measured setting: its error rate and what it cost."""

    voice: Voice
    cer: float
    audio_s: float
    pieces: int
    synth_s: float
    asr_s: float
    hypothesis: str = field(repr=False, default="")


def spoken_form(text: str) -> str:
    """Text as compared: NFC, lower case, punctuation removed, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text).lower()
    text = "".join(" " if unicodedata.category(c)[0] in "PSC" else c for c in text)
    return " ".join(text.split())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (unit costs), one row at a time."""
    if len(a) < len(b):
        a, b = b, a
    target = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    offsets = np.arange(len(b) + 1)
    row = offsets.copy()
    for i, char in enumerate(a, start=1):
        substitute = row[:-1] + (target != ord(char))
        best = np.minimum(np.concatenate(([i], substitute)), row + 1)
        # insertions chain along the row: best[j] = min over k <= j of best[k] + (j - k)
        row = np.minimum.accumulate(best - offsets) + offsets
    return int(row[-1])


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate of ``hypothesis`` against ``reference`` (both in spoken form)."""
    ref, hyp = spoken_form(reference), spoken_form(hypothesis)
    return edit_distance(ref, hyp) / max(1, len(ref))


def pause_midpoints(samples: np.ndarray, rate: int) -> list[float]:
    """Seconds at the middle of every pause (a run of quiet frames) in the audio."""
    frame = int(rate * FRAME_S)
    count = len(samples) // frame
    frames = samples[: count * frame].astype(np.float64).reshape(count, frame) / 32768
    level = 10 * np.log10(np.mean(frames**2, axis=1) + 1e-12)
    quiet = np.concatenate(([False], level < SILENCE_DBFS, [False]))
    edges = np.flatnonzero(np.diff(quiet.astype(np.int8)))
    runs = edges.reshape(-1, 2) * FRAME_S
    return [float(a + b) / 2 for a, b in runs if b - a >= MIN_PAUSE_S]


def sentence_gaps(timings: Iterable[dict[str, Any]]) -> list[float]:
    """Seconds at the middle of the pause after each sentence (from ``timings.json``)."""
    entries = list(timings)
    return [(a["end"] + b["start"]) / 2 for a, b in zip(entries, entries[1:], strict=False)]


def cut_points(total_s: float, sentences: Sequence[float], pauses: Sequence[float]) -> list[float]:
    """Where to cut: pieces of at most ``MAX_PIECE_S``, at sentence ends, else at pauses."""
    cuts, start = [], 0.0
    while total_s - start > MAX_PIECE_S:
        window = (start + MIN_PIECE_S, start + MAX_PIECE_S)
        inside = [t for t in sentences if window[0] <= t <= window[1]]
        inside = inside or [t for t in pauses if window[0] <= t <= window[1]]
        start = max(inside) if inside else window[1]
        cuts.append(start)
    return cuts


def to_asr_rate(samples: np.ndarray, rate: int) -> np.ndarray:
    """Samples resampled (linearly) to the recognizer's rate."""
    count = int(len(samples) * ASR_RATE / rate)
    positions = np.arange(count) * rate / ASR_RATE
    return np.interp(positions, np.arange(len(samples)), samples).astype(np.int16)


def transcribe(recognizer: Any, samples: np.ndarray, rate: int, cuts: Sequence[float]) -> str:
    """The recognizer's text of every piece, in order."""
    bounds = [0, *(int(t * rate) for t in cuts), len(samples)]
    texts = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        piece = to_asr_rate(samples[a:b], rate)
        texts.append(recognizer.transcribe(piece, float(ASR_RATE)).text)
    return " ".join(texts)


def synthesize_sample(voice: Voice, workdir: Path) -> tuple[np.ndarray, int, list[Any], str, float]:
    """The sample article through the pipeline: MP3 samples, rate, timings, reference, seconds."""
    from app import audio, create_app
    from app.audiostate import audio_path, timings_path
    from app.pipeline import ingest, synthesize
    from app.planning import plan
    from app.speech.engines.espeak import EspeakEngine
    from app.web.context import get_services

    app = create_app(
        {"data_dir": workdir / "i", "audio_cache_dir": workdir / "a", "tts_engine": "espeak"}
    )
    services = get_services(app)
    services.engine_factory = lambda: EspeakEngine(**asdict(voice))
    try:
        start = time.perf_counter()
        article, _ = ingest(services, SAMPLE.read_bytes(), article_id="bench", queue_audio=False)
        synthesize(services, "bench")
        seconds = time.perf_counter() - start
        reference = " ".join(u.spoken for u in plan(services, article).units)
        samples, rate = audio.decode(audio_path(services, article.audio_key, "mp3"))
        timings = json.loads(timings_path(services, article.audio_key).read_text("utf-8"))
    finally:
        services.queue.close()
    return samples, rate, timings, reference, seconds


def measure(recognizer: Any, voice: Voice) -> Run:
    """Synthesize, cut, transcribe and score one setting."""
    with tempfile.TemporaryDirectory() as tmp:
        samples, rate, timings, reference, synth_s = synthesize_sample(voice, Path(tmp))
    total = len(samples) / rate
    cuts = cut_points(total, sentence_gaps(timings), pause_midpoints(samples, rate))
    start = time.perf_counter()
    heard = transcribe(recognizer, samples, rate, cuts)
    asr_s = time.perf_counter() - start
    return Run(voice, cer(reference, heard), total, len(cuts) + 1, synth_s, asr_s, heard)


def load_recognizer() -> Any:
    """viet-asr's ``transcribe`` preset (model inside the wheel), quiet."""
    try:
        from vietasr import Pipeline
        from vietasr.ffi import native
    except ImportError:
        sys.exit("viet-asr is not installed: .venv/bin/pip install viet-asr")
    native.lib.vietasr_set_log_level(3)  # warnings and errors only
    return Pipeline.preset("transcribe")


def print_table(runs: Sequence[Run], title: str) -> None:
    """The measured settings, one per line."""
    print(f"\n{title}", flush=True)
    print(f"{'setting':52} {'CER':>6} {'audio s':>8} {'pieces':>6} {'synth s':>8} {'asr s':>6}")
    for run in runs:
        print(
            f"{run.voice.label():52} {run.cer:6.3f} {run.audio_s:8.1f} {run.pieces:6d}"
            f" {run.synth_s:8.1f} {run.asr_s:6.1f}",
            flush=True,
        )


def engine_defaults() -> Voice:
    """The settings ``EspeakEngine()`` uses today."""
    import inspect

    from app.speech.engines.espeak import EspeakEngine

    params = inspect.signature(EspeakEngine.__init__).parameters
    return Voice(**{name: params[name].default for name in Voice.__dataclass_fields__})


def parse_voice(spec: str) -> Voice:
    """A ``Voice`` from ``voice=vi,rate_wpm=135,...``."""
    fields: dict[str, Any] = {}
    for item in filter(None, spec.split(",")):
        name, _, value = item.partition("=")
        fields[name] = value if name in ("voice", "variant") else int(value)
    return Voice(**fields)


def main(argv: list[str] | None = None) -> int:
    """Print the CER of the baseline and the chosen settings (or of a grid)."""
    parser = argparse.ArgumentParser(prog="python -m bench.intelligibility")
    parser.add_argument("--grid", action="store_true", help="run the whole tuning table")
    parser.add_argument(
        "--voice", action="append", default=[], help="e.g. variant=f3,rate_wpm=135 (repeatable)"
    )
    parser.add_argument("--show", action="store_true", help="print what the recognizer heard")
    args = parser.parse_args(argv)
    if args.grid:
        voices: Sequence[Voice] = GRID
    elif args.voice:
        voices = [parse_voice(spec) for spec in args.voice]
    else:
        voices = list(dict.fromkeys([BASELINE, engine_defaults()]))
    started = time.perf_counter()
    recognizer = load_recognizer()
    runs = []
    for voice in voices:
        runs.append(measure(recognizer, voice))
        if len(voices) > 2:
            print_table(runs[-1:], "measured")
        if args.show:
            print(re.sub(r"(.{100})", r"\1\n", runs[-1].hypothesis))
    print_table(runs, "Intelligibility of the sample article (viet-asr, pieces <= 18 s)")
    print(f"total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
