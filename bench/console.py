"""The operator console under load of data: ``python -m bench.console``.

Issue 26's goal: with 10,000 articles (and a year of listens for 1,000 of them), the article list,
one article and the listens page each answer in at most 300 ms at the 95th percentile, signed in;
and one process answers at least 500 listen beacons a second while ``/healthz`` answers in at most
100 ms. The listens part calls ``bench/listens.py``'s seeding and beacon load.

It seeds a fresh data directory straight through the store API (no audio is synthesized but one
real article's), starts ``baonoi serve`` on it (embedded store, or ``--store redis`` on a
throwaway ``redis-server``), signs in as an editor it added to the store, and runs each
part's cases. A part (``PARTS``) is a name, a ``seed`` run before the server starts and ``cases``
run against it; each case gives ``Result`` rows. ``--parts`` picks some.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import requests

from bench import listens
from bench.serve import ROOT, SAMPLE, free_port, wait_for

USER, PASSWORD = "bench-editor", "mật khẩu của bench 2026"  # noqa: S105 (a throwaway account)
GOAL_MS = 300.0
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
WORDS = (
    "Bắc Kạn Hà Nội Đà Nẵng Huế Cần Thơ nông thôn mới giao thông học sinh bệnh viện mùa lúa "
    "hội nghị tỉnh ủy đại biểu quốc hội ngân sách du lịch thời tiết mưa lũ biên giới doanh "
    "nghiệp xuất khẩu cà phê hồ tiêu điện lực cầu đường văn hóa lễ hội thể thao bóng đá"
).split()


@dataclass
class Bench:
    """What the parts share: options, the data directory, the server and a signed-in session."""

    args: argparse.Namespace
    root: Path
    env: dict[str, str] = field(default_factory=dict)
    base: str = ""
    session: requests.Session = field(default_factory=requests.Session)
    notes: dict[str, Any] = field(default_factory=dict)  # what a seed tells its cases


@dataclass(frozen=True)
class Result:
    """One measured figure."""

    name: str
    value: float
    unit: str = "ms p95"
    goal: float = GOAL_MS
    higher_is_better: bool = False
    note: str = ""  # shown after the figure (the median of the same requests, say)

    @property
    def ok(self) -> bool:
        """Whether the figure meets its goal."""
        return self.value >= self.goal if self.higher_is_better else self.value <= self.goal


@dataclass(frozen=True)
class Part:
    """A seed (store filled before the server starts) and the cases measured against it."""

    name: str
    seed: Callable[[Bench, Any], None]  # (bench, services)
    cases: Callable[[Bench], list[Result]]


def timed_gets(bench: Bench, path: str, requests_n: int) -> list[float]:
    """Milliseconds of ``requests_n`` signed-in GETs of ``path`` (after two warm-ups)."""
    times = []
    for n in range(requests_n + 2):
        started = time.perf_counter()
        answer = bench.session.get(bench.base + path, timeout=30, allow_redirects=False)
        took = (time.perf_counter() - started) * 1000
        if answer.status_code != 200:
            raise SystemExit(f"{path}: {answer.status_code} {answer.text[:300]}")
        if n >= 2:
            times.append(took)
    return times


def p95_ms(bench: Bench, path: str, requests_n: int) -> float:
    """The 95th percentile of ``requests_n`` signed-in GETs of ``path`` (after two warm-ups)."""
    return statistics.quantiles(timed_gets(bench, path, requests_n), n=20)[-1]


def p95_result(bench: Bench, name: str, path: str) -> Result:
    """A case's p95, with its median beside it."""
    times = timed_gets(bench, path, bench.args.requests)
    p95 = statistics.quantiles(times, n=20)[-1]
    return Result(name, p95, note=f"median {statistics.median(times):.1f}")


def title(rng: random.Random, n: int) -> str:
    """A Vietnamese-looking title, different for each article."""
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 10))).capitalize() + f" ({n})"


