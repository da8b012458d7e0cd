"""The real ``baonoi serve`` (the embedded default): slow, idle and oversized clients."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.integration.processes import Processes, non_readers, wait_until

pytestmark = pytest.mark.slow
ANSWER_S = 3.0  # generous: the behaviour under test is that the answer comes at all, quickly


@pytest.fixture
def server(tmp_path: Path, sample_page: bytes) -> Iterator[tuple[str, int]]:
    """``baonoi serve`` on the embedded store with the sample article ingested; URL and pid."""
    env = {
        "BAONOI_DATA_DIR": str(tmp_path / "instance"),
        "BAONOI_AUDIO_CACHE_DIR": str(tmp_path / "audio"),
        "BAONOI_TTS_ENGINE": "espeak",
        "BAONOI_SYNTH_PER_MINUTE": "0",
        "BAONOI_INGEST_PER_MINUTE": "0",
    }
    running = Processes(env, tmp_path)
    try:
        base = running.web("web")
        answer = requests.post(
            f"{base}/api/articles?id=sample",
            data=sample_page,
            headers={"Content-Type": "text/html"},
            timeout=30,
        )
        assert answer.status_code == 201, answer.text
        yield base, running.running[-1].pid
    finally:
        running.stop_all()


@pytest.fixture
def served(server: tuple[str, int]) -> str:
    """The URL of ``server``."""
    return server[0]


def _trickle(socks: list[socket.socket], stop: threading.Event) -> None:
    """Send a never-ending request header one byte at a time on every socket."""
    line = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 1000
    position = 0
    while not stop.wait(0.2):
        for sock in socks:
            sock.send(line[position : position + 1])
        position += 1


def test_healthz_and_reader_page_answer_while_200_idle_and_20_slow_connections_are_open(
    served: str,
) -> None:
    port = int(served.rsplit(":", 1)[1])
    socks = [socket.create_connection(("127.0.0.1", port)) for _ in range(220)]
    stop = threading.Event()
    slow = threading.Thread(target=_trickle, args=(socks[200:], stop), daemon=True)
    slow.start()
    try:
        for _ in range(5):
            assert requests.get(f"{served}/healthz", timeout=ANSWER_S).status_code == 200
            page = requests.get(f"{served}/articles/sample", timeout=ANSWER_S)
            assert page.status_code == 200 and "Tiếp tục nâng cao chất lượng" in page.text
    finally:
        stop.set()
        slow.join()
        for sock in socks:
            sock.close()


def test_audio_not_yet_made_answers_503_quickly_to_many_listeners_at_once(served: str) -> None:
    def listen(_: int) -> requests.Response:
        return requests.get(f"{served}/articles/sample/audio.mp3", timeout=ANSWER_S + 2)

    with ThreadPoolExecutor(max_workers=24) as pool:
        answers = list(pool.map(listen, range(24)))
        assert requests.get(f"{served}/healthz", timeout=ANSWER_S).status_code == 200
    waiting = [a for a in answers if a.status_code == 503]
    assert waiting, "the audio cannot be ready this soon"
    assert all(a.status_code in (200, 503) for a in answers)
    assert all(a.headers["Retry-After"] for a in waiting)
    assert "Âm thanh đang được tạo" in waiting[0].text


def test_chunked_body_over_the_limit_without_content_length_gets_413_and_nothing_is_stored(
    served: str,
) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"<html><body><h1>Dai</h1><p>"
        for _ in range(10):
            yield b"x" * (1024 * 1024)
        yield b"</p></body></html>"

    response = requests.post(
        f"{served}/api/articles?id=chunked",
        data=chunks(),
        headers={"Content-Type": "text/html"},
        timeout=30,
    )
    assert response.status_code == 413
    assert response.json()["message"]["vi"]
    assert requests.get(f"{served}/api/articles/chunked", timeout=5).status_code == 404


def _finished_mp3(base: str) -> str:
    """The immutable URL path of the sample's finished MP3 (about 2 MB), once it is made."""

    def made() -> bool:
        answer = requests.get(f"{base}/articles/sample/audio.mp3", allow_redirects=False, timeout=5)
        return answer.status_code == 307

    wait_until(made, 180, "the audio was never made")
    answer = requests.get(f"{base}/articles/sample/audio.mp3", allow_redirects=False, timeout=5)
    return str(answer.headers["Location"]).split("//", 1)[-1].partition("/")[2]


def _deleted_bytes(pid: int) -> int:
    """Bytes in unlinked files the process holds open (waitress's spooled answers)."""
    total = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            if os.readlink(fd).endswith("(deleted)"):
                total += fd.stat().st_size
        except OSError:
            continue  # closed meanwhile
    return total


def test_pipelined_range_requests_never_read_hold_no_temporary_files(
    server: tuple[str, int],
) -> None:
    base, pid = server
    path = _finished_mp3(base)
    one = f"GET /{path} HTTP/1.1\r\nHost: x\r\nRange: bytes=1-\r\n\r\n".encode()
    socks = non_readers(int(base.rsplit(":", 1)[1]), one * 12, 20)
    try:
        time.sleep(2.0)
        assert _deleted_bytes(pid) == 0
        assert requests.get(f"{base}/healthz", timeout=ANSWER_S).status_code == 200
    finally:
        for sock in socks:
            sock.close()


def test_twenty_clients_pipelining_whole_files_never_read_leave_threads_for_others(
    server: tuple[str, int],
) -> None:
    base, _pid = server
    path = _finished_mp3(base)
    one = f"GET /{path} HTTP/1.1\r\nHost: x\r\n\r\n".encode()
    socks = non_readers(int(base.rsplit(":", 1)[1]), one * 40, 20)
    try:
        time.sleep(1.0)
        for _ in range(3):
            assert requests.get(f"{base}/healthz", timeout=ANSWER_S).status_code == 200
    finally:
        for sock in socks:
            sock.close()


def test_the_live_mp3_streams_through_the_real_server_as_it_is_written(served: str) -> None:
    listen = requests.post(f"{served}/articles/sample/listen", timeout=30)
    assert listen.status_code == 200, listen.text
    with requests.get(f"{served}{listen.json()['live_mp3']}", stream=True, timeout=60) as live:
        assert live.status_code == 200 and "Content-Length" not in live.headers
        pieces = live.iter_content(chunk_size=None)
        first = next(pieces)  # the first sentence, before the whole article is made
        state = requests.get(f"{served}/api/articles/sample", timeout=10).json()["audio"]
        assert state["status"] != "ready" and first
        body = first + b"".join(pieces)
    finished = requests.get(f"{served}/articles/sample/audio.mp3", timeout=30)
    assert finished.status_code == 200 and body == finished.content
