"""What ``baonoi serve`` writes to its log: one INFO line per ingest, fetch, synthesis and refusal,
with the client's address and never the article's text."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from tests.integration.processes import Processes, post_page, wait_until

pytestmark = pytest.mark.slow


def test_serve_logs_a_line_per_ingest_synthesis_refusal_and_fetch_without_article_text(
    tmp_path: Path, sample_page: bytes
) -> None:
    env = {
        "BAONOI_DATA_DIR": str(tmp_path / "instance"),
        "BAONOI_AUDIO_CACHE_DIR": str(tmp_path / "audio"),
        "BAONOI_TTS_ENGINE": "espeak",
        "BAONOI_ALLOWED_HOSTS": "localhost",
    }
    running = Processes(env, tmp_path)
    log = tmp_path / "web.log"
    try:
        base = running.web("web")
        assert post_page(base, sample_page, "sample").status_code == 201
        assert requests.get(f"{base}/articles/nope", timeout=10).status_code == 404
        page = {"url": "http://localhost/tin-tuc/bai.html"}  # a portal at a private address
        for _ in range(2):  # the second is answered from the remembered refusal, if the first
            frame = requests.get(f"{base}/embed", params=page, timeout=30)  # was "pending"
            if frame.status_code != 202:
                break
            wait_until(lambda: "portal fetch" in log.read_text(), 30, "no fetch line")
        wait_until(lambda: "synthesis of sample" in log.read_text(), 180, "no synthesis line")
        wait_until(lambda: "BAONOI_PERMITTED_NETWORKS" in log.read_text(), 30, "no fetch refusal")
    finally:
        running.stop_all()
    lines = log.read_text(encoding="utf-8").splitlines()

    def one(*words: str) -> str:
        found = [line for line in lines if all(word in line for word in words)]
        assert len(found) == 1, (words, lines)
        return found[0]

    assert "client 127.0.0.1" in one("INFO", "ingest sample: new")
    assert "client 127.0.0.1" in one("INFO", "refused 404", "/articles/nope")
    one("INFO", "synthesis of sample: ready")
    one("portal fetch", "localhost")
    text = "\n".join(lines)
    assert "chất lượng" not in text  # the article's words never reach the log