def seed_articles(bench: Bench, services: Any) -> None:
    """The sample article made for real, then ``--articles`` copies of it in assorted states."""
    from app.models import AudioInfo, AudioStatus
    from app.pipeline import ingest, synthesize

    sample, _ = ingest(services, SAMPLE.read_bytes(), queue_audio=False)
    synthesize(services, sample.id)
    bench.notes["sample"] = sample.id
    rng = random.Random(26)
    now = time.time()
    statuses = [AudioStatus.READY] * 6 + [AudioStatus.NONE] * 2
    statuses += [AudioStatus.FAILED, AudioStatus.RUNNING]
    for n in range(bench.args.articles):
        key = f"bench{n:05d}".ljust(32, "0")
        copy = replace(
            sample,
            id=f"bai-{n:05d}",
            title=title(rng, n),
            source_url=f"https://portal.example/tin/{n}.html",
            audio_key=key,
            created_at=now - n * 600,
        )
        services.store.put_article(copy)
        status = rng.choice(statuses)
        if status is not AudioStatus.NONE:
            info = AudioInfo(key=key, status=status, duration_s=300.0, updated_at=now)
            services.store.put_audio(key, info)
    bench.notes["far_page"] = max(1, bench.args.articles // 50 - 1)


def article_cases(bench: Bench) -> list[Result]:
    """The list (plain, searched, filtered, a far page) and one article's page."""
    far = bench.notes["far_page"]
    paths = {
        "article list": "/admin/",
        "article list, searched (no diacritics)": "/admin/?q=bac+kan",
        "article list, filtered (failed)": "/admin/?state=failed",
        "article list, searched and filtered": "/admin/?q=ha+noi&state=made",
        f"article list, page {far}": f"/admin/?page={far}",
        "one article (sample, made)": f"/admin/articles/{bench.notes['sample']}",
        "one article (a copy, not made)": f"/admin/articles/bai-{bench.args.articles // 2:05d}",
    }
    return [p95_result(bench, name, path) for name, path in paths.items()]


def seed_listens(bench: Bench, services: Any) -> None:
    """A year of listens for 1,000 articles (the articles part's, or bare ones of its own)."""
    from bench import listens

    if "articles" not in bench.args.parts:
        listens.seed_articles(services.store, bench.args.articles)
    ids = [f"bai-{n:05d}" for n in range(min(listens.LISTENED, bench.args.articles))]
    started = time.perf_counter()
    cells = listens.seed_listens(services.store, ids)
    print(f"  {cells:,} listen cells in {time.perf_counter() - started:.1f} s", flush=True)
    bench.notes["listened"] = ids
    bench.env["BAONOI_TRUSTED_PROXIES"] = "1"  # as behind nginx: each listener its own address


def listens_cases(bench: Bench) -> list[Result]:
    """The listens page; beacons per second with /healthz probed; the store counted them all."""
    from bench import listens

    results = [
        p95_result(bench, "listens page (30 days)", "/admin/listens"),
        p95_result(bench, "listens page, filtered (reader)", "/admin/listens?surface=reader"),
        p95_result(bench, "the reader's list page (for scale)", "/"),
    ]
    idle = listens.idle_health(bench.base)
    data_dir, redis_url = Path(bench.env["BAONOI_DATA_DIR"]), bench.env.get("BAONOI_REDIS_URL")
    before = listens.stored_plays(data_dir, redis_url)
    port = int(bench.base.rpartition(":")[2])
    run = listens.beacons_per_s(
        bench.base, port, bench.notes["listened"], bench.args.seconds, bench.args.clients
    )
    time.sleep(2.5)  # the tally's last second written
    counted = listens.stored_plays(data_dir, redis_url) - before
    health = run["health"]
    return results + [
        Result("/healthz, idle", listens.p95(idle), goal=100, note=f"max {max(idle):.1f}"),
        Result(
            "listen beacons answered 204",
            run["per_s"],
            unit="per s",
            goal=500,
            higher_is_better=True,
            note=(
                f"{bench.args.clients} client threads, {bench.args.seconds:.0f} s,"
                f" statuses {run['statuses']}"
            ),
        ),
        Result(
            "/healthz during the beacons",
            listens.p95(health),
            goal=100,
            note=f"median {statistics.median(health):.1f}, max {max(health):.1f}",
        ),
        Result(
            "plays the store counted",
            counted,
            unit="plays",
            goal=run["plays"],
            higher_is_better=True,
            note="goal: the plays answered 204 (none lost)",
        ),
        *(
            Result(f"beacon body, {what}", len(body.encode()), unit="bytes", goal=100)
            for what, body in listens.EXAMPLE_BEACONS.items()
        ),
    ]


PARTS: dict[str, Part] = {
    "articles": Part("articles", seed_articles, article_cases),
    "listens": Part("listens", seed_listens, listens_cases),
}


@contextmanager
def redis_server(root: Path) -> Iterator[str]:
    """A throwaway ``redis-server`` on loopback; its URL."""
    port = free_port()
    proc = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        + ["--appendonly", "no", "--dir", str(root)],
        stdout=subprocess.DEVNULL,
    )
    try:
        time.sleep(0.5)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def seed(bench: Bench, parts: list[Part]) -> None:
    """Every part's seed, through the store API of the bench's settings."""
    from app.config import load_settings
    from app.services import build_services

    saved = dict(os.environ)
    os.environ.update(bench.env)
    try:
        services = build_services(load_settings())
    finally:
        os.environ.clear()
        os.environ.update(saved)
    try:
        from app.web.console.manage import add_account

        add_account(services.store, USER, "editor", PASSWORD)
        for part in parts:
            started = time.perf_counter()
            part.seed(bench, services)
            print(f"seeded {part.name} in {time.perf_counter() - started:.1f} s", flush=True)
    finally:
        services.close()


