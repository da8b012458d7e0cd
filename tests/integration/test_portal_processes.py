"""The portal flow with real processes on loopback: two web servers, an RQ worker, Redis, a portal.

The service is pointed at the portal the way an operator points it at an intranet portal: the
allow-list names the portal's port and ``BAONOI_PERMITTED_NETWORKS`` lets loopback in.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.integration.processes import Processes, wait_until
from tests.integration.test_scaleout import syntheses
from tests.portal_server import PortalServer, Tarpit, article_page, portal, tarpit
from tests.visitors import crowd

pytestmark = [pytest.mark.redis, pytest.mark.slow]


@pytest.fixture
def site() -> Iterator[PortalServer]:
    """The portal on loopback."""
    with portal() as server:
        yield server


@pytest.fixture
def pit() -> Iterator[Tarpit]:
    """A portal on loopback that never answers."""
    with tarpit() as server:
        yield server


@pytest.fixture
def procs(tmp_path: Path, redis_url: str, site: PortalServer, pit: Tarpit) -> Iterator[Processes]:
    """Processes sharing Redis and the audio directory, allowed to fetch both portals."""
    env = {
        "BAONOI_REDIS_URL": redis_url,
        "BAONOI_DATA_DIR": str(tmp_path / "instance"),
        "BAONOI_AUDIO_CACHE_DIR": str(tmp_path / "audio"),
        "BAONOI_TTS_ENGINE": "espeak",
        "BAONOI_ALLOWED_HOSTS": f"127.0.0.1:{site.port} 127.0.0.1:{pit.port}",
        "BAONOI_PERMITTED_NETWORKS": "127.0.0.0/8,::1/128",
    }
    running = Processes(env, tmp_path)
    yield running
    running.stop_all()


def test_thirty_visitors_over_two_web_processes_cause_one_fetch_and_one_synthesis(
    procs: Processes, redis_url: str, site: PortalServer
) -> None:
    webs = [procs.web("web1"), procs.web("web2")]
    procs.start("worker", "worker")
    url = site.add("moi", article_page(60))
    barrier = threading.Barrier(30)
    answers: list[tuple[int, str]] = []

    def visit(number: int) -> None:
        base = webs[number % 2]
        barrier.wait()
        answer = requests.get(f"{base}/embed", params={"url": url}, timeout=60)
        while answer.status_code == 202:  # "Đang tải bài…": the frame asks again, so do we
            time.sleep(float(answer.headers["Retry-After"]))
            answer = requests.get(f"{base}/embed", params={"url": url}, timeout=60)
        answers.append((answer.status_code, answer.text))

    visitors = [threading.Thread(target=visit, args=(n,)) for n in range(30)]
    for thread in visitors:
        thread.start()
    for thread in visitors:
        thread.join(timeout=120)
    assert [code for code, _ in answers] == [200] * 30
    assert all("<audio" in text for _, text in answers)
    assert site.fetches("/tin-tuc/moi.aspx") == 1

    def ready() -> bool:
        status = requests.get(f"{webs[0]}/api/portal", params={"url": url}, timeout=10)
        return bool(status.json()["audio"]["status"] == "ready")

    wait_until(ready, 120, "the audio was not made")
    time.sleep(1)  # a second synthesis, were one queued, would have started by now
    assert syntheses(redis_url) == 1
    assert site.fetches("/tin-tuc/moi.aspx") == 1


def test_a_host_not_allowed_is_refused_by_the_real_service(
    procs: Processes, site: PortalServer
) -> None:
    base = procs.web("web")
    for url in ["http://127.0.0.1:9/x", f"http://localhost:{site.port}/x", "http://10.0.0.1/x"]:
        answer = requests.get(f"{base}/api/portal", params={"url": url}, timeout=30)
        assert answer.status_code in (400, 403), url
        assert set(answer.json()["message"]) == {"vi", "en"}
    assert site.requests == []


def test_thirty_visitors_on_a_tarpit_over_two_web_processes_cost_one_fetch(
    procs: Processes, pit: Tarpit
) -> None:
    webs = [procs.web("web1"), procs.web("web2")]
    result = crowd(webs, [pit.url("/tin-tuc/treo.aspx")] * 30)
    assert result.statuses() == [400] * 30  # the one fetch's deadline, in both processes
    assert result.slowest_final_s <= 20
    assert pit.accepted == 1  # the store lock across processes, then the failure remembered
    assert result.answered_while_all_pending >= 1
