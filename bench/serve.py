"""Serving under load, same run, same audio file, full downloads: what ships, next to nginx.

What ships is ``baonoi serve`` (waitress), alone and with ``--workers 2``, for the audio file and
the reader page, behind the shipped nginx front (deploy/nginx/baonoi.conf, which sends the audio
itself and proxies the page) and beside bare nginx. The gunicorn rows (2 ``gthread`` workers,
streaming, and reading the whole file per request, ``bench/whole_file.py``) are kept as history:
gunicorn served the app before waitress and no longer ships.

``python -m bench.serve [--seconds 10] [--connections 50]`` needs Debian's ``wrk`` and ``nginx``.
Everything listens on 127.0.0.1 and stops by itself. Peak RSS is the sum over a server's processes
(parent and forked workers), sampled from /proc every 50 ms during the run.
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
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "app" / "demo" / "backan-2021-09-21-chat-luong-to-chuc-dang.html"
FRONT = ROOT / "deploy" / "nginx" / "baonoi.conf"
FRONT_MAIN = """daemon off; worker_processes 2; pid {root}/front.pid; error_log {root}/front.err;
{user}
events {{ worker_connections 1024; }}
http {{ include /etc/nginx/mime.types; access_log off;
  client_body_temp_path {root}/f1; proxy_temp_path {root}/f2; fastcgi_temp_path {root}/f3;
  uwsgi_temp_path {root}/f4; scgi_temp_path {root}/f5; include {conf}; }}
"""
NGINX_CONF = """daemon off; worker_processes 2; pid {root}/nginx.pid; error_log {root}/nginx.err;
{user}
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


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (KiB), from /proc."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status)[1])  # type: ignore[index]
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (OSError, TypeError):
            continue
        todo += [int(c) for c in children]
    return total


