"""Real processes for fault and scale-out tests: web servers, workers, a private Redis."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Processes:
    """Starts processes in their own process groups and kills them all at the end."""

    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env = {**os.environ, **env}
        self.logs = logs
        self.running: list[subprocess.Popen[bytes]] = []

    def start(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        """``baonoi ARGS`` in a new process group, output to ``logs/name.log``."""
        with (self.logs / f"{name}.log").open("ab") as log:  # the child keeps its own copy
            proc = subprocess.Popen(
                [sys.executable, "-m", "app.cli", *args],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.running.append(proc)
        return proc

    def web(self, name: str) -> str:
        """A web process on a free port; its base URL once /healthz answers."""
        port = free_port()
        self.start(name, "serve", "--port", str(port))
        base = f"http://127.0.0.1:{port}"
        wait_until(lambda: _answers(base + "/healthz"), 30, f"{name} did not start")
        return base

    def kill(self, proc: subprocess.Popen[bytes]) -> None:
        """``kill -9`` the process and everything it forked (RQ's work-horse: its own session)."""
        for pid in descendants(proc.pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)

    def stop_all(self) -> None:
        """Kill whatever is still running."""
        for proc in self.running:
            if proc.poll() is None:
                self.kill(proc)


def embedded(root: Path) -> Processes:
    """Processes on an embedded store in ``root/instance``, audio in ``root/audio``, espeak."""
    env = {
        "BAONOI_DATA_DIR": str(root / "instance"),
        "BAONOI_AUDIO_CACHE_DIR": str(root / "audio"),
        "BAONOI_TTS_ENGINE": "espeak",
    }
    return Processes(env, root)


def descendants(pid: int) -> list[int]:
    """Every process forked from ``pid``, however deep (read from /proc)."""
    found, pending = [], [pid]
    while pending:
        parent = pending.pop()
        for task in Path(f"/proc/{parent}/task").glob("*/children"):
            try:
                children = [int(c) for c in task.read_text().split()]
            except OSError:
                continue
            found += children
            pending += children
    return found


def non_readers(port: int, request: bytes, count: int) -> list[socket.socket]:
    """``count`` connections to loopback ``port`` that send ``request`` and never read."""
    socks = []
    for _ in range(count):
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # small: the server must hold
        sock.connect(("127.0.0.1", port))
        sock.sendall(request)
        socks.append(sock)
    return socks


def post_page(base: str, page: bytes, article_id: str) -> requests.Response:
    """``POST /api/articles?id=`` of an HTML page."""
    return requests.post(
        f"{base}/api/articles?id={article_id}",
        data=page,
        headers={"Content-Type": "text/html"},
        timeout=30,
    )


def _answers(url: str) -> bool:
    """Whether ``url`` answers at all."""
    try:
        requests.get(url, timeout=2)
        return True
    except requests.RequestException:
        return False


def wait_until(check: object, timeout_s: float, message: str) -> None:
    """Poll ``check()`` until true, failing with ``message`` after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(0.1)


class PrivateRedis:
    """A redis-server of the test's own, which the test may stop and start again."""

    def __init__(self, exe: str, workdir: Path) -> None:
        self.exe, self.workdir, self.port = exe, workdir, free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """Its URL."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start it and wait for PING."""
        self.proc = subprocess.Popen(
            [
                self.exe,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import redis

        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        wait_until(lambda: _pings(client), 10, "redis-server did not start")
        client.close()

    def stop(self) -> None:
        """Shut it down (its append-only file keeps the data for the next start)."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def _pings(client: object) -> bool:
    """Whether a Redis client gets PONG."""
    import redis

    try:
        return bool(client.ping())  # type: ignore[attr-defined]
    except redis.RedisError:
        return False


def statuses_by_process(directory: Path, route: str, method: str) -> dict[str, set[str]]:
    """Per live web process (its metrics file), the statuses it counted for ``method route``."""
    from prometheus_client.mmap_dict import MmapedDict

    found: dict[str, set[str]] = {}
    for path in directory.glob("counter_[0-9]*.db"):
        for key, value, _stamp, _pos in MmapedDict.read_all_values_from_file(str(path)):
            name, _sample, labels, _help = json.loads(key)
            if name == "baonoi_http_requests" and value and labels["route"] == route:
                if labels["method"] == method:
                    found.setdefault(path.stem, set()).add(labels["status"])
    return found
