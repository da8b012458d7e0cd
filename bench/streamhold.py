"""Live MP3 routes under hostile clients: what non-reading streams hold, and random live keys.

``python -m bench.streamhold [--chars 30000] [--streams 200] [--loops 64] [--baseline main]`` runs
``baonoi serve`` from a checkout of ``--baseline`` (a ``git worktree`` in a temporary directory,
removed afterwards) and from this checkout, one after the other in the same run, on one data and
audio directory holding a finished long article (``--chars`` of text: about 9.6 MB of MP3 for
30,000):

- ``streams``: ``--streams`` connections, one every ``PACE_S`` (as the red team's, about 10 s in
  all), each asking for the finished article's ``/audio/<key>/live.mp3?stream`` and reading
  nothing; after ``HOLD_S``: bytes in temporary (unlinked) files the server holds, its RSS growth
  (after a warm-up that ran every request thread), their sum, the kernel's TCP buffers' growth
  (``/proc/net/sockstat``, the whole machine's: other programs' traffic shows too), and the worst
  ``/healthz``;
- ``random keys``: ``--loops`` clients (threads of a process of their own, so the probe does not
  share their interpreter) each asking ``/audio/<random key>/live.mp3`` again and again for
  ``LOOP_S``; ``/healthz`` probed meanwhile (median and worst) and the requests answered;
- ``plain 404s``: the same loops on ``/no-such-page/<random>``, the floor: what any cheap answer
  costs the server under such a flood, whatever the route.

Everything listens on 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests

from bench.longest import long_page
from bench.serve import free_port, wait_for
from bench.slowclients import held
from tests.integration.processes import non_readers

ROOT = Path(__file__).resolve().parent.parent
HOLD_S = 5.0  # how long the non-readers stay before the server is measured
PACE_S = 0.05  # between two non-readers' connections
LOOP_S = 10.0  # how long the random-key loops run
PROBE_EVERY_S = 0.2


def start(checkout: Path, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``baonoi serve`` from ``checkout`` on ``port``."""
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "--port", str(port)],
        env={**env, "PYTHONPATH": str(checkout)},
        cwd=checkout,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def healthz(base: str) -> float:
    """Seconds for one /healthz (60 s: no answer)."""
    begin = time.perf_counter()
    try:
        requests.get(f"{base}/healthz", timeout=60).raise_for_status()
    except requests.RequestException:
        return 60.0
    return time.perf_counter() - begin


def streams_case(base: str, pid: int, live: str, count: int) -> str:
    """``count`` non-reading streams of the finished article: what the server holds."""
    url = f"{base}{live}?stream"
    with ThreadPoolExecutor(max_workers=32) as pool:  # every request thread has run once
        list(pool.map(lambda _: requests.get(url, timeout=120).content, range(32)))
    _, fds0, rss0 = held(pid)
    port = int(base.rsplit(":", 1)[1])
    request = f"GET {live}?stream HTTP/1.1\r\nHost: x\r\n\r\n".encode()
    kernel0, begin, socks = tcp_memory(), time.perf_counter(), []
    for _ in range(count):
        socks += non_readers(port, request, 1)
        time.sleep(PACE_S)
    opened = time.perf_counter() - begin
    time.sleep(HOLD_S)
    unlinked, fds, rss = held(pid)
    kernel = tcp_memory() - kernel0
    worst = max(healthz(base) for _ in range(3))
    for sock in socks:
        sock.close()
    grown = max(0, rss - rss0)
    return (
        f"temporary {unlinked / 1e6:8.1f} MB + RSS +{grown / 1e6:6.1f} MB = "
        f"{(unlinked + grown) / 1e6:8.1f} MB; kernel TCP +{kernel / 1e6:6.1f} MB; "
        f"open files +{fds - fds0:4}; "
        f"opened in {opened:.1f} s; /healthz worst {worst * 1000:.0f} ms"
    )


