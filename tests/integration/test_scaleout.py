"""Scale-out and faults with real processes on loopback: web servers, RQ workers, Redis."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import redis
import requests

from app.audio import decode
from tests.integration.processes import PrivateRedis, Processes, wait_until

pytestmark = [pytest.mark.redis, pytest.mark.slow]


@pytest.fixture
def procs(tmp_path: Path, redis_url: str) -> Iterator[Processes]:
    """Processes sharing the test Redis, one data directory and one audio directory."""
    env = {
        "BAONOI_REDIS_URL": redis_url,
        "BAONOI_DATA_DIR": str(tmp_path / "instance"),
        "BAONOI_AUDIO_CACHE_DIR": str(tmp_path / "audio"),
        "BAONOI_TTS_ENGINE": "espeak",
        "BAONOI_SYNTH_LOCK_TTL_S": "3",
        "BAONOI_SYNTH_PER_MINUTE": "0",
        "BAONOI_INGEST_PER_MINUTE": "0",
    }
    running = Processes(env, tmp_path)
    yield running
    running.stop_all()


def syntheses(url: str) -> int:
    """How many audio sets were synthesized, as counted in Redis."""
    client = redis.Redis.from_url(url)
    value = client.get("baonoi:counter:syntheses")
    client.close()
    return int(value or 0)


def post(base: str, page: bytes, article_id: str) -> dict[str, Any]:
    """Ingest a page through the API."""
    response = requests.post(
        f"{base}/api/articles?id={article_id}",
        data=page,
        headers={"Content-Type": "text/html"},
        timeout=30,
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_fifty_concurrent_requests_over_two_web_processes_cause_one_synthesis(
    procs: Processes, redis_url: str, short_page: bytes
) -> None:
    webs = [procs.web("web1"), procs.web("web2")]
    post(webs[0], short_page, "burst")
    procs.start("worker", "worker")

    def fetch(i: int) -> tuple[int, bytes]:
        response = requests.get(f"{webs[i % 2]}/articles/burst/audio.mp3", timeout=60)
        return response.status_code, response.content

    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(fetch, range(50)))
    assert {status for status, _ in answers} <= {200, 503}
    bodies = {body for status, body in answers if status == 200}
    assert len(bodies) <= 1  # everyone served got the very same bytes
    wait_until(
        lambda: requests.get(f"{webs[1]}/articles/burst/audio.mp3", timeout=60).status_code == 200,
        60,
        "audio never came",
    )
    assert syntheses(redis_url) == 1


def test_killing_workers_mid_synthesis_never_serves_a_broken_file(
    procs: Processes, redis_url: str, short_page: bytes
) -> None:
    web = procs.web("web")
    key = post(web, short_page, "kill")["audio"]["key"]
    served: list[bytes] = []
    live: list[bytes] = []
    for round_ in range(10):
        worker = procs.start(f"worker{round_}", "worker")
        wait_until(lambda: status(web, "kill") in ("running", "ready"), 60, "job never ran")
        live += follow(web, key)
        procs.kill(worker)
        served += poke(web)
        live += follow(web, key)
        time.sleep(3.5)  # the dead worker's lock expires (BAONOI_SYNTH_LOCK_TTL_S=3)
        served += poke(web)
    procs.start("worker-final", "worker")
    wait_until(lambda: status(web, "kill") == "ready", 120, "job did not complete")
    served += poke(web)
    assert served, "nothing was ever served"
    for body in served:  # every file ever served decodes completely
        samples, rate = decode(body)
        assert len(samples) / rate > 30
    final = served[-1]
    assert all(final.startswith(part) for part in live)  # the live MP3 only ever grew toward it


def status(base: str, article_id: str) -> str:
    """The audio job's status."""
    return str(
        requests.get(f"{base}/api/articles/{article_id}", timeout=10).json()["audio"]["status"]
    )


def follow(base: str, key: str) -> list[bytes]:
    """The live MP3 of ``key`` as far as it is made now (nothing when there is none)."""
    response = requests.get(
        f"{base}/audio/{key}/live.mp3", headers={"Range": "bytes=0-"}, timeout=10
    )
    assert response.status_code in (206, 404, 416), response.text
    return [response.content] if response.status_code == 206 else []


