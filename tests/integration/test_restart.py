"""kill -9 of the single embedded process, then a restart: nothing is left half-made or stuck."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.integration.processes import Processes, embedded, post_page, wait_until

pytestmark = pytest.mark.slow


@pytest.fixture
def procs(tmp_path: Path) -> Iterator[Processes]:
    """Embedded-store processes sharing one data and audio directory; a lock TTL of 10 min."""
    with embedded(
        tmp_path,
        BAONOI_SYNTH_LOCK_TTL_S="600",
        BAONOI_SYNTH_PER_MINUTE="0",
        BAONOI_INGEST_PER_MINUTE="0",
    ) as running:
        yield running


def audio(base: str, article_id: str) -> dict[str, Any]:
    """The article's audio state from the API."""
    return dict(requests.get(f"{base}/api/articles/{article_id}", timeout=10).json()["audio"])


def leftovers(audio_dir: Path) -> list[str]:
    """Live and partial files in the audio directory."""
    live = list((audio_dir / "live").glob("*")) if (audio_dir / "live").is_dir() else []
    return sorted(p.name for p in [*live, *audio_dir.glob(".*.part")])


def test_a_restart_after_kill_9_mid_synthesis_takes_the_job_back_at_once(
    procs: Processes, tmp_path: Path, sample_page: bytes
) -> None:
    web = procs.web("web1")
    posted = post_page(web, sample_page, "k9")
    assert posted.status_code == 201, posted.text
    key = posted.json()["audio"]["key"]

    def speaking() -> bool:
        live = requests.get(f"{web}/audio/{key}/live.json", timeout=10).json()
        return audio(web, "k9")["status"] == "running" and live["bytes"] > 0

    wait_until(speaking, 120, "synthesis never started")
    procs.kill(procs.running[-1])
    assert leftovers(tmp_path / "audio"), "the killed writer left nothing to sweep"

    web = procs.web("web2")
    assert audio(web, "k9")["status"] in ("queued", "running")  # taken back, made anew

    def made() -> bool:
        answer = requests.get(f"{web}/articles/k9/audio.mp3", timeout=10)
        assert answer.status_code in (200, 503)
        return answer.status_code == 200

    # The dead process's lock lives 600 s; the job is made again long before that.
    wait_until(made, 240, "the killed job was not taken back")


def test_a_restart_after_kill_9_queues_again_the_jobs_that_waited_and_the_one_that_ran(
    procs: Processes, tmp_path: Path, sample_page: bytes, short_page: bytes
) -> None:
    web = procs.web("web1")
    assert post_page(web, sample_page, "first").status_code == 201  # runs in the background lane
    key = audio(web, "first")["key"]

    def speaking() -> bool:
        live = requests.get(f"{web}/audio/{key}/live.json", timeout=10).json()
        return audio(web, "first")["status"] == "running" and live["bytes"] > 0

    wait_until(speaking, 120, "synthesis never started")
    for n in range(3):  # these wait behind it in the background lane
        page = short_page.replace("Hội nghị".encode(), f"Hội nghị {n}".encode())
        assert post_page(web, page, f"waiting-{n}").status_code == 201
    assert {audio(web, f"waiting-{n}")["status"] for n in range(3)} == {"queued"}
    procs.kill(procs.running[-1])

    web = procs.web("web2")  # nobody asks for anything: the restart alone takes the jobs back
    ids = ["first", *(f"waiting-{n}" for n in range(3))]
    wait_until(
        lambda: all(audio(web, i)["status"] == "ready" for i in ids), 300, "a job was left behind"
    )


def _ingest_many(base: str, page: bytes, stop: threading.Event, done: list[str]) -> None:
    """POST the page under new ids until stopped or the server is gone."""
    n = 0
    while not stop.is_set():
        n += 1
        article_id = f"a{threading.get_ident() % 1000}-{n}"
        try:
            answer = post_page(base, page, article_id)
        except requests.RequestException:
            return
        if answer.status_code == 201:
            done.append(article_id)


@pytest.mark.parametrize("after_s", [0.7, 1.9])
def test_kill_9_during_ingest_leaves_the_store_and_files_consistent(
    procs: Processes, tmp_path: Path, sample_page: bytes, after_s: float
) -> None:
    web = procs.web("web1")
    stop, done = threading.Event(), []
    posters = [
        threading.Thread(target=_ingest_many, args=(web, sample_page, stop, done)) for _ in range(4)
    ]
    for poster in posters:
        poster.start()
    time.sleep(after_s)
    procs.kill(procs.running[-1])
    stop.set()
    for poster in posters:
        poster.join(timeout=60)

    database = sqlite3.connect(tmp_path / "instance" / "baonoi.sqlite3")
    assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    database.close()
    web = procs.web("web2")
    listed = requests.get(f"{web}/api/articles/{done[0]}", timeout=10) if done else None
    assert listed is None or listed.status_code == 200
    for article_id in done:  # every article acknowledged is there, whole
        answer = requests.get(f"{web}/api/articles/{article_id}", timeout=10)
        assert answer.status_code == 200 and answer.json()["title"]
    # The dead process's job (one audio key: one page) is taken back and made, nobody asking.
    wait_until(lambda: all(audio(web, i)["status"] == "ready" for i in done), 300, "job left")
    assert leftovers(tmp_path / "audio") == []
    again = post_page(web, sample_page, "after")
    assert again.status_code == 201
