"""Audio while it is made: the live MP3 grows into the finished file, served by Range meanwhile."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from flask.testing import FlaskClient

from app import audio
from app.audiostate import audio_path
from app.models import Timing
from app.pipeline import ingest
from app.store import files
from app.store.audioset import AudioSetWriter, live_path, read_live


def tone(seconds: float, hz: float = 220.0) -> np.ndarray:
    """A quiet sine at the pipeline's rate."""
    t = np.arange(int(seconds * audio.SAMPLE_RATE)) / audio.SAMPLE_RATE
    return (np.sin(2 * np.pi * hz * t) * 6000).astype(np.int16)


def sentence(n: int) -> tuple[np.ndarray, Timing]:
    """The n-th two-second sentence and its timing."""
    start = 0.1 + 2.0 * n
    return tone(2.0, 200 + 20 * n), Timing(start, start + 2.0, n, f"Câu {n}.", "espeak")


@pytest.mark.parametrize("fmt", list(audio.CODECS))
def test_the_same_samples_always_encode_to_the_same_bytes(fmt: str) -> None:
    samples = tone(3.0)
    assert audio.encode(samples, audio.CODECS[fmt]) == audio.encode(samples, audio.CODECS[fmt])


@pytest.mark.own_audio
def test_live_mp3_grows_into_the_finished_file_and_the_set_appears_only_at_the_end(
    tmp_path: Path,
) -> None:
    key = "c" * 32
    with AudioSetWriter(tmp_path, key) as out:
        out.write(np.zeros(2400, dtype=np.int16))
        for n in range(3):
            out.write(*sentence(n))
        out.publish()
        state = read_live(tmp_path, key)
        assert state is not None and not state["done"] and len(state["timings"]) == 3
        early = live_path(tmp_path, key, ".mp3").read_bytes()[: state["bytes"]]
        assert state["bytes"] > 0
        assert files.read_finished(tmp_path, key, audio.CODECS) is None  # nothing final yet
        for n in range(3, 6):
            out.write(*sentence(n))
        sizes, digests = out.finish({"duration_s": out.position_s})

    def named(fmt: str) -> Path:
        return tmp_path / files.served_name(key, digests[fmt], fmt)

    final = named("mp3").read_bytes()
    assert final.startswith(early) and sizes["mp3"] == len(final)
    assert files.digest_of(final) == digests["mp3"]
    assert read_live(tmp_path, key) is None and not live_path(tmp_path, key, ".mp3").exists()
    samples, rate = audio.decode(named("opus"))
    assert abs(len(samples) / rate - 12.1) < 0.05
    timings = json.loads(named(files.TIMINGS).read_text("utf-8"))
    assert [t["block"] for t in timings] == list(range(6))
    assert named("mp3").stat().st_mode & 0o044  # others may read
    assert files.read_finished(tmp_path, key, audio.CODECS) is not None


def test_a_failed_set_leaves_nothing_behind(tmp_path: Path) -> None:
    key = "d" * 32
    with pytest.raises(RuntimeError), AudioSetWriter(tmp_path, key) as out:
        out.write(*sentence(0))
        raise RuntimeError("the engine died")
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def make_half(services: Any, key: str) -> AudioSetWriter:
    """An audio set half made: two sentences written and published, left open."""
    out = AudioSetWriter(services.audio_dir, key)
    for n in range(2):
        out.write(*sentence(n))
    out.publish()
    return out


@pytest.mark.own_audio
def test_live_urls_serve_what_exists_then_the_finished_file(
    client: FlaskClient, services: Any, short_page: bytes
) -> None:
    article, _ = ingest(services, short_page, article_id="half", queue_audio=False)
    key = article.audio_key
    assert client.get(f"/audio/{key}/live.mp3").status_code == 404  # not started
    out = make_half(services, key)
    progress = client.get(f"/audio/{key}/live.json").get_json()
    assert progress["bytes"] > 0 and not progress["done"] and len(progress["timings"]) == 2
    part = client.get(f"/audio/{key}/live.mp3", headers={"Range": "bytes=0-"})
    assert part.status_code == 206 and part.headers["Cache-Control"] == "no-store"
    assert part.headers["Content-Range"].endswith("/*")
    ahead = client.get(f"/audio/{key}/live.mp3", headers={"Range": "bytes=99999999-"})
    assert ahead.status_code == 416 and ahead.headers["Retry-After"] == "1"
    for n in range(2, 4):
        out.write(*sentence(n))
    out.finish({"duration_s": out.position_s})
    done = client.get(f"/audio/{key}/live.json").get_json()
    assert done["done"] and len(done["timings"]) == 4
    whole = client.get(f"/audio/{key}/live.mp3", headers={"Range": "bytes=0-"})
    final = audio_path(services, key, "mp3").read_bytes()
    assert whole.data == final[: len(whole.data)] and whole.data.startswith(part.data)
    assert whole.headers["Content-Range"].endswith(f"/{len(final)}")


