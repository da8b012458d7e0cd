"""Spoken units to one timeline: per-unit cache, trimmed edges, even loudness, pauses, timings.

A sentence is cached under the key of the engine that made it. With a fallback chain that is the
member that spoke it, not the chain: a sentence eSpeak NG made while Piper was failing is never
served later as Piper's, and Piper's own sentences are shared with a plain ``piper`` setting.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import soundfile as sf

with warnings.catch_warnings():  # pydub looks for ffmpeg on import; we never use it
    warnings.filterwarnings("ignore", "Couldn't find ffmpeg", RuntimeWarning)
    from pydub import AudioSegment
    from pydub.silence import detect_leading_silence

from app.audio import SAMPLE_RATE, decode, write_atomic
from app.models import Timing
from app.speech.engines.base import Engine
from app.speech.engines.chain import ChainEngine
from app.store.files import touch

RENDER_VERSION = "2"  # bump when unit processing changes: it is part of every cache key
TARGET_DBFS = -20.0  # loudness each sentence is brought to
PEAK_DBFS = -2.0  # no sample reaches full scale, even after lossy coding
LEAD_IN_MS = 100  # silence before the title: room for codec delays (see app.audio.Codec.delay)
SILENCE_DBFS = -50.0  # what counts as silence when trimming a sentence's edges
EDGE_MS = 20  # breath left at each trimmed edge


@dataclass(frozen=True, slots=True)
class SpokenUnit:
    """A sentence ready for the engine: its block, written and spoken forms, pause after."""

    block: int
    text: str
    spoken: str
    pause_ms: int


@dataclass(slots=True)
class Rendered:
    """The assembled audio, where each sentence sits in it, how many were synthesized, by whom."""

    samples: np.ndarray
    timings: list[Timing] = field(default_factory=list)
    synthesized: int = 0
    voices: dict[str, str] = field(default_factory=dict)  # engine name -> its voice

    @property
    def duration_s(self) -> float:
        """Length in seconds."""
        return len(self.samples) / SAMPLE_RATE

    @property
    def engines(self) -> dict[str, int]:
        """How many sentences each engine spoke, in the order they first spoke."""
        return dict(Counter(t.engine for t in self.timings))

    @property
    def main_voice(self) -> tuple[str, str] | None:
        """The engine that spoke most sentences (the first to speak, on a tie) and its voice."""
        counts = self.engines
        if not counts:
            return None
        name = max(counts, key=lambda engine: counts[engine])
        return name, self.voices[name]


def unit_key(engine: Engine, spoken: str) -> str:
    """Cache key of one sentence's audio."""
    material = "\x1f".join((engine.name, engine.voice, engine.version, RENDER_VERSION, spoken))
    return hashlib.sha256(material.encode()).hexdigest()


def _segment(samples: np.ndarray, rate: int) -> AudioSegment:
    """Engine samples as a pydub segment."""
    return AudioSegment(
        samples.astype(np.int16).tobytes(), frame_rate=rate, sample_width=2, channels=1
    )


def prepare(samples: np.ndarray, rate: int) -> np.ndarray:
    """One sentence: resampled, edges trimmed, loudness evened, peaks kept below full scale."""
    seg = _segment(samples, rate).set_frame_rate(SAMPLE_RATE)
    lead = max(0, detect_leading_silence(seg, SILENCE_DBFS) - EDGE_MS)
    tail = max(0, detect_leading_silence(seg.reverse(), SILENCE_DBFS) - EDGE_MS)
    seg = seg[lead : len(seg) - tail] if lead + tail < len(seg) else seg[:0]
    if len(seg) and seg.rms:
        seg = seg.apply_gain(TARGET_DBFS - seg.dBFS)
        if seg.max_dBFS > PEAK_DBFS:
            seg = seg.apply_gain(PEAK_DBFS - seg.max_dBFS)
    return np.frombuffer(seg.raw_data, dtype=np.int16)


