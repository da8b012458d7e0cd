"""A slow or failing portal and the service: ``/healthz`` and visitors while fetches hang or fail.

``python -m bench.portalstall [--visitors 30] [--baseline main]`` runs ``baonoi serve`` from a
checkout of ``--baseline`` (a ``git worktree`` in a temporary directory, removed afterwards) and
from this checkout, one after the other in the same run, each against fresh loopback portals:

- ``tarpit``: N visitors at once on one address whose server accepts and never answers;
- ``404``: N visitors at once on one address that answers 404;
- ``slow xN``: N visitors at once, each on its own address of another tarpit (each gives up on
  "pending" after 15 s).

Each visitor follows "pending" answers (202, ``Retry-After``) as the embed frame does. Reported:
the worst ``/healthz`` while it runs, how many ``/healthz`` were answered while every visitor was on
a "pending" answer, the slowest first and final answers, and the fetches the portal received.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.serve import free_port, wait_for
from tests.portal_server import PortalServer, Tarpit, portal, tarpit
from tests.visitors import Crowd, crowd

ROOT = Path(__file__).resolve().parent.parent


def start(checkout: Path, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``baonoi serve`` from ``checkout`` on ``port``."""
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "--port", str(port)],
        env=env,
        cwd=checkout,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def seconds(value: float) -> str:
    """Seconds with two decimals, or "none" when something went unanswered."""
    return "none" if value == float("inf") else f"{value:.2f} s"


def row(label: str, scenario: str, result: Crowd, fetches: int) -> str:
    """One line of the table."""
    statuses = sorted({str(s) for s in result.statuses()})
    return (
        f"{label:10} {scenario:9} {seconds(result.worst_healthz_s):>9} "
        f"{result.answered_while_all_pending:>6} {seconds(result.slowest_first_s):>9} "
        f"{seconds(result.slowest_final_s):>9} {fetches:>7}  {','.join(statuses)}"
    )


def run_side(label: str, checkout: Path, visitors: int, tmp: Path) -> list[str]:
    """The three scenarios against ``baonoi serve`` from ``checkout``."""
    lines = []
    with portal() as site, tarpit() as pit, tarpit() as slow_pit:
        env = {
            **os.environ,
            "BAONOI_DATA_DIR": str(tmp / label / "i"),
            "BAONOI_AUDIO_CACHE_DIR": str(tmp / label / "a"),
            "BAONOI_TTS_ENGINE": "espeak",
            "BAONOI_ALLOWED_HOSTS": " ".join(
                f"127.0.0.1:{server.port}" for server in (site, pit, slow_pit)
            ),
            "BAONOI_PERMITTED_NETWORKS": "127.0.0.0/8",
            # No per-client nor per-host fetch limits (all three portals are host 127.0.0.1):
            # what is measured is the stall, not a limit cutting it short.
            "BAONOI_INGEST_PER_MINUTE": "0",
            "BAONOI_HOST_FETCHES_PER_MINUTE": "0",
        }
        env.pop("BAONOI_REDIS_URL", None)
        port = free_port()
        proc = start(checkout, port, env)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/healthz")
            lines.append(tarpit_row(label, base, pit, visitors))
            lines.append(missing_row(label, base, site, visitors))
            lines.append(slow_row(label, base, slow_pit, visitors))
        finally:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
    return lines


def tarpit_row(label: str, base: str, pit: Tarpit, visitors: int) -> str:
    """N visitors on one address that never answers."""
    before = pit.accepted
    result = crowd(base, [pit.url("/tin-tuc/treo.aspx")] * visitors, probe_timeout_s=60)
    return row(label, "tarpit", result, pit.accepted - before)


def missing_row(label: str, base: str, site: PortalServer, visitors: int) -> str:
    """N visitors on one address that answers 404."""
    result = crowd(base, [site.url("/tin-tuc/da-go.aspx")] * visitors, probe_timeout_s=60)
    return row(label, "404", result, site.fetches("/tin-tuc/da-go.aspx"))


def slow_row(label: str, base: str, pit: Tarpit, visitors: int) -> str:
    """N visitors, each on its own address of a tarpit (a host of its own: its own fetch limit)."""
    urls = [pit.url(f"/tin-tuc/cham-{n}.aspx") for n in range(visitors)]
    result = crowd(base, urls, give_up_s=15, probe_timeout_s=60)
    return row(label, f"slow x{visitors}", result, pit.accepted)


def main(argv: list[str] | None = None) -> int:
    """Measure the baseline checkout and this one; print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.portalstall")
    parser.add_argument("--visitors", type=int, default=30)
    parser.add_argument("--baseline", default="main", help="git revision to compare with")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="baonoi-stall-"))
    old = tmp / "baseline"
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(old), args.baseline],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    try:
        lines = run_side(f"{args.baseline}", old, args.visitors, tmp)
        lines += run_side("this", ROOT, args.visitors, tmp)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=False)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{args.visitors} visitors at once; /healthz probed every 0.1 s meanwhile")
    print(
        f"{'code':10} {'scenario':9} {'healthz':>9} {'freeOK':>6} {'1st ans':>9} "
        f"{'final':>9} {'fetches':>7}  statuses"
    )
    print("\n".join(lines))
    print(
        "healthz: the worst /healthz; freeOK: /healthz answered while every visitor was on a "
        '"pending" answer;\n1st ans / final: the slowest first answer and the slowest one that '
        'was not "pending" (none: a visitor gave up); fetches: requests the portal received'
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
