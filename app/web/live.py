"""Audio while it is being made: ask for it now, follow its progress, fetch the MP3 as it grows.

``POST /articles/<id>/listen`` queues the article's audio ahead of background work (a listener is
waiting) and says where to follow it. ``/audio/<key>/live.json`` gives the bytes written and the
sentence timings so far; ``/audio/<key>/live.mp3`` answers Range requests for those bytes, and
without a Range (or with ``?stream``) sends the whole MP3 as one response that grows until the set
is finished: a plain ``<audio>`` plays it while it is made, and the player appends its pieces to a
MediaSource as they arrive. The live MP3 is the finished MP3 being written, so its bytes never
change; the player hands over to the finished files when they are there. Any web process serves
them from the (shared) audio directory, whichever worker writes it.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request, url_for

from app.audio import CODECS
from app.audiostate import audio_path, timings_path
from app.errors import NotFound, StreamsBusy, SynthesisError, error_for
from app.models import AudioStatus
from app.pipeline import get_article, request_audio
from app.store.audioset import follow, live_path, read_live
from app.web.context import get_services
from app.web.limits import check_rate, client_id
from app.web.ranges import file_part, open_file, parse_range
from app.web.reader import listener_voice

bp = Blueprint("live", __name__)
KEY = re.compile(r"[0-9a-f]{32}")
CHUNK = 512 * 1024  # the most one live Range answer carries
STREAMS = 8  # growing MP3 streams one process sends at once: half its request threads
LISTEN_GRACE_S = 2.0  # a stream asked for with (not after) its listen request waits this long
NO_STORE = "no-store"


def _key(key: str) -> str:
    """``key`` if it looks like an audio key, else ``NotFound`` (nothing reaches the disk)."""
    if not KEY.fullmatch(key):
        raise NotFound()
    return key


def _urls(key: str) -> dict[str, str]:
    """Where to follow audio ``key`` while it is made."""
    return {
        "live_json": url_for("live.progress", key=key),
        "live_mp3": url_for("live.mp3", key=key),
    }


@bp.post("/articles/<article_id>/listen")
def listen(article_id: str) -> Response:
    """Queue the audio ahead of background work; its state and where to follow it."""
    services = get_services()
    article = get_article(services, article_id)
    limit = services.settings.synth_per_minute
    info = request_audio(
        services,
        article,
        admit=lambda: check_rate("synth", limit),
        interactive=True,
        voice=listener_voice(),
        client=client_id(),
    )
    if info.status is AudioStatus.FAILED:
        raise error_for(info.error_code or SynthesisError.code, info.error)
    body: dict[str, Any] = {
        "status": info.status.value,
        "progress": info.progress,
        "key": info.key,
        **_urls(info.key),
        "files": {
            fmt: url_for("reader.audio_file", article_id=article.id, fmt=fmt) for fmt in CODECS
        },
        "timings": url_for("reader.timings", article_id=article.id),
    }
    response = jsonify(body)
    response.headers["Cache-Control"] = NO_STORE
    return response


def _finished(key: str) -> dict[str, Any] | None:
    """The live-style view of a finished set (all bytes, all timings), or None."""
    services = get_services()
    mp3, timings = audio_path(services, key, "mp3"), timings_path(services, key)
    try:
        size = mp3.stat().st_size
        spoken = json.loads(timings.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    end = spoken[-1]["end"] if spoken else 0.0
    return {"key": key, "bytes": size, "duration_s": end, "timings": spoken, "done": True}


@bp.get("/audio/<key>/live.json")
def progress(key: str) -> Response:
    """MP3 bytes written and sentence timings so far (``done`` once the set is finished)."""
    key = _key(key)
    state = _finished(key) or read_live(get_services().audio_dir, key)
    if state is None:
        if get_services().store.get_audio(key).status is AudioStatus.NONE:
            raise NotFound()  # never asked for, or its article deleted
        state = {"key": key, "bytes": 0, "duration_s": 0.0, "timings": [], "done": False}
    skip = request.args.get("from", "")
    if skip.isascii() and skip.isdigit() and len(skip) < 9:  # the timings the player has
        state = {**state, "from": int(skip), "timings": state["timings"][int(skip) :]}
    response = jsonify(state)
    response.headers["Cache-Control"] = NO_STORE
    return response


def _growing_file(key: str) -> tuple[Path, bool]:
    """The finished MP3 of ``key`` (and True), or its live one (and False); else ``NotFound``."""
    services = get_services()
    finished = audio_path(services, key, "mp3")
    if finished.is_file():
        return finished, True
    growing = live_path(services.audio_dir, key, ".mp3")
    if growing.is_file():
        return growing, False
    raise NotFound()


def _started(key: str) -> bool:
    """Whether audio ``key`` is on disk or on its way, waiting ``LISTEN_GRACE_S`` for a listen
    request sent at the same time as this one."""
    services = get_services()
    deadline = time.monotonic() + LISTEN_GRACE_S
    while True:
        if audio_path(services, key, "mp3").is_file():
            return True
        if live_path(services.audio_dir, key, ".mp3").is_file():
            return True
        if services.store.get_audio(key).status in (AudioStatus.QUEUED, AudioStatus.RUNNING):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def _stream(key: str) -> Response:
    """The whole MP3 as one response, sent as it is written (200, no length, no Range)."""
    services = get_services()
    if not _started(key):
        raise NotFound()
    places = _stream_places()
    if not places.acquire(blocking=False):
        raise StreamsBusy()  # the player reads the same bytes by Range meanwhile
    headers = {"Cache-Control": NO_STORE, "X-Accel-Buffering": "no"}  # nginx: pass pieces on
    body = _Place(follow(services.audio_dir, key), places)
    return Response(body, status=200, mimetype=CODECS["mp3"].mime, headers=headers)


def _stream_places() -> threading.BoundedSemaphore:
    """This app's places for growing MP3 streams (each holds a request thread while it lasts)."""
    made = threading.BoundedSemaphore(STREAMS)
    return current_app.extensions.setdefault("baonoi.live_streams", made)


