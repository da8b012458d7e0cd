"""A slow or failing portal never stalls the real service (``baonoi serve``, its 16 threads).

The portals are on loopback, allowed the way an operator allows an intranet portal (the port in
``BAONOI_ALLOWED_HOSTS``, ``BAONOI_PERMITTED_NETWORKS=127.0.0.0/8``). A tarpit accepts connections
and never answers. Bounds on time are generous on purpose (the machine is noisy): they show that
waiting visitors hold no request thread, where they held every one for up to 45 s before
(``python -m bench.portalstall`` measures it, before and after).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.processes import Processes
from tests.portal_server import PortalServer, Tarpit, portal, tarpit
from tests.visitors import crowd

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site() -> Iterator[PortalServer]:
    """A portal on loopback."""
    with portal() as server:
        yield server


@pytest.fixture(scope="module")
def pit() -> Iterator[Tarpit]:
    """A portal that never answers."""
    with tarpit() as server:
        yield server


@pytest.fixture(scope="module")
def slow_pit() -> Iterator[Tarpit]:
    """Another portal that never answers (its line of fetches apart from ``pit``'s)."""
    with tarpit() as server:
        yield server


@pytest.fixture(scope="module")
def base(
    tmp_path_factory: pytest.TempPathFactory, site: PortalServer, pit: Tarpit, slow_pit: Tarpit
) -> Iterator[str]:
    """``baonoi serve`` (the embedded store), allowed to fetch the portals; one for the module."""
    tmp_path = tmp_path_factory.mktemp("stall")
    env = {
        "BAONOI_DATA_DIR": str(tmp_path / "instance"),
        "BAONOI_AUDIO_CACHE_DIR": str(tmp_path / "audio"),
        "BAONOI_TTS_ENGINE": "espeak",
        "BAONOI_ALLOWED_HOSTS": " ".join(
            f"127.0.0.1:{server.port}" for server in (site, pit, slow_pit)
        ),
        "BAONOI_PERMITTED_NETWORKS": "127.0.0.0/8",
    }
    running = Processes(env, tmp_path)
    try:
        yield running.web("web")
    finally:
        running.stop_all()


def test_thirty_visitors_on_a_tarpit_are_answered_and_healthz_stays_free(
    base: str, pit: Tarpit
) -> None:
    before = pit.accepted
    result = crowd(base, [pit.url("/tin-tuc/treo.aspx")] * 30)
    assert result.statuses() == [400] * 30  # the fetch's deadline, for every visitor at once
    assert result.slowest_final_s <= 20
    assert pit.accepted - before <= 2
    assert result.answered_while_all_pending >= 1  # no request thread held by the 30
    assert result.worst_healthz_s < 5


def test_thirty_visitors_on_a_missing_page_cost_one_fetch(base: str, site: PortalServer) -> None:
    result = crowd(base, [site.url("/tin-tuc/da-go.aspx")] * 30)
    assert result.statuses() == [400] * 30
    assert site.fetches("/tin-tuc/da-go.aspx") == 1


def test_thirty_slow_addresses_leave_healthz_answering(base: str, slow_pit: Tarpit) -> None:
    urls = [slow_pit.url(f"/tin-tuc/cham-{n}.aspx") for n in range(30)]
    result = crowd(base, urls, give_up_s=6)  # within one fetch deadline (10 s)
    assert all(visit.first_s is not None for visit in result.visits)
    assert result.slowest_first_s < 10  # each visitor told "pending", none held for a fetch
    assert result.answered_while_all_pending >= 1
    assert result.worst_healthz_s < 5
    assert slow_pit.accepted <= 4  # two at a time for the host (BAONOI_FETCH_PER_HOST), not 30
