"""Live MP3 routes against hostile clients, through the real ``baonoi serve`` and the shipped nginx.

A long article's finished MP3 (several MB, more than loopback's socket buffers absorb) asked for as
a stream by clients that never read; random live keys asked for in loops.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests

from bench.longest import long_page
from tests.conftest import need
from tests.integration.processes import (
    NGINX,
    behind_nginx,
    family,
    non_readers,
    own_environment,
    run_cli,
)

pytestmark = pytest.mark.slow
NON_READERS = 40
HELD_MAX = 16 * 1024 * 1024  # temporary files and memory growth, together, for all of them


def held_bytes(pids: list[int]) -> int:
    """Bytes in unlinked (temporary) files the processes hold open plus their resident memory."""
    total = 0
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if os.readlink(fd).endswith("(deleted)"):
                    total += fd.stat().st_size
            except OSError:
                continue  # closed meanwhile
        status = Path(f"/proc/{pid}/status").read_text()
        rss = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))
        total += 1024 * int(rss)
    return total


@pytest.fixture(scope="module")
def long_fronts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """``baonoi serve`` and nginx in front of it, with a long article's audio made."""
    need(Path(NGINX).exists(), "nginx is not installed (apt-get install nginx)")
    tmp = tmp_path_factory.mktemp("streams")
    audio = tmp / "audio"
    env = own_environment(tmp / "instance", audio, BAONOI_SYNTH_PER_MINUTE="0")
    page = tmp / "long.html"
    page.write_bytes(long_page(20_000))  # about 6 MB of MP3
    run_cli(env, "ingest", "--id", "long", page)
    key = Path(run_cli(env, "speak", "long").strip()).name.split(".")[0]
    with behind_nginx(tmp, env, audio) as front:
        yield {
            "app": front.app,
            "nginx": front.nginx,
            "live": f"/audio/{key}/live.mp3",
            "app_pid": front.app_pid,
            "nginx_pid": front.nginx_pid,
        }


def _warm(base: str, live: str) -> None:
    """Every request thread has sent the whole stream once (memory a first use takes)."""
    with ThreadPoolExecutor(max_workers=24) as pool:
        got = list(pool.map(lambda _: requests.get(f"{base}{live}?stream", timeout=60), range(24)))
    whole = [g.content for g in got if g.status_code == 200]
    assert whole and all(w == whole[0] for w in whole) and len(whole[0]) > 4_000_000


@pytest.mark.parametrize("front", ["app", "nginx"])
def test_streams_of_a_finished_article_never_read_leave_little_in_temporary_files_and_memory(
    long_fronts: dict[str, Any], front: str
) -> None:
    base, live = long_fronts[front], long_fronts["live"]
    _warm(base, live)
    pids = [long_fronts["app_pid"], *family(long_fronts["nginx_pid"])]
    before = held_bytes(pids)
    request = f"GET {live}?stream HTTP/1.1\r\nHost: x\r\n\r\n".encode()
    socks = non_readers(int(base.rsplit(":", 1)[1]), request, NON_READERS)
    try:
        time.sleep(3.0)
        grown = held_bytes(pids) - before
        assert grown <= HELD_MAX, f"{grown / 1e6:.1f} MB held for {NON_READERS} non-readers"
        assert requests.get(f"{base}/healthz", timeout=5).status_code == 200
    finally:
        for sock in socks:
            sock.close()


def test_healthz_answers_quickly_while_clients_ask_for_random_live_keys_in_loops(
    long_fronts: dict[str, Any],
) -> None:
    base, stop = long_fronts["app"], threading.Event()

    def loop() -> None:
        with requests.Session() as session:
            while not stop.is_set():
                session.get(f"{base}/audio/{secrets.token_hex(16)}/live.mp3", timeout=30)

    threads = [threading.Thread(target=loop, daemon=True) for _ in range(64)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1.0)
        for _ in range(5):
            assert requests.get(f"{base}/healthz", timeout=3).status_code == 200
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