def wrk_with_rss(url: str, args: argparse.Namespace, pid: int | None) -> dict[str, float]:
    """``wrk`` on ``url``; the growth of process ``pid``'s tree RSS meanwhile (peak - idle, MiB)."""
    idle = tree_rss_kib(pid) if pid else 0
    peak, running = [idle], True

    def sample() -> None:
        while running and pid:
            peak[0] = max(peak[0], tree_rss_kib(pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        row = wrk(url, args.seconds, args.connections, [])
    finally:
        running = False
        sampler.join()
    return {**row, "rss_mib": peak[0] / 1024 if pid else 0.0, "growth_mib": (peak[0] - idle) / 1024}


def best_of_two(
    first: str, second: str, args: argparse.Namespace
) -> tuple[dict[str, float], dict[str, float]]:
    """Two URLs measured alternately twice (a, b, b, a), each keeping its better run."""
    a1, b1, b2, a2 = (wrk_with_rss(u, args, None) for u in (first, second, second, first))
    return max(a1, a2, key=lambda r: r["rps"]), max(b1, b2, key=lambda r: r["rps"])


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


def shipped_front(tmp: Path, port: int, upstream: int, audio: Path) -> Path:
    """deploy/nginx/baonoi.conf for this run (ports, audio directory) inside a main file."""
    text = FRONT.read_text(encoding="utf-8")
    for old, new in (
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};"),
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("/var/lib/baonoi/audio_cache/", f"{audio}/"),
    ):
        text = text.replace(old, new)
    (tmp / "front.conf").write_text(text, encoding="utf-8")
    main = FRONT_MAIN.format(root=tmp, conf=tmp / "front.conf", user=nginx_user())
    (tmp / "front-main.conf").write_text(main, encoding="utf-8")
    return tmp / "front-main.conf"


def nginx_user() -> str:
    """``user root;`` when run as root, so workers read the (private) temporary directory."""
    return "user root;" if os.geteuid() == 0 else ""


def start(args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """A process in its own session, quiet, from the checkout."""
    return subprocess.Popen(
        args,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def gunicorn(port: int, target: str) -> list[str]:
    """gunicorn with the service's settings (2 workers, 8 threads) on ``port``."""
    return [
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
        target,
    ]


def baonoi_serve(port: int, workers: int) -> list[str]:
    """``baonoi serve`` as shipped (waitress), with ``workers`` processes, on ``port``."""
    return [
        sys.executable,
        "-m",
        "app.cli",
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]


Row = tuple[str, dict[str, float]]


def main(argv: list[str] | None = None) -> int:
    """Run the serving benchmark and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.serve")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args(argv)
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            raise SystemExit(f"{tool} is needed: apt-get install wrk nginx-light")
    nginx_exe = shutil.which("nginx") or "/usr/sbin/nginx"
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
    ports = {name: free_port() for name in ("one", "two", "gunicorn", "old", "nginx", "front")}
    (tmp / "nginx.conf").write_text(
        NGINX_CONF.format(root=tmp, port=ports["nginx"], audio=tmp / "a", user=nginx_user())
    )
    front_conf = shipped_front(tmp, ports["front"], ports["two"], tmp / "a")
    procs = {
        "one": start(baonoi_serve(ports["one"], 1), env),
        "two": start(baonoi_serve(ports["two"], 2), env),
        "gunicorn": start(gunicorn(ports["gunicorn"], "app:create_app()"), env),
        "old": start(
            gunicorn(ports["old"], "bench.whole_file:app"), {**env, "BENCH_FILE": str(mp3)}
        ),
        "nginx": start([nginx_exe, "-c", str(tmp / "nginx.conf"), "-p", str(tmp)]),
        "front": start([nginx_exe, "-c", str(front_conf), "-p", str(tmp)]),
    }
    url = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    try:
        for name in ("one", "two", "gunicorn", "front"):
            wait_for(f"{url[name]}/healthz")
        for name in ("nginx", "old"):
            wait_for(f"{url[name]}/{mp3.name}" if name == "nginx" else url[name])
        shipped, history, first_byte = measure(url, procs, mp3.name, args)
    finally:
        for proc in procs.values():
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)
    report(shipped, history, args, size, first_byte)
    return 0


def measure(
    url: dict[str, str],
    procs: dict[str, subprocess.Popen[bytes]],
    name: str,
    args: argparse.Namespace,
) -> tuple[list[Row], list[Row], float]:
    """The rows of what ships, the history rows, and POST to first audio byte (baonoi serve)."""
    audio, page = f"/audio/{name}", "/articles/bench"
    bare, front = best_of_two(f"{url['nginx']}/{name}", f"{url['front']}{audio}", args)
    shipped = [
        ("audio: bare nginx (best of 2)", bare),
        ("audio: shipped nginx front (best of 2)", front),
        ("audio: baonoi serve", wrk_with_rss(url["one"] + audio, args, procs["one"].pid)),
        (
            "audio: baonoi serve --workers 2",
            wrk_with_rss(url["two"] + audio, args, procs["two"].pid),
        ),
        ("page: baonoi serve", wrk_with_rss(url["one"] + page, args, procs["one"].pid)),
        ("page: baonoi serve --workers 2", wrk_with_rss(url["two"] + page, args, procs["two"].pid)),
        (
            "page: nginx front -> serve --workers 2",
            wrk_with_rss(url["front"] + page, args, procs["two"].pid),
        ),
    ]
    gun = procs["gunicorn"].pid
    history = [
        ("audio: gunicorn, streamed", wrk_with_rss(url["gunicorn"] + audio, args, gun)),
        ("audio: gunicorn, whole read (older)", wrk_with_rss(url["old"], args, procs["old"].pid)),
        ("page: gunicorn", wrk_with_rss(url["gunicorn"] + page, args, gun)),
    ]
    return shipped, history, post_to_first_byte(url["one"])


def report(
    shipped: list[Row], history: list[Row], args: argparse.Namespace, size: int, first: float
) -> None:
    """Print the table (what ships, then history) and the ratios the deployment promises."""
    print(
        f"\nServing, {args.connections} connections for {args.seconds} s each, loopback, "
        f"whole {size:,} B audio file per request"
    )
    header = (
        f"{'target':40} {'req/s':>7} {'p99 ms':>8} {'errors':>7} {'peak RSS MiB (+growth)':>23}"
    )
    print(header)
    for title, rows in (("", shipped), ("history (gunicorn no longer ships):", history)):
        if title:
            print(title)
        for name, row in rows:
            rss = f"{row['rss_mib']:.0f} (+{row['growth_mib']:.0f})" if row["rss_mib"] else ""
            print(
                f"{name:40} {row['rps']:7.0f} {row['p99_ms']:8.1f} {row['errors']:7.0f} {rss:>23}"
            )
    by = dict(shipped + history)
    bare, front = by["audio: bare nginx (best of 2)"], by["audio: shipped nginx front (best of 2)"]
    one, two = by["audio: baonoi serve"], by["audio: baonoi serve --workers 2"]
    print(
        f"shipped front / bare nginx: req/s {front['rps'] / bare['rps']:.2f}x, "
        f"p99 {front['p99_ms'] / max(bare['p99_ms'], 0.001):.2f}x"
    )
    print(
        f"audio, baonoi serve / shipped front: req/s {one['rps'] / front['rps']:.2f}x "
        f"(--workers 2: {two['rps'] / front['rps']:.2f}x)"
    )
    page_one, page_two = by["page: baonoi serve"], by["page: baonoi serve --workers 2"]
    print(
        f"reader page, --workers 2 / 1 process: req/s {page_two['rps'] / page_one['rps']:.2f}x; "
        f"waitress / gunicorn (history): {page_one['rps'] / by['page: gunicorn']['rps']:.2f}x"
    )
    print(f"POST to first audio byte, new article (offline voice, baonoi serve): {first:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
