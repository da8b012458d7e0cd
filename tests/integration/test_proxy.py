"""Client addresses through the shipped nginx front: the API's loopback rule and per-client limits.

Clients on other machines are simulated with a network namespace of the test's own, joined to this
one by a veth pair (198.18.N.0/24, the benchmarking range): curl runs inside it from two addresses,
nginx (deploy/nginx/baonoi.conf) listens on this side, and a real ``baonoi serve`` behind it listens
on loopback, as deployed. Needs root, ``ip``, ``curl`` and Debian's nginx.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import DATA, SHORT, need
from tests.integration.processes import (
    NGINX,
    Processes,
    free_port,
    nginx_conf,
    statuses_by_process,
    wait_until,
)

pytestmark = pytest.mark.slow
PAGE = DATA / "portal" / f"{SHORT}.html"


class Namespace:
    """A network namespace with two client addresses, joined to this one by a veth pair."""

    def __init__(self) -> None:
        tag = f"{os.getpid() % 10000}{random.randrange(100)}"
        self.name, self.outside, self.inside = f"bn{tag}", f"bnh{tag}", f"bnc{tag}"
        net = f"198.18.{random.randrange(256)}"
        self.host, self.client_a, self.client_b = f"{net}.1", f"{net}.2", f"{net}.3"

    def create(self) -> None:
        """Make the namespace, the veth pair and the addresses, and bring the links up."""
        ns = ("ip", "-n", self.name)
        for command in (
            ("ip", "netns", "add", self.name),
            ("ip", "link", "add", self.outside, "type", "veth", "peer", "name", self.inside),
            ("ip", "link", "set", self.inside, "netns", self.name),
            ("ip", "addr", "add", f"{self.host}/24", "dev", self.outside),
            ("ip", "link", "set", self.outside, "up"),
            (*ns, "addr", "add", f"{self.client_a}/24", "dev", self.inside),
            (*ns, "addr", "add", f"{self.client_b}/24", "dev", self.inside),
            (*ns, "link", "set", self.inside, "up"),
            (*ns, "link", "set", "lo", "up"),
        ):
            subprocess.run(command, check=True, capture_output=True)

    def delete(self) -> None:
        """Remove the namespace (its end of the pair, and so the pair, goes with it)."""
        subprocess.run(("ip", "netns", "del", self.name), capture_output=True)
        subprocess.run(("ip", "link", "del", self.outside), capture_output=True)

    def curl(self, source: str, method: str, url: str, *headers: str, page: bool = False) -> int:
        """The status of one request made from ``source`` inside the namespace."""
        command = ["ip", "netns", "exec", self.name, "curl", "-s", "-o", "/dev/null"]
        command += ["-w", "%{http_code}", "--max-time", "60", "--interface", source, "-X", method]
        for header in headers:
            command += ["-H", header]
        if page:
            command += ["-H", "Content-Type: text/html", "--data-binary", f"@{PAGE}"]
        done = subprocess.run([*command, url], check=True, capture_output=True, text=True)
        return int(done.stdout)


@pytest.fixture(scope="module")
def namespace() -> Iterator[Namespace]:
    """The clients' namespace; skipped (failed under BAONOI_REQUIRE_ALL) without root or tools."""
    need(os.geteuid() == 0, "network namespaces need root")
    for tool in ("ip", "curl"):
        need(shutil.which(tool) is not None, f"{tool} is not installed")
    need(Path(NGINX).exists(), "nginx is not installed (apt-get install nginx)")
    space = Namespace()
    try:
        space.create()
    except subprocess.CalledProcessError as exc:
        space.delete()
        need(False, f"cannot make a network namespace here: {exc.stderr!r}")
    yield space
    space.delete()


Stack = Callable[..., dict[str, str]]


@pytest.fixture
def stack(namespace: Namespace, tmp_path: Path, shared_audio_dir: Path) -> Iterator[Stack]:
    """``start(workers, settings, front)``: ``baonoi serve``, behind nginx unless not ``front``."""
    running: list[Processes] = []

    def start(workers: int, settings: dict[str, str], front: bool = True) -> dict[str, str]:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("BAONOI_")},
            "BAONOI_DATA_DIR": str(tmp_path / "instance"),
            "BAONOI_AUDIO_CACHE_DIR": str(shared_audio_dir),
            "BAONOI_TTS_ENGINE": "espeak",
            **settings,
        }
        procs = Processes(env, tmp_path)
        procs.env = env  # exactly these settings, none of the test process's
        running.append(procs)
        port = free_port()
        host = "127.0.0.1" if front else namespace.host
        procs.start("web", "serve", "--host", host, "--port", str(port), "--workers", str(workers))
        app = f"http://{host}:{port}"
        bases = {"app": app, "front": app, "metrics": str(tmp_path / "instance" / "metrics")}
        if front:
            listen = free_port()
            conf = nginx_conf(tmp_path, listen, port, shared_audio_dir, listen_host=namespace.host)
            running_nginx = subprocess.Popen(
                [NGINX, "-p", str(tmp_path), "-c", str(conf)], start_new_session=True
            )
            procs.running.append(running_nginx)  # type: ignore[arg-type]
            bases["front"] = f"http://{namespace.host}:{listen}"
        for base in {bases["app"], bases["front"]}:
            wait_until(lambda b=base: _answers(b), 60, f"{base} did not answer")
        return bases

    yield start
    for procs in running:
        procs.stop_all()