def _unit_path(unit_dir: Path, engine: Engine, spoken: str) -> Path:
    """Where the cached audio of ``spoken`` by ``engine`` lives."""
    key = unit_key(engine, spoken)
    return unit_dir / key[:2] / f"{key}.flac"


def forget(units: Sequence[SpokenUnit], engine: Engine, unit_dir: Path) -> None:
    """Remove the cached sentences of ``units`` as every member of ``engine`` would keep them."""
    members = engine.members if isinstance(engine, ChainEngine) else (engine,)
    for unit in units:
        for member in members:
            _unit_path(unit_dir, member, unit.spoken).unlink(missing_ok=True)


def _cached(engine: Engine, spoken: str, unit_dir: Path) -> tuple[tuple[np.ndarray, bool], Engine]:
    """A sentence's prepared samples (cached, or synthesized and cached), whether new, and who.

    A chain's members are asked in order; each one's cache is looked at before it is asked to
    speak, so a sentence its first member made once is not made again while that member is down.
    """

    def found(member: Engine) -> tuple[np.ndarray, bool] | None:
        path = _unit_path(unit_dir, member, spoken)
        if not path.is_file():
            return None
        samples, _ = decode(path)
        touch(path)
        return samples, False

    def made(member: Engine) -> tuple[np.ndarray, bool]:
        speech = member.synthesize(spoken)
        samples = prepare(speech.samples, speech.rate)
        buf = io.BytesIO()
        sf.write(buf, samples, SAMPLE_RATE, format="FLAC", subtype="PCM_16")
        write_atomic(_unit_path(unit_dir, member, spoken), buf.getvalue())
        return samples, True

    chain = engine if isinstance(engine, ChainEngine) else ChainEngine([engine])
    return chain.run(made, found)


@dataclass(frozen=True, slots=True)
class Piece:
    """One spoken unit's samples (its pause included), where it sits, who spoke it, and if new."""

    samples: np.ndarray
    timing: Timing
    new: bool
    voice: str  # the voice of the engine that spoke it (its name is ``timing.engine``)


def lead_in() -> np.ndarray:
    """The silence before the title: room for codec delays."""
    return np.zeros(SAMPLE_RATE * LEAD_IN_MS // 1000, dtype=np.int16)


def speak(
    units: Sequence[SpokenUnit],
    engine: Engine,
    unit_dir: Path,
    on_progress: Callable[[float], None] | None = None,
) -> Iterator[Piece]:
    """Each unit's audio in reading order, timed from the end of the lead-in."""
    position = SAMPLE_RATE * LEAD_IN_MS // 1000
    for index, unit in enumerate(units):
        (samples, new), maker = _cached(engine, unit.spoken, unit_dir)
        start, end = position, position + len(samples)
        pause = np.zeros(SAMPLE_RATE * unit.pause_ms // 1000, dtype=np.int16)
        position = end + len(pause)
        timing = Timing(
            round(start / SAMPLE_RATE, 3),
            round(end / SAMPLE_RATE, 3),
            unit.block,
            unit.text,
            maker.name,
        )
        yield Piece(np.concatenate([samples, pause]), timing, new, maker.voice)
        if on_progress:
            on_progress((index + 1) / len(units))


def render(
    units: Sequence[SpokenUnit],
    engine: Engine,
    unit_dir: Path,
    on_progress: Callable[[float], None] | None = None,
) -> Rendered:
    """Every unit's audio in order, with its pause, and the timing of each sentence (in memory)."""
    out = Rendered(np.zeros(0, dtype=np.int16))
    pieces: list[np.ndarray] = [lead_in()]
    for piece in speak(units, engine, unit_dir, on_progress):
        out.synthesized += piece.new
        out.voices[piece.timing.engine] = piece.voice
        out.timings.append(piece.timing)
        pieces.append(piece.samples)
    out.samples = np.concatenate(pieces)
    return out
