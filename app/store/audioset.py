"""Writing one audio set as it is spoken: a live MP3 that grows, Opus beside it, then the set.

While an article is being synthesized, ``live/<key>.mp3`` holds the MP3 made so far (the very
bytes the finished file will have: LAME is deterministic and the stream is one encoder run) and
``live/<key>.json`` says how many of its bytes are written and the sentence timings so far. Any web
process that sees the audio directory serves them, so a listener hears the first sentences while
the rest is made. When the last sentence is in, the Opus file and the timings are written, the live
MP3 is renamed into place and the manifest is written last: nothing half-made is ever final.

Memory stays bounded whatever the article's length: samples go to the encoders sentence by
sentence; Opus is encoded in its own thread behind a short queue.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import numpy as np

from app import audio
from app.models import Timing
from app.store import files

PUBLISH_EVERY_S = 0.25  # how often the live JSON is rewritten while sentences come in
_QUEUE_DEPTH = 16  # sentences waiting for the Opus thread at most (bounds memory)


def live_path(audio_dir: Path, key: str, suffix: str) -> Path:
    """``<audio_dir>/live/<key><suffix>`` (``.mp3`` growing, ``.json`` its progress)."""
    return audio_dir / files.LIVE_DIR / f"{key}{suffix}"


def read_live(audio_dir: Path, key: str) -> dict[str, Any] | None:
    """The live progress of ``key`` (bytes written, timings so far), or None if none is running."""
    try:
        data = json.loads(live_path(audio_dir, key, ".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _timing_dict(timing: Timing) -> dict[str, Any]:
    """A sentence timing as it is written to JSON."""
    return {
        "start": timing.start,
        "end": timing.end,
        "block": timing.block,
        "text": timing.text,
        "engine": timing.engine,
    }


class _Threaded:
    """An audio stream fed from a queue by its own thread (libopus runs beside LAME)."""

    def __init__(self, stream: audio.AudioStream) -> None:
        self._stream = stream
        self._queue: queue.Queue[np.ndarray | None] = queue.Queue(_QUEUE_DEPTH)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="baonoi-opus", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        """Encode what arrives until the end marker; keep the first error for the writer."""
        while (samples := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self._stream.write(samples)
                except BaseException as exc:  # re-raised in the writer's thread
                    self._error = exc

    def write(self, samples: np.ndarray) -> None:
        """Queue samples (waits when the encoder is behind)."""
        self._check()
        self._queue.put(samples)

    def close(self) -> None:
        """Finish encoding and close the stream."""
        self._queue.put(None)
        self._thread.join()
        self._check()
        self._stream.close()

    def abandon(self) -> None:
        """Stop the thread without finishing the stream."""
        self._queue.put(None)
        self._thread.join()

    def _check(self) -> None:
        """Raise the encoder thread's error, if any."""
        if self._error is not None:
            raise self._error


