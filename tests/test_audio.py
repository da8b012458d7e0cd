"""Codec I/O: MP3 and Opus at speech bitrates that decode back to the same length."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import numpy as np
import pytest

from app import audio
from app.errors import StorageFull


def tone(seconds: float) -> np.ndarray:
    """A speech-like test signal: a modulated tone with some noise."""
    t = np.arange(int(seconds * audio.SAMPLE_RATE)) / audio.SAMPLE_RATE
    rng = np.random.default_rng(1)
    wave = 0.3 * np.sin(2 * np.pi * 180 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 3 * t))
    return ((wave + 0.02 * rng.standard_normal(len(t))) * 32767).astype(np.int16)


@pytest.mark.parametrize("fmt", ["mp3", "opus"])
def test_encoded_audio_decodes_to_the_same_duration(fmt: str) -> None:
    samples = tone(10)
    data = audio.encode(samples, audio.codec_for(fmt))
    decoded, rate = audio.decode(data)
    assert rate == audio.SAMPLE_RATE
    assert abs(len(decoded) / rate - 10) < 0.1


@pytest.mark.parametrize(("fmt", "low", "high"), [("mp3", 24, 40), ("opus", 14, 26)])
def test_encoding_uses_speech_bitrates(fmt: str, low: int, high: int) -> None:
    data = audio.encode(tone(20), audio.codec_for(fmt))
    kbps = len(data) * 8 / 20 / 1000
    assert low <= kbps <= high


def test_mp3_starts_with_an_mpeg_frame_and_opus_with_an_ogg_page() -> None:
    mp3 = audio.encode(tone(1), audio.codec_for("mp3"))
    opus = audio.encode(tone(1), audio.codec_for("opus"))
    assert mp3[:3] == b"ID3" or (mp3[0] == 0xFF and mp3[1] & 0xE0 == 0xE0)
    assert opus[:4] == b"OggS" and b"OpusHead" in opus[:100]


def test_write_atomic_leaves_no_partial_file_when_the_disk_is_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(audio.os, "fsync", full)
    target = tmp_path / "a.mp3"
    with pytest.raises(StorageFull):
        audio.write_atomic(target, b"x" * 1000)
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_replaces_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "a.bin"
    audio.write_atomic(target, b"first")
    audio.write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["a.bin"]


def test_decoding_garbage_raises_a_synthesis_error() -> None:
    from app.errors import SynthesisError

    with pytest.raises(SynthesisError):
        audio.decode(b"not audio at all" * 10)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_write_atomic_makes_files_others_may_read_as_the_umask_allows(
    tmp_path: Path, umask: int, mode: int
) -> None:
    previous = os.umask(umask)
    try:
        audio.write_atomic(tmp_path / "a.mp3", b"abc")
    finally:
        os.umask(previous)
    assert (tmp_path / "a.mp3").stat().st_mode & 0o777 == mode
