"""Codec I/O: MP3 (LAME) and Opus (libopus via PyAV) encoded as a stream; decoding via libsndfile.

Every codec comes inside a wheel (lameenc, av, soundfile): no ffmpeg or system package.
"""

from __future__ import annotations

import errno
import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

import numpy as np
import soundfile as sf

from app.errors import StorageFull, SynthesisError

SAMPLE_RATE = 24_000  # every engine's output is brought to this; MP3 (MPEG-2) and Opus accept it


@dataclass(frozen=True, slots=True)
class Codec:
    """One audio variant we serve: container, encoder, bitrate and MIME type."""

    ext: str
    encoder: str  # "lame" (lameenc) or "libopus" (PyAV): both stream and are deterministic
    kbps: int
    mime: str
    # Samples the encoder puts before the signal and no decoder removes: LAME's 576 + 529 at
    # MPEG-2 rates, as no gapless header is written. Dropped from the (silent) lead-in before
    # encoding, so a sentence sounds exactly where timings.json says. Ogg Opus declares its
    # pre-skip, which decoders honour.
    delay: int = 0


CODECS: dict[str, Codec] = {
    "mp3": Codec("mp3", "lame", 32, "audio/mpeg", delay=1105),
    "opus": Codec("opus", "libopus", 16, "audio/ogg; codecs=opus"),
}
# libopus for speech (SILK) in 60 ms frames at complexity 5: measured in bench.firstsound, 37% less
# time than the defaults (20 ms, 10) for 9% fewer bytes at the same bitrate.
# LAME's -q 2: its default -q 7 costs the female voice 0.016 CER in bench.intelligibility (viet-asr
# transcribes the MP3); -q 2 measured the same as the old libsndfile files, same run.
LAME_QUALITY = 2
OPUS_OPTIONS = {"application": "voip", "frame_duration": "60", "compression_level": "5"}
ENCODING_PROFILE = (
    ",".join(f"{c.ext}@{c.kbps}k/{SAMPLE_RATE}-{c.delay}-{c.encoder}" for c in CODECS.values())
    + ",opus:"
    + ",".join(f"{k}={v}" for k, v in sorted(OPUS_OPTIONS.items()))
)


def codec_for(fmt: str) -> Codec:
    """The codec named ``fmt`` (``mp3`` or ``opus``)."""
    try:
        return CODECS[fmt]
    except KeyError:
        raise SynthesisError(
            f"Unknown audio format {fmt!r}", f"Định dạng âm thanh không hỗ trợ: {fmt!r}"
        ) from None


def _int16(samples: np.ndarray) -> np.ndarray:
    """Mono samples as contiguous int16 (float input is taken as -1..1)."""
    if samples.dtype.kind == "f":
        samples = np.clip(samples * 32767.0, -32768, 32767)
    return np.ascontiguousarray(samples, dtype=np.int16)


class _LameStream:
    """MP3 through LAME, bytes handed to ``sink`` as they are made."""

    def __init__(self, codec: Codec, sink: BinaryIO, sample_rate: int) -> None:
        import lameenc

        self._sink, self._skip = sink, codec.delay
        self._lame = lameenc.Encoder()
        self._lame.set_bit_rate(codec.kbps)
        self._lame.set_in_sample_rate(sample_rate)
        self._lame.set_out_sample_rate(sample_rate)
        self._lame.set_channels(1)
        self._lame.set_quality(LAME_QUALITY)

    def write(self, samples: np.ndarray) -> None:
        """Encode more samples (the codec's delay comes off the very first ones)."""
        samples = _int16(samples)
        if self._skip:
            dropped = min(self._skip, len(samples))
            samples, self._skip = samples[dropped:], self._skip - dropped
        if len(samples):
            self._sink.write(bytes(self._lame.encode(samples.tobytes())))

    def close(self) -> None:
        """Flush the last frames."""
        self._sink.write(bytes(self._lame.flush()))


class _OpusStream:
    """Ogg Opus through PyAV's libopus (bit-exact muxing: the same input gives the same bytes)."""

    def __init__(self, codec: Codec, sink: BinaryIO, sample_rate: int) -> None:
        import av

        self._av, self._rate = av, sample_rate
        self._container = av.open(sink, "w", format="ogg", options={"fflags": "+bitexact"})
        self._stream = self._container.add_stream("libopus", rate=sample_rate, options=OPUS_OPTIONS)
        self._stream.bit_rate = codec.kbps * 1000
        self._stream.layout = "mono"

    def write(self, samples: np.ndarray) -> None:
        """Encode and mux more samples."""
        samples = _int16(samples)
        if not len(samples):
            return
        frame = self._av.AudioFrame.from_ndarray(
            samples.reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate = self._rate
        for packet in self._stream.encode(frame):
            self._container.mux(packet)

    def close(self) -> None:
        """Drain the encoder and write the last page."""
        for packet in self._stream.encode(None):
            self._container.mux(packet)
        self._container.close()


ENCODERS: dict[str, Callable[[Codec, BinaryIO, int], AudioStream]] = {
    "lame": _LameStream,
    "libopus": _OpusStream,
}


class AudioStream(Protocol):
    """An encoder taking samples a piece at a time and writing its bytes to a sink."""

    def write(self, samples: np.ndarray) -> None:
        """Encode more samples."""
        ...

    def close(self) -> None:
        """Finish the stream."""
        ...


def open_stream(codec: Codec, sink: BinaryIO, sample_rate: int = SAMPLE_RATE) -> AudioStream:
    """A streaming encoder for ``codec`` writing to ``sink``."""
    try:
        return ENCODERS[codec.encoder](codec, sink, sample_rate)
    except (ImportError, OSError, ValueError) as exc:  # a missing wheel, a codec not built in
        raise SynthesisError(
            f"The {codec.ext} encoder is not usable",
            f"Không dùng được bộ mã hóa {codec.ext}",
            detail=str(exc),
        ) from exc


def encode(samples: np.ndarray, codec: Codec, sample_rate: int = SAMPLE_RATE) -> bytes:
    """Mono int16 or float samples to the codec's bytes, all at once."""
    buf = io.BytesIO()
    stream = open_stream(codec, buf, sample_rate)
    stream.write(samples)
    stream.close()
    return buf.getvalue()


def decode(data: bytes | Path) -> tuple[np.ndarray, int]:
    """Any file libsndfile reads (WAV, FLAC, MP3, Ogg) to mono int16 samples and its rate."""
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    try:
        samples, rate = sf.read(source, dtype="int16", always_2d=True)
    except (sf.LibsndfileError, RuntimeError) as exc:
        raise SynthesisError(
            "Audio could not be decoded", "Không giải mã được âm thanh", detail=str(exc)
        ) from exc
    return samples.mean(axis=1).astype(np.int16) if samples.shape[1] > 1 else samples[:, 0], rate


def current_umask() -> int:
    """The process umask, read without changing it (Linux); 022 where it cannot be read."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: all or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~current_umask())  # mkstemp makes 0600: a front must read it
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise StorageFull(detail=str(exc)) from exc
        raise
