"""Slow clients: /healthz latency while N idle and N byte-at-a-time connections are open, and what
connections that pipeline requests for a finished MP3 and never read make the server hold.

``python -m bench.slowclients [--idle 200] [--slow 20] [--probes 10] [--readers 60]`` measures, in
the same run, gunicorn's ``gthread`` worker (8 threads, the old ``baonoi serve``) and today's
``baonoi serve`` (waitress); then ``--readers`` connections that each pipeline about 1 KB of
``Range: bytes=1-`` requests (or whole-file GETs) for the sample's MP3 and read nothing, against
main's way (plain waitress channels, ranges as a generator: ``OLD_SERVE``) and today's: temporary
(unlinked) bytes and file descriptors the server holds, its RSS growth, and /healthz meanwhile.
Everything listens on 127.0.0.1 and stops by itself.
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
from tests.integration.processes import non_readers

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
    """The server of ``kind`` (``gthread``, main's waitress ``old`` or ``baonoi``) on ``port``."""
    if kind == "gthread":
        args = ["-m", "gunicorn", "-k", "gthread", "--threads", "8", "-b", f"127.0.0.1:{port}"]
        args.append("app:create_app()")
    elif kind == "old":
        args = ["-c", OLD_SERVE, str(port)]
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


# main's ``baonoi serve`` before issue 20, kept as the baseline: waitress's own channels, a range
# answered by a generator of 64 KiB chunks (the whole file through the file wrapper).
OLD_SERVE = """
import os, socket, sys, waitress
from werkzeug.wsgi import wrap_file
from app import create_app, serve
from app.web import live, ranges

def old_part(request, source, start, length):
    whole = start == 0 and length == os.fstat(source.fileno()).st_size
    if whole and "wsgi.file_wrapper" in request.environ:
        return wrap_file(request.environ, source, ranges.CHUNK)
    source.seek(start)
    return ranges._chunks(source, length)

ranges.file_part = live.file_part = old_part
app = create_app()
sock = socket.create_server(("127.0.0.1", int(sys.argv[1])), backlog=1024)
waitress.serve(app, sockets=[sock], _quiet=True, **serve.options(5 * 1024 * 1024))
"""
PIPELINED_BYTES = 1024  # what each reader sends: about ten requests
HOLD_S = 5.0  # how long the readers stay before the server is measured


def held(pid: int) -> tuple[int, int, int]:
    """Bytes in unlinked (temporary) files the process holds open, its open files, its RSS."""
    unlinked, fds = 0, 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        fds += 1
        try:
            if os.readlink(fd).endswith("(deleted)"):
                unlinked += fd.stat().st_size
        except OSError:
            continue
    status = Path(f"/proc/{pid}/status").read_text()
    rss = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))
    return unlinked, fds, rss * 1024


def readers_case(kind: str, env: dict[str, str], path: str, ranged: bool, count: int) -> str:
    """One server, ``count`` pipelining non-readers: what it holds after ``HOLD_S``."""
    port = free_port()
    proc = start(kind, port, env)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/healthz")
        requests.get(base + path, timeout=30).raise_for_status()  # warm: the same code paths
        _, fds0, rss0 = held(proc.pid)
        ranging = "Range: bytes=1-\r\n" if ranged else ""
        one = f"GET {path} HTTP/1.1\r\nHost: x\r\n{ranging}\r\n"
        request = (one * (PIPELINED_BYTES // len(one) + 1)).encode()
        socks = non_readers(port, request, count)
        time.sleep(HOLD_S)
        unlinked, fds, rss = held(proc.pid)
        health = summary(probe(base, 3))
        for sock in socks:
            sock.close()
        return (
            f"temporary {unlinked / 1e6:7.1f} MB, RSS +{(rss - rss0) / 1e6:5.1f} MB, "
            f"open files +{fds - fds0:4}; /healthz {health}"
        )
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def readers(env: dict[str, str], count: int) -> None:
    """The pipelining non-readers table: Range and whole-file, main's server and today's."""
    made = subprocess.run(
        [sys.executable, "-m", "app.cli", "speak", "bench"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    mp3 = Path(made.stdout.strip())
    path = f"/audio/{mp3.name}"
    print(
        f"\n{count} connections each pipelining ~{PIPELINED_BYTES} B of GETs for a "
        f"{mp3.stat().st_size / 1e6:.1f} MB MP3, never reading; held after {HOLD_S:.0f} s"
    )
    for ranged in (True, False):
        for kind in ("old", "baonoi"):
            label = f"{'Range bytes=1-' if ranged else 'whole file'}, " + (
                "main (before)" if kind == "old" else "baonoi serve (after)"
            )
            print(f"{label:38} {readers_case(kind, env, path, ranged, count)}")


def main(argv: list[str] | None = None) -> int:
    """Measure both servers and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.slowclients")
    parser.add_argument("--idle", type=int, default=200)
    parser.add_argument("--slow", type=int, default=20)
    parser.add_argument("--probes", type=int, default=10)
    parser.add_argument("--readers", type=int, default=60)
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
    readers(env, args.readers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
