"""Shared fixtures: the app, its client and CLI runner, a real Redis, the shared corpora."""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from app.config import Settings
from app.store import Store, open_store
from app.web.context import get_services

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SAMPLE = "backan-2021-09-21-chat-luong-to-chuc-dang"
SHORT = "sonlam-2021-11-05-zone-variant"
ARTICLE_ID = "bac-kan-to-chuc-dang"  # the sample page's id in the ``ingested`` fixture


def need(condition: bool, reason: str) -> None:
    """Skip with a visible reason, or fail when CI demands the missing part (BAONOI_REQUIRE_ALL)."""
    if condition:
        return
    if os.environ.get("BAONOI_REQUIRE_ALL") == "1":
        pytest.fail(f"required for CI but missing: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """The large corpora beside the checkout (../shared/corpus); skipped when absent."""
    need(SHARED.is_dir(), f"shared corpus not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The fixtures shipped with the tests."""
    return DATA


PORTS_LOW, PORTS_HIGH = 20_000, 32_768  # below Linux's ephemeral range (32768-60999)


def xdist_worker() -> tuple[int, int]:
    """This process's pytest-xdist worker number and the count of workers ((0, 1) without)."""
    name = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return int(name.removeprefix("gw")), int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))


def free_port() -> int:
    """A loopback TCP port nobody listens on right now, for a server started next.

    Drawn from this xdist worker's own share of the ports below the kernel's ephemeral range: no
    other worker draws it, and no outgoing connection is given it before the server binds it.
    """
    number, count = xdist_worker()
    share = (PORTS_HIGH - PORTS_LOW) // max(count, 1)
    low = PORTS_LOW + number * share
    for _ in range(500):
        port = low + random.randrange(share)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue  # taken (or lingering): draw again
            return port
    raise AssertionError(f"no free port in {low}-{low + share - 1}")


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Redis: BAONOI_TEST_REDIS_URL if given, else a throwaway redis-server.

    Under pytest-xdist only the first worker uses BAONOI_TEST_REDIS_URL (its tests empty that
    database); each other worker runs a throwaway redis-server of its own.
    """
    given = os.environ.get("BAONOI_TEST_REDIS_URL")
    if given and xdist_worker()[0] == 0:
        yield given
        return
    exe = shutil.which("redis-server")
    need(exe is not None, "redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(
        [
            str(exe),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
    client.close()
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def redis_url(redis_server: str) -> Iterator[str]:
    """The test Redis, emptied before and after the test."""
    client = redis.Redis.from_url(redis_server)
    client.flushdb()
    yield redis_server
    client.flushdb()
    client.close()


@pytest.fixture(params=["local", "redis"])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings for a fresh store of each kind: embedded in ``tmp_path``, or the test Redis."""
    if request.param == "redis":
        return Settings(redis_url=request.getfixturevalue("redis_url"), data_dir=tmp_path)
    return Settings(data_dir=tmp_path)


@pytest.fixture
def store(store_settings: Settings) -> Iterator[Store]:
    """A fresh store of each kind (``store_settings``), closed after the test."""
    opened = open_store(store_settings)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's BAONOI_* or REDIS_URL settings."""
    for name in list(os.environ):
        if name.startswith("BAONOI_") and name not in (
            "BAONOI_REQUIRE_ALL",
            "BAONOI_TEST_REDIS_URL",
        ):
            monkeypatch.delenv(name)
    monkeypatch.delenv("REDIS_URL", raising=False)


@pytest.fixture(autouse=True)
def steady_rate_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rate limits count per fixed minute: in tests the window never rolls over mid-test.

    A test that made its first request at :59 and its second at :00 would see the count start
    again and get 200 where the limit says 429 (it happened, under load).
    """
    monkeypatch.setattr("app.web.limits.WINDOW_S", 10**9)
    monkeypatch.setattr("app.portal.HOST_WINDOW_S", 10**9)


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of a copy of the checkout, built once a session (``tests/wheelhouse.py``)."""
    from tests.wheelhouse import build_wheel

    return build_wheel(tmp_path_factory.mktemp("wheelhouse"))


@pytest.fixture(scope="session")
def shared_audio_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Audio files shared by the session's tests: content-addressed, so reuse is safe and fast."""
    return tmp_path_factory.mktemp("audio")


@pytest.fixture
def overrides(
    request: pytest.FixtureRequest, tmp_path: Path, shared_audio_dir: Path
) -> dict[str, Any]:
    """Settings for a fresh service: its own store; the session's audio unless ``own_audio``."""
    own = request.node.get_closest_marker("own_audio") is not None
    return {
        "data_dir": tmp_path / "instance",
        "audio_cache_dir": tmp_path / "audio" if own else shared_audio_dir,
        "tts_engine": "espeak",
    }


@pytest.fixture
def app(overrides: dict[str, Any]) -> Iterator[Flask]:
    """The application on the embedded store with the offline voice."""
    application = create_app(overrides)
    yield application
    get_services(application).close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client of ``app``."""
    return app.test_client()


@pytest.fixture
def services(app: Flask) -> Any:
    """The pipeline's services of ``app``."""
    return get_services(app)


@pytest.fixture(scope="session")
def sample_page() -> bytes:
    """The Bắc Kạn portal sample page."""
    return (DATA / "portal" / f"{SAMPLE}.html").read_bytes()


@pytest.fixture(scope="session")
def sample_expected() -> dict[str, Any]:
    """What a correct extraction of the sample page gives."""
    return dict(json.loads((DATA / "portal" / f"{SAMPLE}.expected.json").read_text("utf-8")))


@pytest.fixture(scope="session")
def short_page() -> bytes:
    """A short portal-family page (about a minute of speech): quick to synthesize from scratch."""
    return (DATA / "portal" / f"{SHORT}.html").read_bytes()


@pytest.fixture
def editor_client(app: Flask) -> FlaskClient:
    """A client of ``app`` signed in to the console as an editor (``tests/console_support.py``)."""
    from tests.console_support import signed_in

    return signed_in(app, "editor")


@pytest.fixture
def admin_client(app: Flask) -> FlaskClient:
    """A client of ``app`` signed in to the console as an admin (``tests/console_support.py``)."""
    from tests.console_support import signed_in

    return signed_in(app, "admin")


@pytest.fixture
def ingested(client: FlaskClient, sample_page: bytes, services: Any) -> dict[str, Any]:
    """The sample page posted through the API as ``ARTICLE_ID``, its audio job finished."""
    response = client.post(
        f"/api/articles?id={ARTICLE_ID}", data=sample_page, content_type="text/html; charset=utf-8"
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    services.queue.wait(timeout=600)
    return dict(response.get_json())