@pytest.mark.parametrize("key", ["x" * 32, "../../etc", "A" * 32, "0" * 31])
def test_live_urls_refuse_anything_but_an_audio_key(client: FlaskClient, key: str) -> None:
    assert client.get(f"/audio/{key}/live.json").status_code == 404
    assert client.get(f"/audio/{key}/live.mp3").status_code == 404


def test_listen_queues_the_audio_and_says_where_to_follow_it(
    client: FlaskClient, services: Any, short_page: bytes
) -> None:
    article, _ = ingest(services, short_page, article_id="listen", queue_audio=False)
    answer = client.post(f"/articles/{article.id}/listen")
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["status"] in ("queued", "running", "ready") and body["key"] == article.audio_key
    assert body["live_json"] == f"/audio/{article.audio_key}/live.json"
    assert client.post("/articles/nobody/listen").status_code == 404


@pytest.mark.own_audio
def test_live_mp3_without_range_is_one_response_that_grows_into_the_finished_file(
    client: FlaskClient, services: Any, short_page: bytes
) -> None:
    article, _ = ingest(services, short_page, article_id="stream", queue_audio=False)
    key = article.audio_key
    out = make_half(services, key)
    response = client.get(f"/audio/{key}/live.mp3", buffered=False)
    assert response.status_code == 200 and "Content-Length" not in response.headers
    assert response.headers["X-Accel-Buffering"] == "no"
    pieces = iter(response.response)
    first = next(pieces)  # what exists now, before the rest is made
    assert first == live_path(services.audio_dir, key, ".mp3").read_bytes()[: len(first)]

    def rest() -> None:
        for n in range(2, 5):
            time.sleep(0.1)
            out.write(*sentence(n))
            out.publish()
        out.finish({"duration_s": out.position_s})

    writer = threading.Thread(target=rest)
    writer.start()
    body = first + b"".join(pieces)
    writer.join()
    response.close()
    assert body == audio_path(services, key, "mp3").read_bytes()  # the whole file, nothing more
    again = client.get(f"/audio/{key}/live.mp3?stream", headers={"Range": "bytes=0-"})
    assert again.status_code == 200 and again.data == body  # finished: the same bytes at once


@pytest.mark.own_audio
def test_live_json_from_gives_only_the_timings_the_player_lacks(
    client: FlaskClient, services: Any, short_page: bytes
) -> None:
    article, _ = ingest(services, short_page, article_id="from", queue_audio=False)
    out = make_half(services, article.audio_key)
    progress = client.get(f"/audio/{article.audio_key}/live.json?from=1").get_json()
    assert progress["from"] == 1 and [t["block"] for t in progress["timings"]] == [1]
    out.abort()


def test_a_stream_of_audio_nobody_asked_for_is_not_found(
    client: FlaskClient, services: Any, short_page: bytes
) -> None:
    fresh = short_page.replace(b"<p>", "<p>Chưa ai nghe câu này. ".encode(), 1)
    article, _ = ingest(services, fresh, article_id="unasked", queue_audio=False)
    assert client.get(f"/audio/{article.audio_key}/live.mp3?stream").status_code == 404


def test_growing_streams_are_bounded_per_process_and_a_closed_one_frees_its_place(
    client: FlaskClient, services: Any, short_page: bytes
) -> None:
    from app.web.live import STREAMS

    article, _ = ingest(services, short_page, article_id="bounded", queue_audio=False)
    key = article.audio_key
    out = make_half(services, key)
    held = [client.get(f"/audio/{key}/live.mp3", buffered=False) for _ in range(STREAMS)]
    assert {response.status_code for response in held} == {200}
    refused = client.get(f"/audio/{key}/live.mp3", buffered=False)
    assert refused.status_code == 503 and refused.headers["Retry-After"] == "1"
    assert refused.get_json() is None or refused.get_json()["error"] == "streams_busy"
    by_range = client.get(f"/audio/{key}/live.mp3", headers={"Range": "bytes=0-"})
    assert by_range.status_code == 206  # the player's way while every place is taken
    held.pop().close()  # never read: its place comes back all the same
    again = client.get(f"/audio/{key}/live.mp3", buffered=False)
    assert again.status_code == 200
    for response in [*held, again]:
        response.close()
    out.finish({"duration_s": out.position_s})