def tcp_memory() -> int:
    """Bytes the kernel holds in TCP buffers, the whole machine's (``/proc/net/sockstat``)."""
    for line in Path("/proc/net/sockstat").read_text().splitlines():
        if line.startswith("TCP:"):
            fields = line.split()
            return int(fields[fields.index("mem") + 1]) * os.sysconf("SC_PAGE_SIZE")
    return 0


LOOPS = """
import secrets, sys, threading, time, requests
base, loops, seconds, path = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
answered, end = [0] * loops, time.monotonic() + seconds
def loop(n):
    with requests.Session() as session:
        while time.monotonic() < end:
            try:
                session.get(base + path.format(secrets.token_hex(16)), timeout=30)
                answered[n] += 1
            except requests.RequestException:
                pass
threads = [threading.Thread(target=loop, args=(n,)) for n in range(loops)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(sum(answered))
"""


def random_keys_case(base: str, loops: int, path: str = "/audio/{}/live.mp3") -> str:
    """``loops`` clients asking for ``path`` with random keys; /healthz meanwhile."""
    clients = subprocess.Popen(
        [sys.executable, "-c", LOOPS, base, str(loops), str(LOOP_S + 1.0), path],
        stdout=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.0)
    probes: list[float] = []
    end = time.monotonic() + LOOP_S
    while time.monotonic() < end:
        probes.append(healthz(base))
        time.sleep(PROBE_EVERY_S)
    answered = clients.communicate(timeout=120)[0].strip()
    probes.sort()
    return (
        f"/healthz median {probes[len(probes) // 2] * 1000:6.0f} ms, worst "
        f"{probes[-1] * 1000:6.0f} ms ({len(probes)} probes); requests answered: "
        f"{answered}"
    )


def run_side(label: str, checkout: Path, env: dict[str, str], live: str, args: Any) -> list[str]:
    """Both cases on one server from ``checkout``."""
    rows = []
    for case in ("streams", "random keys", "plain 404s"):
        port = free_port()
        proc = start(checkout, port, env)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/healthz")
            if case == "streams":
                result = streams_case(base, proc.pid, live, args.streams)
                rows.append(f"{label:10} {args.streams} non-reading streams: {result}")
            elif case == "random keys":
                result = random_keys_case(base, args.loops)
                rows.append(f"{label:10} {args.loops} random live-key loops: {result}")
            else:
                result = random_keys_case(base, args.loops, "/no-such-page/{}")
                rows.append(f"{label:10} {args.loops} plain-404 loops (floor): {result}")
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=60)
    return rows


def main(argv: list[str] | None = None) -> int:
    """Make the long article, measure the baseline checkout and this one; print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.streamhold")
    parser.add_argument("--chars", type=int, default=30_000)
    parser.add_argument("--streams", type=int, default=200)
    parser.add_argument("--loops", type=int, default=64)
    parser.add_argument("--baseline", default="main", help="git revision to compare with")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="baonoi-streamhold-"))
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("BAONOI_")},
        "BAONOI_DATA_DIR": str(tmp / "i"),
        "BAONOI_AUDIO_CACHE_DIR": str(tmp / "a"),
        "BAONOI_TTS_ENGINE": "espeak",
        "BAONOI_SYNTH_PER_MINUTE": "0",
    }
    page = tmp / "long.html"
    page.write_bytes(long_page(args.chars))
    cli = [sys.executable, "-m", "app.cli"]
    subprocess.run([*cli, "ingest", "--id", "long", str(page)], env=env, cwd=ROOT, check=True)
    made = subprocess.run(
        [*cli, "speak", "long"], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    mp3 = Path(made.stdout.strip())
    live, size = f"/audio/{mp3.name.split('.')[0]}/live.mp3", mp3.stat().st_size
    old = tmp / "baseline"
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(old), args.baseline],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    try:
        rows = run_side(args.baseline, old, env, live, args)
        rows += run_side("this", ROOT, env, live, args)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=False)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"finished article: {size / 1e6:.1f} MB of MP3 ({args.chars} chars)")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