class AudioSetWriter:
    """Writes the audio set of one key: MP3 live as it grows, Opus, timings, manifest last."""

    def __init__(self, audio_dir: Path, key: str) -> None:
        self.audio_dir, self.key = audio_dir, key
        self.timings: list[Timing] = []
        self.samples_written = 0
        self._published = 0.0
        self._mp3_path = live_path(audio_dir, key, ".mp3")
        self._mp3_path.parent.mkdir(parents=True, exist_ok=True)
        self._mp3: IO[bytes] = open(self._mp3_path, "wb")  # closed by finish() or abort()
        os.chmod(self._mp3_path, 0o644 & ~audio.current_umask())
        self._mp3_stream = audio.open_stream(audio.CODECS["mp3"], self._mp3)
        opus_fd, opus_tmp = tempfile.mkstemp(prefix=f".{key}.opus.", suffix=".part", dir=audio_dir)
        self._opus_tmp = Path(opus_tmp)
        self._opus: IO[bytes] = os.fdopen(opus_fd, "wb")
        self._opus_stream = _Threaded(audio.open_stream(audio.CODECS["opus"], self._opus))

    def __enter__(self) -> AudioSetWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is not None:
            self.abort()

    @property
    def position_s(self) -> float:
        """Seconds of audio written so far."""
        return self.samples_written / audio.SAMPLE_RATE

    def write(self, samples: np.ndarray, timing: Timing | None = None) -> None:
        """Append samples (and the timing of the sentence they hold) to both streams."""
        if len(samples):
            self._mp3_stream.write(samples)
            self._opus_stream.write(samples)
            self.samples_written += len(samples)
        if timing is not None:
            self.timings.append(timing)
            if len(self.timings) == 1 or time.monotonic() - self._published >= PUBLISH_EVERY_S:
                self.publish()

    def publish(self) -> None:
        """Rewrite the live JSON: MP3 bytes on disk, seconds and timings so far."""
        self._mp3.flush()
        state = {
            "key": self.key,
            "bytes": self._mp3.tell(),
            "duration_s": round(self.position_s, 3),
            "timings": [_timing_dict(t) for t in self.timings],
            "done": False,  # a finished set is read from its manifest, never from here
            "updated_at": time.time(),
        }
        audio.write_atomic(
            live_path(self.audio_dir, self.key, ".json"),
            json.dumps(state, ensure_ascii=False).encode(),
        )
        self._published = time.monotonic()

    def finish(self, manifest: dict[str, Any]) -> tuple[dict[str, int], dict[str, str]]:
        """Close the streams and put the set in place under digest names; sizes and digests."""
        self._mp3_stream.close()
        self._opus_stream.close()
        for handle in (self._mp3, self._opus):
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        key, out = self.key, self.audio_dir
        os.chmod(self._opus_tmp, 0o644 & ~audio.current_umask())
        done = {"mp3": self._mp3_path, "opus": self._opus_tmp}
        digests = {fmt: files.digest_of_file(path) for fmt, path in done.items()}
        sizes = {fmt: path.stat().st_size for fmt, path in done.items()}
        timings = [_timing_dict(t) for t in self.timings]
        data = json.dumps(timings, ensure_ascii=False).encode()
        digests[files.TIMINGS] = files.digest_of(data)
        audio.write_atomic(
            out / files.served_name(key, digests[files.TIMINGS], files.TIMINGS), data
        )
        for fmt, path in done.items():  # the live MP3 becomes the finished one: same bytes
            os.replace(path, out / files.served_name(key, digests[fmt], fmt))
        audio.write_atomic(
            files.final_path(out, key, ".json"),
            json.dumps({**manifest, "files": sizes, "digests": digests}).encode(),
        )
        live_path(out, key, ".json").unlink(missing_ok=True)
        return sizes, digests

    def abort(self) -> None:
        """Drop everything this writer made (a failed synthesis leaves nothing behind)."""
        self._opus_stream.abandon()
        for handle in (self._mp3, self._opus):
            with contextlib.suppress(OSError, ValueError):
                handle.close()
        for path in (
            self._opus_tmp,
            self._mp3_path,
            live_path(self.audio_dir, self.key, ".json"),
        ):
            path.unlink(missing_ok=True)


FOLLOW_START_S = 20.0  # how long a follower waits for a set to start being written
FOLLOW_STALL_S = 60.0  # a live MP3 that stops growing this long is given up on
FOLLOW_POLL_S = 0.05  # how often a follower looks for new bytes
FOLLOW_PIECE = 64 * 1024  # the most one yielded piece carries


def _finished_mp3(audio_dir: Path, key: str) -> Path | None:
    """The finished MP3 of ``key``, or None while the set is incomplete."""
    finished = files.read_finished(audio_dir, key, audio.CODECS)
    if finished is None:
        return None
    return audio_dir / files.served_name(key, finished["digests"]["mp3"], "mp3")


def _pieces(handle: IO[bytes], upto: int | None) -> Iterator[bytes]:
    """What ``handle`` holds from its position to byte ``upto`` (to its end if None)."""
    while upto is None or handle.tell() < upto:
        left = FOLLOW_PIECE if upto is None else min(FOLLOW_PIECE, upto - handle.tell())
        piece = handle.read(left)
        if not piece:
            return
        yield piece


def follow(audio_dir: Path, key: str) -> Iterator[bytes]:
    """The MP3 of ``key`` from its first byte, as it is written, until the set is finished.

    Waits up to ``FOLLOW_START_S`` for the set to start; ends early if it is abandoned (its live
    files removed, or replaced by another run's) or stops growing for ``FOLLOW_STALL_S``.
    """
    deadline, mp3 = time.monotonic() + FOLLOW_START_S, live_path(audio_dir, key, ".mp3")
    while True:
        done = _finished_mp3(audio_dir, key)
        if done is not None:
            with contextlib.suppress(OSError), open(done, "rb") as whole:
                yield from _pieces(whole, None)
            return
        with contextlib.suppress(OSError):
            handle = open(mp3, "rb")
            break
        if time.monotonic() > deadline:
            return
        time.sleep(FOLLOW_POLL_S)
    with handle:
        grew = time.monotonic()
        while True:
            state = read_live(audio_dir, key)
            if state is None and _finished_mp3(audio_dir, key) is not None:
                yield from _pieces(handle, None)  # renamed into place: the same file, to its end
                return
            try:
                inode: int | None = os.stat(mp3).st_ino
            except OSError:
                inode = None  # renamed into place (the manifest comes next) or removed
            if inode not in (None, os.fstat(handle.fileno()).st_ino) or (
                inode is None and state is None
            ):
                return  # abandoned: removed, or another run writes it now
            if state is not None and int(state.get("bytes", 0)) > handle.tell():
                yield from _pieces(handle, int(state["bytes"]))
                grew = time.monotonic()
            elif time.monotonic() - grew > FOLLOW_STALL_S:
                return
            time.sleep(FOLLOW_POLL_S)
