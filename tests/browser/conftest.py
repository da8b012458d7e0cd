"""Browser fixtures: Debian's Chromium through Playwright, and the real app on a live port."""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app import create_app
from app.pipeline import ingest, synthesize
from app.speech.engines import resolve_engine
from app.store import files
from app.web.context import get_services
from tests.conftest import free_port, need

CHROMIUM = Path("/usr/bin/chromium")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
    "--mute-audio",
]
SAMPLE_ID = "sample"  # ingested and synthesized: audio ready
MAKING_ID = "short"  # ingested only: its audio is made when someone presses play
MARKER = "điểm dừng"  # the sentence whose synthesis waits for ``LiveServer.gate``, when closed


class GatedEngine:
    """The real offline engine, holding any sentence that has ``MARKER`` until the gate opens."""

    def __init__(self, engine: Any, gate: threading.Event) -> None:
        self._engine, self._gate = engine, gate
        self.name, self.voice = engine.name, engine.voice
        self.version, self.robotic = engine.version, engine.robotic

    def synthesize(self, text: str) -> Any:
        """The engine's speech, after the gate opens when ``text`` is the marked sentence."""
        if MARKER in text.lower():
            self._gate.wait(timeout=120)
        return self._engine.synthesize(text)

    def available(self) -> bool:
        """Whether the wrapped engine is usable."""
        return bool(self._engine.available())


def gated_page(session: int) -> bytes:
    """A fresh article: a short start, the marked sentence (new each session), a long rest."""
    rest = "".join(
        f"<p>Đoạn {n}: Ủy ban nhân dân tỉnh đã chỉ đạo các sở, ngành và địa phương tập trung "
        f"triển khai kế hoạch phát triển kinh tế xã hội, bảo đảm an sinh cho người dân.</p>"
        for n in range(1, 13)
    )
    return (
        "<html lang='vi'><head><title>Bài thử phát ngay</title></head><body><article>"
        "<h1>Bài thử phát ngay</h1><p>Câu mở đầu của bài thử.</p>"
        f"<p>Đây là {MARKER} số {session}.</p>{rest}</article></body></html>"
    ).encode()


@dataclass(frozen=True)
class LiveServer:
    """The running app: its base URL and pipeline services."""

    url: str
    services: Any
    gate: threading.Event
    sample: str = SAMPLE_ID
    making: str = MAKING_ID

    def at(self, path: str) -> str:
        """The absolute URL of ``path``."""
        return self.url + path


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (Debian's, never a downloaded one)."""
    need(CHROMIUM.is_file(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def unmake(services: Any, key: str) -> None:
    """Remove audio ``key`` from the shared cache, should an earlier test have made it."""
    files.remove_set(services.audio_dir, key)  # the manifest first: it marks the set complete


@pytest.fixture(scope="session")
def live_server(
    tmp_path_factory: pytest.TempPathFactory,
    shared_audio_dir: Path,
    sample_page: bytes,
    short_page: bytes,
) -> Iterator[LiveServer]:
    """The real app in a werkzeug thread, with the sample article ingested and its audio made."""
    from werkzeug.serving import make_server

    with pytest.MonkeyPatch.context() as env:  # session scope: clear the developer's settings here
        for name in [n for n in os.environ if n.startswith("BAONOI_") or n == "REDIS_URL"]:
            env.delenv(name)
        app = create_app(
            {
                "data_dir": tmp_path_factory.mktemp("browser") / "instance",
                "audio_cache_dir": shared_audio_dir,
                "tts_engine": "espeak",
            }
        )
    services = get_services(app)
    gate = threading.Event()
    gate.set()  # open: a test closes it while it needs a synthesis held (``gated_article``)
    services.engine_factory = lambda: GatedEngine(resolve_engine("espeak"), gate)
    ingest(services, sample_page, article_id=SAMPLE_ID, queue_audio=False)
    synthesize(services, SAMPLE_ID)
    making, _ = ingest(services, short_page, article_id=MAKING_ID, queue_audio=False)
    unmake(services, making.audio_key)
    port = free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{port}", services, gate)
    gate.set()
    server.shutdown()
    thread.join(timeout=10)
    services.queue.close()


@pytest.fixture
def gated_article(live_server: LiveServer) -> Iterator[str]:
    """A new article (its id) whose synthesis holds at its marked sentence until the test opens
    ``live_server.gate``; opened at the end whatever happened."""
    article_id = f"gated-{secrets.token_hex(4)}"
    page = gated_page(secrets.randbelow(10**6))
    ingest(live_server.services, page, article_id=article_id, queue_audio=False)
    live_server.gate.clear()
    yield article_id
    live_server.gate.set()


@pytest.fixture
def unmade_article(live_server: LiveServer, short_page: bytes) -> str:
    """A new short article (its id) whose audio nobody has asked for: however the tests before
    this one played the shared articles, its audio is made only when this test asks."""
    article_id = f"unmade-{secrets.token_hex(4)}"
    page = short_page.replace("Hội nghị".encode(), f"Hội nghị {article_id}".encode())
    ingest(live_server.services, page, article_id=article_id, queue_audio=False)
    return article_id


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh browser context (own cookies and localStorage) with JavaScript on."""
    ctx = browser.new_context(viewport={"width": 1024, "height": 800}, locale="vi-VN")
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: Any) -> Any:
    """A page in a fresh context."""
    return context.new_page()
