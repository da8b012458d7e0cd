"""Real processes for fault and scale-out tests: web servers, workers, a private Redis, the
shipped nginx configuration in front of ``baonoi serve``."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import requests

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "app.cli"]
NGINX_CONF = ROOT / "deploy" / "nginx" / "baonoi.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
NGINX_MAIN = """daemon off; master_process on; worker_processes 1; pid {tmp}/nginx.pid;
error_log {tmp}/error.log; {user}
events {{ worker_connections 256; }}
http {{ include /etc/nginx/mime.types; access_log off;
  client_body_temp_path {tmp}/t1; proxy_temp_path {tmp}/t2; fastcgi_temp_path {tmp}/t3;
  uwsgi_temp_path {tmp}/t4; scgi_temp_path {tmp}/t5;
  include {tmp}/baonoi.conf; }}
"""


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

    def __enter__(self) -> Processes:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop_all()


def embedded(root: Path, **settings: str) -> Processes:
    """Processes on an embedded store in ``root/instance``, audio in ``root/audio``, espeak, and
    any more ``BAONOI_*=value`` settings; as a context manager, all killed at its end."""
    env = {
        "BAONOI_DATA_DIR": str(root / "instance"),
        "BAONOI_AUDIO_CACHE_DIR": str(root / "audio"),
        "BAONOI_TTS_ENGINE": "espeak",
        **settings,
    }
    return Processes(env, root)


def own_environment(data_dir: Path, audio_dir: Path, **settings: str) -> dict[str, str]:
    """This environment without the developer's BAONOI_* settings: an embedded store in
    ``data_dir``, audio in ``audio_dir``, espeak, and any more ``BAONOI_*=value`` settings."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("BAONOI_")},
        "BAONOI_DATA_DIR": str(data_dir),
        "BAONOI_AUDIO_CACHE_DIR": str(audio_dir),
        "BAONOI_TTS_ENGINE": "espeak",
        **settings,
    }


def run_cli(env: dict[str, str], *args: str | Path) -> str:
    """``baonoi ARGS`` run to its end (a non-zero exit fails the test); its standard output."""
    done = subprocess.run(
        [*CLI, *map(str, args)], env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True
    )
    return done.stdout


def nginx_conf(
    tmp: Path, listen: int, upstream: int, audio_dir: Path, listen_host: str = "127.0.0.1"
) -> Path:
    """The shipped configuration (``tmp/baonoi.conf``) with this run's address, ports and audio
    directory, and a main file (returned) that runs it with ``tmp`` for pid, logs and buffers."""
    text = NGINX_CONF.read_text(encoding="utf-8")
    for old, new in (
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};"),
        ("listen 80;", f"listen {listen_host}:{listen};"),
        ("/var/lib/baonoi/audio_cache/", f"{audio_dir}/"),
    ):
        assert old in text, old
        text = text.replace(old, new)
    (tmp / "baonoi.conf").write_text(text, encoding="utf-8")
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    (tmp / "nginx.conf").write_text(NGINX_MAIN.format(tmp=tmp, user=user), encoding="utf-8")
    return tmp / "nginx.conf"


def wait_answering(url: str, proc: subprocess.Popen[bytes]) -> None:
    """Block until ``url`` answers at all, a redirect too (failing if the process dies first)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            requests.get(url, timeout=2, allow_redirects=False)
            return
        except (requests.ConnectionError, requests.Timeout):  # a busy machine: not yet
            assert proc.poll() is None, f"exited before {url} answered"
            assert time.monotonic() < deadline, f"{url} never answered"
            time.sleep(0.05)


@dataclass(frozen=True)
class Front:
    """``baonoi serve`` and nginx in front of it: their base URLs and main pids."""

    app: str
    nginx: str
    app_pid: int
    nginx_pid: int


@contextmanager
def behind_nginx(
    tmp: Path,
    env: dict[str, str],
    audio_dir: Path,
    edit: Callable[[Path], None] | None = None,
) -> Iterator[Front]:
    """``baonoi serve`` in ``env`` and Debian's nginx with the shipped configuration in front of
    it (``edit`` may change ``tmp/baonoi.conf`` first), once both answer; both stopped at the end.
    """
    app_port, nginx_port = free_port(), free_port()
    main = nginx_conf(tmp, nginx_port, app_port, audio_dir)
    if edit is not None:
        edit(tmp / "baonoi.conf")
    serve = [*CLI, "serve", "--host", "127.0.0.1", "--port", str(app_port)]
    procs = [
        subprocess.Popen(
            serve, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        ),
        subprocess.Popen(
            [NGINX, "-p", str(tmp), "-c", str(main)], stderr=subprocess.DEVNULL,
            start_new_session=True,
        ),
    ]  # fmt: skip
    try:
        front = Front(
            f"http://127.0.0.1:{app_port}",
            f"http://127.0.0.1:{nginx_port}",
            procs[0].pid,
            procs[1].pid,
        )
        wait_answering(f"{front.app}/healthz", procs[0])
        wait_answering(f"{front.nginx}/healthz", procs[1])
        yield front
    finally:
        for proc in procs:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)


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


def family(pid: int) -> list[int]:
    """``pid`` and its children (nginx's master and workers, ``serve --workers``)."""
    children = [
        int(entry.name)
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and _parent(int(entry.name)) == pid
    ]
    return [pid, *children]


def _parent(pid: int) -> int | None:
    """The parent of ``pid`` (None once it has gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


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
