"""Fairness through the real server: one client's long articles never starve another listener.

Client A (source address 127.0.0.2) asks to listen to six long articles, none made, within its
rate limit; client B (127.0.0.1) then asks for a short one. B's audio starts while all of A's are
still being made: A's jobs neither fill the listeners' lane nor hold every thread of their own.
"""

from __future__ import annotations

import http.client
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from app import create_app
from app.pipeline import ingest
from app.web.context import get_services
from tests.integration.processes import Processes, wait_until

pytestmark = pytest.mark.slow
FLOOD = 6


def long_page(page: bytes, n: int, times: int = 6) -> bytes:
    """``page`` made new (its title numbered) and ``times`` as long (body paragraphs repeated)."""
    html = page.decode("utf-8").replace("Tiếp tục nâng cao", f"Bài {n}: tiếp tục nâng cao")
    body = re.findall(r'<p class="MsoNormal".*?</p>', html, re.S)
    end = html.rindex(body[-1]) + len(body[-1])
    return (html[:end] + "".join(body) * (times - 1) + html[end:]).encode()


@pytest.fixture
def web(tmp_path: Path, sample_page: bytes, short_page: bytes) -> Iterator[str]:
    """``baonoi serve`` (embedded, offline voice, 20 jobs a minute per client) with six long
    articles and a short one stored, no audio made."""
    settings = {"data_dir": tmp_path / "instance", "audio_cache_dir": tmp_path / "audio"}
    app = create_app({**settings, "tts_engine": "espeak"})
    services = get_services(app)
    for n in range(FLOOD):
        ingest(services, long_page(sample_page, n), article_id=f"long-{n}", queue_audio=False)
    ingest(services, short_page, article_id="short", queue_audio=False)
    services.close()
    env = {
        "BAONOI_DATA_DIR": str(settings["data_dir"]),
        "BAONOI_AUDIO_CACHE_DIR": str(settings["audio_cache_dir"]),
        "BAONOI_TTS_ENGINE": "espeak",
        "BAONOI_SYNTH_PER_MINUTE": "20",
    }
    running = Processes(env, tmp_path)
    yield running.web("web")
    running.stop_all()


def listen_from(base: str, article_id: str, source: str) -> tuple[int, dict[str, object]]:
    """``POST /articles/<id>/listen`` from the loopback address ``source``."""
    host, port = base.removeprefix("http://").rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=30, source_address=(source, 0))
    try:
        connection.request("POST", f"/articles/{article_id}/listen")
        answer = connection.getresponse()
        return answer.status, json.loads(answer.read() or b"{}")
    finally:
        connection.close()


def test_a_short_article_starts_while_another_clients_long_ones_are_all_being_made(
    web: str,
) -> None:
    flood = [listen_from(web, f"long-{n}", "127.0.0.2") for n in range(FLOOD)]
    assert [status for status, _ in flood] == [200] * FLOOD
    status, short = listen_from(web, "short", "127.0.0.1")
    assert status == 200

    def speaking() -> bool:
        live = requests.get(f"{web}/audio/{short['key']}/live.json", timeout=10).json()
        return bool(live["bytes"] > 0)

    wait_until(speaking, 120, "the short article never started")
    states = [
        requests.get(f"{web}/api/articles/long-{n}", timeout=10).json()["audio"]["status"]
        for n in range(FLOOD)
    ]
    assert "ready" not in states  # it did not wait for a long one to end
