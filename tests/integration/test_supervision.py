"""``baonoi serve --workers N``: its workers die with it, whatever kills it, and a dead one is
replaced; through real processes and real ``kill -9``."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.integration.processes import Processes, embedded, family, free_port, wait_until

pytestmark = pytest.mark.slow


@pytest.fixture
def procs(tmp_path: Path) -> Iterator[Processes]:
    """Processes on the embedded store, all stopped at the end."""
    with embedded(tmp_path) as running:
        yield running


def _answers(base: str) -> bool:
    """Whether ``/healthz`` answers."""
    try:
        return requests.get(f"{base}/healthz", timeout=2).ok
    except requests.RequestException:
        return False


def _alive(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _serve(procs: Processes, port: int) -> tuple[int, list[int]]:
    """``baonoi serve --workers 2`` on ``port`` once it answers: its pid and its workers' pids."""
    main = procs.start(f"web-{len(procs.running)}", "serve", "--port", str(port), "--workers", "2")
    base = f"http://127.0.0.1:{port}"
    wait_until(lambda: _answers(base), 60, "baonoi serve did not start")
    wait_until(lambda: len(family(main.pid)) >= 2, 30, "no worker process ever ran")
    return main.pid, family(main.pid)[1:]


def test_kill_9_of_the_main_process_leaves_no_worker_and_a_restart_binds_the_port(
    procs: Processes,
) -> None:
    port = free_port()
    main, workers = _serve(procs, port)
    os.kill(main, signal.SIGKILL)
    wait_until(lambda: not any(_alive(pid) for pid in workers), 15, "a worker outlived its parent")
    again, _ = _serve(procs, port)  # the port is free: it binds and answers
    assert again != main and _answers(f"http://127.0.0.1:{port}")


def test_plain_kill_of_the_main_process_stops_its_workers(procs: Processes) -> None:
    port = free_port()
    main, workers = _serve(procs, port)
    os.kill(main, signal.SIGTERM)
    wait_until(lambda: not any(_alive(pid) for pid in [main, *workers]), 15, "still running")


def test_a_killed_worker_is_replaced_and_the_service_keeps_answering(procs: Processes) -> None:
    port = free_port()
    main, workers = _serve(procs, port)
    os.kill(workers[0], signal.SIGKILL)

    def replaced() -> bool:
        now = family(main)[1:]
        return len(now) == 2 and workers[0] not in now and workers[1] in now

    wait_until(replaced, 15, "the killed worker was not replaced")
    for _ in range(10):
        assert _answers(f"http://127.0.0.1:{port}")
