"""The sample article's finished audio, measured: size per minute, durations, timings, peaks.

The audio is made once per session: files are content-addressed in the session's audio directory,
so every test after the first finds them ready (``synthesize`` reuses the finished set).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app import audio
from app.audiostate import audio_path, timings_path
from app.models import AudioInfo
from app.pipeline import ingest, synthesize
from app.planning import plan

KIB_PER_MINUTE = {"mp3": 240, "opus": 130}  # the ceilings for each variant
ONSET_TOLERANCE_S = 0.05
FRAME_S = 0.005
ONSET_DBFS = -45.0  # a frame louder than this is speech (sentences are brought to -20 dBFS)


@dataclass(frozen=True, slots=True)
class Listened:
    """The sample article's audio: its record, files, timings and spoken units."""

    info: AudioInfo
    files: dict[str, Path]
    timings: list[dict[str, Any]]
    units: int


@pytest.fixture
def listened(services: Any, sample_page: bytes) -> Listened:
    """The sample article synthesized (or found ready) with the offline voice."""
    article, _ = ingest(services, sample_page, queue_audio=False)
    info = synthesize(services, article.id)
    key = article.audio_key
    timings = json.loads(timings_path(services, key).read_text("utf-8"))
    files = {fmt: audio_path(services, key, fmt) for fmt in audio.CODECS}
    return Listened(info, files, timings, len(plan(services, article).units))


Decoder = Callable[[Path], tuple[np.ndarray, int]]


@pytest.fixture(scope="module")
def decoded() -> Decoder:
    """Decoding, once per file for this module (minutes of Opus take seconds to decode)."""
    return functools.cache(audio.decode)


def frame_levels(samples: np.ndarray, rate: int) -> np.ndarray:
    """Loudness in dBFS of each ``FRAME_S`` frame."""
    size = int(rate * FRAME_S)
    count = len(samples) // size
    frames = samples[: count * size].astype(np.float64).reshape(count, size) / 32768
    return np.asarray(10 * np.log10(np.mean(frames**2, axis=1) + 1e-12))


def onsets(samples: np.ndarray, rate: int, timings: list[dict[str, Any]]) -> list[float]:
    """Where each sentence's sound really begins: the first loud frame after the pause before it."""
    levels = frame_levels(samples, rate)
    found, previous_end = [], 0.0
    for entry in timings:
        search_from = (previous_end + entry["start"]) / 2  # the middle of the pause before it
        first = int(search_from / FRAME_S)
        loud = np.flatnonzero(levels[first:] > ONSET_DBFS)
        found.append((first + int(loud[0])) * FRAME_S if len(loud) else float("inf"))
        previous_end = entry["end"]
    return found


@pytest.mark.parametrize("fmt", sorted(audio.CODECS))
def test_each_variant_stays_within_its_size_per_minute_of_speech(
    listened: Listened, fmt: str
) -> None:
    size_kib = listened.files[fmt].stat().st_size / 1024
    minutes = (listened.info.duration_s or 0) / 60
    assert minutes > 3  # the sample is a long article: the ratio is measured, not startup noise
    assert size_kib / minutes <= KIB_PER_MINUTE[fmt]
    assert listened.info.files[fmt] == listened.files[fmt].stat().st_size


def test_both_variants_decode_to_the_recorded_duration(
    listened: Listened, decoded: Decoder
) -> None:
    durations = {}
    for fmt, path in listened.files.items():
        samples, rate = decoded(path)
        assert rate == audio.SAMPLE_RATE and np.abs(samples.astype(np.int32)).max() > 3000
        durations[fmt] = len(samples) / rate
    recorded = listened.info.duration_s
    assert durations["mp3"] == pytest.approx(durations["opus"], rel=0.01)
    for duration in durations.values():
        assert duration == pytest.approx(recorded, rel=0.01)


def test_timings_have_one_entry_per_spoken_sentence_in_order(listened: Listened) -> None:
    assert len(listened.timings) == listened.units
    starts = [t["start"] for t in listened.timings]
    assert starts == sorted(starts)
    assert all(t["start"] < t["end"] for t in listened.timings)
    assert listened.timings[-1]["end"] <= (listened.info.duration_s or 0)


# libsndfile's MP3 encoder (LAME) writes no gapless header, so decoders keep its 1105-sample
# (46 ms) delay; app.audio drops that much of the silent lead-in before encoding MP3.
@pytest.mark.parametrize("fmt", ["mp3", "opus"])
def test_each_sentence_starts_in_the_file_where_its_timing_says(
    listened: Listened, decoded: Decoder, fmt: str
) -> None:
    samples, rate = decoded(listened.files[fmt])
    measured = onsets(samples, rate, listened.timings)
    offsets = [m - t["start"] for m, t in zip(measured, listened.timings, strict=True)]
    late = [
        (i, round(offset, 3), t["text"][:40])
        for i, (offset, t) in enumerate(zip(offsets, listened.timings, strict=True))
        if abs(offset) > ONSET_TOLERANCE_S
    ]
    assert not late, f"sentences whose sound starts more than 50 ms from their timing: {late}"


@pytest.mark.parametrize("fmt", sorted(audio.CODECS))
def test_peaks_stay_below_full_scale(listened: Listened, decoded: Decoder, fmt: str) -> None:
    samples, _ = decoded(listened.files[fmt])
    peak = int(np.abs(samples.astype(np.int32)).max())
    assert peak < 32767
    assert np.count_nonzero(np.abs(samples.astype(np.int32)) >= 32700) == 0  # nothing clipped