def _answers(base: str) -> bool:
    """Whether ``/healthz`` answers at ``base`` (from this namespace)."""
    import requests

    try:
        return requests.get(f"{base}/healthz", timeout=2).status_code == 200
    except requests.RequestException:
        return False


@pytest.mark.parametrize("workers", [1, 2])
def test_remote_client_through_nginx_may_not_change_articles_without_a_token(
    namespace: Namespace, stack: Stack, workers: int
) -> None:
    bases = stack(workers, {"BAONOI_TRUSTED_PROXIES": "1"})
    front, a = bases["front"], namespace.client_a
    articles = f"{front}/api/articles?id=p1"
    forged = "X-Forwarded-For: 127.0.0.1"
    refused: dict[str, set[str]] = {}
    for _round in range(6):  # until every web process took some (the kernel picks who accepts)
        with ThreadPoolExecutor(24) as pool:  # more than nginx keeps open: new connections
            posts = set(
                pool.map(lambda _i: namespace.curl(a, "POST", articles, page=True), range(48))
            )
        assert posts == {401}
        refused = statuses_by_process(Path(bases["metrics"]), "/api/articles", "POST")
        if len(refused) >= workers:
            break
    assert len(refused) >= workers and all(s == {"401"} for s in refused.values()), refused
    assert namespace.curl(a, "POST", articles, forged, page=True) == 401
    assert namespace.curl(a, "DELETE", f"{front}/api/articles/p1", forged) == 401
    # This machine's own client, straight to the app, may: the 401s were about the address.
    assert _local_post(bases["app"]) == 201
    assert namespace.curl(a, "GET", f"{front}/api/articles/p1") == 200
    assert namespace.curl(a, "DELETE", f"{front}/api/articles/p1") == 401


def _local_post(base: str) -> int:
    """POST the page from this machine (loopback), straight to the app: the status."""
    import requests

    page, headers = PAGE.read_bytes(), {"Content-Type": "text/html"}
    url = f"{base}/api/articles?id=p1"
    return requests.post(url, data=page, headers=headers, timeout=60).status_code


def _away_from_the_minute_edge() -> None:
    """Wait so the next seconds stay in one rate-limit window (fixed, one minute long)."""
    if time.time() % 60 > 45:
        time.sleep(61 - time.time() % 60)


def test_each_client_behind_nginx_has_its_own_rate_limit_bucket(
    namespace: Namespace, stack: Stack
) -> None:
    settings = {
        "BAONOI_TRUSTED_PROXIES": "1",
        "BAONOI_OPEN_API": "1",
        "BAONOI_INGEST_PER_MINUTE": "2",
    }
    front = stack(2, settings)["front"]
    url = f"{front}/api/articles?id=p2"
    _away_from_the_minute_edge()
    a, b = namespace.client_a, namespace.client_b
    first = [namespace.curl(a, "POST", url, page=True) for _ in range(2)]
    assert first == [201, 200]
    assert namespace.curl(b, "POST", url, page=True) == 200  # B's own bucket
    assert namespace.curl(a, "POST", url, page=True) == 429  # A's third in the minute
    assert namespace.curl(b, "POST", url, page=True) == 200


def test_forged_forwarded_for_is_ignored_when_no_proxy_is_trusted(
    namespace: Namespace, stack: Stack
) -> None:
    settings = {"BAONOI_INGEST_PER_MINUTE": "1"}
    app = stack(1, settings, front=False)["app"]  # baonoi serve on the veth address itself
    a = namespace.client_a
    _away_from_the_minute_edge()
    url = f"{app}/api/articles?id=p3"
    for claimed in ("127.0.0.1", "::1", "198.51.100.7"):
        header = f"X-Forwarded-For: {claimed}"
        assert namespace.curl(a, "POST", url, header, page=True) == 401, claimed
        assert namespace.curl(a, "DELETE", f"{app}/api/articles/p3", header) == 401, claimed
