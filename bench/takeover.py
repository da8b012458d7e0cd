"""Take-over of a killed RQ worker's job: real Redis, real ``baonoi serve`` and ``baonoi worker``.

``python -m bench.takeover [--ttl 10] [--runs 3]`` starts a private redis-server, a web process and
a worker with ``BAONOI_SYNTH_LOCK_TTL_S=--ttl``, posts the sample article, ``kill -9``s the worker
(and its work-horse) while it speaks, starts a second worker and plays a listener who asks for the
audio every half second, or nobody asking (the idle worker's sweep). It reports the seconds from
the kill until the second worker holds the job's lock (the take-over) and until the audio is
ready, next to the goal: the lock's TTL plus one heartbeat (a quarter of the TTL). Everything
listens on 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import redis
import requests

from bench.serve import SAMPLE
from tests.integration.processes import PrivateRedis, Processes, wait_until

POLL_S = 0.5  # how often the listener asks


def lock_holder(client: redis.Redis, key: str) -> bytes | None:
    """The token holding the synthesis lock of ``key`` (None when free)."""
    value = client.get(f"baonoi:lock:synth:{key}")
    return value if isinstance(value, bytes) else None


def one_run(redis_url: str, work: Path, ttl: int, ask: bool) -> tuple[float, float]:
    """Seconds from the kill to the take-over, and to the audio being ready.

    ``ask``: a listener asks for the audio every half second (which queues a stale job again);
    otherwise only the article's state is read, and the idle worker's sweep must find the job.
    """
    work.mkdir()
    env = {
        "BAONOI_REDIS_URL": redis_url,
        "BAONOI_DATA_DIR": str(work / "i"),
        "BAONOI_AUDIO_CACHE_DIR": str(work / "a"),
        "BAONOI_TTS_ENGINE": "espeak",
        "BAONOI_SYNTH_LOCK_TTL_S": str(ttl),
        "BAONOI_SYNTH_PER_MINUTE": "0",
        "BAONOI_INGEST_PER_MINUTE": "0",
    }
    procs = Processes(env, work)
    client = redis.Redis.from_url(redis_url)
    try:
        web = procs.web("web")
        worker = procs.start("worker1", "worker")
        posted = requests.post(
            f"{web}/api/articles?id=orphan",
            data=SAMPLE.read_bytes(),
            headers={"Content-Type": "text/html"},
            timeout=30,
        )
        key = posted.json()["audio"]["key"]
        wait_until(lambda: lock_holder(client, key) is not None, 120, "the job never started")
        time.sleep(1.0)  # mid-article
        dead = lock_holder(client, key)
        procs.kill(worker)
        killed = time.monotonic()
        procs.start("worker2", "worker")
        taken = served = 0.0
        while not served and time.monotonic() - killed < 20 * ttl + 300:
            if ask:
                ready = requests.get(f"{web}/articles/orphan/audio.mp3", timeout=30).ok
            else:
                state = requests.get(f"{web}/api/articles/orphan", timeout=30).json()
                ready = state["audio"]["status"] == "ready"
            holder = lock_holder(client, key)
            if not taken and holder not in (None, dead):
                taken = time.monotonic() - killed
            if ready:
                served = time.monotonic() - killed
                taken = taken or served
            time.sleep(POLL_S)
        return taken, served
    finally:
        client.close()
        procs.stop_all()


def main(argv: list[str] | None = None) -> int:
    """Kill, take over, report."""
    parser = argparse.ArgumentParser(prog="python -m bench.takeover")
    parser.add_argument("--ttl", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    exe = shutil.which("redis-server")
    if exe is None:
        raise SystemExit("redis-server is not installed (apt-get install redis-server)")
    tmp = Path(tempfile.mkdtemp(prefix="baonoi-takeover-"))
    (tmp / "redis").mkdir()
    private = PrivateRedis(exe, tmp / "redis")
    private.start()
    goal = args.ttl + args.ttl / 4
    print(f"lock TTL {args.ttl} s, heartbeat every {args.ttl / 4:g} s: goal <= {goal:g} s")
    try:
        for run in range(args.runs):
            for ask in (True, False):
                redis.Redis.from_url(private.url).flushdb()
                work = tmp / f"run{run}-{'ask' if ask else 'quiet'}"
                taken, ready = one_run(private.url, work, args.ttl, ask)
                who = "a listener asking" if ask else "nobody asking    "
                print(
                    f"run {run + 1}, {who}: taken over after {taken:5.1f} s, "
                    f"audio ready after {ready:5.1f} s"
                )
    finally:
        private.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
