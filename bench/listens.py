"""The listens half of ``python -m bench.console`` (also ``python -m bench.listens`` alone).

Seeds a year of listens for 1,000 articles (among ``ARTICLES`` in all) through the real store
layer, then, through ``baonoi serve``: the listens page's p50/p95 beside the reader's list page in
the same run, and beacons per second from client threads while a prober asks ``/healthz`` every
100 ms (its latency idle and under load, side by side). Beacons come "through a proxy"
(``BAONOI_TRUSTED_PROXIES=1``, an ``X-Forwarded-For`` per simulated listener), as behind the shipped
nginx, so the per-address bound is that of real listeners, not of one bench address.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import requests

from app.config import Settings
from app.models import Article
from app.store import Store, open_store
from app.store.listens import Cell, day_of, days_ending
from app.store.tally import listens_for
from app.web.console.manage import add_account
from bench.serve import free_port, wait_for

ARTICLES = 10_000  # in the store
LISTENED = 1_000  # of them, with a year of listens
YEAR = 365
PLAYED = -1  # a client tally's key for the plays it had counted (beside HTTP statuses)
PASSWORD = "mật khẩu của bench 123"  # noqa: S105 (a throwaway account)
EXAMPLE_BEACONS = {  # what listens.js sends (bytes of the body), for the figures
    "first play": "a=backan-2021-09-21-chat-luong-to-chuc-dang&s=r&m=1",
    "25% mark and seconds": "a=backan-2021-09-21-chat-luong-to-chuc-dang&s=r&m=2&t=61",
    "the end, other voice": "a=backan-2021-09-21-chat-luong-to-chuc-dang&s=f&v=giong-nam&m=16&t=58",
}


def seed_articles(store: Store, count: int = ARTICLES) -> list[str]:
    """``count`` small articles (only what the pages show), their ids."""
    ids = [f"bai-{n:05d}" for n in range(count)]
    for n, article_id in enumerate(ids):
        store.put_article(
            Article(title=f"Bài số {n}: tin địa phương", id=article_id, version="v1", created_at=n)
        )
    return ids


def seed_listens(store: Store, ids: list[str], days: int = YEAR) -> int:
    """A year of listens for ``ids``: each article every day, on the reader and one other
    surface, written a day at a time through ``ListenCounts.add``; cells written."""
    counts, cells = listens_for(store), 0
    others = ("frame", "continuous", "offline")
    for d, day in enumerate(days_ending(day_of(), days)):
        batch = {}
        for n, article_id in enumerate(ids):
            plays = 1 + (n * 7 + d) % 13
            batch[Cell(day, article_id, "reader", "default")] = [
                plays,
                plays * 3 // 4,
                plays // 2,
                plays // 3,
                plays // 4,
                plays * 50,
            ]
            batch[Cell(day, article_id, others[(n + d) % 3], "default")] = [1, 1, 0, 0, 0, 20]
        counts.add(batch)
        cells += len(batch)
    return cells


def timed_gets(session: requests.Session, url: str, count: int) -> list[float]:
    """Milliseconds of ``count`` sequential GETs (after two warm-ups), each checked 200."""
    for _ in range(2):
        session.get(url, timeout=30).raise_for_status()
    times = []
    for _ in range(count):
        started = time.perf_counter()
        session.get(url, timeout=30).raise_for_status()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(times: list[float]) -> float:
    """The 95th percentile."""
    return statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]


def signed_in(base: str, name: str, password: str) -> requests.Session:
    """A session signed in to the console."""
    session = requests.Session()
    page = session.get(f"{base}/admin/login", timeout=10).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token, "no sign-in form"
    data = {"username": name, "password": password, "csrf_token": token[1]}
    session.post(f"{base}/admin/login", data=data, timeout=10).raise_for_status()
    return session


def beacon_client(
    port: int, article_ids: list[str], first: int, stop: threading.Event, tally: dict[int, int]
) -> None:
    """Beacons on one kept-alive connection, each from another listener's address, till stop.

    Requests are written as bytes and answers read by their status line and Content-Length: the
    load generator spends little of the machine's CPU, the server most.
    """
    sock, n, pending = socket.create_connection(("127.0.0.1", port)), first, b""
    while not stop.is_set():
        n += 1
        body = f"a={article_ids[n % len(article_ids)]}&s=r&m={1 if n % 3 else 2}&t={n % 40}"
        forwarded = f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"
        sock.sendall(
            (
                f"POST /listens HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: {forwarded}\r\n"
                f"Content-Type: text/plain;charset=UTF-8\r\nContent-Length: {len(body)}\r\n\r\n"
                f"{body}"
            ).encode()
        )
        while b"\r\n\r\n" not in pending:
            pending += sock.recv(65536)
        head, _, pending = pending.partition(b"\r\n\r\n")
        length = re.search(rb"(?i)content-length: *(\d+)", head)
        size = int(length[1]) if length else 0
        while len(pending) < size:
            pending += sock.recv(65536)
        pending = pending[size:]
        status = int(head.split(b" ", 2)[1])
        if re.search(rb"(?i)\r\nconnection: *close", head):  # waitress closes after a 204
            sock.close()
            sock, pending = socket.create_connection(("127.0.0.1", port)), b""
        tally[status] = tally.get(status, 0) + 1
        if status == 204 and n % 3:
            tally[PLAYED] = tally.get(PLAYED, 0) + 1  # a beacon whose marks hold a play
    sock.close()


def probe(base: str, stop: threading.Event, out: list[float]) -> None:
    """``/healthz`` every 100 ms until stop: milliseconds of each answer."""
    with requests.Session() as session:
        while not stop.is_set():
            started = time.perf_counter()
            session.get(f"{base}/healthz", timeout=10)
            out.append((time.perf_counter() - started) * 1000)
            stop.wait(max(0.0, 0.1 - (time.perf_counter() - started)))


def beacons_per_s(
    base: str, port: int, ids: list[str], seconds: float, clients: int
) -> dict[str, Any]:
    """Beacons answered per second by status, and /healthz latency during the run."""
    stop, tallies, health = threading.Event(), [dict[int, int]() for _ in range(clients)], []
    threads = [
        threading.Thread(target=beacon_client, args=(port, ids, k << 20, stop, tallies[k]))
        for k in range(clients)
    ]
    threads.append(threading.Thread(target=probe, args=(base, stop, health)))
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    statuses: dict[int, int] = {}
    for tally in tallies:
        for status, count in tally.items():
            statuses[status] = statuses.get(status, 0) + count
    plays, answered = statuses.pop(PLAYED, 0), statuses.get(204, 0)
    return {"per_s": answered / seconds, "statuses": statuses, "health": health, "plays": plays}


def idle_health(base: str, count: int = 30) -> list[float]:
    """``/healthz`` latency with nothing else going on."""
    with requests.Session() as session:
        return timed_gets(session, f"{base}/healthz", count)


def stored_plays(data_dir: Path, redis_url: str | None) -> int:
    """Plays counted today in the store (after the bench's beacons were written)."""
    store = open_store(Settings(data_dir=data_dir, redis_url=redis_url))
    try:
        return sum(n[0] for _, n in listens_for(store).day_rows(day_of()))
    finally:
        store.close()


def beacon_figures() -> list[str]:
    """The bytes each example beacon's body has."""
    return [
        f"  beacon body, {what}: {len(body.encode())} bytes"
        for what, body in EXAMPLE_BEACONS.items()
    ]


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The bench's options."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0, help="beacon run length")
    parser.add_argument("--clients", type=int, default=4, help="beacon client threads")
    parser.add_argument("--requests", type=int, default=60, help="GETs per page measured")
    parser.add_argument("--redis", action="store_true", help="on a private Redis, not SQLite")
    return parser.parse_args(argv)


def serve(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    """``baonoi serve`` on ``port`` with ``env``, once ``/healthz`` answers."""
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve", "--port", str(port)],
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    wait_for(f"http://127.0.0.1:{port}/healthz")
    return proc


def private_redis(root: Path) -> tuple[subprocess.Popen[bytes], str]:
    """A throwaway redis-server (no persistence) and its URL."""
    port = free_port()
    proc = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(root),
        ],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            open_store(Settings(redis_url=url, data_dir=root)).ping()
            return proc, url
        except Exception:  # noqa: BLE001 (not up yet)
            time.sleep(0.1)
    raise SystemExit("redis-server did not start")


def line(name: str, times: list[float]) -> str:
    """One row of page latencies."""
    return f"  {name:<44} p50 {statistics.median(times):7.1f} ms   p95 {p95(times):7.1f} ms"


def measure(args: argparse.Namespace, root: Path, redis_url: str | None) -> list[str]:
    """Seed the store, serve it, and the figures as lines."""
    settings = Settings(data_dir=root / "instance", redis_url=redis_url)
    store = open_store(settings)
    started = time.perf_counter()
    ids = seed_articles(store)
    cells = seed_listens(store, ids[:LISTENED])
    add_account(store, "bench", "editor", PASSWORD)
    store.close()
    seeded = time.perf_counter() - started
    env = {
        "BAONOI_DATA_DIR": str(root / "instance"),
        "BAONOI_AUDIO_CACHE_DIR": str(root / "audio"),
        "BAONOI_TTS_ENGINE": "espeak",
        "BAONOI_TRUSTED_PROXIES": "1",
        **({"BAONOI_REDIS_URL": redis_url} if redis_url else {}),
    }
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = serve(env, port, root / "serve.log")
    try:
        with signed_in(base, "bench", PASSWORD) as editor:
            pages = [
                ("/ (the reader's list, for scale)", timed_gets(editor, base + "/", args.requests)),
                ("/admin/listens", timed_gets(editor, base + "/admin/listens", args.requests)),
                (
                    "/admin/listens?surface=reader",
                    timed_gets(editor, base + "/admin/listens?surface=reader", args.requests),
                ),
            ]
        idle = idle_health(base)
        before = stored_plays(root / "instance", redis_url)
        run = beacons_per_s(base, port, ids[:LISTENED], args.seconds, args.clients)
        time.sleep(2.5)  # the tally's last second written
        counted = stored_plays(root / "instance", redis_url) - before
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    plays_sent = run["plays"]
    health = run["health"]
    return [
        f"store: {'redis' if redis_url else 'local (SQLite)'}; {len(ids):,} articles, a year of "
        f"listens for {LISTENED:,} ({cells:,} cells), seeded in {seeded:.0f} s",
        *(line(name, times) for name, times in pages),
        f"  beacons: {run['per_s']:.0f}/s answered 204 ({args.clients} client threads, "
        f"{args.seconds:.0f} s; statuses {run['statuses']})",
        f"  /healthz idle: p50 {statistics.median(idle):.1f} ms, max {max(idle):.1f} ms; "
        f"during the beacons: p50 {statistics.median(health):.1f} ms, p95 {p95(health):.1f} ms, "
        f"max {max(health):.1f} ms ({len(health)} probes)",
        f"  plays the run added to the store: {counted:,} "
        f"(beacons answered 204 whose marks had a play: {plays_sent:,})",
        *beacon_figures(),
    ]


def main(argv: list[str] | None = None) -> int:
    """Seed, serve, measure, print."""
    args = parse(argv)
    with tempfile.TemporaryDirectory(prefix="bench-listens-") as tmp:
        root = Path(tmp)
        redis_proc, url = private_redis(root) if args.redis else (None, None)
        try:
            print("\n".join(measure(args, root, url)))
        finally:
            if redis_proc:
                redis_proc.terminate()
                redis_proc.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
