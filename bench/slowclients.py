"""Slow clients: /healthz latency while N idle and N byte-at-a-time connections are open.

``python -m bench.slowclients [--idle 200] [--slow 20] [--probes 10]`` measures, in the same run,
gunicorn's ``gthread`` worker (8 threads, the old ``baonoi serve``) and today's ``baonoi serve``
(waitress). Everything listens on 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

from bench.serve import SAMPLE, free_port, wait_for

ROOT = Path(__file__).resolve().parent.parent
PROBE_TIMEOUT_S = 10.0


def open_idle(port: int, count: int) -> list[socket.socket]:
    """``count`` connections that send nothing."""
    return [socket.create_connection(("127.0.0.1", port)) for _ in range(count)]


def trickle(socks: list[socket.socket], stop: threading.Event) -> None:
    """Send a request one byte a second on each socket (slowloris) until stopped."""
    line = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 10_000
    position = 0
    while not stop.wait(1.0):
        for sock in socks:
            try:
                sock.send(line[position : position + 1])
            except OSError:
                pass
        position = (position + 1) % len(line)


def probe(base: str, count: int) -> list[float | None]:
    """Seconds for each /healthz (None: no answer within PROBE_TIMEOUT_S)."""
    times: list[float | None] = []
    for _ in range(count):
        start = time.perf_counter()
        try:
            requests.get(f"{base}/healthz", timeout=PROBE_TIMEOUT_S).raise_for_status()
            times.append(time.perf_counter() - start)
        except requests.RequestException:
            times.append(None)
    return times


def measure(base: str, port: int, idle: int, slow: int, probes: int) -> list[float | None]:
    """Probe latencies with the slow connections open."""
    socks = open_idle(port, idle + slow)
    stop = threading.Event()
    thread = threading.Thread(target=trickle, args=(socks[idle:], stop), daemon=True)
    thread.start()
    time.sleep(1.0)  # let the server accept them all
    try:
        return probe(base, probes)
    finally:
        stop.set()
        thread.join()
        for sock in socks:
            sock.close()


def start(kind: str, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """The server of ``kind`` (``gthread`` or ``baonoi``) on ``port``."""
    if kind == "gthread":
        args = ["-m", "gunicorn", "-k", "gthread", "--threads", "8", "-b", f"127.0.0.1:{port}"]
        args.append("app:create_app()")
    else:
        args = ["-m", "app.cli", "serve", "--port", str(port)]
    return subprocess.Popen(
        [sys.executable, *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def summary(times: list[float | None]) -> str:
    """Answered count, median and worst latency."""
    done = sorted(t for t in times if t is not None)
    if not done:
        return f"0/{len(times)} answered (each timed out after {PROBE_TIMEOUT_S:.0f} s)"
    median, worst = done[len(done) // 2], done[-1]
    answered = f"{len(done)}/{len(times)} answered"
    return f"{answered}, median {median * 1000:.0f} ms, max {worst * 1000:.0f} ms"


def main(argv: list[str] | None = None) -> int:
    """Measure both servers and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.slowclients")
    parser.add_argument("--idle", type=int, default=200)
    parser.add_argument("--slow", type=int, default=20)
    parser.add_argument("--probes", type=int, default=10)
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="baonoi-slow-"))
    env = {
        **os.environ,
        "BAONOI_DATA_DIR": str(tmp / "i"),
        "BAONOI_AUDIO_CACHE_DIR": str(tmp / "a"),
        "BAONOI_TTS_ENGINE": "espeak",
    }
    subprocess.run(
        [sys.executable, "-m", "app.cli", "ingest", "--id", "bench", str(SAMPLE)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    print(f"/healthz with {args.idle} idle + {args.slow} byte-a-second connections open")
    for kind in ("gthread", "baonoi"):
        port = free_port()
        proc = start(kind, port, env)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/healthz")
            quiet = summary(probe(base, args.probes))
            loaded = summary(measure(base, port, args.idle, args.slow, args.probes))
            label = "gunicorn gthread x8 (before)" if kind == "gthread" else "baonoi serve (after)"
            print(f"{label:30} no load: {quiet}\n{'':30} loaded:  {loaded}")
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
