"""Codec I/O: PCM in memory, MP3 and Opus on disk, through libsndfile (no ffmpeg needed)."""

from __future__ import annotations

import errno
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from app.errors import StorageFull, SynthesisError

SAMPLE_RATE = 24_000  # every engine's output is brought to this; MP3 (MPEG-2) and Opus accept it


@dataclass(frozen=True, slots=True)
class Codec:
    """One audio variant we serve: container, codec, bitrate and MIME type."""

    ext: str
    format: str
    subtype: str
    kbps: int
    mime: str
    bitrate_mode: str | None = None
    # Samples the encoder puts before the signal and no decoder removes: LAME's 576 + 529 at
    # MPEG-2 rates, since libsndfile writes no gapless header. Dropped from the (silent) lead-in
    # before encoding, so a sentence sounds exactly where timings.json says.
    delay: int = 0

    @property
    def compression_level(self) -> float:
        """libsndfile's 0..1 compression level that gives ``kbps`` at our sample rate."""
        if self.format == "MP3":  # MPEG-2 layer III: libsndfile spans 160 down to 8 kbit/s
            return min(1.0, max(0.0, (160 - self.kbps) / 152 + 0.008))
        return min(1.0, max(0.0, 1 - (self.kbps - 6) / 250))  # Opus: 256 down to 6 kbit/s


CODECS: dict[str, Codec] = {
    "mp3": Codec("mp3", "MP3", "MPEG_LAYER_III", 32, "audio/mpeg", "CONSTANT", delay=1105),
    "opus": Codec("opus", "OGG", "OPUS", 16, "audio/ogg; codecs=opus"),
}
ENCODING_PROFILE = ",".join(f"{c.ext}@{c.kbps}k/{SAMPLE_RATE}-{c.delay}" for c in CODECS.values())


def codec_for(fmt: str) -> Codec:
    """The codec named ``fmt`` (``mp3`` or ``opus``)."""
    try:
        return CODECS[fmt]
    except KeyError:
        raise SynthesisError(
            f"Unknown audio format {fmt!r}", f"Định dạng âm thanh không hỗ trợ: {fmt!r}"
        ) from None


def encode(samples: np.ndarray, codec: Codec, sample_rate: int = SAMPLE_RATE) -> bytes:
    """Mono int16 or float samples to the codec's bytes."""
    samples = samples[codec.delay :]
    buf = io.BytesIO()
    with sf.SoundFile(
        buf,
        "w",
        samplerate=sample_rate,
        channels=1,
        format=codec.format,
        subtype=codec.subtype,
        compression_level=codec.compression_level,
        bitrate_mode=codec.bitrate_mode,
    ) as out:
        out.write(samples)
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