def poke(base: str) -> list[bytes]:
    """Ask for the audio (which queues the job again when its runner died); bodies served."""
    response = requests.get(f"{base}/articles/kill/audio.mp3", timeout=60)
    assert response.status_code in (200, 503), response.text
    return [response.content] if response.status_code == 200 else []


def test_redis_outage_keeps_readers_served_and_recovers_without_restart(
    tmp_path: Path, short_page: bytes
) -> None:
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.skip("redis-server is not installed")
    private = PrivateRedis(exe, tmp_path / "redis")
    (tmp_path / "redis").mkdir()
    private.start()
    env = {
        "BAONOI_REDIS_URL": private.url,
        "BAONOI_DATA_DIR": str(tmp_path / "i"),
        "BAONOI_AUDIO_CACHE_DIR": str(tmp_path / "a"),
        "BAONOI_TTS_ENGINE": "espeak",
    }
    running = Processes(env, tmp_path)
    try:
        web = running.web("web")
        post(web, short_page, "outage")
        running.start("worker", "worker")
        wait_until(lambda: status(web, "outage") == "ready", 120, "audio not made")
        assert requests.get(f"{web}/articles/outage", timeout=10).status_code == 200

        private.stop()
        page = requests.get(f"{web}/articles/outage", timeout=10)
        assert page.status_code == 200 and "Sở Nội vụ" in page.text
        assert requests.get(f"{web}/articles/outage/audio.mp3", timeout=10).status_code == 200
        ranged = requests.get(
            f"{web}/articles/outage/audio.opus", headers={"Range": "bytes=0-99"}, timeout=10
        )
        assert ranged.status_code == 206 and len(ranged.content) == 100
        health = requests.get(f"{web}/healthz", timeout=10)
        assert health.status_code == 503 and health.json()["store"] == "redis"
        assert "store_error" in health.json()
        ingest = requests.post(
            f"{web}/api/articles?id=late",
            data=short_page,
            headers={"Content-Type": "text/html"},
            timeout=10,
        )
        assert ingest.status_code == 503 and ingest.headers["Retry-After"]
        assert ingest.json()["message"]["vi"]

        private.start()
        wait_until(
            lambda: requests.get(f"{web}/healthz", timeout=10).status_code == 200,
            30,
            "service did not recover",
        )
        again = requests.post(
            f"{web}/api/articles?id=late",
            data=short_page,
            headers={"Content-Type": "text/html"},
            timeout=10,
        )
        assert again.status_code == 201
    finally:
        running.stop_all()
        private.stop()


def test_a_killed_workers_job_is_taken_over_after_the_lock_ttl(
    procs: Processes, redis_url: str, short_page: bytes
) -> None:
    web = procs.web("web")
    post(web, short_page, "orphan")
    worker = procs.start("worker", "worker")
    wait_until(lambda: status(web, "orphan") == "running", 60, "job never ran")
    procs.kill(worker)  # the worker and its work-horse, mid-job
    procs.start("worker2", "worker")

    def served() -> bool:
        return requests.get(f"{web}/articles/orphan/audio.mp3", timeout=10).status_code == 200

    # BAONOI_SYNTH_LOCK_TTL_S=3: taken over within seconds, not RQ's ten-minute job timeout.
    wait_until(served, 90, "the dead worker's job was never taken over")
    assert syntheses(redis_url) == 1


def test_a_killed_workers_job_is_taken_over_by_an_idle_worker_with_nobody_asking(
    procs: Processes, redis_url: str, short_page: bytes
) -> None:
    web = procs.web("web")
    post(web, short_page, "unasked")
    worker = procs.start("worker", "worker")
    wait_until(lambda: status(web, "unasked") == "running", 60, "job never ran")
    procs.kill(worker)
    procs.start("worker2", "worker")
    # Only the article's state is read (that queues nothing): the idle worker's sweep, every
    # second (a tenth of the TTL, at least 1 s), finds the job whose holder stopped beating.
    wait_until(lambda: status(web, "unasked") == "ready", 120, "nobody took the job over")
    assert syntheses(redis_url) == 1