def sign_in(bench: Bench) -> None:
    """Sign the session in as the bench's editor."""
    page = bench.session.get(bench.base + "/admin/login", timeout=10).text
    token = TOKEN.search(page)
    if token is None:
        raise SystemExit("no csrf_token on /admin/login")
    form = {"username": USER, "password": PASSWORD, "csrf_token": token.group(1)}
    answer = bench.session.post(bench.base + "/admin/login", data=form, allow_redirects=False)
    if answer.status_code != 303:
        raise SystemExit(f"sign-in failed: {answer.status_code}")


def run(bench: Bench, parts: list[Part]) -> list[Result]:
    """Seed, start the server, sign in and measure every part's cases."""
    seed(bench, parts)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=bench.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        bench.base = f"http://127.0.0.1:{port}"
        wait_for(bench.base + "/healthz")
        sign_in(bench)
        return [result for part in parts for result in part.cases(bench)]
    finally:
        server.terminate()
        server.wait(timeout=30)


def report(results: list[Result], args: argparse.Namespace, notes: dict[str, str]) -> None:
    """The figures, one line each, against their goals."""
    each = f"{args.requests} requests each"
    print(f"\nConsole, {args.articles:,} articles, store {args.store}, {each}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (figures grow with it)")
    print(f"{'case':48} {'figure':>10} {'unit':8} {'goal':>8}  ok")
    for name, value in notes.items():
        print(f"{name}: {value}")
    for r in results:
        mark = "yes" if r.ok else "NO"
        print(f"{r.name:48} {r.value:10.1f} {r.unit:8} {r.goal:8.0f}  {mark:3}  {r.note}")


def main(argv: list[str] | None = None) -> int:
    """Parse options, run the chosen parts in a temporary directory, print the figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.console")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=100, help="requests per case")
    parser.add_argument("--clients", type=int, default=4, help="beacon client threads")
    parser.add_argument("--store", choices=("local", "redis"), default="local")
    parser.add_argument("--parts", nargs="*", default=list(PARTS), choices=list(PARTS))
    parser.add_argument("--seconds", type=float, default=10.0, help="how long beacons are sent")
    args = parser.parse_args(argv)
    parts = [PARTS[name] for name in args.parts]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        bench = Bench(args, root)
        bench.env = {
            **os.environ,
            "BAONOI_DATA_DIR": str(root / "instance"),
            "BAONOI_AUDIO_CACHE_DIR": str(root / "audio"),
            "BAONOI_TTS_ENGINE": "espeak",
            "BAONOI_TRUSTED_PROXIES": "1",  # beacons come through a proxy (see bench.listens)
        }
        bench.env.pop("BAONOI_REDIS_URL", None)
        bench.env.pop("REDIS_URL", None)
        if args.store == "redis":
            if shutil.which("redis-server") is None:
                raise SystemExit("--store redis needs redis-server")
            with redis_server(root) as url:
                bench.env["BAONOI_REDIS_URL"] = url
                results = run(bench, parts)
        else:
            results = run(bench, parts)
    report(results, args, {"listens seeded": str(bench.notes.get("listen_cells", "-"))})
    print("\n".join(listens.beacon_figures()))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
