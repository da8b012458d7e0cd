"""Serving under load: gunicorn (2 workers) against nginx on the same audio file, same run.

``python -m bench.serve [--seconds 30] [--connections 50]`` needs Debian's ``wrk`` and ``nginx``.
Everything listens on 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "app" / "demo" / "backan-2021-09-21-chat-luong-to-chuc-dang.html"
NGINX_CONF = """daemon off; worker_processes 2; pid {root}/nginx.pid; error_log {root}/nginx.err;
events {{ worker_connections 1024; }}
http {{ access_log off; sendfile on; tcp_nopush on; types {{ audio/mpeg mp3; }}
  client_body_temp_path {root}/t1; proxy_temp_path {root}/t2; fastcgi_temp_path {root}/t3;
  uwsgi_temp_path {root}/t4; scgi_temp_path {root}/t5;
  server {{ listen 127.0.0.1:{port}; root {audio};
    location / {{ add_header Cache-Control "public, max-age=31536000, immutable"; }} }} }}
"""


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, seconds: float = 60) -> None:
    """Block until ``url`` answers."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not come up")


def wrk(url: str, seconds: int, connections: int, headers: list[str]) -> dict[str, float]:
    """Requests per second, p99 latency (ms) and errors from one wrk run."""
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    for header in headers:
        args += ["-H", header]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])  # type: ignore[index]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99[2]] if p99 else 0.0
    errors = sum(int(n) for n in re.findall(r"(?:Non-2xx or 3xx responses|errors: \w+ )(\d+)", out))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), "
        r"timeout (\d+)",
        out,
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return {"rps": rps, "p99_ms": float(p99[1]) * scale if p99 else 0.0, "errors": errors}


def post_to_first_byte(base: str) -> float:
    """Seconds from POSTing a new article to its first audio byte."""
    page = SAMPLE.read_bytes().replace(
        "Trong những năm qua".encode(), f"Trong những năm qua ({time.time()})".encode()
    )
    start = time.perf_counter()
    answer = requests.post(
        f"{base}/api/articles?id=fresh",
        data=page,
        headers={"Content-Type": "text/html"},
        timeout=60,
    )
    answer.raise_for_status()
    while True:
        audio = requests.get(
            f"{base}/articles/fresh/audio.mp3", headers={"Range": "bytes=0-0"}, timeout=60
        )
        if audio.status_code in (200, 206):
            return time.perf_counter() - start
        time.sleep(0.2)


def main(argv: list[str] | None = None) -> int:
    """Run the serving benchmark and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.serve")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args(argv)
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            raise SystemExit(f"{tool} is needed: apt-get install wrk nginx-light")
    tmp = Path(tempfile.mkdtemp(prefix="baonoi-bench-"))
    env = {
        **os.environ,
        "BAONOI_DATA_DIR": str(tmp / "i"),
        "BAONOI_AUDIO_CACHE_DIR": str(tmp / "a"),
        "BAONOI_TTS_ENGINE": "espeak",
        "BAONOI_INGEST_PER_MINUTE": "0",
        "BAONOI_SYNTH_PER_MINUTE": "0",
    }
    subprocess.run(
        [sys.executable, "-m", "app.cli", "ingest", "--id", "bench", str(SAMPLE)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    mp3 = next((tmp / "a").glob("*.mp3"))
    size = mp3.stat().st_size
    port, nginx_port = free_port(), free_port()
    (tmp / "nginx.conf").write_text(NGINX_CONF.format(root=tmp, port=nginx_port, audio=tmp / "a"))
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-w",
                "2",
                "-k",
                "gthread",
                "--threads",
                "8",
                "-b",
                f"127.0.0.1:{port}",
                "app:create_app()",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        ),
        subprocess.Popen(
            [
                shutil.which("nginx") or "/usr/sbin/nginx",
                "-c",
                str(tmp / "nginx.conf"),
                "-p",
                str(tmp),
            ],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
    ]
    try:
        base, nginx = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{nginx_port}"
        wait_for(f"{base}/healthz")
        wait_for(f"{nginx}/{mp3.name}")
        ranged = ["Range: bytes=0-65535"]
        rows = [
            (
                "audio, Range 64 KiB: gunicorn",
                wrk(f"{base}/articles/bench/audio.mp3", args.seconds, args.connections, ranged),
            ),
            (
                "audio, Range 64 KiB: nginx",
                wrk(f"{nginx}/{mp3.name}", args.seconds, args.connections, ranged),
            ),
            (
                "reader page: gunicorn",
                wrk(f"{base}/articles/bench", args.seconds, args.connections, []),
            ),
        ]
        first_byte = post_to_first_byte(base)
    finally:
        for proc in procs:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)
    print(
        f"\nServing, {args.connections} connections for {args.seconds} s each, loopback, "
        f"{size:,} B audio file"
    )
    print(f"{'target':34} {'req/s':>9} {'p99 ms':>8} {'errors':>7}")
    for name, row in rows:
        print(f"{name:34} {row['rps']:9.0f} {row['p99_ms']:8.1f} {row['errors']:7.0f}")
    print(
        f"gunicorn/nginx, audio req/s: {rows[0][1]['rps'] / rows[1][1]['rps']:.3f}; "
        f"p99: {rows[0][1]['p99_ms'] / max(rows[1][1]['p99_ms'], 0.001):.1f}x"
    )
    print(f"POST to first audio byte, new article (offline voice): {first_byte:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
