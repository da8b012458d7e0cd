"""The listens part of ``python -m bench.console`` (``--parts listens``): seed and cases.

``seed`` puts a year of listens for 1,000 articles (of the articles part's 10,000, or its own)
through the real store layer; ``cases`` measures, through ``baonoi serve``, the listens page's
p95 (plain and filtered) beside the reader's list page in the same run, and beacons per second
from client threads while a prober asks ``/healthz`` every 100 ms (its latency idle and under the
beacons, side by side). Beacons come "through a proxy" (``BAONOI_TRUSTED_PROXIES=1``, an
``X-Forwarded-For`` per simulated listener), as behind the shipped nginx, so the per-address bound
is that of real listeners, not of the one bench address.
"""

from __future__ import annotations

import re
import socket
import statistics
import threading
import time
from pathlib import Path
from typing import Any

import requests

from app.config import Settings
from app.models import Article
from app.store import Store, open_store
from app.store.listens import Cell, day_of, days_ending
from app.store.tally import CHUNK, listens_for

ARTICLES = 10_000  # in the store
LISTENED = 1_000  # of them, with a year of listens
YEAR = 365
PLAYED = -1  # a client tally's key for the plays it had counted (beside HTTP statuses)
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
        items = list(batch.items())
        for start in range(0, len(items), CHUNK):  # as a tally writes them
            counts.add(dict(items[start : start + CHUNK]))
        cells += len(batch)
    return cells


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


def p95(times: list[float]) -> float:
    """The 95th percentile."""
    return statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]


def idle_health(base: str, count: int = 30) -> list[float]:
    """``/healthz`` latency with nothing else going on (after two warm-ups)."""
    times = []
    with requests.Session() as session:
        for n in range(count + 2):
            started = time.perf_counter()
            session.get(f"{base}/healthz", timeout=10)
            if n >= 2:
                times.append((time.perf_counter() - started) * 1000)
    return times


def stored_plays(data_dir: Path, redis_url: str | None) -> int:
    """Plays counted today in the store (after the bench's beacons were written)."""
    store = open_store(Settings(data_dir=data_dir, redis_url=redis_url))
    try:
        return sum(n[0] for _, n in listens_for(store).day_rows(day_of()))
    finally:
        store.close()