class _Place:
    """A stream's body that gives its place back when the server closes the response."""

    def __init__(self, body: Iterator[bytes], places: threading.BoundedSemaphore) -> None:
        self._body, self._places, self._open = body, places, True

    def __iter__(self) -> Iterator[bytes]:
        """The stream's pieces."""
        return self._body

    def close(self) -> None:
        """End the stream and free its place (once, even if it was never read)."""
        if self._open:
            self._open = False
            close = getattr(self._body, "close", None)
            if close is not None:
                close()
            self._places.release()


@bp.get("/audio/<key>/live.mp3")
def mp3(key: str) -> Response:
    """The MP3 being made: ``Range: bytes=a-`` gives what exists from a (``*`` length); without a
    Range, or with ``?stream``, all of it as it is written."""
    key = _key(key)
    if "stream" in request.args or not request.headers.get("Range"):
        return _stream(key)
    path, complete = _growing_file(key)
    source = open_file(path)  # held open: renamed into place when finished, the bytes stay
    size = os.fstat(source.fileno()).st_size  # it only grows: these bytes are there to send
    wanted = parse_range(request.headers.get("Range", ""), size)
    headers = {"Accept-Ranges": "bytes", "Cache-Control": NO_STORE}
    if wanted is False or (wanted is None and size == 0):
        source.close()
        headers.update({"Content-Range": "bytes */*", "Retry-After": "1"})
        return Response(status=416, headers=headers)
    start, end = wanted if isinstance(wanted, tuple) else (0, size - 1)
    end = min(end, start + CHUNK - 1)
    length = str(size) if complete else "*"
    headers["Content-Range"] = f"bytes {start}-{end}/{length}"
    headers["Content-Length"] = str(end - start + 1)
    body = file_part(request, source, start, end - start + 1)
    return Response(
        body, status=206, mimetype=CODECS["mp3"].mime, headers=headers, direct_passthrough=True
    )
